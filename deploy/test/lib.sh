# Helpers shared by the release tests (sourced): checks counted into "N passed, N failed",
# waiting for a log line, and the API key of a config.
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   - $*"; }
not_ok() { failed=$((failed + 1)); echo "FAIL - $*"; }
check() { # check "description" command...
  local what="$1"; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
# wait_for FILE REGEX SECONDS: prints the first match of REGEX (sed -E, group 1) in FILE
wait_for() {
  local file="$1" regex="$2" limit="$3" i found
  for ((i = 0; i < limit * 4; i++)); do
    found="$(sed -n -E "s#.*${regex}.*#\1#p" "$file" 2>/dev/null | head -n 1)"
    if [ -n "$found" ]; then echo "$found"; return 0; fi
    sleep 0.25
  done
  echo "timed out after ${limit}s waiting for /$regex/ in $file:" >&2
  tail -n 30 "$file" >&2 || true
  return 1
}
# publish BASE KEY CHANNEL JSON: POST /api/publish, prints the response body
publish() {
  curl -sS --max-time 10 -X POST "$1/api/publish" -H "X-API-Key: $2" \
    -H 'Content-Type: application/json' -d "{\"channel\": \"$3\", \"data\": $4}"
}
status_of() { curl -s -o /dev/null --max-time 10 -w '%{http_code}' "$1"; }
summary() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
