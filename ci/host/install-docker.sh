#!/usr/bin/env bash
# Installs and starts a Docker engine with Compose v2 on a Debian 12 machine that
# reaches only Debian's packages: docker.io from bookworm, and the Compose v2 plugin
# from Debian 13's docker-compose package (bookworm only has Compose v1). The
# trixie source is used through a private apt state directory, so the machine's
# own package lists are never touched. Idempotent: what is present is kept.
set -euo pipefail

log() { printf '[docker] %s\n' "$*" >&2; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v unzip >/dev/null || missing+=(unzip)
  # ci/images/build.sh hands this keyring to debootstrap, which then refuses an
  # unsigned or wrongly signed archive instead of warning and going on.
  [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] || missing+=(debian-archive-keyring)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}

install_compose_plugin() {
  if docker compose version >/dev/null 2>&1; then
    return
  fi
  log "installing the Compose v2 plugin from Debian 13's docker-compose package"
  # A new directory of our own (mktemp -d: 0700, unpredictable name), removed on exit:
  # a fixed path under the world-writable /var/tmp could be created first by any local
  # user, who would then choose the sources and the package this script installs as root.
  # apt's download sandbox (user _apt) cannot enter it, so apt downloads as root, with a
  # warning; the archive is still checked against the Debian keyring.
  state_dir="$(mktemp -d "${TMPDIR:-/tmp}/booking-ci-apt.XXXXXXXX")"
  trap 'rm -rf "${state_dir}"' EXIT
  mkdir -p "${state_dir}/lists/partial" "${state_dir}/cache/archives/partial" "${state_dir}/deb"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    > "${state_dir}/sources.list"
  local apt_opts=(
    -o "Dir::State::Lists=${state_dir}/lists"
    -o "Dir::Cache=${state_dir}/cache"
    -o "Dir::Etc::SourceList=${state_dir}/sources.list"
    -o "Dir::Etc::SourceParts=-"
  )
  apt-get -q "${apt_opts[@]}" update >/dev/null
  (cd "${state_dir}/deb" && apt-get -q "${apt_opts[@]}" download docker-compose/trixie >/dev/null 2>&1)
  dpkg-deb -x "${state_dir}"/deb/docker-compose_*.deb "${state_dir}/unpacked"
  install -D -m 0755 "${state_dir}/unpacked/usr/libexec/docker/cli-plugins/docker-compose" \
    /usr/libexec/docker/cli-plugins/docker-compose
  docker compose version >&2
}

start_daemon() {
  if docker info >/dev/null 2>&1; then
    return
  fi
  log "starting dockerd"
  # The daemon outlives this script: it must not inherit a descriptor the caller holds
  # open, such as the lock of `flock /some.lock bash install-docker.sh` (the daemon would
  # hold that lock for as long as it runs). Close everything above stderr first.
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec nohup dockerd </dev/null >/var/log/booking-ci-dockerd.log 2>&1
  ) &
  echo $! > /var/run/booking-ci-dockerd.pid
  local started=${SECONDS}
  until docker info >/dev/null 2>&1; do
    if ((SECONDS - started > 60)); then
      log "dockerd did not answer within 60 s; its log:"
      tail -20 /var/log/booking-ci-dockerd.log >&2
      exit 1
    fi
    sleep 0.5
  done
  log "dockerd ready in $((SECONDS - started)) s"
}

install_packages
install_compose_plugin
start_daemon
