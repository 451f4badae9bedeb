#!/usr/bin/env bash
# Creates the topics the platform uses, once, before Connect and the indexer
# start (compose runs this as the one-shot `kafka-init` service). Idempotent:
# existing topics are left alone and reported. Broker auto-creation is off, so
# this file is the single list of topics.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP:-kafka:29092}"
topics_cmd=/opt/kafka/bin/kafka-topics.sh
deadline_seconds="${INIT_TIMEOUT_SECONDS:-120}"

# The names come from the orchestrator's one config (scripts/lib/config/stack-config.ts),
# through compose.yaml; a missing one stops here instead of creating a wrong topic.
: "${CDC_TOPIC:?CDC_TOPIC must be set (compose.yaml passes it)}"
: "${SCHEMA_HISTORY_TOPIC:?SCHEMA_HISTORY_TOPIC must be set (compose.yaml passes it)}"
: "${DLQ_TOPIC:?DLQ_TOPIC must be set (compose.yaml passes it)}"
: "${CONNECT_CONFIGS_TOPIC:?CONNECT_CONFIGS_TOPIC must be set (compose.yaml passes it)}"
: "${CONNECT_OFFSETS_TOPIC:?CONNECT_OFFSETS_TOPIC must be set (compose.yaml passes it)}"
: "${CONNECT_STATUS_TOPIC:?CONNECT_STATUS_TOPIC must be set (compose.yaml passes it)}"
: "${SAGA_INVENTORY_COMMANDS_TOPIC:?SAGA_INVENTORY_COMMANDS_TOPIC must be set (compose.yaml passes it)}"
: "${SAGA_INVENTORY_REPLIES_TOPIC:?SAGA_INVENTORY_REPLIES_TOPIC must be set (compose.yaml passes it)}"
: "${SAGA_PAYMENT_COMMANDS_TOPIC:?SAGA_PAYMENT_COMMANDS_TOPIC must be set (compose.yaml passes it)}"
: "${SAGA_PAYMENT_REPLIES_TOPIC:?SAGA_PAYMENT_REPLIES_TOPIC must be set (compose.yaml passes it)}"
: "${SAGA_DLQ_TOPIC:?SAGA_DLQ_TOPIC must be set (compose.yaml passes it)}"
: "${ROOM_TYPES_TOPIC:?ROOM_TYPES_TOPIC must be set (compose.yaml passes it)}"
: "${ROOM_NIGHTS_TOPIC:?ROOM_NIGHTS_TOPIC must be set (compose.yaml passes it)}"
: "${AVAILABILITY_SCHEMA_HISTORY_TOPIC:?AVAILABILITY_SCHEMA_HISTORY_TOPIC must be set (compose.yaml passes it)}"

# name|partitions|config (comma-separated key=value)
topics=(
  # Change events of the captured table, keyed by primary key so every change of one
  # row lands in one partition, in order.
  "${CDC_TOPIC}|3|cleanup.policy=delete,retention.ms=604800000"
  # Kafka Connect's own state: compacted, one replica (a single broker).
  "${CONNECT_CONFIGS_TOPIC}|1|cleanup.policy=compact"
  "${CONNECT_OFFSETS_TOPIC}|5|cleanup.policy=compact"
  "${CONNECT_STATUS_TOPIC}|5|cleanup.policy=compact"
  # Debezium's schema history: must keep everything, one partition, never compacted.
  "${SCHEMA_HISTORY_TOPIC}|1|cleanup.policy=delete,retention.ms=-1,retention.bytes=-1"
  # Messages the search-indexer could not process, with the error in their headers.
  "${DLQ_TOPIC}|1|cleanup.policy=delete,retention.ms=1209600000"
  # The booking saga's commands and replies (issue 20), written by each service's outbox
  # connector and keyed by booking id: one booking's messages stay in one partition, in order.
  "${SAGA_INVENTORY_COMMANDS_TOPIC}|3|cleanup.policy=delete,retention.ms=604800000"
  "${SAGA_INVENTORY_REPLIES_TOPIC}|3|cleanup.policy=delete,retention.ms=604800000"
  "${SAGA_PAYMENT_COMMANDS_TOPIC}|3|cleanup.policy=delete,retention.ms=604800000"
  "${SAGA_PAYMENT_REPLIES_TOPIC}|3|cleanup.policy=delete,retention.ms=604800000"
  # Saga messages a consumer could not process, with the error in their headers.
  "${SAGA_DLQ_TOPIC}|1|cleanup.policy=delete,retention.ms=1209600000"
  # Date search (issue 21): the inventory's room types and nights, captured like the hotels and
  # keyed by primary key (a night's changes stay in order), with their connector's schema history.
  "${ROOM_TYPES_TOPIC}|3|cleanup.policy=delete,retention.ms=604800000"
  "${ROOM_NIGHTS_TOPIC}|3|cleanup.policy=delete,retention.ms=604800000"
  "${AVAILABILITY_SCHEMA_HISTORY_TOPIC}|1|cleanup.policy=delete,retention.ms=-1,retention.bytes=-1"
)

# Every kafka-topics.sh call is a JVM start (~3 s of CPU, on a laptop that is also
# starting Elasticsearch and Connect). The first call (the wait below) records the
# classes it loaded in a shared archive; the creates start from it and need about
# half the CPU. Unknown options are ignored on a JVM older than 19.
export KAFKA_OPTS="${KAFKA_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/tmp/kafka-tools.jsa"

echo "[kafka-init] waiting for the broker at ${bootstrap} (up to ${deadline_seconds}s)"
started=${SECONDS}
until existing="$("${topics_cmd}" --bootstrap-server "${bootstrap}" --list 2>/tmp/kafka-init.err)"; do
  if (( SECONDS - started >= deadline_seconds )); then
    echo "[kafka-init] broker not reachable after ${deadline_seconds}s; last error:" >&2
    tail -5 /tmp/kafka-init.err >&2
    exit 1
  fi
  sleep 1
done
# The JVM says itself when it applies JAVA_TOOL_OPTIONS (.env's JVM options, such as
# the Apple M4 workaround): show that line, so the output proves the tools got them.
if [[ -n "${JAVA_TOOL_OPTIONS:-}" ]]; then
  grep -m1 '^Picked up JAVA_TOOL_OPTIONS' /tmp/kafka-init.err \
    || echo "[kafka-init] warning: JAVA_TOOL_OPTIONS is set but the JVM did not report picking it up" >&2
fi

# Each kafka-topics.sh call starts a JVM; creating the missing topics in parallel
# takes a few seconds instead of one JVM start per topic in a row.
created=()
present=()
pids=()
for spec in "${topics[@]}"; do
  IFS='|' read -r name partitions config <<<"${spec}"
  if grep -qx -- "${name}" <<<"${existing}"; then
    present+=("${name}")
    continue
  fi
  config_args=()
  IFS=',' read -ra pairs <<<"${config}"
  for pair in "${pairs[@]}"; do
    config_args+=(--config "${pair}")
  done
  "${topics_cmd}" --bootstrap-server "${bootstrap}" --create --if-not-exists \
    --topic "${name}" --partitions "${partitions}" --replication-factor 1 "${config_args[@]}" \
    >"/tmp/create-${name}.log" 2>&1 &
  pids+=("$!")
  created+=("${name}")
done

failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "[kafka-init] creating ${created[$i]} failed:" >&2
    tail -5 "/tmp/create-${created[$i]}.log" >&2
    failed=1
  fi
done
if (( failed )); then
  exit 1
fi

echo "[kafka-init] created: ${created[*]:-none}"
echo "[kafka-init] already present: ${present[*]:-none}"
