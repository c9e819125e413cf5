#!/usr/bin/env bash
# Memory with many commands waiting (issue 6 §7): one worker process on its embedded defaults (SQLite, in-memory
# transport, embedded emulator) in an empty folder; N AttachBinding commands for tenants that do not exist yet are
# posted to the front door (8 at a time), so every one is stored and parked. Prints the worker's RSS before, its peak
# while the commands arrive and are parked, and after; the parked count from the database; the posting rate.
#   ops/benchmarks/waiting-commands.sh [COMMANDS=10000] [TENANTS=1]
# MODE=fleet runs the worker as a replica does instead: RabbitMQ (WFP_TEST_RABBITMQ, a vhost of its own), PostgreSQL
# (WFP_TEST_POSTGRES, a database of its own) and the standalone emulator as "the real API" (Cloudflare__Mode=Api).
# WORKER_DIR runs the worker from that folder instead of the Release build, e.g. the container image's trimmed publish
# (README, "Container image"): dotnet publish src/Provisioning.Worker -c Release -r linux-x64 --self-contained true -o DIR
# A self-contained folder (its own runtime) runs through its apphost, DIR/Provisioning.Worker; a framework-dependent one
# (e.g. --self-contained false -p:PublishReadyToRun=true) with dotnet (worker-command.sh).
# After the burst: once the worker has given its free memory back (Memory:ReleaseAfterIdle), the RSS while the commands
# wait is sampled for WAITING_SECONDS (30); RELEASE_WAIT (300) bounds the wait for it, 0 skips it.
# Then the worker is stopped and started again while the commands still wait, and its RSS sampled for RESTART_SECONDS
# (60; 0 skips it).
# MEMORY_LIMIT (e.g. 150M) runs the worker under that memory limit as a container's would be (a memory cgroup of its own,
# v1 memory.limit_in_bytes or v2 memory.max; needs root), from private copies of the .NET runtime and the worker's
# folder (so their file pages are charged to it, as a container's image files are; a self-contained folder carries its
# runtime, so only the folder is copied), and prints the cgroup's usage, its
# peak and how often the kernel had to reclaim to stay under it. The .NET runtime reads the limit at start (its GC heap
# then stays under 75 % of it).
# PORT (8191) and EMULATOR_PORT (8796, MODE=fleet) are the worker's and the emulator's ports.
# Needs a Release build (dotnet build Worker.sln -c Release), python3 and, for MODE=fleet, curl and psql.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
commands=${1:-10000}
tenants=${2:-1}
port=${PORT:-8191}
emulator_port=${EMULATOR_PORT:-8796}
worker_dir=$(cd "${WORKER_DIR:-$root/src/Provisioning.Worker/bin/Release/net10.0}" && pwd)
# dotnet DIR/Provisioning.Worker.dll, or DIR/Provisioning.Worker for a self-contained folder.
launch_lines=$("$root/ops/benchmarks/worker-command.sh" "$worker_dir")
mapfile -t launch <<< "$launch_lines"
work=$(mktemp -d)
cgroup=
# The worker's memory cgroup (MEMORY_LIMIT) can go once the worker has.
remove_cgroup() { [ -z "$cgroup" ] || { wait "$pid" 2>/dev/null || true; "$root/ops/benchmarks/memory-cgroup.sh" remove "$cgroup"; }; }
trap 'kill $pid 2>/dev/null || true; remove_cgroup; rm -rf "$work"' EXIT

cd "$work"
mode=${MODE:-embedded}
args=(--urls "http://127.0.0.1:$port" --Emulator:Port 0 --Provisioning:UnknownTenantGrace 01:00:00)
count_parked() {
  python3 -c "import sqlite3; print(sqlite3.connect('wfp-provisioner.db').execute(\"select count(*) from TenantCommands where Status = 'Parked'\").fetchone()[0])"
}
if [ "$mode" = fleet ]; then
  name=wfp_waiting_$$
  "$root/ops/benchmarks/fleet-replica.sh" create "$name"
  dotnet "$root/src/Provisioning.CloudflareEmulator/bin/Release/net10.0/Provisioning.CloudflareEmulator.dll" --urls "http://127.0.0.1:$emulator_port" > emulator.log 2>&1 &
  emulator=$!
  # The run's vhost and database go with it.
  trap 'kill $pid $emulator 2>/dev/null || true; wait $pid 2>/dev/null || true; remove_cgroup; cd /; rm -rf "$work"
    "$root/ops/benchmarks/fleet-replica.sh" drop "$name"' EXIT
  fleet_args=$("$root/ops/benchmarks/fleet-replica.sh" args "$name" "$emulator_port")
  mapfile -t -O "${#args[@]}" args <<< "$fleet_args"
  count_parked() {
    psql "host=127.0.0.1 port=55432 user=postgres dbname=$name" -tAc "select count(*) from \"TenantCommands\" where \"Status\" = 'Parked'"
  }
fi
# The grace keeps every command parked for the whole run (the default rejects them after 30 s).
launched=$(date +%s.%N)
if [ -n "${MEMORY_LIMIT:-}" ]; then
  # A container's runtime and application files are its own: the kernel charges a file page to the cgroup that reads it
  # first, so a worker started from the host's dotnet would not be charged for the framework pages other .NET processes
  # already read. It runs from private copies of the runtime and of the worker's folder, dropped from the page cache
  # after copying, so every file page it maps is charged to its limit as in a container.
  cp -r "$worker_dir" "$work/worker"
  launch_lines=$("$root/ops/benchmarks/worker-command.sh" "$work/worker")
  mapfile -t launch <<< "$launch_lines"
  copies=("$work/worker")
  if [ "${launch[0]}" = dotnet ]; then
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    mkdir -p "$work/dotnet/shared"
    cp "$dotnet_root/dotnet" "$work/dotnet/"
    cp -r "$dotnet_root/host" "$work/dotnet/"
    cp -r "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$work/dotnet/shared/"
    launch[0]=$work/dotnet/dotnet
    copies+=("$work/dotnet")
  fi
  python3 - "${copies[@]}" <<'PY'
import os, sys
for top in sys.argv[1:]:
    for folder, _, files in os.walk(top):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.close(fd)
PY
  cgroup=$("$root/ops/benchmarks/memory-cgroup.sh" create "wfp-waiting-$$" "$MEMORY_LIMIT")
fi
# Starts the worker (in the cgroup when there is one: it joins before .NET starts, so the runtime sizes its heap from
# the limit), appending to worker.log, and waits until it is ready.
start_worker() {
  if [ -n "$cgroup" ]; then
    sh -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh "$cgroup" "${launch[@]}" "${args[@]}" >> worker.log 2>&1 &
  else
    "${launch[@]}" "${args[@]}" >> worker.log 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
}
start_worker
ready=$(date +%s.%N)
# Where the resident memory is: mapped files (the runtime, framework and library assemblies, shared by every .NET
# process on the host that maps the same files), executable memory (JIT-compiled code and stubs, the runtime's
# double-mapped memfd), anonymous memory (the GC heap, thread stacks, native allocations).
rss_by_kind() {
  python3 - "$pid" <<'PY'
import re, sys
kinds = {"files": 0, "code": 0, "anonymous": 0}
kind = None
for line in open(f"/proc/{sys.argv[1]}/smaps"):
    m = re.match(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$", line)
    if m:
        name = m.group(1)
        kind = "code" if "doublemapper" in name else "files" if name.startswith("/") else "anonymous"
    elif line.startswith("Rss:"):
        kinds[kind] += int(line.split()[1])
print(" / ".join(f"{k} {v // 1024} MB" for k, v in kinds.items()))
PY
}
rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status"; }
# The largest RSS over the next $1 seconds, sampled every 250 ms.
max_rss() {
  local max=0 r
  for _ in $(seq 1 $(($1 * 4))); do
    r=$(rss); [ "$r" -gt "$max" ] && max=$r
    sleep 0.25
  done
  echo "$max"
}
before=$(rss)
before_kinds=$(rss_by_kind)
peak=$before
( while kill -0 $pid 2>/dev/null; do r=$(rss); [ "$r" -gt "$(cat peak 2>/dev/null || echo 0)" ] && echo "$r" > peak; sleep 0.25; done ) &
sampler=$!

start=$(date +%s.%N)
if ! python3 - "$port" "$commands" "$tenants" 2> post.err <<'PY'
import json, sys, urllib.request, uuid
from concurrent.futures import ThreadPoolExecutor
port, n, tenants = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def post(i):
    body = json.dumps({"commandId": str(uuid.uuid4()), "tenantId": f"waiting-{i % tenants}",
                       "resource": {"bindingName": f"KV_{i}", "type": "kv_namespace"}}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/commands/attach-binding", body, {"content-type": "application/json"})
    with urllib.request.urlopen(req) as r:
        assert r.status == 202, r.status
with ThreadPoolExecutor(8) as pool:
    list(pool.map(post, range(n)))
PY
then
  tail -1 post.err >&2
  if kill -0 $pid 2>/dev/null; then
    echo "posting the commands failed; the worker is still running" >&2
  else
    echo "the worker exited while the commands were posted; its last log lines:" >&2
    tail -3 worker.log >&2
  fi
  [ -z "$cgroup" ] || echo "memory limit $MEMORY_LIMIT: $("$root/ops/benchmarks/memory-cgroup.sh" report "$cgroup")" >&2
  exit 1
fi
posted=$(date +%s.%N)

parked=0
for _ in $(seq 1 600); do
  parked=$(count_parked 2>/dev/null || echo 0)
  [ "$parked" -ge "$commands" ] && break
  sleep 1
done
done_at=$(date +%s.%N)
sleep 5
after=$(rss)
after_kinds=$(rss_by_kind)
kill $sampler 2>/dev/null || true
peak=$(cat peak 2>/dev/null || echo "$before")

# While the commands wait: the burst that brought them is over once the worker has consumed nothing for
# Memory:ReleaseAfterIdle (30 s) and given its free memory back (the log line "memory released"); from then on the RSS
# is sampled every 250 ms for WAITING_SECONDS (30). RELEASE_WAIT (300 s) bounds the wait for that line; 0 skips the phase.
release_wait=${RELEASE_WAIT:-300}
released= waiting_max= waiting_kinds=
if [ "$release_wait" -gt 0 ]; then
  for _ in $(seq 1 "$release_wait"); do
    released=$(grep -o "memory released[^{]*" worker.log | tail -1 || true)
    [ -n "$released" ] && break
    sleep 1
  done
  if [ -n "$released" ]; then
    waiting_max=$(max_rss "${WAITING_SECONDS:-30}")
    waiting_kinds=$(rss_by_kind)
  fi
fi

echo "worker: ${launch[*]}"
echo "mode: $mode; machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); command: ops/benchmarks/waiting-commands.sh $commands $tenants"
printf 'ready (/health/ready) %.1f s after launch; load average: %s\n' "$(echo "$ready - $launched" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "commands: $commands for $tenants tenant(s) that do not exist; parked: $parked"
printf 'posted in %.1f s (%.0f/s); all parked after %.1f s\n' "$(echo "$posted - $start" | bc)" "$(echo "$commands / ($posted - $start)" | bc -l)" "$(echo "$done_at - $start" | bc)"
echo "worker RSS: ${before} MB before, ${peak} MB peak, ${after} MB after"
[ -z "$cgroup" ] || echo "memory limit $MEMORY_LIMIT: $("$root/ops/benchmarks/memory-cgroup.sh" report "$cgroup")"
echo "RSS before, by kind: $before_kinds"
echo "RSS after, by kind: $after_kinds"
if [ -n "$waiting_max" ]; then
  echo "worker: $released"
  echo "worker RSS while the commands wait (after that release, ${WAITING_SECONDS:-30} s): ${waiting_max} MB at most; by kind at the end: $waiting_kinds"
elif [ "$release_wait" -gt 0 ]; then
  echo "no memory release logged within ${release_wait} s after the commands were parked (Memory:ReleaseAfterIdle)"
fi
# A worker (re)started while the commands wait, as a replica replaced in the middle of a backlog is: no burst, only the
# waiting commands in the database. RESTART_SECONDS (60; 0 skips it) of RSS samples from ready on, then the parked
# count again (nothing is lost or started by the restart).
restart_seconds=${RESTART_SECONDS:-60}
if [ "$restart_seconds" -gt 0 ]; then
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  restarted=$(date +%s.%N)
  start_worker
  restart_ready=$(date +%s.%N)
  restart_max=$(max_rss "$restart_seconds")
  printf 'restarted with the commands waiting: ready after %.1f s; RSS over the next %s s: %s MB at most; by kind at the end: %s; parked: %s\n' \
    "$(echo "$restart_ready - $restarted" | bc)" "$restart_seconds" "$restart_max" "$(rss_by_kind)" "$(count_parked 2>/dev/null || echo '?')"
fi
grep -c " ERR\] \| FTL\] " worker.log | sed 's/^/error lines in the worker log: /' || true
