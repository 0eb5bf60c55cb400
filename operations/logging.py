"""Structured logs: structlog for our own lines, and the standard library's (Django's,
the task worker's, gunicorn's) routed through the same processors, so that every line
is one JSON object in production and readable text in development.

A line carries timestamp, level, logger and event, and inside a request the request_id
(and user_id once the request knows its user) bound by `RequestLogMiddleware`. Nothing
here adds request bodies, headers or cookies: a line holds only what is passed to it."""

import sys

import structlog

SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def configure_structlog() -> None:
    """structlog's own loggers hand their event to the standard library's handlers."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def logging_config(log_format: str = "json", level: str = "INFO") -> dict:
    """The LOGGING setting: one console handler whose formatter renders JSON lines
    (`json`) or coloured text (`console`)."""
    if log_format == "console":
        final = [structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())]
    else:
        final = [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structlog": {
                "()": structlog.stdlib.ProcessorFormatter,
                "foreign_pre_chain": SHARED_PROCESSORS,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    *final,
                ],
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structlog"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers (plain text to the console in debug, mail to the
            # admins) give way to the root's; our request line replaces runserver's.
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
            # Every task logs its start and end at INFO; that is noise, not news.
            "django_tasks": {"level": "WARNING"},
            "weasyprint.progress": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            "botocore": {"level": "WARNING"},
            "boto3": {"level": "WARNING"},
            "urllib3": {"level": "WARNING"},
            # django-axes announces its configuration at every start; lock-outs are in
            # the audit log.
            "axes": {"level": "WARNING"},
        },
    }


def quiet_logging_config() -> dict:
    """Tests: warnings and errors only, as plain text (pytest captures them)."""
    return logging_config("console", "WARNING")
