#!/usr/bin/env bash
# Checks the upstream artifacts CI's images are built from against the SHA-256 values
# committed in the repo, so a file that changed on Maven Central, on the way here or in
# the local cache fails the build instead of being copied into an image. Maven's own
# checksum check (--strict-checksums) only covers the download; this covers every copy
# build.sh stages, cached ones included. Its own script so it is tested without Docker
# (test/unit/ci/verify-artifacts.test.ts).
#
# Usage: verify-artifacts.sh [--update] CHECKSUMS ROOT FOLDER...
#   Every file under ROOT/FOLDER... must be listed in CHECKSUMS (`sha256sum` format,
#   paths relative to ROOT, `#` comments) with the same SHA-256, and every listed
#   file must exist. --update rewrites CHECKSUMS from the files instead.
# Exit status: 0 all match, 1 a difference (each named on stderr), 2 wrong usage.
set -euo pipefail

regenerate_command="bash ci/images/build.sh --update-checksums"

log() { printf '[artifacts] %s\n' "$*" >&2; }

update=false
if [[ "${1:-}" == "--update" ]]; then
  update=true
  shift
fi
if (($# < 3)); then
  log "usage: verify-artifacts.sh [--update] CHECKSUMS ROOT FOLDER..."
  exit 2
fi
checksums_file="$1" root="$2"
shift 2
folders=("$@")

# Prints "<sha256>  <path relative to ROOT>" for every file of the folders, sorted.
# Hashing from stdin keeps odd file names out of sha256sum's escaped output.
hash_files() {
  local folder file
  for folder in "${folders[@]}"; do
    [[ -d "${root}/${folder}" ]] || continue
    (cd "${root}" && find "${folder}" ! -type d -print0)
  done | sort -z | while IFS= read -r -d '' file; do
    printf '%s  %s\n' "$(sha256sum < "${root}/${file}" | cut -c1-64)" "${file}"
  done
}

if [[ "${update}" == true ]]; then
  {
    echo "# SHA-256 of every upstream file ci/images/build.sh stages into CI's images (Kafka jars,"
    echo "# Debezium connector plugins and the Elasticsearch distribution from Maven Central),"
    echo "# checked by ci/images/verify-artifacts.sh on every build, cached copies included."
    echo "# After changing a version in compose/versions.env or ci/images/maven/pom.xml, regenerate"
    echo "# with \`${regenerate_command}\` and review the diff before committing it."
    hash_files
  } > "${checksums_file}.tmp"
  mv "${checksums_file}.tmp" "${checksums_file}"
  log "wrote $(grep -vc '^#' "${checksums_file}") checksums to ${checksums_file}"
  exit 0
fi

if [[ ! -f "${checksums_file}" ]]; then
  log "${checksums_file} does not exist, so nothing fetched can be trusted."
  log "Create it from a fresh download with \`${regenerate_command}\`, review it and commit it."
  exit 1
fi

declare -A expected=() actual=()
line_number=0
while IFS= read -r line || [[ -n "${line}" ]]; do
  line_number=$((line_number + 1))
  [[ -z "${line}" || "${line}" == \#* ]] && continue
  if [[ ! "${line}" =~ ^([0-9a-f]{64})\ \ (.+)$ ]]; then
    log "${checksums_file}:${line_number} is not '<sha256>  <path>': ${line}"
    log "Regenerate the file with \`${regenerate_command}\`."
    exit 1
  fi
  expected["${BASH_REMATCH[2]}"]="${BASH_REMATCH[1]}"
done < "${checksums_file}"
if ((${#expected[@]} == 0)); then
  log "${checksums_file} lists no artifacts, so it would accept anything."
  log "Regenerate it with \`${regenerate_command}\`."
  exit 1
fi

while IFS= read -r line; do
  actual["${line:66}"]="${line:0:64}"
done < <(hash_files)

problems=()
for path in "${!actual[@]}"; do
  if [[ -z "${expected[${path}]:-}" ]]; then
    problems+=("${path}: not listed in ${checksums_file} (sha256 ${actual[${path}]})")
  elif [[ "${expected[${path}]}" != "${actual[${path}]}" ]]; then
    problems+=("${path}: sha256 is ${actual[${path}]}, ${checksums_file} expects ${expected[${path}]}")
  fi
done
for path in "${!expected[@]}"; do
  [[ -n "${actual[${path}]:-}" ]] || problems+=("${path}: listed in ${checksums_file} but missing from ${root}")
done

if ((${#problems[@]} == 0)); then
  log "${#actual[@]} files match ${checksums_file}"
  exit 0
fi

log "Refusing to build from ${root}: ${#problems[@]} file(s) differ from the reviewed ${checksums_file}:"
printf '%s\n' "${problems[@]}" | sort | sed 's/^/[artifacts]   /' >&2
log "What to do:"
log "- You changed a version in compose/versions.env or ci/images/maven/pom.xml: run"
log "  \`${regenerate_command}\` (it downloads afresh from Maven Central, checksums checked),"
log "  review the diff of ${checksums_file} and commit it."
log "- You changed nothing: a cached or downloaded copy is not the reviewed one. Delete ${root}"
log "  and the named files' folders under ~/.m2/repository, and run again. If the same file"
log "  still differs, Maven Central serves other content than was reviewed: find out why"
log "  before updating the checksum."
exit 1
