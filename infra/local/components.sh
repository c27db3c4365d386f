#!/usr/bin/env bash
# Start, probe and stop functions for each component of the local stack. Sourced, not run.

# ---------- PostgreSQL (Debian package, cluster managed with pg_ctlcluster) ----------
postgres_answers() { pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT"; }

# psql_admin: psql as the postgres superuser over the local socket (peer authentication).
psql_admin() {
  local as=(runuser -u postgres --); [ "$(id -un)" = postgres ] && as=()
  "${as[@]}" psql -X -q -v ON_ERROR_STOP=1 -p "$POSTGRES_PORT" -d postgres "$@"
}

ensure_debian_packages() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing Debian packages: ${missing[*]}" "run: sudo apt-get install -y ${missing[*]}"
  log "installing Debian packages: ${missing[*]}"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$LOG_DIR/apt.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/apt.log" >&2; die "apt-get could not install ${missing[*]}" "see $LOG_DIR/apt.log"; }
  # Debian starts redis-server as a service on install; the stack manages its own instance.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
}

start_postgres() {
  if postgres_answers; then ok "PostgreSQL already answering on 127.0.0.1:$POSTGRES_PORT (reused)"; else
    local ver; ver=$(ls /usr/lib/postgresql | sort -n | tail -n1)
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$ver main$"; then
      log "creating PostgreSQL $ver cluster 'main'"
      pg_createcluster "$ver" main --port "$POSTGRES_PORT" >"$LOG_DIR/postgres-create.log" 2>&1 || die "pg_createcluster failed" "see $LOG_DIR/postgres-create.log"
    fi
    if port_open "$POSTGRES_PORT"; then die "port $POSTGRES_PORT is taken by $(port_owner "$POSTGRES_PORT"), which is not answering as PostgreSQL" "stop that process or set POSTGRES_PORT"; fi
    log "starting PostgreSQL $ver"
    pg_ctlcluster "$ver" main start >"$LOG_DIR/postgres-start.log" 2>&1 || { cat "$LOG_DIR/postgres-start.log" >&2; die "PostgreSQL $ver did not start" "see /var/log/postgresql/postgresql-$ver-main.log"; }
    wait_until "$POSTGRES_START_TIMEOUT_S" "PostgreSQL" "/var/log/postgresql/postgresql-$ver-main.log" postgres_answers
    ok "PostgreSQL $ver answering on 127.0.0.1:$POSTGRES_PORT"
  fi
  # Roles and databases: idempotent; passwords come from this checkout's generated secrets.
  psql_admin <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cwp') THEN CREATE ROLE cwp LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cwp_registry') THEN CREATE ROLE cwp_registry LOGIN; END IF;
END \$\$;
ALTER ROLE cwp PASSWORD '$POSTGRES_APP_PASSWORD';
ALTER ROLE cwp_registry PASSWORD '$POSTGRES_REGISTRY_PASSWORD';
SELECT 'CREATE DATABASE cwp OWNER cwp' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'cwp') \gexec
SELECT 'CREATE DATABASE cwp_registry OWNER cwp_registry' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'cwp_registry') \gexec
SQL
}

stop_postgres() {
  local ver; ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n1)
  [ -n "$ver" ] && pg_ctlcluster "$ver" main stop >/dev/null 2>&1 && ok "PostgreSQL stopped" || log "PostgreSQL was not running"
}

# ---------- Redis (Debian package, our own instance) ----------
redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

start_redis() {
  if redis_answers; then ok "Redis already answering on 127.0.0.1:$REDIS_PORT (reused)"; return 0; fi
  port_open "$REDIS_PORT" && die "port $REDIS_PORT is taken by $(port_owner "$REDIS_PORT"), which is not answering as Redis" "stop that process or set REDIS_PORT"
  mkdir -p "$DATA_DIR/redis"
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --dir "$DATA_DIR/redis" --appendonly yes --appendfsync everysec --save '' \
    --logfile "$LOG_DIR/redis.log" --pidfile "$RUN_DIR/redis.pid" >/dev/null
  wait_until "$REDIS_START_TIMEOUT_S" "Redis" "$LOG_DIR/redis.log" redis_answers
  ok "Redis answering on 127.0.0.1:$REDIS_PORT"
}

stop_redis() {
  if redis_answers; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; ok "Redis stopped"; else log "Redis was not running"; fi
}

# ---------- Kafka (KRaft, single node, from the cached Maven artifacts) ----------
# The broker authenticates every client: the probe signs in as the admin user.
kafka_answers() {
  port_open "$KAFKA_PORT" && KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$(kafka_password admin)" \
    node "$INFRA_LOCAL_DIR/probe-kafka.mjs" "$KAFKA_HOST:$KAFKA_PORT" >/dev/null 2>&1
}

# SCRAM users of the local broker: admin plus one per principal of infra/kafka-principals.json,
# passwords generated once per machine beside the other local secrets (mode 600).
KAFKA_USERS_FILE="$(dirname "$SECRETS_FILE")/kafka-users.json"
ensure_kafka_users() { node "$INFRA_LOCAL_DIR/kafka-users.mjs" ensure "$KAFKA_USERS_FILE" || die "could not write $KAFKA_USERS_FILE" "check that its folder is writable"; }
kafka_password() { node "$INFRA_LOCAL_DIR/kafka-users.mjs" password "$1" "$KAFKA_USERS_FILE"; }

# Users whose SCRAM credentials the broker holds are listed in this marker (one name a line).
kafka_scram_marker() { echo "$DATA_DIR/kafka/scram-users"; }

# add_missing_kafka_users: SCRAM credentials for users declared since the storage was formatted
# (through the running broker, as admin: KRaft's controller does not take this admin call).
add_missing_kafka_users() {
  local marker; marker=$(kafka_scram_marker)
  local cfg="$DATA_DIR/kafka/admin-client.properties"
  local name added=0
  while IFS= read -r name; do
    [ -n "$name" ] || continue
    grep -qx "$name" "$marker" 2>/dev/null && continue
    if [ ! -f "$cfg" ]; then
      ( umask 077; printf '%s\n' 'security.protocol=SASL_PLAINTEXT' 'sasl.mechanism=SCRAM-SHA-256' \
        "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(kafka_password admin)\";" >"$cfg" )
    fi
    kafka_tool kafka.admin.ConfigCommand --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --command-config "$cfg" --alter \
      --add-config "SCRAM-SHA-256=[iterations=4096,password=$(kafka_password "$name")]" --entity-type users --entity-name "$name" >>"$LOG_DIR/kafka-users.log" 2>&1 \
      || die "could not create the Kafka user $name" "see $LOG_DIR/kafka-users.log"
    echo "$name" >>"$marker"; added=$((added + 1))
  done < <(node "$INFRA_LOCAL_DIR/kafka-users.mjs" names "$KAFKA_USERS_FILE")
  [ "$added" -eq 0 ] || ok "Kafka: $added SCRAM user(s) added"
}

start_kafka() {
  ensure_kafka_users
  if pid_alive kafka && kafka_answers; then ok "Kafka already answering on $KAFKA_HOST:$KAFKA_PORT"; add_missing_kafka_users; return 0; fi
  if pid_alive kafka; then
    # Ours, but not answering as an authenticating broker (an older configuration, or hung): restart it.
    log "Kafka (pid $(cat "$RUN_DIR/kafka.pid")) does not answer with SCRAM authentication: restarting it"
    stop_kafka
  fi
  if port_open "$KAFKA_PORT"; then
    if kafka_answers; then ok "Kafka already answering on $KAFKA_HOST:$KAFKA_PORT (started elsewhere; reused)"; return 0; fi
    die "port $KAFKA_PORT is taken by $(port_owner "$KAFKA_PORT"), which is not answering as Kafka with this machine's SCRAM users" "stop that process or set KAFKA_PORT"
  fi
  port_open "$KAFKA_CONTROLLER_PORT" && die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is taken by $(port_owner "$KAFKA_CONTROLLER_PORT")" "stop that process or set KAFKA_CONTROLLER_PORT"
  local java; java=$(kafka_java)
  local dir="$DATA_DIR/kafka"; mkdir -p "$dir"
  local marker; marker=$(kafka_scram_marker)
  # The rendered file holds the broker's own SCRAM password: readable by this user only.
  ( umask 077; KAFKA_DATA_DIR="$dir" KAFKA_ADMIN_PASSWORD="$(kafka_password admin)" envsubst_template "$INFRA_LOCAL_DIR/kafka/server.properties.template" >"$dir/server.properties" )
  if [ -f "$dir/logs/meta.properties" ] && [ ! -f "$marker" ]; then
    # Storage from before SCRAM authentication holds no admin credential, and without one no user can
    # ever sign in. The local stack's topics are re-created by provisioning; schemas live in PostgreSQL.
    log "Kafka storage predates SCRAM authentication: formatting it again (local topic data is dropped)"
    rm -rf "$dir/logs"
  fi
  if [ ! -f "$dir/logs/meta.properties" ]; then
    log "formatting Kafka storage (KRaft) with the SCRAM users of infra/kafka-principals.json"
    local cluster_id; cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid)
    local scram=() line
    while IFS= read -r line; do [ -n "$line" ] && scram+=(--add-scram "$line"); done < <(node "$INFRA_LOCAL_DIR/kafka-users.mjs" scram-args "$KAFKA_USERS_FILE")
    kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" "${scram[@]}" >"$LOG_DIR/kafka-format.log" 2>&1 \
      || { cat "$LOG_DIR/kafka-format.log" >&2; die "Kafka storage format failed" "remove $dir and run make up again"; }
    ( umask 077; node "$INFRA_LOCAL_DIR/kafka-users.mjs" names "$KAFKA_USERS_FILE" >"$marker" )
  fi
  log "starting Kafka $KAFKA_VERSION on $KAFKA_HOST:$KAFKA_PORT"
  # shellcheck disable=SC2086
  setsid "$java" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$INFRA_LOCAL_DIR/kafka/log4j.properties" \
    -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$dir/server.properties" >"$LOG_DIR/kafka.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/kafka.pid"
  wait_until "$KAFKA_START_TIMEOUT_S" "Kafka" "$LOG_DIR/kafka.log" kafka_answers
  ok "Kafka answering on $KAFKA_HOST:$KAFKA_PORT (SASL/SCRAM, ACLs on)"
  add_missing_kafka_users
}

# stop_pidfile NAME TIMEOUT_S: SIGTERM the process of NAME's pid file, SIGKILL after TIMEOUT_S.
stop_pidfile() {
  local name=$1 timeout=$2
  if ! pid_alive "$name"; then log "$name was not running (from this checkout)"; rm -f "$RUN_DIR/$name.pid"; return 0; fi
  local pid; pid=$(cat "$RUN_DIR/$name.pid")
  kill -TERM "$pid" 2>/dev/null || true
  local start=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS - start >= timeout )); then log "$name did not stop in ${timeout}s: killing"; kill -KILL "$pid" 2>/dev/null || true; break; fi
    sleep 0.5
  done
  rm -f "$RUN_DIR/$name.pid"
  ok "$name stopped"
}

stop_kafka() { stop_pidfile kafka 60; }

# ---------- Apicurio Registry (Confluent-compatible API, schemas stored in PostgreSQL) ----------
registry_url() { echo "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"; }
registry_answers() { curl -fsS -m 3 "$(registry_url)/subjects" >/dev/null 2>&1; }

start_registry() {
  if registry_answers; then ok "schema registry already answering on $(registry_url)"; return 0; fi
  port_open "$REGISTRY_PORT" && die "port $REGISTRY_PORT is taken by $(port_owner "$REGISTRY_PORT"), which is not answering as the schema registry" "stop that process or set REGISTRY_PORT"
  local java; java=$(find_java "$APICURIO_MIN_JAVA") || die "Apicurio Registry $APICURIO_VERSION needs Java $APICURIO_MIN_JAVA or later; none found (\$JAVA_HOME, PATH, /usr/lib/jvm)" "install a JDK $APICURIO_MIN_JAVA+ (e.g. Temurin 21) or set JAVA_HOME to one"
  log "starting Apicurio Registry $APICURIO_VERSION on 127.0.0.1:$REGISTRY_PORT (Java $(java_major "$java"))"
  # shellcheck disable=SC2086
  APICURIO_STORAGE_KIND=sql APICURIO_STORAGE_SQL_KIND=postgresql \
  APICURIO_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/cwp_registry" \
  APICURIO_DATASOURCE_USERNAME=cwp_registry APICURIO_DATASOURCE_PASSWORD="$POSTGRES_REGISTRY_PASSWORD" \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$REGISTRY_PORT" \
  setsid "$java" $REGISTRY_HEAP_OPTS -Djava.awt.headless=true -jar "$APICURIO_HOME/quarkus-run.jar" >"$LOG_DIR/registry.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/registry.pid"
  wait_until "$REGISTRY_START_TIMEOUT_S" "the schema registry" "$LOG_DIR/registry.log" registry_answers
  ok "schema registry answering on $(registry_url)"
}

stop_registry() { stop_pidfile registry 30; }

# envsubst_template FILE: replace ${NAME} with the value of NAME (no external envsubst needed).
envsubst_template() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    while [[ $line =~ \$\{([A-Z_]+)\} ]]; do
      local name=${BASH_REMATCH[1]}
      line=${line//\$\{$name\}/${!name}}
    done
    printf '%s\n' "$line"
  done <"$1"
}

# Local key material for dev and tests, generated once per machine beside the secrets (mode 600,
# outside the repository): the local KMS's KEK keyring, the pseudonymization secret, the audit
# checkpoint signing key. Production takes these from Vault / a secret store instead.
ensure_local_keys() {
  local dir; dir=$(dirname "$SECRETS_FILE")
  LOCAL_KMS_KEYRING_FILE="$dir/kms-keyring.json"
  PSEUDONYM_SECRET_FILE="$dir/pseudonym.secret"
  AUDIT_SIGNING_KEY_FILE="$dir/audit-signing.pem"
  AUDIT_PUBLIC_KEYS_FILE="$dir/audit-public.pem"
  umask 077
  if [ ! -f "$LOCAL_KMS_KEYRING_FILE" ]; then
    (cd "$REPO_ROOT" && node --import tsx --conditions=source services/encryptor/src/cli/keys.ts init-local-kms "$LOCAL_KMS_KEYRING_FILE" >/dev/null) \
      || die "could not create the local KMS keyring" "run: node --import tsx --conditions=source services/encryptor/src/cli/keys.ts init-local-kms $LOCAL_KMS_KEYRING_FILE"
    log "local KMS keyring created ($LOCAL_KMS_KEYRING_FILE)"
  fi
  [ -f "$PSEUDONYM_SECRET_FILE" ] || { head -c 32 /dev/urandom | base64 >"$PSEUDONYM_SECRET_FILE"; log "pseudonymization secret created ($PSEUDONYM_SECRET_FILE)"; }
  if [ ! -f "$AUDIT_SIGNING_KEY_FILE" ]; then
    need_cmd openssl "apt-get install -y openssl"
    openssl genpkey -algorithm ed25519 -out "$AUDIT_SIGNING_KEY_FILE" 2>/dev/null && openssl pkey -in "$AUDIT_SIGNING_KEY_FILE" -pubout -out "$AUDIT_PUBLIC_KEYS_FILE" 2>/dev/null \
      || die "could not create the audit checkpoint signing key" "check that openssl supports ed25519 (OpenSSL 1.1.1+)"
    log "audit checkpoint signing key created ($AUDIT_SIGNING_KEY_FILE)"
  fi
}

write_stack_env() {
  umask 077
  cat >"$STACK_ENV_FILE" <<ENV
# Written by infra/local/up.sh: how this checkout's tests, demo and services reach the local stack.
KAFKA_BROKERS=$KAFKA_HOST:$KAFKA_PORT
SCHEMA_REGISTRY_URL=$(registry_url)
DATABASE_URL=postgres://cwp:$POSTGRES_APP_PASSWORD@127.0.0.1:$POSTGRES_PORT/cwp
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
LOCAL_KMS_KEYRING_FILE=$LOCAL_KMS_KEYRING_FILE
PSEUDONYM_SECRET_FILE=$PSEUDONYM_SECRET_FILE
AUDIT_SIGNING_KEY_FILE=$AUDIT_SIGNING_KEY_FILE
AUDIT_PUBLIC_KEYS_FILE=$AUDIT_PUBLIC_KEYS_FILE
CWP_STATE_DIR=$STATE_DIR
# Tests and tools sign in as the broker's super user; services get their own users (demo, k8s).
KAFKA_SASL_MECHANISM=scram-sha-256
KAFKA_SASL_USERNAME=admin
KAFKA_SASL_PASSWORD=$(kafka_password admin)
KAFKA_USERS_FILE=$KAFKA_USERS_FILE
ENV
}
