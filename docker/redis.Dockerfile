# Redis from Debian's package (7.0.15, the same release as the official redis:7.0.15 the provider pins), honouring
# what the provider uses of the official image: `docker-entrypoint.sh redis-server ...` run as the redis user in
# /data, redis-cli on PATH.
FROM localhost/debian:bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server redis-tools gosu \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
LABEL org.accessbench.stand-in-for="redis" org.accessbench.server="Redis 7.0.15 (Debian bookworm)"
WORKDIR /data
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 6379
CMD ["redis-server"]
