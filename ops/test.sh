#!/usr/bin/env bash
# The project's test command (README): builds, starts RabbitMQ and PostgreSQL where the tests
# need them and none is configured, runs every test project, and prints `N passed, N failed`.
#
# Services: set WFP_TEST_RABBITMQ (an amqp:// URI) and WFP_TEST_POSTGRES (an Npgsql connection
# string) to use your own; where Docker runs, set WFP_TEST_USE_TESTCONTAINERS=1 to let the tests
# start containers instead. Otherwise this script starts Debian's services through ops/.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Emulator").
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${WFP_TEST_USE_TESTCONTAINERS:-}" ]; then
  if [ -z "${WFP_TEST_RABBITMQ:-}" ]; then
    WFP_TEST_RABBITMQ=$(ops/rabbitmq/start.sh | tail -n 1) || { echo "could not start RabbitMQ" >&2; exit 1; }
    export WFP_TEST_RABBITMQ
  fi
  if [ -z "${WFP_TEST_POSTGRES:-}" ]; then
    WFP_TEST_POSTGRES=$(ops/postgres/start.sh | tail -n 1) || { echo "could not start PostgreSQL" >&2; exit 1; }
    export WFP_TEST_POSTGRES
  fi
fi

# The 3-node cluster of the failover test is opt-in (WFP_TEST_START_CLUSTER=1, about 30 s to start on a quiet
# machine, 107 s measured on a shared 2-core one; one already running is used and left running): the start and the
# test (51-103 s) are more than a default test may add to every run (README, Tests); without it the test is skipped
# with its reason. WFP_TEST_RABBITMQ_CLUSTER names a cluster of your own.
cluster_started=
if [ "${WFP_TEST_START_CLUSTER:-}" = 1 ] && [ -z "${WFP_TEST_RABBITMQ_CLUSTER+set}" ] && command -v rabbitmq-server >/dev/null 2>&1; then
  ops/rabbitmq/cluster.sh status 2>/dev/null | grep -q "3 of 3" || cluster_started=1
  if WFP_TEST_RABBITMQ_CLUSTER=$(ops/rabbitmq/cluster.sh start | tail -n 1); then
    export WFP_TEST_RABBITMQ_CLUSTER
  else
    cluster_started=
    echo "could not start the RabbitMQ cluster; its test is skipped" >&2
    unset WFP_TEST_RABBITMQ_CLUSTER
  fi
fi

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

dotnet build Worker.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name" >&2
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --blame-hang-timeout 10m --results-directory "$results" "$@" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  # <Counters total=".." executed=".." passed=".." failed=".." ...> summarises one test project.
  p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
[ -n "$cluster_started" ] && ops/rabbitmq/cluster.sh stop
# Name every failed test with the top of its message and stack, so a CI log that keeps only its tail still says
# which failed and why.
ls "$results"/*.trx >/dev/null 2>&1 && perl ops/trx-failures.pl "$results"/*.trx
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the run broke without a failing test (crash, timeout, build): never report green
fi
echo "$passed passed, $failed failed"
exit "$status"
