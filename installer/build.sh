#!/usr/bin/env bash
# Builds DASH Desk's native packages: a trimmed Java runtime (jlink: JDK + JavaFX modules only),
# an app-image with a class-data-sharing archive, then the installer of this OS (.deb on Linux,
# .msi on Windows, .dmg on macOS). Runs unchanged on all three (Windows: Git Bash).
# Everything it makes goes under target/installer/. See installer/README.md.
#
#   installer/build.sh [--types "app-image deb"] [--skip-maven] [--no-cds]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/target/installer"
TYPES=""
SKIP_MAVEN=false
WITH_CDS=true

while [ $# -gt 0 ]; do
  case "$1" in
    --types) TYPES="$2"; shift 2 ;;
    --skip-maven) SKIP_MAVEN=true; shift ;;
    --no-cds) WITH_CDS=false; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }
fail() { echo "build.sh: $*" >&2; exit 1; }

# --- Which OS: decides the installer type, the argument files and the image layout. ---
case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows ;;
  *) fail "unsupported OS '$(uname -s)'" ;;
esac
case "$OS" in
  linux) TYPES="${TYPES:-app-image deb}" ;;
  mac) TYPES="${TYPES:-app-image dmg}" ;;
  windows) TYPES="${TYPES:-app-image msi}" ;;
esac

JAVA_HOME="${JAVA_HOME:-$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p' | tr -d '\r')}"
if [ "$OS" = windows ]; then
  # C:/like/this: understood both by Git Bash's tools and by the JDK's Windows executables.
  ROOT="$(cygpath -m "$ROOT")"; OUT="$ROOT/target/installer"; JAVA_HOME="$(cygpath -m "$JAVA_HOME")"
fi
[ -d "$JAVA_HOME/jmods" ] || fail "no jmods in JAVA_HOME=$JAVA_HOME (install a full JDK 17+; on Debian openjdk-17-jdk-headless has them)"
JBIN="$JAVA_HOME/bin"

step "Maven package"
if ! $SKIP_MAVEN; then
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
[ -f "$ROOT/target/dashdesk.jar" ] || fail "target/dashdesk.jar missing: run without --skip-maven"

# --- Name, vendor and version come from the pom, via the jar manifest Maven just wrote. ---
manifest_value() {
  # Manifest lines wrap at 72 bytes with a leading space on continuation lines.
  (cd "$OUT/manifest" && "$JBIN/jar" xf "$ROOT/target/dashdesk.jar" META-INF/MANIFEST.MF)
  tr -d '\r' < "$OUT/manifest/META-INF/MANIFEST.MF" | awk -v key="$1" '
    /^ / { if (found) { value = value substr($0, 2) } ; next }
    { if (found) exit; if (index($0, key ": ") == 1) { found = 1; value = substr($0, length(key) + 3) } }
    END { print value }'
}
rm -rf "$OUT" && mkdir -p "$OUT/manifest"
TITLE="$(manifest_value Implementation-Title)"
VENDOR="$(manifest_value Implementation-Vendor)"
VERSION="$(manifest_value Implementation-Version)"
# Installers want a plain numeric version: 0.2.0-SNAPSHOT is packaged as 0.2.0.
APP_VERSION="$(echo "$VERSION" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')"
[ -n "$TITLE" ] && [ -n "$VENDOR" ] && [ -n "$APP_VERSION" ] || fail "name/vendor/version missing from the jar manifest"
# Linux commands are lower-case without spaces; elsewhere users see the product name.
if [ "$OS" = linux ]; then NAME=dashdesk; else NAME="$TITLE"; fi
echo "$TITLE $VERSION (package version $APP_VERSION) by $VENDOR, launcher '$NAME', types: $TYPES"

step "Icons"
"$JBIN/java" -Djava.awt.headless=true "$ROOT/installer/MakeIcons.java" "$OUT/icons"
case "$OS" in
  linux) ICON="$OUT/icons/dashdesk.png" ;;
  mac) ICON="$OUT/icons/dashdesk.icns" ;;
  windows) ICON="$OUT/icons/dashdesk.ico" ;;
esac

step "jlink runtime (JDK + JavaFX modules)"
# JavaFX jmods are not on Maven Central, but the platform-classifier JavaFX jars Maven already
# fetched are modular jars that jlink accepts. Their native libraries end up as plain resources,
# so they are copied next to the JDK's own (where JavaFX looks first) instead of being unpacked
# into the user's home at every first start. See decision 0040.
mkdir -p "$OUT/fxmods" "$OUT/fxnative"
for jar in "$ROOT"/target/lib/javafx-*.jar; do
  # The classifier-less javafx-*.jar are empty placeholders; the platform ones hold the code.
  [[ "$(basename "$jar")" =~ ^javafx-[a-z]+-[0-9.]+-.+\.jar$ ]] && cp "$jar" "$OUT/fxmods/"
done
ls "$OUT"/fxmods/*.jar >/dev/null 2>&1 || fail "no platform JavaFX jars in target/lib"
# Found with jdeps over the app jar and its libraries, plus what is only reached by reflection
# or at run time: TLS elliptic curves, British locale data, the sync server's HTTP server.
JDK_MODULES="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,\
jdk.httpserver,jdk.localedata,jdk.net,jdk.unsupported,jdk.zipfs"
MP_SEP=":"; [ "$OS" = windows ] && MP_SEP=";"
"$JBIN/jlink" --module-path "$JAVA_HOME/jmods$MP_SEP$OUT/fxmods" \
  --add-modules "$JDK_MODULES,javafx.controls" \
  --include-locales=en,en-GB --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$OUT/runtime"
case "$OS" in windows) NATIVE_DIR="$OUT/runtime/bin" ;; *) NATIVE_DIR="$OUT/runtime/lib" ;; esac
for jar in "$OUT"/fxmods/*.jar; do
  (cd "$OUT/fxnative" && "$JBIN/jar" xf "$jar")
done
find "$OUT/fxnative" -maxdepth 1 \( -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) \
  -exec cp {} "$NATIVE_DIR/" \;

step "jpackage app-image"
mkdir -p "$OUT/input"
cp "$ROOT/target/dashdesk.jar" "$OUT/input/"
for jar in "$ROOT"/target/lib/*.jar; do
  case "$(basename "$jar")" in javafx-*) ;; *) cp "$jar" "$OUT/input/" ;; esac
done
# The archive is made below; $APPDIR is expanded by the native launcher.
CDS_OPTION='-XX:SharedArchiveFile=$APPDIR/dashdesk.jsa'
# The desk's memory settings, as measured by DeskScaleBenchmark and used by `mvn javafx:run`
# (pom property app.jvm.options; decision 0180): a serial collector that gives memory back and a
# bounded heap, so a laptop holding 100,000 assessments stays near 300 MB resident.
APP_JVM_OPTIONS=(-XX:+UseSerialGC -Xms64m -Xmx1g -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:-ShrinkHeapInSteps -XX:MaxNewSize=32m -XX:+UnlockExperimentalVMOptions -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=10000)
JAVA_OPTS=()
for option in "${APP_JVM_OPTIONS[@]}"; do JAVA_OPTS+=(--java-options "$option"); done
if $WITH_CDS; then JAVA_OPTS+=(--java-options "$CDS_OPTION"); fi
"$JBIN/jpackage" --type app-image --dest "$OUT/image" \
  --name "$NAME" --app-version "$APP_VERSION" --vendor "$VENDOR" --icon "$ICON" \
  --runtime-image "$OUT/runtime" --input "$OUT/input" \
  --main-jar dashdesk.jar --main-class org.dashdesk.Launcher \
  ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} @"$ROOT/installer/jpackage/$OS-image.args"

case "$OS" in
  linux) IMAGE="$OUT/image/$NAME"; LAUNCHER="$IMAGE/bin/$NAME"; APPDIR="$IMAGE/lib/app"; RUNTIME_JAVA="$IMAGE/lib/runtime/bin/java" ;;
  mac) IMAGE="$OUT/image/$NAME.app"; LAUNCHER="$IMAGE/Contents/MacOS/$NAME"; APPDIR="$IMAGE/Contents/app"; RUNTIME_JAVA="$IMAGE/Contents/runtime/Contents/Home/bin/java" ;;
  windows) IMAGE="$OUT/image/$NAME"; LAUNCHER="$IMAGE/$NAME.exe"; APPDIR="$IMAGE/app"; RUNTIME_JAVA="$IMAGE/runtime/bin/java.exe" ;;
esac
echo "$LAUNCHER" > "$OUT/launcher-path.txt"

if $WITH_CDS; then
  step "Class-data-sharing archive"
  # One real start to the first frame records which classes start-up loads; a static archive of
  # those that live in the runtime image (JDK + JavaFX) is then dumped. Classes from the class
  # path are left out on purpose: JDK 17 rejects a whole archive when the class path moved, and
  # installing puts the app somewhere else than this build directory. See decision 0041.
  run_with_display() {
    if [ "$OS" = linux ] && [ -z "${DISPLAY:-}" ]; then
      command -v xvfb-run >/dev/null || fail "no display and no xvfb-run (apt-get install xvfb xauth), or use --no-cds"
      xvfb-run -a -s "-screen 0 1280x800x24" "$@"
    else
      "$@"
    fi
  }
  CLASSLIST="$OUT/cds/startup.classlist"
  mkdir -p "$OUT/cds/data"
  # The probe start runs to READY (window shown, store opened), so the store's JDK classes
  # (crypto, JDBC) are archived too.
  # Started with the image's own java rather than its launcher: the Windows launcher has no
  # console to print the probe's lines on. The archive only holds runtime-image classes, so the
  # way the class path is given does not matter to it.
  JAVA_TOOL_OPTIONS="-Xshare:off -XX:DumpLoadedClassList=$CLASSLIST" PROBE_DATA_DIR="$OUT/cds/data" \
    run_with_display "$ROOT/installer/probe.sh" "$RUNTIME_JAVA" -cp "$APPDIR/*" org.dashdesk.Launcher \
    > "$OUT/cds/training.log" 2>&1 \
    || { cat "$OUT/cds/training.log" >&2; fail "the training start did not reach the first frame"; }
  # "Preload Warning: Cannot find ..." for every class-path class is expected here.
  "$RUNTIME_JAVA" "${APP_JVM_OPTIONS[@]}" -Xshare:dump -XX:SharedClassListFile="$CLASSLIST" \
    -XX:SharedArchiveFile="$APPDIR/dashdesk.jsa" > "$OUT/cds/dump.log" 2>&1 \
    || { cat "$OUT/cds/dump.log" >&2; fail "dumping the class-data-sharing archive failed"; }
  echo "archived $(grep -c . "$CLASSLIST") start-up classes into $(du -h "$APPDIR/dashdesk.jsa" | cut -f1)"
  # Adding a file invalidated the ad-hoc signature jpackage gave the bundle.
  if [ "$OS" = mac ]; then codesign --force --deep --sign - "$IMAGE"; fi
fi

for type in $TYPES; do
  [ "$type" = app-image ] && continue
  step "jpackage $type"
  "$JBIN/jpackage" --type "$type" --app-image "$IMAGE" --dest "$OUT" \
    --name "$NAME" --app-version "$APP_VERSION" --vendor "$VENDOR" \
    @"$ROOT/installer/jpackage/$OS-package.args"
done

step "Done"
du -sh "$IMAGE"
ls -l "$OUT" | grep -E '\.(deb|rpm|msi|exe|dmg|pkg)$' || true
