#!/bin/sh
# Takes the official mongo image's command (`mongod --bind_ip_all`), so the provider and docker-compose.yml run this
# stand-in unchanged: mongod and its flags are dropped, FerretDB is configured by its FERRETDB_* environment.
# MONGO_INITDB_ROOT_* are ignored: FerretDB 1.x over SQLite has no SCRAM users (clients connect without credentials).
set -eu
if [ "${1:-}" = 'mongod' ]; then set --; fi
exec ferretdb "$@"
