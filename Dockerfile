# The web app, the celery worker and celery beat share this image (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH

# DejaVu Sans for the PDFs (ips/pdf.py; the repository bundles a fallback copy for `make run`).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.8

WORKDIR /app
# Dependencies first (the locked production set, no dev tools) so code edits reuse this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
# Hashed, compressed static files served by whitenoise; the key is only for this step.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-used-at-run-time \
    STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage \
    python manage.py collectstatic --noinput --verbosity 0

RUN useradd --system --uid 1000 --home-dir /app ips \
    && mkdir -p /app/media && chown -R ips /app/media
USER ips

EXPOSE 8000
CMD ["gunicorn", "ips.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
