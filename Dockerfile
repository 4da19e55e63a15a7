# Voices in Care: the production image. Build: docker build -t voices-in-care .
# (Without Docker Hub: scripts/local-base-image, then --build-arg BASE_IMAGE=voices-base:bookworm.)
# Run with compose.yaml (PostgreSQL, Redis, migrations, web, worker, scheduler); README "Run it for real".
# The container needs no writable folder: settings come from the environment (DATABASE_URL and SECRET_KEY
# are required), logs go to stdout/stderr, gunicorn's heartbeats to /dev/shm.
# BASE_IMAGE: only for a machine that can't pull from Docker Hub (scripts/local-base-image makes a
# stand-in from Debian packages); production keeps the default.
ARG BASE_IMAGE=python:3.11-slim-bookworm
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango and HarfBuzz for WeasyPrint (the board report's PDF) and a font; the PostgreSQL client tools for
# scripts/backup and scripts/restore. The font cache is made here, for font folders whose times are whole
# seconds: an image layer keeps no fractions of a second, so a cache made for the installed folders' times
# no longer matches them, and a read-only container, which can't write a new one, then logs "Fontconfig
# error: No writable cache directories" a dozen times and reads the fonts again for every PDF.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
      postgresql-client fontconfig \
 && rm -rf /var/lib/apt/lists/* \
 && find $(ls -d /usr/share/fonts /usr/local/share/fonts 2>/dev/null) -type d -exec touch -m -d "@$(date +%s)" {} + \
 && fc-cache -f

WORKDIR /app
# Dependencies first (their layer is reused while only the app's code changes), at the tested versions.
COPY constraints.txt ./
COPY pyproject.toml README.md hatch_build.py ./
COPY survey_app ./survey_app
COPY analysis ./analysis
COPY templates ./templates
COPY questionnaires ./questionnaires
COPY migrations ./migrations
RUN pip install -c constraints.txt '.[postgres,server]' \
 && rm -rf survey_app analysis templates questionnaires migrations
COPY gunicorn.conf.py ./
COPY scripts/backup scripts/restore ./scripts/

# Never root. The app's files belong to root and are read-only to it. uid and gid 10001 (--system would
# give a gid below 1000 and warn that 10001 is above the system range).
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin voices
USER voices

ENV PORT=8000 WEB_CONCURRENCY=4 LOG_FORMAT=json FLASK_APP=survey_app
EXPOSE 8000
# The health check is compose.yaml's (web only: the worker and scheduler use this image too).
CMD ["gunicorn", "-c", "gunicorn.conf.py", "survey_app:create_app()"]
