#!/usr/bin/env bash
# Starts a packaged DASH Desk launcher under Xvfb with the start-up probe and checks that it
# reaches its first frame in time. Prints the time to first frame.
#
#   installer/start-test.sh LAUNCHER [TIMEOUT_SECONDS]
set -euo pipefail
LAUNCHER="${1:?usage: start-test.sh LAUNCHER [TIMEOUT_SECONDS]}"
LIMIT="${2:-60}"
[ -x "$LAUNCHER" ] || { echo "start-test: no launcher at $LAUNCHER" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# A throw-away data directory and home: the test must not touch a real user's data.
mkdir -p "$WORK/home" "$WORK/data"
status=0
HOME="$WORK/home" \
JAVA_TOOL_OPTIONS="-Ddashdesk.startupProbe=true -Ddashdesk.data.dir=$WORK/data" \
  timeout "$LIMIT" xvfb-run -a -s "-screen 0 1280x800x24" "$LAUNCHER" > "$WORK/out.log" 2>&1 \
  || status=$?
millis="$(sed -n 's/.*dashdesk.startupProbe firstFrameMillis=\([0-9-]*\).*/\1/p' "$WORK/out.log" | head -1)"
if [ -z "$millis" ]; then
  cat "$WORK/out.log" >&2
  if [ "$status" = 124 ]; then
    echo "start-test: FAILED, $LAUNCHER did not show its first frame within ${LIMIT}s" >&2
  else
    echo "start-test: FAILED, $LAUNCHER exited with status $status before its first frame" >&2
  fi
  exit 1
fi
echo "start-test: OK, $LAUNCHER showed its first frame after ${millis} ms"
