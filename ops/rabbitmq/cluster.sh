#!/usr/bin/env bash
# A local 3-node RabbitMQ cluster from Debian's rabbitmq-server 3.10.x, for the quorum-queue tests
# and demos (RabbitMq__QueueType=quorum). It runs beside the broker of ops/rabbitmq/start.sh and
# touches nothing of it: other node names, other ports, its own data and Erlang cookie.
#
#   node              AMQP   management  Erlang distribution
#   rabbit-1@localhost 5681   15681       25681
#   rabbit-2@localhost 5682   15682       25682
#   rabbit-3@localhost 5683   15683       25683
#
# Usage: ops/rabbitmq/cluster.sh start|stop|stop-node N|start-node N|status
#   start        starts the cluster (reuses a running one; else a fresh one: earlier data is discarded)
#                and prints each node's URIs; the last line is the three AMQP URIs, comma-separated
#   stop         stops every node (ops/stop-local.sh does this too)
#   stop-node N  stops node N (1-3), as a crash or a maintenance would; the others keep serving
#   start-node N starts node N again; it rejoins the cluster with its data
#   status       the cluster as rabbit-1..3 see it
# Data, logs and the cookie: $WFP_RABBITMQ_CLUSTER_DIR, default tmp/ops/rabbitmq-cluster in the repository.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BASE="${WFP_RABBITMQ_CLUSTER_DIR:-$ROOT/tmp/ops/rabbitmq-cluster}"
SBIN=/usr/lib/rabbitmq/bin
NODES=(1 2 3)

if [ ! -x "$SBIN/rabbitmq-server" ]; then
  echo "rabbitmq-server is not installed; run: sudo apt-get install rabbitmq-server (or ops/rabbitmq/start.sh as root)" >&2
  exit 1
fi

node_name() { echo "rabbit-$1@localhost"; }
amqp_port() { echo $((5680 + $1)); }
amqp_uri() { echo "amqp://guest:guest@127.0.0.1:$(amqp_port "$1")/"; }

# Every rabbitmq command of this script runs with the node's environment. HOME is the cluster folder,
# so all nodes and the CLI tools share the cookie in $BASE/.erlang.cookie and never read the system one.
with_node() {
  local n=$1
  shift
  env HOME="$BASE" ERL_CRASH_DUMP="$BASE/erl_crash.dump" \
    RABBITMQ_NODENAME="$(node_name "$n")" \
    RABBITMQ_USE_LONGNAME=false \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$(amqp_port "$n")" \
    RABBITMQ_DIST_PORT=$((25680 + n)) \
    RABBITMQ_CONFIG_FILE="$BASE/rabbit-$n/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$BASE/rabbit-$n/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$BASE/rabbit-$n/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$BASE/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$BASE/rabbit-$n/mnesia" \
    RABBITMQ_LOG_BASE="$BASE/rabbit-$n/log" \
    RABBITMQ_PID_FILE="$BASE/rabbit-$n/rabbit.pid" \
    "$@"
}

ctl() {
  local n=$1
  shift
  with_node "$n" "$SBIN/rabbitmqctl" -n "$(node_name "$n")" "$@"
}

# Without the cookie there is no cluster, and the CLI would only crash trying to create one in a missing HOME.
is_running() { [ -f "$BASE/.erlang.cookie" ] && ctl "$1" -q ping >/dev/null 2>&1; }

prepare() {
  mkdir -p "$BASE"
  if [ ! -f "$BASE/.erlang.cookie" ]; then
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' >"$BASE/.erlang.cookie"
  fi
  chmod 400 "$BASE/.erlang.cookie"
  echo "[rabbitmq_management]." >"$BASE/enabled_plugins"
  for n in "${NODES[@]}"; do
    mkdir -p "$BASE/rabbit-$n/mnesia" "$BASE/rabbit-$n/log"
    cat >"$BASE/rabbit-$n/rabbitmq.conf" <<EOF
management.tcp.port = $((15680 + n))
management.tcp.ip = 127.0.0.1
loopback_users.guest = true
# Three nodes on one small machine: keep the disk alarm out of the way of tests.
disk_free_limit.absolute = 50MB
EOF
    echo "[]." >"$BASE/rabbit-$n/advanced.config"
    : >"$BASE/rabbit-$n/rabbitmq-env.conf"
  done
}

start_node() {
  local n=$1
  if is_running "$n"; then
    return 0
  fi
  with_node "$n" "$SBIN/rabbitmq-server" -detached >/dev/null 2>&1
}

# `wait` first waits for the pid file a detached node writes, then for the node to have started.
await_node() {
  ctl "$1" -q wait --timeout 120 "$BASE/rabbit-$1/rabbit.pid" >&2
}

running_members() {
  ctl "$1" -q eval 'length(rabbit_nodes:all_running()).' 2>/dev/null || echo 0
}

print_uris() {
  for n in "${NODES[@]}"; do
    echo "$(node_name "$n")  $(amqp_uri "$n")  management http://127.0.0.1:$((15680 + n))/ (guest/guest)" >&2
  done
  echo "worker settings: RabbitMq__Uri=$(amqp_uri 1) RabbitMq__ClusterNodes=127.0.0.1:$(amqp_port 2),127.0.0.1:$(amqp_port 3) RabbitMq__QueueType=quorum" >&2
  echo "$(amqp_uri 1),$(amqp_uri 2),$(amqp_uri 3)"
}

stop_node() {
  if is_running "$1"; then
    ctl "$1" -q stop >/dev/null 2>&1 || true
  fi
}

cmd="${1:-}"
case "$cmd" in
  start)
    if [ -f "$BASE/.erlang.cookie" ] && [ "$(running_members 1)" = "3" ]; then
      print_uris
      exit 0
    fi
    for n in "${NODES[@]}"; do stop_node "$n"; done
    rm -rf "$BASE"
    prepare
    started=$(date +%s)
    echo "starting rabbit-1..3@localhost in $BASE..." >&2
    for n in "${NODES[@]}"; do start_node "$n"; done
    for n in "${NODES[@]}"; do await_node "$n"; done
    for n in 2 3; do
      ctl "$n" -q stop_app >&2
      ctl "$n" -q join_cluster "$(node_name 1)" >&2
      ctl "$n" -q start_app >&2
    done
    echo "cluster of 3 nodes up in $(($(date +%s) - started)) s" >&2
    print_uris
    ;;
  stop)
    for n in "${NODES[@]}"; do stop_node "$n"; done
    ;;
  stop-node | start-node)
    n="${2:-}"
    case "$n" in 1 | 2 | 3) ;; *) echo "usage: $0 $cmd 1|2|3" >&2; exit 2 ;; esac
    [ -f "$BASE/.erlang.cookie" ] || { echo "no cluster in $BASE; run: $0 start" >&2; exit 1; }
    if [ "$cmd" = stop-node ]; then
      stop_node "$n"
    else
      start_node "$n"
      await_node "$n"
    fi
    ;;
  status)
    for n in "${NODES[@]}"; do
      if is_running "$n"; then
        echo "$(node_name "$n") running, $(running_members "$n") of 3 nodes running in its cluster, $(amqp_uri "$n")"
      else
        echo "$(node_name "$n") stopped"
      fi
    done
    ;;
  *)
    echo "usage: $0 start|stop|stop-node N|start-node N|status" >&2
    exit 2
    ;;
esac
