#!/usr/bin/env bash
# Builds CI's local images of every service from Debian packages and Maven
# Central, at the versions pinned in compose/versions.env. This machine reaches no
# container registry, so these stand in for the official images (the differences
# are listed in docs/ci-differences.md). Each image is rebuilt only when its inputs
# change: a hash of its folder, the versions and the artifacts it copies is kept in
# the image label `booking.inputs`.
#
# Usage: ci/images/build.sh [--print-env | --update-checksums]
#   --print-env         only print the *_IMAGE variables that select these images.
#   --update-checksums  only download the Maven artifacts afresh and rewrite
#                       ci/images/artifacts.sha256 (after changing a version).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
images_dir="${repo_root}/ci/images"
cache_dir="${repo_root}/.cache/ci-images"
fetch_stamp="${cache_dir}/artifacts.stamp"
# What Maven fetches (kafka-libs/*.jar, dist/*.tar.gz|zip) and the reviewed SHA-256 of each.
artifact_folders=(kafka-libs dist)
checksums_file="${images_dir}/artifacts.sha256"
# shellcheck source=../../compose/versions.env
source "${repo_root}/compose/versions.env"

debian_suite=trixie
# From the package debian-archive-keyring (ci/host/install-docker.sh installs it).
debian_keyring=/usr/share/keyrings/debian-archive-keyring.gpg
base_image="booking-local/debian:${debian_suite}"
jre_image="booking-local/jre:21"
declare -A image_tags=(
  [kafka]="booking-local/kafka:${KAFKA_VERSION}"
  [connect]="booking-local/debezium-connect:${DEBEZIUM_VERSION}"
  [elasticsearch]="booking-local/elasticsearch:${ELASTICSEARCH_VERSION}"
  [mariadb]="booking-local/mariadb:${MARIADB_VERSION}"
  [haproxy]="booking-local/haproxy:debian-${debian_suite}"
  [node]="booking-local/node:debian-${debian_suite}"
  [s3proxy]="booking-local/s3proxy:${S3PROXY_VERSION}"
)

print_env() {
  cat <<VARS
KAFKA_IMAGE=${image_tags[kafka]}
CONNECT_IMAGE=${image_tags[connect]}
ELASTICSEARCH_IMAGE=${image_tags[elasticsearch]}
DB_ENGINE=mariadb
DB_IMAGE=${image_tags[mariadb]}
HAPROXY_IMAGE=${image_tags[haproxy]}
NODE_IMAGE=${image_tags[node]}
OBJECT_STORE_IMAGE=${image_tags[s3proxy]}
VARS
}

if [[ "${1:-}" == "--print-env" ]]; then
  print_env
  exit 0
fi

log() { printf '[images] %s\n' "$*" >&2; }

inputs_hash() {
  # Everything that changes an image's content: its folder, the pinned versions,
  # the names and sizes of staged artifact folders (Maven files are immutable) and
  # the content of staged single files.
  {
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
    cat "${repo_root}/compose/versions.env"
    shift
    for extra in "$@"; do
      if [[ -d "${extra}" ]]; then
        find "${extra}" -type f -printf '%P %s\n' | sort
      else
        sha256sum < "${extra}"
      fi
    done
  } | sha256sum | cut -c1-16
}

current_hash() {
  docker image inspect --format '{{ index .Config.Labels "booking.inputs" }}' "$1" 2>/dev/null || true
}

# build_image TAG FOLDER [ARTIFACT_DIR...]: stage the folder and artifacts, build if changed.
build_image() {
  local tag="$1" folder="$2"
  shift 2
  local hash
  hash="$(inputs_hash "${folder}" "$@")"
  if [[ "$(current_hash "${tag}")" == "${hash}" ]]; then
    log "${tag}: up to date"
    return
  fi
  local context="${cache_dir}/context/$(basename "${folder}")"
  rm -rf "${context}"
  mkdir -p "${context}"
  cp -a "${folder}/." "${context}/"
  for extra in "$@"; do
    cp -al "${extra}" "${context}/" 2>/dev/null || cp -a "${extra}" "${context}/"
  done
  log "${tag}: building"
  local started=${SECONDS}
  docker build --quiet --label "booking.inputs=${hash}" -t "${tag}" "${context}" >/dev/null
  log "${tag}: built in $((SECONDS - started)) s"
}

build_base() {
  if docker image inspect "${base_image}" >/dev/null 2>&1; then
    log "${base_image}: present"
    return
  fi
  local rootfs="${cache_dir}/rootfs-${debian_suite}"
  rm -rf "${rootfs}"
  log "${base_image}: debootstrap ${debian_suite}"
  # The keyring is named explicitly: without one (package debian-archive-keyring
  # missing) debootstrap given a mirror only warns "Cannot check Release signature"
  # and installs unverified packages; with --keyring it stops instead.
  debootstrap --variant=minbase --keyring="${debian_keyring}" "${debian_suite}" "${rootfs}" http://deb.debian.org/debian >"${cache_dir}/debootstrap.log" 2>&1 \
    || { tail -20 "${cache_dir}/debootstrap.log" >&2; exit 1; }
  tar -C "${rootfs}" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["/bin/bash"]' - "${base_image}" >/dev/null
  rm -rf "${rootfs}"
}

# fetch_artifacts [MAVEN_REPO]: download the upstream jars and archives into the cache.
# --strict-checksums makes Maven fail, not warn, when a download does not match the
# .sha1 Maven Central publishes beside it (it checks nothing already in ~/.m2: that is
# what verify_artifacts is for). MAVEN_REPO, when given, is an empty local repository,
# so every file is downloaded and checked afresh.
fetch_artifacts() {
  local maven_repo="${1:-}" wanted maven_opts=()
  # Maven artifacts of a version never change: skip the download when the versions and
  # the pom are those of the last successful one (verify_artifacts still runs).
  wanted="$(cat "${repo_root}/compose/versions.env" "${images_dir}/maven/pom.xml" | sha256sum | cut -c1-16)"
  if [[ -z "${maven_repo}" && -f "${fetch_stamp}" && "$(cat "${fetch_stamp}")" == "${wanted}" ]]; then
    log "Maven artifacts: fetched before"
    return
  fi
  if [[ -n "${maven_repo}" ]]; then
    maven_opts+=("-Dmaven.repo.local=${maven_repo}")
  fi
  log "Maven artifacts: Kafka ${KAFKA_VERSION}, Debezium ${DEBEZIUM_VERSION}, Elasticsearch ${ELASTICSEARCH_VERSION}, S3Proxy ${S3PROXY_VERSION}"
  rm -rf "${cache_dir}/kafka-libs" "${cache_dir}/dist" "${fetch_stamp}"
  mvn -q -B --strict-checksums "${maven_opts[@]}" -f "${images_dir}/maven/pom.xml" package \
    -Dkafka.version="${KAFKA_VERSION}" \
    -Ddebezium.version="${DEBEZIUM_VERSION}" \
    -Delasticsearch.version="${ELASTICSEARCH_VERSION}" \
    -Ds3proxy.version="${S3PROXY_VERSION}" \
    -Dout.dir="${cache_dir}"
  echo "${wanted}" > "${fetch_stamp}"
}

verify_artifacts() {
  bash "${images_dir}/verify-artifacts.sh" "$@" "${checksums_file}" "${cache_dir}" "${artifact_folders[@]}"
}

# Unpacked from the just-verified archives on every run (about 1.5 s), so a changed
# file in an unpacked copy never reaches an image.
unpack_artifacts() {
  rm -rf "${cache_dir}/connect-plugins" "${cache_dir}/elasticsearch" "${cache_dir}/elasticsearch-unpacked" "${cache_dir}/s3proxy-jar"
  mkdir -p "${cache_dir}/connect-plugins" "${cache_dir}/elasticsearch" "${cache_dir}/s3proxy-jar"
  for plugin in mysql mariadb; do
    tar -xzf "${cache_dir}/dist/debezium-connector-${plugin}-${DEBEZIUM_VERSION}-plugin.tar.gz" \
      -C "${cache_dir}/connect-plugins"
  done
  unzip -q "${cache_dir}/dist/elasticsearch-${ELASTICSEARCH_VERSION}.zip" -d "${cache_dir}/elasticsearch-unpacked"
  mv "${cache_dir}"/elasticsearch-unpacked/elasticsearch-*/* "${cache_dir}/elasticsearch/"
  rm -rf "${cache_dir}/elasticsearch-unpacked"
  # A copy under the name the stand-in's launcher runs (the verified file keeps Maven's name).
  cp "${cache_dir}/dist/s3proxy-${S3PROXY_VERSION}-jar-with-dependencies.jar" "${cache_dir}/s3proxy-jar/s3proxy.jar"
}

# After a version change: download everything into an empty Maven repository (so no
# file comes unchecked from ~/.m2) and write the checksums to review and commit.
update_checksums() {
  local fresh_repo="${cache_dir}/maven-repo-fresh"
  rm -rf "${fresh_repo}"
  fetch_artifacts "${fresh_repo}"
  rm -rf "${fresh_repo}"
  verify_artifacts --update
  log "review \`git diff ${checksums_file#"${repo_root}/"}\` and commit it"
}

main() {
  mkdir -p "${cache_dir}"
  if [[ "${1:-}" == "--update-checksums" ]]; then
    update_checksums
    return
  fi
  build_base
  fetch_artifacts
  verify_artifacts
  unpack_artifacts
  build_image "${jre_image}" "${images_dir}/jre"
  build_image "${image_tags[kafka]}" "${images_dir}/kafka" "${cache_dir}/kafka-libs"
  build_image "${image_tags[connect]}" "${images_dir}/connect" "${cache_dir}/kafka-libs" "${cache_dir}/connect-plugins" \
    "${images_dir}/kafka/log4j2.yaml"
  build_image "${image_tags[elasticsearch]}" "${images_dir}/elasticsearch" "${cache_dir}/elasticsearch"
  build_image "${image_tags[mariadb]}" "${images_dir}/mariadb"
  build_image "${image_tags[haproxy]}" "${images_dir}/haproxy"
  build_image "${image_tags[s3proxy]}" "${images_dir}/s3proxy" "${cache_dir}/s3proxy-jar"
  # The services' build stage runs `npm ci` inside the image; this machine's TLS
  # goes through a CA that a fresh Debian does not trust, so CI's node image is
  # given the host's bundle (never disabling verification).
  cp /etc/ssl/certs/ca-certificates.crt "${cache_dir}/host-ca-bundle.crt"
  build_image "${image_tags[node]}" "${images_dir}/node" "${cache_dir}/host-ca-bundle.crt"
  print_env > "${cache_dir}/images.env"
  log "image variables written to ${cache_dir}/images.env"
}

main "$@"
