# Memcached from Debian's package (1.6.18, the same release as the official memcached:1.6.18 the provider pins),
# honouring what the provider uses of the official image: `docker-entrypoint.sh memcached ...` run as the memcache
# user, options alone meaning memcached, bash for the healthcheck.
FROM localhost/debian:bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends memcached \
 && rm -rf /var/lib/apt/lists/*
COPY memcached-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
LABEL org.accessbench.stand-in-for="memcached" org.accessbench.server="Memcached 1.6.18 (Debian bookworm)"
USER memcache
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 11211
CMD ["memcached"]
