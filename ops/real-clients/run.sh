#!/usr/bin/env bash
# Runs wrangler 4.x and the official cloudflare SDK (7.x, and 6.x for script uploads) against the Cloudflare
# emulator and checks the result through its admin API. See README.md beside this file.
#
#   ops/real-clients/run.sh                    # emulator already listening on $EMULATOR_URL
#   ops/real-clients/run.sh --start-emulator   # build and start it from this repository, stop it afterwards
#
# Environment: EMULATOR_URL (default http://127.0.0.1:8787), EMULATOR_TOKEN, EMULATOR_ACCOUNT_ID
# (defaults: the emulator's development token and account), EMULATOR_START_TIMEOUT (seconds, default 600),
# EMULATOR_ARGS (extra arguments for the started emulator, e.g. "--Emulator:StatePath=/tmp/emulator.db").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
start_emulator=false
for arg in "$@"; do
  case "$arg" in
    --start-emulator) start_emulator=true ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

export EMULATOR_URL="${EMULATOR_URL:-http://127.0.0.1:8787}"
EMULATOR_URL="${EMULATOR_URL%/}"


emulator_pid=""
emulator_log=""
stop_emulator() {
  if [[ -n "$emulator_pid" ]]; then
    # The emulator was started in its own process group (setsid): stop that group, i.e. dotnet run and its child.
    kill -TERM -- "-$emulator_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 -- "-$emulator_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$emulator_pid" 2>/dev/null || true
    emulator_pid=""
  fi
}

emulator_ready() {
  curl -fsS -o /dev/null --max-time 2 "$EMULATOR_URL/__emulator/state"
}

start() {
  if emulator_ready; then
    echo "something already answers on $EMULATOR_URL; not starting another emulator" >&2
    exit 2
  fi
  local port="${EMULATOR_URL##*:}"
  emulator_log="$(mktemp -t wfp-emulator-XXXXXX.log)"
  echo "# starting the emulator (log: $emulator_log)"
  trap stop_emulator EXIT
  local extra=()
  read -r -a extra <<< "${EMULATOR_ARGS:-}"
  (cd "$repo_root" && exec setsid dotnet run --project src/Provisioning.CloudflareEmulator -- --urls "http://127.0.0.1:$port" "${extra[@]}") \
    >"$emulator_log" 2>&1 &
  emulator_pid=$!
  local deadline=$((SECONDS + ${EMULATOR_START_TIMEOUT:-600}))
  until emulator_ready; do
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
      echo "the emulator exited before answering; last lines of its log:" >&2
      tail -n 30 "$emulator_log" >&2
      exit 1
    fi
    if (( SECONDS > deadline )); then
      echo "the emulator did not answer on $EMULATOR_URL within ${EMULATOR_START_TIMEOUT:-600}s" >&2
      tail -n 30 "$emulator_log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "# emulator answers on $EMULATOR_URL"
}

# Exactly what package-lock.json pins (Node 22, wrangler, the SDK); skipped when node_modules already matches it.
node="$("$here/../node/install.sh" "$here" | tail -n 1)"
if $start_emulator; then
  start
fi

status=0
"$node" "$here/check.mjs" || status=$?
exit "$status"
