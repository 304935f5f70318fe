#!/usr/bin/env bash
# Prints the start-up of a packaged launcher with and without its class-data-sharing archive:
# medians of N alternating runs, process start to first frame and to READY (store open).
# A figure to read, not a test. Linux: runs itself under xvfb-run when there is no display.
#
#   installer/measure-startup.sh [LAUNCHER] [RUNS]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
LAUNCHER="${1:-$(cat "$HERE/../target/installer/launcher-path.txt")}"
RUNS="${2:-9}"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$LAUNCHER" "$RUNS"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export PROBE_DATA_DIR="$WORK/data"
mkdir -p "$PROBE_DATA_DIR"
# One unmeasured start creates the store and warms the OS file cache.
"$HERE/probe.sh" "$LAUNCHER" >/dev/null 2>&1
for i in $(seq "$RUNS"); do
  JAVA_TOOL_OPTIONS="-Xshare:off" "$HERE/probe.sh" "$LAUNCHER" 2>/dev/null >> "$WORK/off"
  JAVA_TOOL_OPTIONS="" "$HERE/probe.sh" "$LAUNCHER" 2>/dev/null >> "$WORK/on"
done
median() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$2" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
all() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$2" | sort -n | tr '\n' ' '; }
echo "start-up of $LAUNCHER, medians of $RUNS alternating runs (ms from process start):"
echo "  without CDS archive (-Xshare:off): first frame $(median FIRST_FRAME_MS "$WORK/off"), ready $(median READY_MS "$WORK/off")   [first frames: $(all FIRST_FRAME_MS "$WORK/off")]"
echo "  with the shipped archive:          first frame $(median FIRST_FRAME_MS "$WORK/on"), ready $(median READY_MS "$WORK/on")   [first frames: $(all FIRST_FRAME_MS "$WORK/on")]"
