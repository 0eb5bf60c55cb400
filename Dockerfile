# syntax=docker/dockerfile:1
# Raadsvolg's image: gunicorn with the production settings. The same image runs the web
# process, the tasks worker (`manage.py db_worker`), the daily reminders (bin/daily) and
# the migrate step; see compose.yaml and the README's "Production" section.

# What every stage needs at run time: WeasyPrint's Pango and fonts for the letters.
FROM python:3.11-slim-bookworm AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core tzdata \
 && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/app/.venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    DJANGO_STATIC_ROOT=/app/static \
    DJANGO_MEDIA_ROOT=/app/media \
    TZ=Europe/Amsterdam
WORKDIR /app

# The dependencies from uv.lock (no dev group), the translations and the static files.
FROM runtime AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.8
ENV UV_PROJECT_ENVIRONMENT=/app/.venv UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# Build-time only values: nothing connects to this database or uses this key.
RUN DJANGO_SECRET_KEY=build-only-not-secret DATABASE_URL=postgres://build@localhost/build \
    sh -c 'python manage.py compilemessages --ignore=.venv -v0 \
        && python manage.py collectstatic --no-input -v0'

FROM runtime
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin raadsvolg \
 && mkdir -p /app/media && chown raadsvolg /app/media
COPY --from=builder --chown=root:root /app /app
# Numeric, so that an orchestrator can verify runAsNonRoot.
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz/', timeout=4).status != 200)"]
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
