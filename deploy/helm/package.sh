#!/usr/bin/env bash
# Packages the Helm chart deploy/helm/herald as DEST_DIR/herald-VERSION.tgz, the layout `helm
# package` writes (the chart folder at the top, .helmignore honoured for its simple patterns), so
# no Helm binary is needed to build a release. `helm install herald herald-VERSION.tgz` takes it.
# Usage: package.sh VERSION DEST_DIR
set -euo pipefail
version="$1" dest="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
chart_version="$(sed -n 's/^version: *//p' "$here/herald/Chart.yaml")"
if [ "$chart_version" != "$version" ]; then
  echo "package.sh: Chart.yaml has version $chart_version, the build $version" >&2
  exit 1
fi
mkdir -p "$dest"
excludes=()
while IFS= read -r pattern; do
  case "$pattern" in '' | '#'*) ;; *) excludes+=(--exclude="$pattern") ;; esac
done < "$here/herald/.helmignore"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-0}" \
  "${excludes[@]}" -C "$here" -czf "$dest/herald-$version.tgz" herald
echo "[chart] $dest/herald-$version.tgz" >&2
