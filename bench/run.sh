#!/usr/bin/env bash
# Runs one benchmark scenario against Herald and its peers, side by side, on loopback.
#
#   bench/run.sh SCENARIO [options]        SCENARIO: idle | fanout | channels | connect
#   bench/run.sh fanout --subscribers 1000 --rate 100 --duration 10s
#   bench/run.sh idle --connections 10000 --json
#   bench/run.sh fanout --servers herald,bare --quick
#   bench/run.sh stream --streams 1000         # rpc stream latency via Herald vs direct HTTP
#   bench/run.sh sweep fanout|channels|connect  # raise the rate until p99 passes 50 ms, then cost
#   bench/run.sh cost idle --repeat 3           # one figure, 3 rounds, servers interleaved
#   bench/run.sh --help                    every option (see also docs/benchmarks.md)
#
# What it does before handing over to bench/target/herald-bench.jar (`run` command):
#   - builds server/target/herald.jar and bench/target/herald-bench.jar when missing or older
#     than their sources (./mvnw -q -DskipTests package);
#   - prepares the peers that --servers asks for (default: herald,bare,nats,socketio):
#     nats-server from Debian's package, Socket.IO from npm into bench/peers/socketio
#     (npm ci, pinned by package-lock.json); a peer that cannot be prepared is skipped;
#   - raises the open-files limit to the hard limit (each connection is a descriptor in the
#     generator and one in the server).
# Environment: BENCH_JAVA_OPTS replaces the generator's JVM options (default -Xmx2g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="$("$root/scripts/java-home.sh")"
export JAVA_HOME
java="$JAVA_HOME/bin/java"
bench_jar="$root/bench/target/herald-bench.jar"
herald_jar="$root/server/target/herald.jar"

say() { echo "run.sh: $*" >&2; }

# Which servers are wanted (only to know what to prepare; the jar parses the options itself).
servers="herald,bare,nats,socketio"
case "${1:-}" in sweep|cost) servers="herald,bare,nats" ;; esac
prev=""
for arg in "$@"; do
  case "$arg" in
    --servers=*) servers="${arg#--servers=}" ;;
  esac
  if [ "$prev" = "--servers" ]; then servers="$arg"; fi
  prev="$arg"
done
if [ "${1:-}" = stream ]; then servers="herald"; fi
wants() { case ",$servers," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

help_only=false
for arg in "$@"; do case "$arg" in -h|--help) help_only=true ;; esac; done

# 1. Build what is missing or stale.
stale() { # jar, sources...
  local jar="$1"; shift
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$@" -newer "$jar" -print -quit 2>/dev/null)" ]
}
if stale "$bench_jar" "$root/pom.xml" "$root/bench/pom.xml" "$root/bench/src/main" \
   || { { wants herald || wants herald-history; } && stale "$herald_jar" "$root/pom.xml" "$root/server/pom.xml" "$root/server/src/main"; }; then
  say "building (./mvnw -q -DskipTests package)..."
  (cd "$root" && ./mvnw -q -DskipTests package) >&2
fi

apt_install() { # packages...
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "cannot install $* (needs root and apt-get)"
    return 1
  fi
  say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

# 2. Peers.
if ! $help_only && wants nats && ! command -v nats-server >/dev/null && [ ! -x /usr/sbin/nats-server ]; then
  apt_install nats-server || say "nats will be skipped"
fi
if ! $help_only && wants socketio; then
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm || say "socketio will be skipped"
  fi
  peer="$root/bench/peers/socketio"
  if command -v npm >/dev/null && [ ! -d "$peer/node_modules/socket.io" ]; then
    say "installing Socket.IO from npm into $peer/node_modules"
    (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >&2) || say "npm ci failed; socketio will be skipped"
  fi
fi

# 3. Open files: soft limit up to the hard limit (children inherit it).
hard="$(ulimit -Hn)"
ulimit -n "$hard" 2>/dev/null || true

# 4. Run. The generator pins itself when --pin is given.
jvm_opts="--enable-native-access=ALL-UNNAMED"
if "$java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  jvm_opts="$jvm_opts --sun-misc-unsafe-memory-access=allow"
fi
# shellcheck disable=SC2086
if [ "${1:-}" = stream ]; then
  # Herald only, next to the same streams read straight from the backend.
  shift
  exec "$java" $jvm_opts ${BENCH_JAVA_OPTS:--Xmx2g} -jar "$bench_jar" stream \
    --herald-jar "$herald_jar" "$@"
fi
if [ "${1:-}" = sweep ] || [ "${1:-}" = cost ]; then
  command="$1"
  shift
  exec "$java" $jvm_opts ${BENCH_JAVA_OPTS:--Xmx2g} -jar "$bench_jar" "$command" \
    --herald-jar "$herald_jar" --peers-dir "$root/bench/peers" "$@"
fi
exec "$java" $jvm_opts ${BENCH_JAVA_OPTS:--Xmx2g} -jar "$bench_jar" run \
  --herald-jar "$herald_jar" --peers-dir "$root/bench/peers" "$@"
