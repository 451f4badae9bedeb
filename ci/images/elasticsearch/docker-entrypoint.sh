#!/usr/bin/env bash
# Like the official image: every environment variable whose name looks like a
# setting (lower case with dots, e.g. discovery.type) is passed as -E name=value.
set -euo pipefail

settings=()
while IFS='=' read -r name value; do
  if [[ "${name}" =~ ^[a-z0-9_]+\.[a-z0-9_.]+$ ]]; then
    settings+=("-E" "${name}=${value}")
  fi
done < <(env)

exec /usr/share/elasticsearch/bin/elasticsearch "${settings[@]}" "$@"
