#!/usr/bin/env bash
# Fetches Kafka and Apicurio Registry from Maven Central into the git-ignored cache.
# Maven keeps its own cache in ~/.m2, so a fresh clone on the same machine copies, not downloads.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_cmd mvn "install Maven (Debian: apt-get install maven)"
kafka_java >/dev/null

fetch_kafka() {
  [ -f "$KAFKA_HOME/.complete" ] && return 0
  log "fetching Apache Kafka $KAFKA_VERSION from Maven Central (kafka_2.13 + kafka-tools)"
  rm -rf "$KAFKA_HOME"; mkdir -p "$KAFKA_HOME/libs"
  mvn -q -B -f "$INFRA_LOCAL_DIR/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    "$MAVEN_DEPENDENCY_PLUGIN:copy-dependencies" -DincludeScope=runtime -DoutputDirectory="$KAFKA_HOME/libs" \
    >"$LOG_DIR/fetch-kafka.log" 2>&1 || { tail -n 20 "$LOG_DIR/fetch-kafka.log" >&2; die "Maven could not fetch Kafka $KAFKA_VERSION" "check network access to Maven Central and $LOG_DIR/fetch-kafka.log"; }
  local bindings; bindings=$(find "$KAFKA_HOME/libs" -name 'slf4j-*.jar' ! -name 'slf4j-api-*' | wc -l)
  [ "$bindings" -eq 1 ] || die "expected exactly one SLF4J binding in Kafka's libs, found $bindings" "adjust infra/local/kafka/pom.xml"
  touch "$KAFKA_HOME/.complete"
  ok "Kafka $KAFKA_VERSION cached in $KAFKA_HOME"
}

fetch_apicurio() {
  [ -f "$APICURIO_HOME/.complete" ] && return 0
  log "fetching Apicurio Registry $APICURIO_VERSION from Maven Central"
  local tmp="$CACHE_DIR/apicurio-download"
  rm -rf "$tmp" "$APICURIO_HOME"; mkdir -p "$tmp" "$APICURIO_HOME"
  mvn -q -B "$MAVEN_DEPENDENCY_PLUGIN:copy" -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" \
    -DoutputDirectory="$tmp" >"$LOG_DIR/fetch-apicurio.log" 2>&1 || { tail -n 20 "$LOG_DIR/fetch-apicurio.log" >&2; die "Maven could not fetch Apicurio Registry $APICURIO_VERSION" "check network access to Maven Central and $LOG_DIR/fetch-apicurio.log"; }
  tar -xzf "$tmp"/apicurio-registry-app-*.tar.gz -C "$APICURIO_HOME"
  rm -rf "$tmp"
  [ -n "$(find "$APICURIO_HOME" -name quarkus-run.jar -print -quit)" ] || die "the Apicurio archive has no quarkus-run.jar" "check APICURIO_VERSION in infra/local/versions.env"
  touch "$APICURIO_HOME/.complete"
  ok "Apicurio Registry $APICURIO_VERSION cached in $APICURIO_HOME"
}

fetch_kafka
fetch_apicurio
