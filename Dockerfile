# Production image: gunicorn serves the application, whitenoise its static files.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; gettext compiles the translations.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install -r requirements.lock
COPY . .
# Building needs a key of the required length, but never the real one.
ARG BUILD_KEY=alleen-om-de-image-te-bouwen-geen-geheim-want-niet-gebruikt
RUN SECRET_KEY=$BUILD_KEY python manage.py compilemessages --ignore=.venv -v0 \
 && SECRET_KEY=$BUILD_KEY python manage.py collectstatic --no-input -v0 \
 && useradd --system --home /app app && chown -R app /app \
 && mkdir -p /data/prive && chown app /data/prive
USER app
EXPOSE 8000
CMD ["gunicorn", "convenant.wsgi:application", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
