#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the store tests and print its URL on stdout:
#   postgresql+psycopg://postgres@127.0.0.1:PORT/pairwise_test
# Installs Debian's postgresql if no server binaries are found (needs root + apt-get), initdb's a
# temporary cluster owned by the 'postgres' user (or the current user when not root) in $PG_DIR
# (default: a new temp dir), starts it on 127.0.0.1 with pg_ctl, and creates the database.
# Stop it with:  scripts/start_postgres.sh --stop "$PG_DIR"
set -euo pipefail

log() { echo "start_postgres: $*" >&2; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return 0; fi
  return 1
}

as_owner() {  # run a command as the cluster owner
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = "--stop" ]; then
  BIN=$(find_bin) || exit 0
  [ -n "${2:-}" ] && [ -d "$2/data" ] && as_owner "$BIN/pg_ctl" -D "$2/data" -m fast -w stop >&2 || true
  case "${2:-}" in /tmp/pairwise-pg.*) rm -rf "$2" ;; esac   # only a directory this script made
  exit 0
fi

if ! BIN=$(find_bin); then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's postgresql"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
    BIN=$(find_bin) || { log "postgresql installed but no initdb/pg_ctl found"; exit 1; }
  else
    log "no PostgreSQL server binaries and cannot install them (need root and apt-get)"
    exit 1
  fi
fi

if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

PG_DIR=${PG_DIR:-$(mktemp -d /tmp/pairwise-pg.XXXXXX)}
mkdir -p "$PG_DIR"
chmod 755 "$PG_DIR"
[ "$(id -u)" = "0" ] && chown postgres "$PG_DIR"

PORT=${PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}

as_owner "$BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
  || as_owner "$BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 >"$PG_DIR/initdb.log" 2>&1 \
  || { log "initdb failed:"; cat "$PG_DIR/initdb.log" >&2; exit 1; }
as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off" -w start >&2 \
  || { log "the server did not start:"; cat "$PG_DIR/server.log" >&2; exit 1; }
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres pairwise_test
log "PostgreSQL $("$BIN/pg_ctl" --version | awk "{print \$3}") running in $PG_DIR on 127.0.0.1:$PORT"
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/pairwise_test"
