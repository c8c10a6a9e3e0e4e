"""gunicorn's settings, read by the Dockerfile's and docker-compose.yml's gunicorn command."""

# The access log masks the calendar feed's secret token (convenant/logboek.py).
logger_class = "convenant.logboek.GunicornLogger"
accesslog = "-"
