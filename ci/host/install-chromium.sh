#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/e2e/web.e2e.test.ts, driven by
# playwright-core), and NSS's certutil (libnss3-tools), which test/e2e/edge-tls.e2e.test.ts
# imports the stack's local CA into a test profile's certificate store with. These machines cannot download a browser build (`npx playwright
# install` fails); Debian's package is the browser. Idempotent. Fails if it cannot
# install: under CI a missing browser fails the run, it never skips.
set -euo pipefail

log() { printf '[chromium] %s\n' "$*" >&2; }

if [[ ! -x /usr/bin/chromium ]]; then
  log "installing chromium from Debian"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
# The version line goes to the log, so a run says which browser it tested with.
if ! command -v certutil >/dev/null; then
  log "installing libnss3-tools (certutil) from Debian"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libnss3-tools >/dev/null
fi
/usr/bin/chromium --version >&2 2>/dev/null || { log "/usr/bin/chromium does not run"; exit 1; }
