#!/usr/bin/env bash
# The stand-in's launcher: the subset of S3Proxy's image variables compose.yaml uses,
# turned into the system properties S3Proxy reads (s3proxy.*, jclouds.*), with the same
# defaults as the official image's Dockerfile. No properties file: the launcher of the
# official image also passes everything as -D options.
set -euo pipefail
mkdir -p "${JCLOUDS_FILESYSTEM_BASEDIR:=/data}"
# shellcheck disable=SC2086 # S3PROXY_JAVA_OPTS is a list of JVM options, split on purpose.
exec java ${S3PROXY_JAVA_OPTS:-} \
  -DLOG_LEVEL="${LOG_LEVEL:-info}" \
  -Ds3proxy.endpoint="${S3PROXY_ENDPOINT:-http://0.0.0.0:80}" \
  -Ds3proxy.authorization="${S3PROXY_AUTHORIZATION:-aws-v2-or-v4}" \
  -Ds3proxy.identity="${S3PROXY_IDENTITY:-local-identity}" \
  -Ds3proxy.credential="${S3PROXY_CREDENTIAL:-local-credential}" \
  -Djclouds.provider="${JCLOUDS_PROVIDER:-filesystem-nio2}" \
  -Djclouds.identity=remote-identity \
  -Djclouds.credential=remote-credential \
  -Djclouds.filesystem.basedir="${JCLOUDS_FILESYSTEM_BASEDIR}" \
  -jar /opt/s3proxy/s3proxy.jar \
  --properties /dev/null
