#!/usr/bin/env bash
# Tests the release archive (dist/herald-<version>-linux-x64.tar.gz, scripts/release.sh archive) as
# a user on a machine without Java runs it: unpacked into an empty folder, started with a clean
# environment (no JAVA_HOME, a PATH without java) and, where a mount namespace can be made (root),
# with every JDK of the machine hidden (/usr/lib/jvm, /opt/java under empty tmpfs). Runs
# `bin/herald dev` and `bin/herald serve --config`, checks /health, the demo page and a publish.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/deploy/test/lib.sh"
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)"
archive="$root/dist/herald-$version-linux-x64.tar.gz"
[ -f "$archive" ] || { echo "no $archive; run scripts/release.sh archive" >&2; exit 1; }

tmp="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
tar -xzf "$archive" -C "$tmp"
home="$tmp/herald-$version"

hide_jdks=0
if unshare --mount --propagation private true 2>/dev/null; then hide_jdks=1; fi
# hidden CMD...: sets CMD to CMD run with no JDK in sight (every step execs, so a process started
# from "${CMD[@]}" & has the server's pid)
hidden() {
  CMD=(env -i PATH=/nonexistent HOME="$tmp" LANG=C.UTF-8 "${EXTRA_ENV[@]}" "$@")
  if [ "$hide_jdks" = 1 ]; then
    CMD=(unshare --mount --propagation private /bin/sh -c
      'for d in /usr/lib/jvm /opt/java; do [ -d "$d" ] && mount -t tmpfs none "$d"; done; exec "$@"'
      sh "${CMD[@]}")
  fi
}
without_java() { hidden "$@"; "${CMD[@]}"; }
EXTRA_ENV=()
echo "# archive $archive; JDKs hidden by a mount namespace: $([ $hide_jdks = 1 ] && echo yes || echo no)"

check "no java reachable in the test environment" \
  test -z "$(without_java /bin/sh -c 'command -v java; ls /usr/lib/jvm /opt/java 2>/dev/null' || true)"
check "bin/herald version prints $version" \
  grep -q "^herald $version " <(without_java "$home/bin/herald" version)
check "the archive holds LICENSE, NOTICE with the libraries and the runtime, README, the unit" \
  test -s "$home/LICENSE" -a -s "$home/README.md" -a -s "$home/systemd/herald.service" \
  -a -n "$(grep -l 'netty-handler' "$home/NOTICE")" -a -n "$(grep -l 'Java runtime' "$home/NOTICE")"
if command -v systemd-analyze >/dev/null 2>&1; then
  sed "s#/opt/herald/#$home/#g" "$home/systemd/herald.service" > "$tmp/herald.service"
  check "systemd-analyze verify accepts systemd/herald.service (ExecStart pointed at the unpacked archive)" \
    test -z "$(systemd-analyze verify "$tmp/herald.service" 2>&1)"
fi
EXTRA_ENV=(HERALD_TOKEN_HMAC_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  HERALD_API_KEY=example-api-key-0123456789)
check "config/herald.example.yaml is valid with the secrets from the environment" \
  without_java "$home/bin/herald" checkconfig --config "$home/config/herald.example.yaml"
EXTRA_ENV=()

# bin/herald dev
hidden "$home/bin/herald" dev --port 0
"${CMD[@]}" > "$tmp/dev.log" 2>&1 &
pids+=($!)
if base="$(wait_for "$tmp/dev.log" 'Page: +(http://localhost:[0-9]+)/' 120)"; then
  key="$(wait_for "$tmp/dev.log" 'API key: +([^ ]+)' 5)"
  check "dev: /health is 200" test "$(status_of "$base/health")" = 200
  check "dev: the demo page is served at /" test "$(status_of "$base/")" = 200
  check "dev: the admin UI is on" test "$(status_of "$base/admin")" = 200
  check "dev: a publish through the API succeeds" \
    grep -q '"result"' <(publish "$base" "$key" chat:lobby '{"text":"from the archive test"}')
else
  not_ok "dev: did not start"
fi
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# bin/herald serve --config, with a config written by the archive's own genconfig
without_java "$home/bin/herald" genconfig --output "$tmp/herald.yaml" >/dev/null
key="$(sed -n 's/^  key: "\(.*\)"$/\1/p' "$tmp/herald.yaml")"
hidden "$home/bin/herald" serve --config "$tmp/herald.yaml" --port 0
"${CMD[@]}" > "$tmp/serve.log" 2>&1 &
pids+=($!)
if port="$(wait_for "$tmp/serve.log" 'Herald listening on [^ ]*:([0-9]+) ' 120)"; then
  base="http://127.0.0.1:$port"
  check "serve: /health is 200" test "$(status_of "$base/health")" = 200
  check "serve: no demo page at / (404)" test "$(status_of "$base/")" = 404
  check "serve: a publish through the API succeeds" \
    grep -q '"result"' <(publish "$base" "$key" news '{"n":1}')
  kill -TERM "${pids[-1]}"
  check "serve: SIGTERM stops it" wait_for "$tmp/serve.log" '(shut down)' 60
else
  not_ok "serve: did not start"
fi

summary archive-test
