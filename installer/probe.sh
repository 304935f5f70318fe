#!/usr/bin/env bash
# Starts DASH Desk (a launcher, or any command line that starts it) once with the start-up probe (-Ddashdesk.startupProbe=true: the app
# prints FIRST_FRAME when its window is up and READY when its store is open, then exits) and
# prints "FIRST_FRAME_MS=<ms> READY_MS=<ms>", measured from process start. Needs DISPLAY.
# Extra JVM options go in JAVA_TOOL_OPTIONS; the data directory in PROBE_DATA_DIR.
#
#   installer/probe.sh LAUNCHER [ARGS...]
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: probe.sh LAUNCHER [ARGS...]" >&2; exit 2; }
DATA="${PROBE_DATA_DIR:?set PROBE_DATA_DIR to a throw-away data directory}"
export JAVA_TOOL_OPTIONS="-Ddashdesk.startupProbe=true -Ddashdesk.data.dir=$DATA ${JAVA_TOOL_OPTIONS:-}"
now_ms() {
  local ns
  ns="$(date +%s%N)"
  # BSD date (macOS) has no %N: whole seconds are enough there (only timings suffer).
  case "$ns" in *N) echo $(( ${ns%N} * 1000 )) ;; *) echo $(( ns / 1000000 )) ;; esac
}
start=$(now_ms)
first=""; ready=""
while IFS= read -r line; do
  case "$line" in
    FIRST_FRAME*) [ -z "$first" ] && first=$(( $(now_ms) - start )) ;;
    READY*) [ -z "$ready" ] && ready=$(( $(now_ms) - start )) ;;
  esac
  printf '%s\n' "$line" >&2
done < <("$@" 2>&1)
wait $! 2>/dev/null
echo "FIRST_FRAME_MS=${first:-none} READY_MS=${ready:-none}"
[ -n "$first" ]
