#!/usr/bin/env bash
# Builds the web assets the server jar serves and copies them into the given directory (Maven runs
# this in the server module's process-resources phase):
#   index.html, demo/*    the demo page, from examples/demo
#   sdk/herald.js(.map)   the TypeScript SDK's browser bundle, built from clients/js
#   files                 the list of the above, which the server reads at start
# The SDK bundle needs Node.js 20+ and npm (`npm ci && npm run build` in clients/js, skipped when
# up to date). Without npm the jar is built without the bundle, with a warning; the page then says
# so. Set HERALD_SKIP_WEB=1 to skip the npm step on purpose.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: build-web.sh OUTPUT_DIR}"
js="$root/clients/js"

rm -rf "$out"
mkdir -p "$out/demo" "$out/sdk"
cp "$root/examples/demo/index.html" "$out/index.html"
find "$root/examples/demo" -maxdepth 1 -type f \( -name '*.js' -o -name '*.css' -o -name '*.svg' \) \
  -exec cp {} "$out/demo/" \;

newer_than() { # true when any file under $2... is newer than $1 (or $1 is missing)
  local target="$1"; shift
  [ ! -e "$target" ] && return 0
  [ -n "$(find "$@" -newer "$target" -print -quit)" ]
}

if [ "${HERALD_SKIP_WEB:-}" = 1 ]; then
  echo "[herald] HERALD_SKIP_WEB=1: the jar has no SDK bundle (sdk/herald.js)" >&2
elif ! command -v npm >/dev/null 2>&1; then
  echo "[herald] WARNING: npm not found: the jar is built without the SDK bundle, so the demo page" >&2
  echo "[herald] WARNING: at / cannot run. Install Node.js 20+ and rebuild to include it." >&2
else
  if newer_than "$js/node_modules/.package-lock.json" "$js/package-lock.json" "$js/package.json"; then
    echo "[herald] npm ci in clients/js" >&2
    (cd "$js" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
  if newer_than "$js/dist/herald.js" "$js/src" "$js/build.mjs" "$js/tsconfig.json" "$js/package-lock.json"; then
    echo "[herald] npm run build in clients/js" >&2
    (cd "$js" && npm run --silent build >&2)
  fi
  cp "$js/dist/herald.js" "$js/dist/herald.js.map" "$out/sdk/"
fi

(cd "$out" && find . -type f ! -name files | sed 's|^\./||' | sort > files)
