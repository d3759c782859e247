#!/usr/bin/env bash
# The name issue 7 uses for the runner: bench/compare.sh SCENARIO [--quick] [--json] [options]
# is bench/run.sh with the same arguments (see there and docs/benchmarks.md).
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" "$@"
