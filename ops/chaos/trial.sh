#!/usr/bin/env bash
# A first operator trial of the fleet (the full chaos run of issue 6 is still to come): two worker processes on
# RabbitMQ + PostgreSQL (ops/rabbitmq/start.sh, ops/postgres/start.sh) and the standalone emulator on 127.0.0.1:8795 (EPORT)
# with 200 ms on every call and 10 % 503 on kv.create; 30 provisions through the front door; worker A SIGKILLed
# 3 s in and restarted; then every Cloudflare call fails with 503 for 20 s. Prints the outcomes, p50/p99/max
# command-to-outcome latency (seconds, from the command store), what the emulator holds, and whether the token leaked
# into a log. Needs a Release build (dotnet build Worker.sln -c Release). Work files go to the current directory.
# Scaled down "2-minute outage in the middle of 100 provisions" (issue 6 §3):
#   TENANTS=100 KILL=0 FLAKY=0 OUTAGE_AT=4 OUTAGE_SECONDS=30 ops/chaos/trial.sh
set -u
TENANTS=${TENANTS:-30}; EPORT=${EPORT:-8795}; APORT=${APORT:-8181}; BPORT=${BPORT:-8182}; KILL=${KILL:-1}; FLAKY=${FLAKY:-1}; OUTAGE_AT=${OUTAGE_AT:-0}; OUTAGE_SECONDS=${OUTAGE_SECONDS:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
W=$root/src/Provisioning.Worker/bin/Release/net10.0/Provisioning.Worker.dll
E=$root/src/Provisioning.CloudflareEmulator/bin/Release/net10.0/Provisioning.CloudflareEmulator.dll
DB=wfp_chaos_$$
psql "host=127.0.0.1 port=55432 user=postgres dbname=postgres" -qc "create database $DB" >/dev/null
curl -s -u guest:guest -XPUT http://127.0.0.1:15672/api/vhosts/$DB >/dev/null
curl -s -u guest:guest -XPUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' http://127.0.0.1:15672/api/permissions/$DB/guest >/dev/null
dotnet $E --urls http://127.0.0.1:$EPORT > emulator.log 2>&1 & EPID=$!
sleep 4
common=(RabbitMq__Uri=amqp://guest:guest@127.0.0.1:5672/$DB Database__Provider=Postgres "Database__ConnectionString=Host=127.0.0.1;Port=55432;Username=postgres;Database=$DB"
  Cloudflare__Mode=Api Cloudflare__BaseAddress=http://127.0.0.1:$EPORT/client/v4/ Cloudflare__AccountId=023e105f4ecef8ad9ca31a8372d0c353 Cloudflare__ApiToken=wfp-emulator-dev-token
  Provisioning__StalledOperationTimeout=00:05:00)
start() { env "${common[@]}" dotnet $W --urls http://127.0.0.1:$1 > worker-$1.log 2>&1 & echo $!; }
A=$(start $APORT); B=$(start $BPORT)
for p in $APORT $BPORT; do for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$p/health/ready >/dev/null && break; sleep 0.5; done; done
# Cloudflare-like: 200 ms on every call, 10 % 503 on uploads and creates.
F=http://127.0.0.1:$EPORT/__emulator/faults
[ "$FLAKY" = 1 ] && curl -s -XPOST $F -H 'content-type: application/json' -d '{"operation":"kv.create","status":503,"probability":0.1}' >/dev/null
latency() { curl -s -XPOST $F -H 'content-type: application/json' -d '{"latencyMs":200}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
LAT=$(latency)
t0=$(date +%s.%N)
for i in $(seq 1 $TENANTS); do
  curl -s -XPOST http://127.0.0.1:$BPORT/commands/provision-tenant -H 'content-type: application/json' \
    -d "{\"tenantId\":\"chaos$i\",\"resources\":[{\"bindingName\":\"CACHE\",\"type\":\"kv_namespace\"},{\"bindingName\":\"DB\",\"type\":\"d1\"}],\"script\":{\"mainModule\":\"index.js\",\"modules\":[{\"name\":\"index.js\",\"content\":\"export default {fetch(){return new Response('hi')}}\"}]}}" >/dev/null
done
if [ "$KILL" = 1 ]; then
  sleep 3; kill -9 $A; echo "SIGKILL worker A at $(echo "$(date +%s.%N) - $t0" | bc) s"
  sleep 2; A=$(start $APORT)
fi
sleep "$OUTAGE_AT"
# The emulator applies the first matching fault only: the latency fault goes while Cloudflare is down, or it would shadow the 503.
curl -s -XDELETE $F/$LAT >/dev/null
OUT=$(curl -s -XPOST $F -H 'content-type: application/json' -d '{"status":503}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "Cloudflare down (every call 503) for $OUTAGE_SECONDS s from $(echo "$(date +%s.%N) - $t0" | bc) s"; sleep "$OUTAGE_SECONDS"; curl -s -XDELETE $F/$OUT >/dev/null; LAT=$(latency)
for s in $(seq 1 150); do
  done_=$(psql "host=127.0.0.1 port=55432 user=postgres dbname=$DB" -tAc "select count(*) from \"TenantCommands\" where \"EndedAt\" is not null")
  [ "$done_" = "$TENANTS" ] && break; sleep 2
done
psql "host=127.0.0.1 port=55432 user=postgres dbname=$DB" -tAc "select \"OutcomeType\", count(*) from \"TenantCommands\" group by 1"
psql "host=127.0.0.1 port=55432 user=postgres dbname=$DB" -tAc "select round(percentile_cont(0.5) within group (order by s)::numeric,2), round(percentile_cont(0.99) within group (order by s)::numeric,2), round(max(s)::numeric,2) from (select extract(epoch from \"EndedAt\" - \"ReceivedAt\") s from \"TenantCommands\") x"
psql "host=127.0.0.1 port=55432 user=postgres dbname=$DB" -tAc "select \"CurrentState\", count(*) from \"TenantStates\" group by 1"
curl -s http://127.0.0.1:$EPORT/__emulator/state | python3 -c "import json,sys; d=json.load(sys.stdin); a=d['accounts'][0] if 'accounts' in d else d; print('scripts', len(a.get('scripts',[])), 'kv', len(a.get('kvNamespaces',[])), 'd1', len(a.get('d1Databases',[])))" 2>&1 | tail -1
grep -h "waiting out a Cloudflare outage" worker-*.log | wc -l | sed 's/^/outage-wait warnings: /'
curl -s http://127.0.0.1:$EPORT/__emulator/counters | python3 -c "import json,sys; c=json.load(sys.stdin); print('answers by status', {k: sum(v['byStatus'].get(k,0) for v in c.values()) for k in sorted({s for v in c.values() for s in v['byStatus']})})"
kill $A $B $EPID 2>/dev/null; sleep 2
grep -l 'wfp-emulator-dev-token' worker-*.log && echo "TOKEN IN LOG" || echo "no token in worker logs"
