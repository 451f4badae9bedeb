#!/usr/bin/env bash
# Writes connect-distributed.properties from the environment variables the Debezium
# Connect image documents, then runs the worker. Only the subset compose.yaml uses
# is honoured; anything else fails loudly rather than being ignored.
set -euo pipefail

if [[ "${1:-}" != "start" ]]; then
  exec "$@"
fi

: "${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS must name the Kafka brokers}"
: "${GROUP_ID:?GROUP_ID must name the Connect cluster}"
: "${CONFIG_STORAGE_TOPIC:?CONFIG_STORAGE_TOPIC must be set}"
: "${OFFSET_STORAGE_TOPIC:?OFFSET_STORAGE_TOPIC must be set}"

props=/kafka/config/connect-distributed.properties
advertised_host="${ADVERTISED_HOST_NAME:-$(hostname -i | awk '{print $1}')}"
{
  echo "bootstrap.servers=${BOOTSTRAP_SERVERS}"
  echo "group.id=${GROUP_ID}"
  echo "config.storage.topic=${CONFIG_STORAGE_TOPIC}"
  echo "offset.storage.topic=${OFFSET_STORAGE_TOPIC}"
  echo "status.storage.topic=${STATUS_STORAGE_TOPIC:-connect-status}"
  echo "key.converter=${KEY_CONVERTER:-org.apache.kafka.connect.json.JsonConverter}"
  echo "value.converter=${VALUE_CONVERTER:-org.apache.kafka.connect.json.JsonConverter}"
  echo "offset.flush.interval.ms=${OFFSET_FLUSH_INTERVAL_MS:-60000}"
  echo "offset.flush.timeout.ms=${OFFSET_FLUSH_TIMEOUT_MS:-5000}"
  echo "task.shutdown.graceful.timeout.ms=${SHUTDOWN_TIMEOUT:-10000}"
  echo "listeners=http://0.0.0.0:${REST_PORT:-8083}"
  echo "rest.advertised.host.name=${advertised_host}"
  echo "rest.advertised.port=${ADVERTISED_PORT:-8083}"
  echo "plugin.path=${CONNECT_PLUGIN_PATH:-/kafka/connect}"
} > "${props}"

# CONNECT_FOO_BAR=value -> foo.bar=value, as the upstream image does: so
# CONNECT_CONFIG_PROVIDERS_ENV_PARAM_ALLOWLIST_PATTERN becomes
# config.providers.env.param.allowlist.pattern. Variables without the prefix (the
# capture password that Kafka's EnvVarConfigProvider reads) are left as they are
# and reach the worker's environment through exec, as upstream.
while IFS='=' read -r name value; do
  [[ "${name}" =~ ^CONNECT_ ]] || continue
  [[ "${name}" == CONNECT_PLUGIN_PATH ]] && continue
  key="${name#CONNECT_}"
  key="${key,,}"
  key="${key//_/.}"
  # A later line wins in a properties file, so overrides need no rewrite.
  printf '%s=%s\n' "${key}" "${value}" >> "${props}"
done < <(env)

heap_opts="${HEAP_OPTS:--Xms256m -Xmx1g}"
# shellcheck disable=SC2086 # option strings are word lists on purpose
exec "${JAVA_HOME}/bin/java" ${heap_opts} -XX:+UseG1GC \
  -Dlog4j2.configurationFile=/kafka/config/log4j2.yaml ${KAFKA_OPTS:-} \
  -cp '/kafka/libs/*' org.apache.kafka.connect.cli.ConnectDistributed "${props}"
