#!/usr/bin/env bash
# Shows the tail of each component's log (or follows one: logs.sh kafka|registry|redis|postgres -f).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pg_log() { ls -t /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -n1; }
file_of() { case $1 in kafka) echo "$LOG_DIR/kafka.log";; registry) echo "$LOG_DIR/registry.log";; redis) echo "$LOG_DIR/redis.log";; postgres) pg_log;; *) die "unknown component '$1'" "use kafka, registry, redis or postgres";; esac; }
if [ $# -ge 1 ]; then f=$(file_of "$1"); shift; exec tail -n 100 "$@" "$f"; fi
for c in kafka registry redis postgres; do
  f=$(file_of "$c"); echo "==== $c: ${f:-no log} ===="; [ -n "$f" ] && [ -f "$f" ] && tail -n 20 "$f"; echo
done
