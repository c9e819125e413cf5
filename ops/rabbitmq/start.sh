#!/usr/bin/env bash
# Starts a local RabbitMQ (Debian's rabbitmq-server 3.10.x) with the management and prometheus
# plugins, for machines without Docker. Idempotent: does nothing if the broker already answers.
# Prints the AMQP URI to use as its last line.
set -euo pipefail

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "rabbitmq-server is not installed; run: sudo apt-get install rabbitmq-server" >&2
    exit 1
  fi
  echo "installing rabbitmq-server from Debian..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >&2
fi

# Plugins are enabled offline so they are active on the first start.
rabbitmq-plugins enable --offline rabbitmq_management rabbitmq_prometheus >/dev/null 2>&1 || true

if ! rabbitmqctl -q status >/dev/null 2>&1; then
  echo "starting rabbitmq-server..." >&2
  if command -v service >/dev/null 2>&1 && service rabbitmq-server start >/dev/null 2>&1; then
    :
  else
    # Containers without an init system: run the broker detached as the rabbitmq user.
    if id rabbitmq >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
      su -s /bin/sh rabbitmq -c "rabbitmq-server -detached" >&2
    else
      rabbitmq-server -detached >&2
    fi
  fi
fi

rabbitmqctl -q await_startup --timeout 120 >&2 || rabbitmqctl -q wait --timeout 120 /var/lib/rabbitmq/mnesia/rabbit@"$(hostname -s)".pid >&2
echo "rabbitmq is up (dashboard: http://127.0.0.1:15672, guest/guest)" >&2
echo "amqp://guest:guest@127.0.0.1:5672/"
