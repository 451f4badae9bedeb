#!/usr/bin/env bash
# A Java 21+ for `npm run k8s:check` (Strimzi's CRD generator, io.strimzi:crd-generator 1.2.0, is
# built for Java 21). Nothing to do when one is under /usr/lib/jvm (Temurin, a Debian 13 OpenJDK).
# Debian 13 installs openjdk-21-jre-headless. Debian 12 has no Java 21 package, and Debian 13's
# needs its glibc (2.38+): it is unpacked with that glibc into a private root (BOOKING_CI_JAVA_HOME,
# default /opt/booking-ci/java) whose bin/java starts it through that glibc's loader; the
# machine's own packages and apt lists are never touched (a private apt state, as install-docker.sh).
set -euo pipefail

log() { printf '[java] %s\n' "$*" >&2; }
java_home="${BOOKING_CI_JAVA_HOME:-/opt/booking-ci/java}"

has_java21() {
  local release major
  for release in /usr/lib/jvm/*/release "${java_home}/release"; do
    [[ -f "${release}" ]] || continue
    major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "${release}")"
    [[ "${major}" =~ ^[0-9]+$ ]] && ((major >= 21)) && return 0
  done
  return 1
}

if [[ "${BOOKING_CI_JAVA_FORCE:-}" != 1 ]] && has_java21; then
  exit 0
fi
if [[ "${BOOKING_CI_JAVA_FORCE:-}" != 1 ]] && apt-cache policy openjdk-21-jre-headless 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  log "installing openjdk-21-jre-headless"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-21-jre-headless >/dev/null
  exit 0
fi

log "Debian 12: unpacking Debian 13's openjdk-21-jre-headless with its glibc into ${java_home}"
state_dir="$(mktemp -d)"
trap 'rm -rf "${state_dir}"' EXIT
mkdir -p "${state_dir}/lists/partial" "${state_dir}/cache/archives/partial" "${state_dir}/deb"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" >"${state_dir}/sources.list"
apt_opts=(-o "Dir::State::Lists=${state_dir}/lists" -o "Dir::Cache=${state_dir}/cache"
  -o "Dir::Etc::SourceList=${state_dir}/sources.list" -o "Dir::Etc::SourceParts=-")
apt-get -q "${apt_opts[@]}" update >/dev/null
(cd "${state_dir}/deb" && apt-get -q "${apt_opts[@]}" download \
  openjdk-21-jre-headless/trixie libc6/trixie libgcc-s1/trixie libstdc++6/trixie zlib1g/trixie >/dev/null 2>&1)
rm -rf "${java_home}"
root="${java_home}/root"
mkdir -p "${root}" "${java_home}/bin"
for deb in "${state_dir}"/deb/*.deb; do dpkg-deb -x "${deb}" "${root}"; done
# The package links its configuration (conf/security/java.security, ...) to /etc/java-21-openjdk: point
# every absolute link into the private root instead, or the JVM cannot load its security settings.
find "${root}" -type l -lname '/*' | while IFS= read -r link; do ln -sfn "${root}$(readlink "${link}")" "${link}"; done
jdk="$(echo "${root}"/usr/lib/jvm/java-21-openjdk-*)"
cp "${jdk}/release" "${java_home}/release"
cat >"${java_home}/bin/java" <<WRAPPER
#!/bin/sh
exec "${root}/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" --library-path "${root}/usr/lib/x86_64-linux-gnu" "${jdk}/bin/java" "\$@"
WRAPPER
chmod 0755 "${java_home}/bin/java"
"${java_home}/bin/java" -version 2>&1 | head -1 >&2
