#!/bin/sh
# As the official memcached image: options alone mean memcached.
set -eu
case "${1:-}" in -*) set -- memcached "$@" ;; esac
exec "$@"
