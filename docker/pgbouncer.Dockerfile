# PgBouncer from Debian's package (1.18.0, the release the local provider runs from /usr/sbin/pgbouncer). There is no
# official PgBouncer image; this recipe is the docker provider's image (src/infra/docker/pgbouncer.ts writes the
# config from the environment and starts it as the postgres user, since PgBouncer refuses to run as root).
FROM localhost/debian:bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends pgbouncer \
 && rm -rf /var/lib/apt/lists/* \
 && (id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres)
LABEL org.accessbench.server="PgBouncer 1.18.0 (Debian bookworm)"
EXPOSE 6432
CMD ["pgbouncer", "--version"]
