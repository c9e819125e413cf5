#!/usr/bin/env bash
# How to start the worker from a build or publish folder, one argument per line:
#   ops/benchmarks/worker-command.sh DIR
# A self-contained publish (README, "Container image": the apphost Provisioning.Worker and a runtimeconfig.json that
# names no shared framework, "framework" or "frameworks") runs as DIR/Provisioning.Worker, with the runtime it carries;
# a framework-dependent folder (the Release build, a framework-dependent publish) as dotnet DIR/Provisioning.Worker.dll.
# Used by waiting-commands.sh and smoke-published.sh; exit 1 when DIR holds no worker.
set -euo pipefail
dir=${1:?usage: worker-command.sh DIR}
config=$dir/Provisioning.Worker.runtimeconfig.json
[ -f "$dir/Provisioning.Worker.dll" ] && [ -f "$config" ] || {
  echo "no worker in $dir (Provisioning.Worker.dll and its runtimeconfig.json): build or publish the worker first" >&2
  exit 1
}
self_contained=$(python3 - "$config" <<'PY'
import json, sys
options = json.load(open(sys.argv[1])).get("runtimeOptions", {})
print("no" if "framework" in options or "frameworks" in options else "yes")
PY
)
if [ "$self_contained" = yes ]; then
  [ -x "$dir/Provisioning.Worker" ] || { echo "$dir is self-contained but has no executable apphost Provisioning.Worker" >&2; exit 1; }
  echo "$dir/Provisioning.Worker"
else
  echo dotnet
  echo "$dir/Provisioning.Worker.dll"
fi
