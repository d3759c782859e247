#!/usr/bin/env bash
# Prints the home of the newest JDK (21 or later) on this machine: $JAVA_HOME when it qualifies,
# else the newest under /usr/lib/jvm or /opt/java. Exits 1 with a message when there is none.
set -euo pipefail

major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

best="" best_major=0
for home in ${JAVA_HOME:-} /usr/lib/jvm/* /opt/java/*; do
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
  m=$(major "$home") || continue
  case "$m" in ''|*[!0-9]*) continue ;; esac
  if [ "$m" -gt "$best_major" ]; then best="$home" best_major="$m"; fi
done

if [ "$best_major" -lt 21 ]; then
  echo "Herald needs a JDK 21 or later; none found (set JAVA_HOME)." >&2
  exit 1
fi
echo "$best"
