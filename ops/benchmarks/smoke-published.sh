#!/usr/bin/env bash
# Smoke check of a built or published worker folder, e.g. a trimmed self-contained publish (README, "Container image"),
# which can lose code that is only reached by reflection: the worker runs on its embedded defaults in an empty folder
# (SQLite, in-memory transport, embedded emulator) and real work goes through its front door: ProvisionTenant with a
# KV namespace, a D1 database, an R2 bucket, a variable and a secret, AttachBinding, DeployScript, DeprovisionTenant and
# an invalid command, each outcome checked, the emulator's state checked after provisioning and after deprovisioning.
# Fails on a wrong outcome, on an exception of a trimmed member (MissingMethodException, TypeLoadException, ...) or
# an error line in the worker's log.
#   ops/benchmarks/smoke-published.sh WORKER_DIR
# MODE=fleet runs the worker as a replica does instead: RabbitMQ (WFP_TEST_RABBITMQ, a vhost of its own), PostgreSQL
# (WFP_TEST_POSTGRES, a database of its own) and the standalone emulator (its Release build) as the API.
# PORT (18193) and EMULATOR_PORT (18797, MODE=fleet) are the worker's and the standalone emulator's ports.
# Needs python3 and curl; for MODE=fleet psql and the emulator's Release build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
worker_dir=$(cd "${1:?usage: smoke-published.sh WORKER_DIR}" && pwd)
port=${PORT:-18193}
emulator_port=${EMULATOR_PORT:-18797}
mode=${MODE:-embedded}
launch_lines=$("$root/ops/benchmarks/worker-command.sh" "$worker_dir")
mapfile -t launch <<< "$launch_lines"
work=$(mktemp -d)
pid=
emulator=
name=wfp_smoke_$$
cleanup() {
  kill $pid $emulator 2>/dev/null || true
  wait $pid $emulator 2>/dev/null || true
  [ "$mode" != fleet ] || "$root/ops/benchmarks/fleet-replica.sh" drop "$name"
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
args=(--urls "http://127.0.0.1:$port" --Emulator:Port 0)
if [ "$mode" = fleet ]; then
  "$root/ops/benchmarks/fleet-replica.sh" create "$name"
  dotnet "$root/src/Provisioning.CloudflareEmulator/bin/Release/net10.0/Provisioning.CloudflareEmulator.dll" --urls "http://127.0.0.1:$emulator_port" > emulator.log 2>&1 &
  emulator=$!
  fleet_args=$("$root/ops/benchmarks/fleet-replica.sh" args "$name" "$emulator_port")
  mapfile -t -O "${#args[@]}" args <<< "$fleet_args"
fi
# Another process on the port would answer in the worker's place.
! curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "port $port is in use: set PORT" >&2; exit 1; }
"${launch[@]}" "${args[@]}" > worker.log 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  kill -0 $pid 2>/dev/null || { echo "the worker exited at start; its log:" >&2; tail -20 worker.log >&2; exit 1; }
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the worker was not ready after 120 s" >&2; exit 1; }
if [ "$mode" = fleet ]; then
  emulator_admin=http://127.0.0.1:$emulator_port/__emulator/
else
  # The embedded emulator's address is in the worker's start-up line (Emulator:Port 0 picks a free port).
  emulator_admin=$(grep -o 'admin API http://[^;]*' worker.log | head -1 | cut -d' ' -f3)
fi
status=0
python3 - "$port" "$emulator_admin" <<'PY' || status=$?
import json, sys, time, uuid, urllib.error, urllib.request
port, admin = int(sys.argv[1]), sys.argv[2]
base = f"http://127.0.0.1:{port}"
tenant = f"smoke-{uuid.uuid4().hex[:8]}"

def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data, {"content-type": "application/json"}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

def command(queue, body, expected):
    body = {"commandId": str(uuid.uuid4()), "tenantId": tenant, **body}
    code, text = http("POST", f"{base}/commands/{queue}", body)
    assert code == 202, f"{queue}: {code} {text}"
    deadline = time.time() + 120
    while time.time() < deadline:
        code, text = http("GET", f"{base}/commands/{body['commandId']}")
        if code == 200:
            answer = json.loads(text)
            assert answer["outcomeType"] == expected, f"{queue}: {answer['outcomeType']} instead of {expected}: {text}"
            print(f"{queue}: {expected}")
            return answer["outcome"]
        time.sleep(0.2)
    raise AssertionError(f"{queue}: no outcome after 120 s")

def emulator_state():
    with urllib.request.urlopen(f"{admin}state", timeout=30) as r:
        return r.read().decode()

module = {"name": "index.js", "content": "export default { fetch() { return new Response('hi'); } };",
          "contentType": "application/javascript+module"}
outcome = command("provision-tenant", {
    "resources": [{"bindingName": "CACHE", "type": "kv_namespace"}, {"bindingName": "DB", "type": "d1"},
                  {"bindingName": "FILES", "type": "r2_bucket"}],
    "bindings": [{"name": "MODE", "type": "plain_text", "text": "production"},
                 {"name": "API_KEY", "type": "secret_text", "text": "smoke-secret-value"}],
    "script": {"mainModule": "index.js", "modules": [module]}}, "TenantProvisioned")
assert len(outcome["resources"]) == 3, outcome
code, text = http("GET", f"{base}/tenants/{tenant}")
status = json.loads(text)
assert code == 200 and status["state"] == "Active", text
names = sorted(b["name"] for b in status["bindings"])
assert names == ["API_KEY", "CACHE", "DB", "FILES", "MODE"], names
state = emulator_state()
for name in ("cache", "db", "files"):
    assert f"wfp-{tenant}-{name}" in state, f"wfp-{tenant}-{name} not in the emulator's state"
assert "smoke-secret-value" not in text, "the secret's value in the tenant status"
print("status: Active with", ", ".join(names), "; the emulator has the three resources")

command("attach-binding", {"resource": {"bindingName": "SESSIONS", "type": "kv_namespace"}}, "BindingAttached")
command("deploy-script", {"script": {"mainModule": "index.js", "modules": [{**module, "content": module["content"].replace("hi", "v2")}]}},
        "ScriptDeployed")
outcome = command("deprovision-tenant", {}, "TenantDeprovisioned")
state = emulator_state()
for name in ("cache", "db", "files", "sessions"):
    assert f"wfp-{tenant}-{name}" not in state, f"wfp-{tenant}-{name} still in the emulator's state"
print("deprovisioned: the emulator has none of the four resources")
command("provision-tenant", {"resources": [{"bindingName": "not a name", "type": "kv_namespace"}]}, "CommandRejected")
for path in (f"/tenants/{tenant}/timeline", "/tenants", "/ui"):
    code, _ = http("GET", base + path)
    assert code == 200, f"{path}: {code}"
print("timeline, tenant list, operator page: 200")
PY
if grep -E "MissingMethodException|MissingMemberException|MissingFieldException|TypeLoadException|NotSupportedException|RequiresUnreferencedCode| ERR\] | FTL\] " worker.log >&2; then
  echo "error lines in the worker's log (above)" >&2
  status=1
fi
if grep -q smoke-secret-value worker.log; then
  echo "the secret's value is in the worker's log" >&2
  status=1
fi
[ "$status" = 0 ] || { echo "smoke check FAILED ($mode): ${launch[*]}; last log lines:" >&2; tail -5 worker.log >&2; exit 1; }
echo "smoke check passed ($mode): ${launch[*]}"
