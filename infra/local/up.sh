#!/usr/bin/env bash
# Brings the whole local stack up (idempotent): PostgreSQL, Redis, Kafka, the schema registry,
# then the declared topics and schema subjects. A second run reuses what already answers.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$INFRA_LOCAL_DIR/components.sh"

need_cmd node "install Node.js 20.19+ (https://nodejs.org or Debian's nodejs)"
need_cmd curl "apt-get install -y curl"
[ -d "$REPO_ROOT/node_modules/kafkajs" ] || die "node_modules is missing" "run 'npm ci' (make does this for you)"

"$INFRA_LOCAL_DIR/fetch.sh"
ensure_debian_packages
load_secrets
start_postgres
start_redis
start_kafka
start_registry
ensure_local_keys
write_stack_env

set -a; source "$STACK_ENV_FILE"; set +a
(cd "$REPO_ROOT" && node --import tsx --conditions=source infra/scripts/provision.ts) || die "provisioning topics and schemas failed" "read the error above"
ok "stack is up; connection settings in ${STACK_ENV_FILE#"$REPO_ROOT"/}"
