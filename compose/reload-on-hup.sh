#!/usr/bin/env bash
# The services image's entrypoint (compose/services.Dockerfile): runs the service's
# command as its child and, on SIGHUP, stops that child the graceful way (SIGTERM: the
# kit drains in-flight requests, services/kit/serve.ts) and runs the command again, in
# the same container. `npm run dev` pushes newly compiled code into the container and
# sends SIGHUP (scripts/lib/dev/restart-in-place.ts): no Docker stop and start, no new
# network endpoint, about half a second less per reload than `compose restart`.
#
# Everything else is as if the command ran alone: SIGTERM (and SIGINT, as SIGTERM) go to the child,
# and the container exits with the child's status (a crash still reaches Docker's
# restart policy). Kubernetes sets the command itself (k8s/), so this never runs there.
#
# Where the reloader finds it: its own pid and the child's, in RELOAD_PID_DIR.
set -u

pid_dir="${RELOAD_PID_DIR:-/tmp}"
child=0
signalled=0
reloading=0
stopping=0

signal_child() {
  if (( child > 0 )); then kill -s "$1" "${child}" 2>/dev/null; signalled=${child}; fi
}
# One signal reaches the child at a time: Node, once its SIGTERM handler has run, would
# die at once on a second SIGTERM (or on a SIGHUP, which it does not handle).
forward() {
  if [[ "$1" == HUP ]]; then
    # Not between two children (child=0): the code is on disk already, and the TERM would
    # go to the pid just reaped, leaving `reloading` set for good.
    if (( stopping == 0 && reloading == 0 && child > 0 )); then reloading=1; signal_child TERM; fi
  elif (( stopping == 0 )); then
    stopping=1
    # As TERM: a child started with `&` by a script has SIGINT ignored.
    if (( reloading == 0 )); then signal_child TERM; fi
  fi
}
trap 'forward HUP' HUP
trap 'forward TERM' TERM
trap 'forward INT' INT

echo "$$" > "${pid_dir}/reload-supervisor.pid"
while :; do
  "$@" &
  child=$!
  echo "${child}" > "${pid_dir}/reload-child.pid"
  # A stop that came while the previous child was exiting; one that came after `child=$!`
  # has reached this child through the trap already, and Node must get one SIGTERM only.
  if (( stopping == 1 && signalled != child )); then signal_child TERM; fi
  # `wait` returns early (128+signal) when a trapped signal arrives; the child may still be
  # draining. Whether a trap ran cannot tell: a signal whose trap ran just before `wait`
  # can still cut that `wait` short. So the child's own liveness decides.
  while :; do
    wait "${child}"
    status=$?
    if kill -0 "${child}" 2>/dev/null; then continue; fi
    # Gone. An answer above 128 may be a signal's, not the child's: ask again (bash keeps a
    # reaped child's status) while the answers stay above 128, a few times at most, as
    # another signal may cut each one short. An answer that is no status (127: the pid is
    # no longer known; -1, which bash 5 gives after a storm of signals) keeps the one before.
    tries=0
    while (( status > 128 && tries < 3 )); do
      tries=$((tries + 1))
      wait "${child}" 2>/dev/null
      last=$?
      if (( last < 0 || last > 255 || last == 127 )); then break; fi
      status=${last}
    done
    break
  done
  child=0
  if (( reloading == 1 && stopping == 0 )); then
    reloading=0
    continue
  fi
  # An unknowable status (the first wait's could be -1 too) is reported as a stop by SIGTERM
  # when one was asked for, else as a failure: never as 255, which says nothing.
  if (( status < 0 || status > 255 )); then
    if (( stopping == 1 )); then status=143; else status=1; fi
  fi
  exit "${status}"
done
