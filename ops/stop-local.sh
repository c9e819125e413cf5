#!/usr/bin/env bash
# Stops what ops/rabbitmq/start.sh, ops/rabbitmq/cluster.sh and ops/postgres/start.sh started.
set -uo pipefail
DATA="${WFP_PG_DATA:-/tmp/wfp-postgres}"
for dir in /usr/lib/postgresql/*/bin; do
  if [ -x "$dir/pg_ctl" ] && [ -f "$DATA/postmaster.pid" ]; then
    if [ "$(id -u)" -eq 0 ]; then su -s /bin/sh postgres -c "'$dir/pg_ctl' -D '$DATA' stop -m fast"; else "$dir/pg_ctl" -D "$DATA" stop -m fast; fi
    break
  fi
done
rabbitmqctl -q stop >/dev/null 2>&1 || service rabbitmq-server stop >/dev/null 2>&1 || true
"$(dirname "$0")/rabbitmq/cluster.sh" stop 2>/dev/null || true
