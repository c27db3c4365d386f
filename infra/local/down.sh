#!/usr/bin/env bash
# Stops the local stack's processes. Data stays under $STATE_DIR/data; `make clean-stack` removes it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$INFRA_LOCAL_DIR/components.sh"
stop_registry
stop_kafka
stop_redis
stop_postgres
