"""gunicorn's settings (`gunicorn -c config/gunicorn.py config.wsgi`); the environment
overrides them (GUNICORN_CMD_ARGS, WEB_CONCURRENCY). Its own lines are JSON like
Django's; there is no access log: Raadsvolg logs one line per request itself."""

import os

from operations.logging import configure_structlog, logging_config

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Rendering a long letter or reading a large upload can take a while.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, so a slow leak cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100
accesslog = None
# Inside a container /tmp may be slow disk; heartbeats go to memory.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

configure_structlog()
logconfig_dict = logging_config(
    os.environ.get("DJANGO_LOG_FORMAT", "json"), os.environ.get("DJANGO_LOG_LEVEL", "INFO")
)
logconfig_dict["loggers"]["gunicorn.error"] = {"level": "INFO", "propagate": True}
logconfig_dict["loggers"]["gunicorn.access"] = {"level": "WARNING", "propagate": True}
