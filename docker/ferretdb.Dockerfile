# FerretDB 1.24.2 (MongoDB wire protocol over SQLite), the MongoDB stand-in where no mongo image can be pulled. The
# binary is the one CI builds (.ci/run), copied into the build context by scripts/container-engine.sh. It is not
# MongoDB: results name this image and FerretDB's version, and `compare` refuses to compare it with MongoDB.
FROM localhost/debian:bookworm
COPY ferretdb /usr/local/bin/ferretdb
COPY ferretdb-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN useradd --system --home-dir /data ferretdb && mkdir -p /data/db && chown -R ferretdb /data
# Configured by FerretDB's own environment variables, as the local provider configures it by flags.
ENV FERRETDB_HANDLER=sqlite FERRETDB_SQLITE_URL=file:/data/db/ FERRETDB_STATE_DIR=/data \
    FERRETDB_LISTEN_ADDR=:27017 FERRETDB_DEBUG_ADDR=- FERRETDB_TELEMETRY=disable FERRETDB_LOG_LEVEL=warn
LABEL org.accessbench.stand-in-for="mongo" org.accessbench.server="FerretDB 1.24.2 (SQLite)"
USER ferretdb
WORKDIR /data
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 27017
