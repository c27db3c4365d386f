#!/usr/bin/env bash
# Prints each component of the local stack and whether it answers; exits 1 if any does not.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$INFRA_LOCAL_DIR/components.sh"
failed=0
row() {
  local name=$1 where=$2; shift 2
  if "$@" >/dev/null 2>&1; then printf '  %-16s %-44s %sanswering%s\n' "$name" "$where" "$C_OK" "$C_END"
  else printf '  %-16s %-44s %sNOT answering%s\n' "$name" "$where" "$C_ERR" "$C_END"; failed=1; fi
}
echo "local stack (logs: make logs):"
row kafka "$KAFKA_HOST:$KAFKA_PORT (Kafka $KAFKA_VERSION, KRaft)" kafka_answers
row schema-registry "$(registry_url)" registry_answers
row postgresql "127.0.0.1:$POSTGRES_PORT" postgres_answers
row redis "127.0.0.1:$REDIS_PORT" redis_answers
exit $failed
