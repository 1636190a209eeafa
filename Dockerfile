# The alliancegraph API (and viewer, and the `alliances` command) as an image.
# Used by docker-compose.yml next to a Neo4j server; runs on any backend the ALLIANCES_* variables select.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first (a layer that changes only with pyproject.toml) ...
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; d = tomllib.load(open('pyproject.toml', 'rb')); \
open('/tmp/requirements.txt', 'w').write('\n'.join(d['project']['dependencies']))" \
    && pip install -r /tmp/requirements.txt

# ... then the code (graph, api, loaders with the bundled dataset, cli).
COPY graph ./graph
COPY api ./api
COPY loaders ./loaders
COPY cli ./cli
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 alliances

USER alliances
ENV ALLIANCES_HOST=0.0.0.0 \
    ALLIANCES_PORT=8000
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4)" || exit 1

CMD ["sh", "-c", "alliances load --bundled --if-empty && alliances serve --host 0.0.0.0"]
