#!/usr/bin/env bash
# CI gate on allocation counts: builds Benchmarks/ (release) and runs its `check.*` benchmarks,
# which measure only mallocCountTotal (deterministic, unlike time; this machine has no
# hardware counters, so no instructions) on small inputs: every stage on 200 kB of CNN
# articles, end to end on 100 kB of French, German, Chinese and Japanese text, and every
# stage on one 1 MB document (a count that grew with the number of tokens would show there).
# Their p90 is compared with Benchmarks/Thresholds/<swift major.minor>/ (package-benchmark
# `thresholds check`; tolerance: `checkTolerance` in SummarizeBenchmarks.swift).
#
#   scripts/bench-check.sh            # check; exit 0 when every count is within tolerance
#   scripts/bench-check.sh --update   # record the counts of this toolchain (then commit them)
#
# Fails (exit 1) on a count above its threshold, and also on one below it: an improvement
# must be recorded with --update, or a later regression could hide under the old value.
# Needs ../shared/corpora (or SUMMARIZE_SHARED_CORPORA): the fallback texts give other counts.
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"

version=$(swift --version 2>&1 | sed -n 's/.*Swift version \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' | head -1)
[[ -n "$version" ]] || { echo "bench-check: cannot read the Swift version from 'swift --version'" >&2; exit 1; }
thresholds="$PWD/Thresholds/$version"

corpora="${SUMMARIZE_SHARED_CORPORA:-../../shared/corpora}"
for file in cnndm-dev/cnn_stories_dev.jsonl.gz raw-prose/en-wikipedia.jsonl.gz raw-prose/fr-orangesum-news.jsonl.gz \
            raw-prose/de-10kgnad-news.jsonl.gz raw-prose/zh-libreoffice-help.jsonl.gz raw-prose/ja-libreoffice-help.jsonl.gz; do
    [[ -f "$corpora/$file" ]] || { echo "bench-check: $corpora/$file is missing (the thresholds are for ../shared/corpora)" >&2; exit 1; }
done

# Set hashing has a per-process seed; fix it so that no count can depend on it.
export SWIFT_DETERMINISTIC_HASHING=1
filter='^check\..*'

if [[ "${1:-}" == "--update" ]]; then
    rm -rf "$thresholds"
    swift package --disable-sandbox --allow-writing-to-package-directory benchmark thresholds update \
        --filter "$filter" --path "$thresholds" --no-progress
    echo "bench-check: recorded $(ls "$thresholds" | wc -l) thresholds in Benchmarks/Thresholds/$version/; commit them."
    exit 0
fi

if [[ ! -d "$thresholds" ]]; then
    echo "bench-check: no thresholds for Swift $version (Benchmarks/Thresholds/$version/);" \
         "record them with scripts/bench-check.sh --update and commit them." >&2
    exit 1
fi

# `swift package` exits 1 whatever the tool's code (2 worse, 4 better), so read its verdict.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift package --disable-sandbox benchmark thresholds check --filter "$filter" --path "$thresholds" --no-progress \
    2>&1 | tee "$log" || status=$?
if [[ $status -eq 0 ]] && grep -q "is EQUAL to the defined thresholds" "$log"; then
    echo "bench-check: every allocation count is within tolerance of Benchmarks/Thresholds/$version/."
elif grep -q "is WORSE than the defined thresholds" "$log"; then
    echo "bench-check: allocation counts went UP beyond tolerance (see 'Deviations worse than threshold' above)." >&2
    exit 1
elif grep -q "is BETTER than the defined thresholds" "$log"; then
    echo "bench-check: allocation counts went DOWN beyond tolerance: run scripts/bench-check.sh --update" \
         "and commit Benchmarks/Thresholds/$version/." >&2
    exit 1
else
    echo "bench-check: the benchmark run failed (exit $status)." >&2
    exit 1
fi
