#!/usr/bin/env bash
# Starts a packaged DASH Desk launcher under Xvfb with the start-up probe and checks that it
# shows its first frame and exits on its own within the time limit. Prints the timings.
#
#   installer/start-test.sh LAUNCHER [TIMEOUT_SECONDS]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
LAUNCHER="${1:?usage: start-test.sh LAUNCHER [TIMEOUT_SECONDS]}"
LIMIT="${2:-60}"
[ -x "$LAUNCHER" ] || { echo "start-test: no launcher at $LAUNCHER" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# A throw-away data directory and home: the test must not touch a real user's data.
mkdir -p "$WORK/home" "$WORK/data"
status=0
# The JVM silently starts without a class-data-sharing archive it cannot use, so its log is kept
# to check below that the shipped archive really was used.
HOME="$WORK/home" PROBE_DATA_DIR="$WORK/data" JAVA_TOOL_OPTIONS="-Xlog:cds=info:file=$WORK/cds.log" \
  timeout "$LIMIT" xvfb-run -a -s "-screen 0 1280x800x24" "$HERE/probe.sh" "$LAUNCHER" \
  > "$WORK/out.log" 2> "$WORK/app.log" || status=$?
result="$(grep '^FIRST_FRAME_MS=' "$WORK/out.log" || true)"
if [ "$status" != 0 ] || [[ "$result" == *FIRST_FRAME_MS=none* ]] || [ -z "$result" ]; then
  cat "$WORK/app.log" "$WORK/out.log" >&2
  if [ "$status" = 124 ]; then
    echo "start-test: FAILED, $LAUNCHER did not show its first frame and exit within ${LIMIT}s" >&2
  else
    echo "start-test: FAILED, $LAUNCHER ended with status $status without a first frame" >&2
  fi
  exit 1
fi
cds="not shipped"
if grep -q 'SharedArchiveFile=' "$(dirname "$LAUNCHER")"/../lib/app/*.cfg 2>/dev/null; then
  if grep -q 'Opened archive .*dashdesk.jsa' "$WORK/cds.log" && ! grep -q 'UseSharedSpaces:' "$WORK/cds.log"; then
    cds="used"
  else
    cat "$WORK/cds.log" >&2
    echo "start-test: FAILED, $LAUNCHER started but could not use its class-data-sharing archive" >&2
    exit 1
  fi
fi
echo "start-test: OK, $LAUNCHER started (from process start: $result; CDS archive $cds)"
