#!/usr/bin/env bash
# Runs one Kafka main class with the distribution's libs: the same entry the
# official scripts use, reduced to what this stand-in image needs.
set -euo pipefail
main_class="$1"
shift
# Tools get a small heap so healthchecks and init stay cheap on a laptop.
heap_opts="${KAFKA_HEAP_OPTS:--Xmx256m}"
log_opts="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.yaml}"
# shellcheck disable=SC2086 # the option strings are word lists on purpose
exec "${JAVA_HOME}/bin/java" ${heap_opts} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:TieredStopAtLevel=1} \
  ${log_opts} ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "${main_class}" "$@"
