#!/usr/bin/env bash
# A worker run as a fleet replica for a benchmark or smoke run (waiting-commands.sh, smoke-published.sh with MODE=fleet):
# a RabbitMQ vhost and a PostgreSQL database of the run's own, and the standalone emulator as "the real API".
#   fleet-replica.sh create NAME                 the vhost NAME (guest may use it) and the database NAME
#   fleet-replica.sh args NAME EMULATOR_PORT     the worker's arguments for them, one per line
#   fleet-replica.sh drop NAME                   both gone again (nothing to drop is not an error)
# The broker and the database are WFP_TEST_RABBITMQ and WFP_TEST_POSTGRES's (README, "Tests"), the management API on
# 127.0.0.1:15672.
set -euo pipefail
command=${1:?usage: fleet-replica.sh create|args|drop NAME [EMULATOR_PORT]}
name=${2:?usage: fleet-replica.sh create|args|drop NAME [EMULATOR_PORT]}
amqp=${WFP_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}
pg=${WFP_TEST_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}
postgres="host=127.0.0.1 port=55432 user=postgres dbname=postgres"
case $command in
  create)
    psql "$postgres" -qc "create database $name" >/dev/null
    curl -sf -u guest:guest -XPUT "http://127.0.0.1:15672/api/vhosts/$name" >/dev/null
    curl -sf -u guest:guest -XPUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
      "http://127.0.0.1:15672/api/permissions/$name/guest" >/dev/null
    ;;
  args)
    emulator_port=${3:?usage: fleet-replica.sh args NAME EMULATOR_PORT}
    printf '%s\n' --RabbitMq:Uri "${amqp%/}/$name" --Database:Provider Postgres \
      --Database:ConnectionString "${pg/Database=postgres/Database=$name}" --Cloudflare:Mode Api \
      --Cloudflare:BaseAddress "http://127.0.0.1:$emulator_port/client/v4/" \
      --Cloudflare:AccountId 023e105f4ecef8ad9ca31a8372d0c353 --Cloudflare:ApiToken wfp-emulator-dev-token
    ;;
  drop)
    curl -sf -u guest:guest -XDELETE "http://127.0.0.1:15672/api/vhosts/$name" >/dev/null || true
    psql "$postgres" -qc "drop database if exists $name with (force)" >/dev/null || true
    ;;
  *) echo "unknown command '$command': create, args or drop" >&2; exit 2 ;;
esac
