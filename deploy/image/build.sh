#!/usr/bin/env bash
# Builds Herald's OCI image archive without a Docker daemon (scripts/release.sh image calls it):
#   1. a minimal Debian root file system from Debian's packages with mmdebstrap: libc and the C++
#      runtime (native libraries of Kafka's compression codecs), zlib, CA certificates and time
#      zones; no shell, no package manager;
#   2. Herald's jlink'd runtime and jar under /opt/herald, a non-root user herald (10001);
#   3. umoci packs it as an OCI image: two layers (the system with the runtime, then the jar), the
#      entrypoint runs `herald serve`, configured by HERALD_* variables, ports 8000 (clients) and
#      9000 (internal: metrics, health, admin) exposed, OCI labels (version, source, license).
# Usage: build.sh VERSION JAR RUNTIME_DIR JVM_OPTIONS_FILE NOTICE_FILE OUTPUT_TAR
# Needs root (or a user namespace) for mmdebstrap, and the packages mmdebstrap and umoci.
set -euo pipefail
version="$1" jar="$2" runtime="$3" jvm_options="$4" notice="$5" out="$6"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
suite="${HERALD_IMAGE_SUITE:-bookworm}"
mirror="${HERALD_IMAGE_MIRROR:-http://deb.debian.org/debian}"
work="$root/target/release/image"
log() { echo "[image] $*" >&2; }
for tool in mmdebstrap umoci; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

rm -rf "$work" && mkdir -p "$work"
rootfs="$work/rootfs"
log "Debian $suite root file system (mmdebstrap)"
# extract: the packages' files only, no maintainer scripts (so no shell is needed); the hooks do
# what the scripts would have: the CA bundle, UTC as local time, the users.
mmdebstrap --quiet --variant=extract --mode=root \
  --include=base-files,netbase,libc6,libgcc-s1,libstdc++6,zlib1g,ca-certificates,tzdata \
  --customize-hook='cat "$1"/usr/share/ca-certificates/*/*.crt > "$1/etc/ssl/certs/ca-certificates.crt"' \
  --customize-hook='ln -sf /usr/share/zoneinfo/Etc/UTC "$1/etc/localtime" && echo Etc/UTC > "$1/etc/timezone"' \
  --customize-hook='rm -rf "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/locale/* "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
  "$suite" "$rootfs" "$mirror"

cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
herald:x:10001:10001:Herald:/opt/herald:/usr/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
herald:x:10001:
GROUP
mkdir -p "$rootfs/tmp" && chmod 1777 "$rootfs/tmp"   # Netty unpacks its native library there

log "OCI layout (umoci)"
oci="$work/oci" bundle="$work/bundle"
umoci init --layout "$oci"
umoci new --image "$oci:$version"
umoci unpack --image "$oci:$version" "$bundle"
rmdir "$bundle/rootfs" && mv "$rootfs" "$bundle/rootfs"
home="$bundle/rootfs/opt/herald"
mkdir -p "$home/lib" "$home/config"
cp -a "$runtime" "$home/runtime"
install -m 644 "$root/LICENSE" "$home/LICENSE"
install -m 644 "$notice" "$home/NOTICE"
install -m 644 "$root/deploy/config/herald.example.yaml" "$home/config/herald.example.yaml"
umoci repack --image "$oci:$version" "$bundle"          # layer 1: system and runtime
install -m 644 "$jar" "$home/lib/herald.jar"
umoci repack --image "$oci:$version" "$bundle"          # layer 2: the jar

entry=(--config.entrypoint=/opt/herald/runtime/bin/java)
while IFS= read -r opt; do
  case "$opt" in '' | '#'*) ;; *) entry+=(--config.entrypoint="$opt") ;; esac
done < "$jvm_options"
entry+=(--config.entrypoint=-jar --config.entrypoint=/opt/herald/lib/herald.jar)
created="$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y-%m-%dT%H:%M:%SZ)"
revision="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
umoci config --image "$oci:$version" \
  --os linux --architecture amd64 --created "$created" --author "The Herald authors" \
  "${entry[@]}" --config.cmd=serve \
  --config.user=10001:10001 --config.workingdir=/opt/herald \
  --config.env=PATH=/opt/herald/runtime/bin:/usr/bin:/bin \
  --config.env=HERALD_PORT=8000 --config.env=HERALD_INTERNAL_PORT=9000 \
  --config.exposedports=8000/tcp --config.exposedports=9000/tcp \
  --config.stopsignal=SIGTERM \
  --config.label=org.opencontainers.image.title=Herald \
  --config.label="org.opencontainers.image.description=Real-time messaging server" \
  --config.label=org.opencontainers.image.version="$version" \
  --config.label=org.opencontainers.image.revision="$revision" \
  --config.label=org.opencontainers.image.created="$created" \
  --config.label=org.opencontainers.image.source=https://github.com/herald-messaging/herald \
  --config.label=org.opencontainers.image.url=https://github.com/herald-messaging/herald \
  --config.label=org.opencontainers.image.documentation=https://github.com/herald-messaging/herald/blob/main/docs/install.md \
  --config.label=org.opencontainers.image.licenses=Apache-2.0 \
  --config.label=org.opencontainers.image.vendor="The Herald authors" \
  --config.label=org.opencontainers.image.base.name=debian:"$suite" \
  --history.created_by="deploy/image/build.sh $version"
umoci gc --layout "$oci"
# The name podman load gives it: herald:VERSION (umoci's tag is the version alone).
sed -i "s/\"org.opencontainers.image.ref.name\":\"$version\"/\"org.opencontainers.image.ref.name\":\"herald:$version\"/" \
  "$oci/index.json"
grep -q "\"herald:$version\"" "$oci/index.json"
rm -f "$out"
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$oci" -cf "$out" .
log "$out: $(du -h "$out" | cut -f1)"
