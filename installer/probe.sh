#!/usr/bin/env bash
# Starts a DASH Desk launcher once with the start-up probe (-Ddashdesk.startupProbe=true: the app
# prints FIRST_FRAME when its window is up and READY when its store is open, then exits) and
# prints "FIRST_FRAME_MS=<ms> READY_MS=<ms>", measured from process start. Needs DISPLAY.
# Extra JVM options go in JAVA_TOOL_OPTIONS; the data directory in PROBE_DATA_DIR.
#
#   installer/probe.sh LAUNCHER
set -uo pipefail
LAUNCHER="${1:?usage: probe.sh LAUNCHER}"
DATA="${PROBE_DATA_DIR:?set PROBE_DATA_DIR to a throw-away data directory}"
export JAVA_TOOL_OPTIONS="-Ddashdesk.startupProbe=true -Ddashdesk.data.dir=$DATA ${JAVA_TOOL_OPTIONS:-}"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
start=$(now_ms)
first=""; ready=""
while IFS= read -r line; do
  case "$line" in
    FIRST_FRAME*) [ -z "$first" ] && first=$(( $(now_ms) - start )) ;;
    READY*) [ -z "$ready" ] && ready=$(( $(now_ms) - start )) ;;
  esac
  printf '%s\n' "$line" >&2
done < <("$LAUNCHER" 2>&1)
wait $! 2>/dev/null
echo "FIRST_FRAME_MS=${first:-none} READY_MS=${ready:-none}"
[ -n "$first" ]
