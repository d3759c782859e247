#!/usr/bin/env bash
# Builds Herald's release artifacts into dist/ (docs/install.md):
#   archive  dist/herald-<version>-linux-x64.tar.gz  a jlink'd Java runtime, bin/herald, lib/herald.jar,
#            config/herald.example.yaml, systemd/herald.service, LICENSE, NOTICE, README.md
#   image    dist/herald-<version>-oci.tar  an OCI image (Debian rootfs from Debian's packages, the same
#            runtime and jar), built without a Docker daemon: needs mmdebstrap and umoci (deploy/image)
#   chart    dist/herald-<version>.tgz  the Helm chart deploy/helm/herald, packaged (deploy/helm)
# Usage: scripts/release.sh [--no-build] [archive] [image] [chart]   (no target: all three)
#   --no-build  use server/target/herald.jar as it is (CI builds it with ./mvnw verify first)
# The runtime is made by jlink from the newest JDK (scripts/java-home.sh) with the modules jdeps
# finds in the jar plus the few that are loaded by name (TLS curves, DNS, JMX).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1 targets=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    archive | image | chart) targets+=("$arg") ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "release.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(archive image chart)

JAVA_HOME="$(scripts/java-home.sh)"
export JAVA_HOME
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)"
jar=server/target/herald.jar
dist="$root/dist"
work="$root/target/release"
mkdir -p "$dist" "$work"
log() { echo "[release] $*" >&2; }

if [ "$build" = 1 ]; then
  log "building herald.jar ($version)"
  ./mvnw -q -B -ntp -DskipTests package
fi
[ -f "$jar" ] || { echo "release.sh: $jar is missing; run without --no-build" >&2; exit 1; }

# The jlink'd runtime, shared by the archive and the image; rebuilt when the jar changed.
runtime() {
  local out="$work/runtime"
  if [ -x "$out/bin/java" ] && [ "$out/release" -nt "$jar" ]; then
    return
  fi
  log "jdeps: modules the jar needs"
  local release mods
  release="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = //p')"
  mods="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release "$release" \
    --print-module-deps "$jar")"
  # Loaded by name, invisible to jdeps: EC curves for TLS, DNS lookups (JNDI), JMX for metrics.
  for m in jdk.crypto.ec jdk.naming.dns jdk.management; do
    if "$JAVA_HOME/bin/java" --list-modules | grep -q "^$m@" && [[ ",$mods," != *",$m,"* ]]; then
      mods="$mods,$m"
    fi
  done
  log "jlink: $mods"
  rm -rf "$out"
  "$JAVA_HOME/bin/jlink" --add-modules "$mods" --output "$out" --strip-debug --no-header-files \
    --no-man-pages --compress=zip-6
  touch "$out/release"
}

# JVM options for the runtime: the launcher's (scripts/jvm.options, and scripts/jvm-25.options when
# the runtime is JDK 25 or later) plus what this JDK needs for Netty (native access;
# sun.misc.Unsafe on JDK 23 and later).
jvm_options() {
  grep -v -e '^[[:space:]]*$' scripts/jvm.options
  local major
  major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$work/runtime/release")"
  if [ "${major:-0}" -ge 25 ]; then
    grep -v -e '^[[:space:]]*$' scripts/jvm-25.options
  fi
  echo "--enable-native-access=ALL-UNNAMED"
  if "$work/runtime/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    echo "--sun-misc-unsafe-memory-access=allow"
  fi
}

# NOTICE: the project's notice, the generated report of the jar's libraries, and the runtime.
notice() {
  cat NOTICE
  echo
  echo "================================================================================"
  echo "Third-party libraries in lib/herald.jar (generated from their Maven metadata)"
  echo "================================================================================"
  unzip -p "$jar" META-INF/THIRD-PARTY.txt
  echo
  echo "================================================================================"
  echo "Java runtime (runtime/)"
  echo "================================================================================"
  echo
  sed -n 's/^\(IMPLEMENTOR\|JAVA_RUNTIME_VERSION\)=/  \1: /p' "$JAVA_HOME/release" | tr -d '"'
  sed -n 's/^\(MODULES\)=/  \1: /p' "$work/runtime/release" | tr -d '"'
  echo
  echo "  A runtime image made with jlink from the JDK above: OpenJDK, licensed under the GNU"
  echo "  General Public License, version 2, with the Classpath Exception. The license and the"
  echo "  notices of each of its modules are in runtime/legal/."
}

archive() {
  runtime
  local name="herald-$version" stage="$work/archive"
  local out="$dist/herald-$version-linux-x64.tar.gz"
  log "archive: $out"
  rm -rf "$stage" && mkdir -p "$stage/$name"/{bin,lib,config,systemd}
  local d="$stage/$name"
  cp -a "$work/runtime" "$d/runtime"
  install -m 755 deploy/archive/herald "$d/bin/herald"
  install -m 644 "$jar" "$d/lib/herald.jar"
  jvm_options > "$d/lib/jvm.options"
  install -m 644 deploy/config/herald.example.yaml "$d/config/herald.example.yaml"
  install -m 644 deploy/systemd/herald.service "$d/systemd/herald.service"
  install -m 644 LICENSE CHANGELOG.md "$d/"
  notice > "$d/NOTICE"
  cat > "$d/README.md" <<README
# Herald $version for Linux x64

Herald is a real-time messaging server. This archive runs without a JDK: \`runtime/\` is the
Java runtime it needs.

    bin/herald dev                                   # try it: http://localhost:8000/
    bin/herald genconfig > herald.yaml               # a config with fresh secrets
    bin/herald serve --config herald.yaml            # run it for real
    bin/herald --help

\`config/herald.example.yaml\` is an example config, \`systemd/herald.service\` a hardened unit
(install steps in its header). Install, upgrade and uninstall:
https://github.com/herald-messaging/herald/blob/v$version/docs/install.md

License: Apache-2.0 (LICENSE); bundled third-party software: NOTICE.
README
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-0}" \
    -C "$stage" -czf "$out" "$name"
  log "archive: $(du -h "$out" | cut -f1)"
}

image() {
  runtime
  jvm_options > "$work/jvm.options"
  notice > "$work/NOTICE"
  deploy/image/build.sh "$version" "$jar" "$work/runtime" "$work/jvm.options" "$work/NOTICE" \
    "$dist/herald-$version-oci.tar"
}

chart() {
  deploy/helm/package.sh "$version" "$dist"
}

for t in "${targets[@]}"; do "$t"; done
log "done: $(cd "$dist" && ls | tr '\n' ' ')"
