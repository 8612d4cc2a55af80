#!/usr/bin/env bash
# Runs the benchmark suite in Benchmarks/ (ordo-one/benchmark) in release mode.
# Not part of CI (it takes minutes); see docs/performance.md. CI runs scripts/bench-check.sh
# instead: the `check.*` benchmarks' allocation counts against Benchmarks/Thresholds/.
#
#   scripts/bench.sh                          # every benchmark
#   scripts/bench.sh --filter 'end-to-end/.*' # a subset (regex on names)
#   scripts/bench.sh --build-only             # only check that the suite builds
#   scripts/bench.sh --filter '^check\..*' --metric mallocCountTotal   # the CI gate's benchmarks, no gate
#
# Other arguments go to `swift package benchmark` (e.g. --format markdown).
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
if [[ "${1:-}" == "--build-only" ]]; then
    exec swift build -c release
fi
exec swift package --disable-sandbox benchmark --no-progress "$@"
