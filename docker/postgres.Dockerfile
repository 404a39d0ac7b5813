# PostgreSQL from Debian's packages, honouring what the docker provider uses of the official postgres image:
# POSTGRES_USER/PASSWORD/DB, initdb on first start, /docker-entrypoint-initdb.d, `docker-entrypoint.sh`, gosu,
# PGDATA=/var/lib/postgresql/data, a server that listens inside the container, pg_basebackup/psql/pg_isready on PATH.
# Debian bookworm packages PostgreSQL 15 only, so this is 15 where the official image the provider pins is 17: the
# version that ran is in every result (server string and image), never passed off as 17.
FROM localhost/debian:bookworm
ARG PG_MAJOR=15
# The package's postinst would create and start a "main" cluster; the entrypoint creates the only one, in PGDATA.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-common \
 && sed -ri 's/^#?\s*create_main_cluster\s*=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR" gosu \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /docker-entrypoint-initdb.d /var/run/postgresql \
 && chown postgres:postgres /var/run/postgresql
ENV PG_MAJOR=$PG_MAJOR PATH=/usr/lib/postgresql/$PG_MAJOR/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
LABEL org.accessbench.stand-in-for="postgres" org.accessbench.server="PostgreSQL $PG_MAJOR (Debian bookworm)"
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
