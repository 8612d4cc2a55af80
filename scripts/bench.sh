#!/usr/bin/env bash
# Runs the benchmark suite in Benchmarks/ (ordo-one/benchmark) in release mode.
# Not part of CI (it takes minutes); see docs/performance.md.
#
#   scripts/bench.sh                          # every benchmark
#   scripts/bench.sh --filter 'end-to-end/.*' # a subset (regex on names)
#   scripts/bench.sh --build-only             # only check that the suite builds
#
# Other arguments go to `swift package benchmark` (e.g. --format markdown).
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
if [[ "${1:-}" == "--build-only" ]]; then
    exec swift build -c release
fi
exec swift package --disable-sandbox benchmark --no-progress "$@"
