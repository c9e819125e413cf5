#!/usr/bin/env bash
# Starts a private PostgreSQL cluster (Debian's postgresql 15) on 127.0.0.1, for machines without
# Docker. Idempotent. Data lives in $WFP_PG_DATA (default /tmp/wfp-postgres), port $WFP_PG_PORT
# (default 55432), trust auth on loopback only. Prints the connection string as its last line.
set -euo pipefail

PORT="${WFP_PG_PORT:-55432}"
DATA="${WFP_PG_DATA:-/tmp/wfp-postgres}"

find_bin() {
  local name=$1
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/$name" ] && { echo "$dir/$name"; return 0; }
  done
  command -v "$name" || return 1
}

if ! find_bin pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed; run: sudo apt-get install postgresql" >&2
    exit 1
  fi
  echo "installing postgresql from Debian..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
PG_CTL=$(find_bin pg_ctl)
INITDB=$(find_bin initdb)
PG_ISREADY=$(find_bin pg_isready)

# PostgreSQL refuses to run as root: use the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    su -s /bin/sh postgres -c "$*"
  else
    sh -c "$*"
  fi
}

if "$PG_ISREADY" -q -h 127.0.0.1 -p "$PORT"; then
  echo "postgres already answers on 127.0.0.1:$PORT" >&2
else
  if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
    as_owner "'$INITDB' -D '$DATA' -A trust -U postgres -E UTF8 >/dev/null"
  fi
  echo "starting postgres on 127.0.0.1:$PORT..." >&2
  as_owner "'$PG_CTL' -D '$DATA' -l '$DATA/server.log' -w -t 60 -o \"-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$DATA' -c max_connections=300 -c fsync=off\" start >/dev/null"
fi
echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
