#!/usr/bin/env bash
# Installs the .deb, starts the installed app under Xvfb to its first frame, then purges the
# package and checks that none of its files are left. Needs root (CI runs as root).
#
#   installer/test-deb.sh [path/to/dashdesk_*.deb]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DEB="${1:-$(ls "$HERE"/../target/installer/*.deb 2>/dev/null | head -1)}"
[ -f "$DEB" ] || { echo "test-deb: no .deb given or found in target/installer" >&2; exit 1; }
DEB="$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")"
[ "$(id -u)" = 0 ] || { echo "test-deb: must run as root (it installs a package)" >&2; exit 1; }
PKG="$(dpkg-deb -f "$DEB" Package)"
fail() { echo "test-deb: FAILED, $*" >&2; exit 1; }

if dpkg -s "$PKG" >/dev/null 2>&1; then
  fail "$PKG is already installed here; remove it first (dpkg --purge $PKG)"
fi

echo "test-deb: installing $DEB"
# apt resolves the declared dependencies (libgtk-3-0 …) from the configured repositories.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB" > /tmp/test-deb-install.log 2>&1 \
  || { cat /tmp/test-deb-install.log >&2; fail "apt-get install of the .deb"; }
dpkg -s "$PKG" | grep -q '^Status: install ok installed' || fail "$PKG is not fully installed"
FILES="$(mktemp)"
trap 'rm -f "$FILES"' EXIT
dpkg -L "$PKG" > "$FILES"
LAUNCHER="$(grep -E '^/opt/[^/]+/bin/[^/]+$' "$FILES" | head -1)"
[ -n "$LAUNCHER" ] && [ -x "$LAUNCHER" ] || fail "no launcher under /opt/*/bin in the package"
echo "test-deb: installed $(grep -c . "$FILES") paths, launcher $LAUNCHER"

"$HERE/start-test.sh" "$LAUNCHER" 60 || fail "the installed app did not start"

echo "test-deb: purging $PKG"
dpkg --purge "$PKG" > /tmp/test-deb-purge.log 2>&1 \
  || { cat /tmp/test-deb-purge.log >&2; fail "dpkg --purge"; }
if dpkg -s "$PKG" >/dev/null 2>&1; then fail "$PKG is still known to dpkg after purge"; fi
left=0
while IFS= read -r path; do
  [ -e "$path" ] || continue
  # Shared directories (/opt, /usr/share …) stay while other packages use them; nothing of our
  # own install directory and no file may remain.
  if [ -d "$path" ] && [[ "$path" != "/opt/$PKG"* ]] && [ -n "$(ls -A "$path")" ]; then continue; fi
  echo "left behind: $path" >&2
  left=$((left + 1))
done < "$FILES"
[ -e "/opt/$PKG" ] && { echo "left behind: /opt/$PKG" >&2; left=$((left + 1)); }
[ "$left" = 0 ] || fail "$left paths left after purge"
echo "test-deb: OK, installed, started and purged cleanly"
