#!/usr/bin/env bash
# Tests the OCI image archive (dist/herald-<version>-oci.tar, scripts/release.sh image) with podman:
# loads it, checks its labels, user and ports, runs it configured by HERALD_* variables alone
# (host network, free ports; runc with lowered limits, as CI machines need), then a client (the
# TypeScript SDK over WebSocket) subscribes and receives a publication made through the HTTP API.
# Needs podman and runc, and clients/js built (npm ci && npm run build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/deploy/test/lib.sh"
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)"
archive="$root/dist/herald-$version-oci.tar"
image="localhost/herald:$version"
[ -f "$archive" ] || { echo "no $archive; run scripts/release.sh image" >&2; exit 1; }
run_opts=(--runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 --network host)
name="herald-image-test-$$"
tmp="$(mktemp -d)"
cleanup() {
  podman rm -f "$name" "$name-dev" >/dev/null 2>&1 || true
  podman rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

check "podman loads the archive as $image" grep -q "herald:$version" <(podman load -i "$archive" 2>&1)
inspect() { podman image inspect --format "$1" "$image"; }
check "label version is $version" test "$(inspect '{{index .Labels "org.opencontainers.image.version"}}')" = "$version"
check "label license is Apache-2.0" test "$(inspect '{{index .Labels "org.opencontainers.image.licenses"}}')" = Apache-2.0
check "label source is set" test -n "$(inspect '{{index .Labels "org.opencontainers.image.source"}}')"
check "runs as a non-root user" test "$(inspect '{{.Config.User}}')" = 10001:10001
check "exposes 8000 and 9000" grep -q '8000/tcp.*9000/tcp\|9000/tcp.*8000/tcp' <(inspect '{{json .Config.ExposedPorts}}')

port="$(free_port)" internal="$(free_port)"
secret="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" key="image-test-api-key-$$-0123456789"
missing="$(podman run --rm "${run_opts[@]}" -e HERALD_PORT="$port" -e HERALD_TOKEN_HMAC_SECRET="$secret" \
  "$image" 2>&1 || true)"
check "a missing HERALD_API_KEY stops it with an error naming the variable" \
  grep -q "HERALD_API_KEY is not set" <<<"$missing"

podman run -d --name "$name" "${run_opts[@]}" \
  -e HERALD_PORT="$port" -e HERALD_INTERNAL_PORT="$internal" -e HERALD_ADDRESS=127.0.0.1 \
  -e HERALD_TOKEN_HMAC_SECRET="$secret" -e HERALD_API_KEY="$key" \
  -e HERALD_DEFAULT_NAMESPACE_ALLOW_SUBSCRIBE_FOR_CLIENT=true "$image" >/dev/null
base="http://127.0.0.1:$port"
started=0
for _ in $(seq 1 240); do
  if [ "$(status_of "http://127.0.0.1:$internal/health")" = 200 ]; then started=1; break; fi
  sleep 0.25
done
if [ "$started" = 1 ]; then
  ok "the container serves /health on the internal port"
  check "the process runs as herald (10001)" \
    grep -Eq '^(10001|herald)$' <(podman top "$name" user | tail -n 1 | tr -d ' ')
  check "no demo page at / (404)" test "$(status_of "$base/")" = 404
  node "$root/deploy/test/subscriber.mjs" "ws://127.0.0.1:$port/connection/websocket" "$secret" \
    news > "$tmp/client.log" 2>&1 &
  client=$!
  if wait_for "$tmp/client.log" '(subscribed)' 60 >/dev/null; then
    check "a publish through the API succeeds" \
      grep -q '"result"' <(publish "$base" "$key" news '{"text":"from the image test"}')
    wait "$client" || true
    check "the client received the publication" \
      grep -q 'publication {"text":"from the image test"}' "$tmp/client.log"
  else
    not_ok "the client did not subscribe: $(cat "$tmp/client.log")"
    kill "$client" 2>/dev/null || true
  fi
  check "podman stop ends it within the drain" podman stop --time 30 "$name" >/dev/null
else
  not_ok "the container did not start: $(podman logs "$name" 2>&1 | tail -n 20)"
fi

# The README's first command: `herald dev` with a published port (the bridge network).
devport="$(free_port)"
podman run -d --name "$name-dev" --runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 \
  -p "$devport:8000" "$image" dev >/dev/null
devup=0
for _ in $(seq 1 240); do
  if [ "$(status_of "http://127.0.0.1:$devport/")" = 200 ]; then devup=1; break; fi
  sleep 0.25
done
check "herald dev on a published port serves the demo page" test "$devup" = 1
podman rm -f "$name-dev" >/dev/null 2>&1 || true

summary image-test
