#!/usr/bin/env bash
# A container engine for the docker provider where no image registry is reachable: podman (Debian package) serving
# the Docker API on a unix socket, a Debian base image made with debootstrap, and the stand-in images under docker/
# built on it. Each step is skipped when its result is already present, so a second `setup` takes seconds.
#
#   scripts/container-engine.sh setup   # install/configure podman, build the base and stand-in images
#   scripts/container-engine.sh start   # setup, then serve the Docker API (prints the service's pid)
#   scripts/container-engine.sh env     # the variables the harness and its tests need (eval "$(... env)")
#   scripts/container-engine.sh stop    # stop the API service this script started (by its recorded pid)
#   scripts/container-engine.sh status  # is the service answering; which images exist
#
# Needs root (apt-get, /etc/containers, /run/podman). Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."

SOCKET_DIR=/run/podman
SOCKET=$SOCKET_DIR/podman.sock
PIDFILE=$SOCKET_DIR/accessbench-service.pid
HEALTH_PIDFILE=$SOCKET_DIR/accessbench-health.pid
LOG=$SOCKET_DIR/accessbench-service.log
BASE_IMAGE=localhost/debian:bookworm
PG_IMAGE=localhost/accessbench-postgres:15-bookworm
REDIS_IMAGE=localhost/accessbench-redis:7.0.15-bookworm
MEMCACHED_IMAGE=localhost/accessbench-memcached:1.6.18-bookworm
FERRETDB_IMAGE=localhost/accessbench-ferretdb:1.24.2
PGBOUNCER_IMAGE=localhost/accessbench-pgbouncer:1.18.0-bookworm
FERRETDB_VERSION=v1.24.2

die() { echo "container-engine: $*" >&2; exit 1; }
say() { echo "container-engine: $*"; }
timed() { # timed LABEL CMD...: runs CMD, prints its duration
  local label=$1 t0=$SECONDS
  shift
  "$@"
  say "$label took $((SECONDS - t0)) s"
}

install_engine() {
  local need=()
  command -v podman >/dev/null 2>&1 || need+=(podman)
  command -v runc >/dev/null 2>&1 || need+=(runc)
  command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
  command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

# podman's defaults fail here: containers are refused CAP_SYS_RESOURCE to raise their ulimits, and crun refuses the
# hybrid cgroup layout. Fixed ulimits and runc avoid both. An existing file is left alone unless it lacks these.
configure_engine() {
  local conf=/etc/containers/containers.conf
  if [ -f "$conf" ] && grep -q '^runtime *= *"runc"' "$conf" && grep -q '^default_ulimits' "$conf"; then return; fi
  [ -s "$conf" ] && die "$conf exists without runtime=\"runc\" and default_ulimits; add them by hand (see this script)"
  mkdir -p /etc/containers
  cat >"$conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000","nproc=32768:32768"]
[engine]
runtime = "runc"
EOF
  say "wrote $conf"
}

has_image() { podman image exists "$1"; }

# A stand-in image is rebuilt when its recipe (Dockerfile, entrypoint) changed since it was built: the recipe's hash
# is a label on the image.
recipe_hash() { cat "docker/$1.Dockerfile" "docker/$1"-entrypoint.sh 2>/dev/null | sha256sum | cut -c1-16; }
current() { # current IMAGE RECIPE: present and built from this recipe
  has_image "$1" && [ "$(podman image inspect --format '{{ index .Labels "org.accessbench.recipe" }}' "$1")" = "$(recipe_hash "$2")" ]
}
build() { # build IMAGE RECIPE CONTEXT
  podman build -q --label "org.accessbench.recipe=$(recipe_hash "$2")" -t "$1" -f "docker/$2.Dockerfile" "$3" >/dev/null
}

# The Debian mirror apt already uses, so the image needs no other network access than the host's.
debian_mirror() {
  local m
  m=$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null |
    grep -oE 'https?://[^ ]+' | head -1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

build_base() {
  has_image "$BASE_IMAGE" && return
  local dir
  dir=$(mktemp -d /var/tmp/accessbench-debootstrap.XXXXXX)
  # shellcheck disable=SC2064 # expand now: the directory is known
  trap "rm -rf '$dir'" RETURN
  say "debootstrap bookworm from $(debian_mirror)"
  debootstrap --variant=minbase bookworm "$dir" "$(debian_mirror)" >"$dir.log" 2>&1 ||
    { tail -5 "$dir.log" >&2; rm -f "$dir.log"; die "debootstrap failed"; }
  rm -f "$dir.log"
  tar -C "$dir" -c . | podman import -q - "$BASE_IMAGE" >/dev/null
}

build_images() {
  current "$PG_IMAGE" postgres || build "$PG_IMAGE" postgres docker
  current "$REDIS_IMAGE" redis || build "$REDIS_IMAGE" redis docker
  current "$PGBOUNCER_IMAGE" pgbouncer || build "$PGBOUNCER_IMAGE" pgbouncer docker
  current "$MEMCACHED_IMAGE" memcached || build "$MEMCACHED_IMAGE" memcached docker
  if ! current "$FERRETDB_IMAGE" ferretdb; then
    local ferret ctx
    ferret=$(command -v ferretdb) || die "ferretdb not on PATH (.ci/run builds $FERRETDB_VERSION)"
    # Captured first: grep -q closing the pipe early would fail the pipeline under pipefail.
    local version
    version=$("$ferret" --version 2>&1 || true)
    [[ "$version" == *"version: $FERRETDB_VERSION"* ]] || die "$ferret is not FerretDB $FERRETDB_VERSION"
    ctx=$(mktemp -d)
    cp "$ferret" "$ctx/ferretdb"
    cp docker/ferretdb-entrypoint.sh "$ctx/"
    build "$FERRETDB_IMAGE" ferretdb "$ctx" || { rm -rf "$ctx"; die "ferretdb image build failed"; }
    rm -rf "$ctx"
  fi
}

answering() { curl -sf --max-time 2 --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1; }

setup() {
  [ "$(id -u)" = 0 ] || die "needs root (apt-get, /etc/containers, $SOCKET_DIR)"
  timed "engine install" install_engine
  configure_engine
  timed "base image" build_base
  timed "stand-in images" build_images
}

start() {
  setup
  if answering; then say "API already answering on $SOCKET"; return; fi
  mkdir -p "$SOCKET_DIR"
  # setsid: the service outlives this script (CI stops it by pid at the end), and Ctrl-C in the caller's terminal
  # does not reach it mid-run.
  setsid podman system service --time=0 "unix://$SOCKET" >"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 50); do answering && break; sleep 0.2; done
  answering || { tail -5 "$LOG" >&2; die "podman system service did not answer on $SOCKET"; }
  say "API service pid $(cat "$PIDFILE") on $SOCKET"
  # podman runs healthchecks from systemd timers; without systemd (a CI container) they never run, and both the
  # provider (testcontainers' health wait) and compose's depends_on would wait forever. This loop runs them for
  # containers still starting, once a second (their interval); a healthy container is not checked again, so a
  # running benchmark pays nothing for it.
  # shellcheck disable=SC2016 # expanded by the inner bash, once a second
  setsid bash -c 'while :; do
      for id in $(podman ps -q --filter health=starting 2>/dev/null); do podman healthcheck run "$id" >/dev/null 2>&1 || true; done
      sleep 1
    done' >/dev/null 2>&1 </dev/null &
  echo $! >"$HEALTH_PIDFILE"
  say "healthcheck runner pid $(cat "$HEALTH_PIDFILE")"
}

stop_pid() { # stop_pid PIDFILE WHAT: the process group this script started (setsid made the pid its leader)
  [ -f "$1" ] || { say "no $2 started by this script"; return 0; }
  local pid
  pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill -- "-$pid" 2>/dev/null || kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid"; fi
    say "stopped $2 pid $pid"
  fi
  rm -f "$1"
}

stop() {
  stop_pid "$HEALTH_PIDFILE" "healthcheck runner"
  stop_pid "$PIDFILE" "API service"
}

env_vars() {
  # Ryuk (testcontainers' reaper) is an image that cannot be pulled; the provider removes what it starts itself.
  # /.dockerenv makes testcontainers use the bridge gateway; published ports are on 127.0.0.1, so use loopback.
  cat <<EOF
export DOCKER_HOST=unix://$SOCKET
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export ACCESSBENCH_POSTGRES_IMAGE=$PG_IMAGE
export ACCESSBENCH_REDIS_IMAGE=$REDIS_IMAGE
export ACCESSBENCH_MEMCACHED_IMAGE=$MEMCACHED_IMAGE
export ACCESSBENCH_MONGO_IMAGE=$FERRETDB_IMAGE
export ACCESSBENCH_PGBOUNCER_IMAGE=$PGBOUNCER_IMAGE
EOF
}

status() {
  if answering; then say "API answering on $SOCKET"; else say "API not answering on $SOCKET"; fi
  for i in "$BASE_IMAGE" "$PG_IMAGE" "$REDIS_IMAGE" "$MEMCACHED_IMAGE" "$FERRETDB_IMAGE" "$PGBOUNCER_IMAGE"; do
    if has_image "$i"; then say "image $i present"; else say "image $i missing"; fi
  done
}

case "${1:-}" in
  setup) setup ;;
  start) start ;;
  stop) stop ;;
  env) env_vars ;;
  status) status ;;
  *) die "usage: $0 setup|start|stop|env|status" ;;
esac
