#!/bin/sh
# As the official redis image: options alone mean redis-server; as root, drop to the redis user.
set -eu
case "${1:-}" in -*) set -- redis-server "$@" ;; esac
if [ "${1:-}" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then exec gosu redis "$@"; fi
exec "$@"
