#!/usr/bin/env bash
# Reproduces the performance table of the README (docs/performance.md says how to read it):
# builds a release binary, writes the inputs from ../shared/corpora into a work folder, and times
# one/two jobs on the CNN dev set, a 1 GB JSON Lines stream, and 1 MB / 10 MB documents.
#
#   scripts/perf-figures.sh [WORKDIR]     # default /tmp/summarize-perf (about 1.1 GB of inputs)
#   BASELINE=<git ref> [RUNS=n] scripts/perf-figures.sh
#       also builds <ref> in a temporary worktree and times it against this tree on the CNN set,
#       one job, alternating runs (RUNS of each, default 5): on a shared machine, the ratio is the figure
#       to trust, and a few percent need 20 or more runs to show. Both the ratio of the medians and the
#       median of the paired ratios (each run against the baseline's run just before it) are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/corpora
[ -d "$shared" ] || { echo "perf-figures: $shared is absent; these figures need the CNN and Wikipedia corpora." >&2; exit 1; }
work=${1:-/tmp/summarize-perf}
mkdir -p "$work"

swift build -c release --product summarize >&2
bin=.build/release/summarize

gzip -dc "$shared/cnndm-dev/cnn_stories_dev.jsonl.gz" > "$work/cnn.jsonl"
[ -s "$work/cnn-1GB.jsonl" ] || for i in $(seq 30); do cat "$work/cnn.jsonl"; done > "$work/cnn-1GB.jsonl"
# Book-length documents: Wikipedia articles joined by blank lines, cut at a paragraph break.
python3 - "$shared/raw-prose/en-wikipedia.jsonl.gz" "$work" <<'PY'
import gzip, json, sys
texts, size = [], 0
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
    for line in f:
        t = json.loads(line)["text"]; texts.append(t); size += len(t.encode()) + 2
        if size > 10_100_000: break
book = "\n\n".join(texts).encode()
for name, n in (("book-1MB.txt", 1_000_000), ("book-10MB.txt", 10_000_000)):
    cut = book.rfind(b"\n\n", 0, n)
    open(f"{sys.argv[2]}/{name}", "wb").write(book[:cut if cut > 0 else n])
PY

t() { /usr/bin/time -f "  wall=%e s user=%U s maxrss=%M kB" "$@"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(swift --version 2>&1 | head -1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for jobs in 1 2; do
  echo "CNN dev set ($(du -m "$work/cnn.jsonl" | cut -f1) MB), --jobs $jobs:"
  t "$bin" batch --text-field article --jobs "$jobs" "$work/cnn.jsonl" > "$work/out-$jobs.jsonl"
done
cmp -s "$work/out-1.jsonl" "$work/out-2.jsonl" && echo "  --jobs 1 and --jobs 2 output: identical" || echo "  OUTPUT DIFFERS"
for jobs in 2 1; do
  echo "1 GB stream, --jobs $jobs:"
  t "$bin" batch --text-field article --jobs "$jobs" "$work/cnn-1GB.jsonl" > /dev/null
done
for book in book-1MB.txt book-10MB.txt; do
  echo "$book:"
  t "$bin" "$work/$book" > /dev/null
done

if [ -n "${BASELINE:-}" ]; then
  base_dir="$work/baseline-src"
  rm -rf "$base_dir"
  git worktree add --detach "$base_dir" "$BASELINE" >&2
  (cd "$base_dir" && swift build -c release --product summarize >&2)
  base_bin="$base_dir/.build/release/summarize"
  runs=${RUNS:-5}
  echo "CNN dev set, --jobs 1, user s, $runs alternating runs: $BASELINE ($(git rev-parse --short "$BASELINE")) vs this tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', with uncommitted changes'))"
  base_times="" new_times=""
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%U" -o "$work/time.txt" "$base_bin" batch --text-field article --jobs 1 "$work/cnn.jsonl" > /dev/null 2>&1
    base_times="$base_times $(tail -1 "$work/time.txt")"
    /usr/bin/time -f "%U" -o "$work/time.txt" "$bin" batch --text-field article --jobs 1 "$work/cnn.jsonl" > /dev/null 2>&1
    new_times="$new_times $(tail -1 "$work/time.txt")"
  done
  python3 - "$base_times" "$new_times" "$(du -b "$work/cnn.jsonl" | cut -f1)" <<'PY'
import statistics, sys
pairs = list(zip(map(float, sys.argv[1].split()), map(float, sys.argv[2].split())))
base = sorted(b for b, _ in pairs); new = sorted(n for _, n in pairs); size = int(sys.argv[3]) / 1e6
mb, mn = statistics.median(base), statistics.median(new)
print(f"  baseline: {' '.join(map(str, base))}  median {mb:.2f} s = {size / mb:.1f} MB/s")
print(f"  this tree: {' '.join(map(str, new))}  median {mn:.2f} s = {size / mn:.1f} MB/s")
print(f"  time ratio (this / baseline): {mn / mb:.3f}")
# Each run of this tree against the baseline's run just before it: the two share the machine's load of that
# moment, so the median of these ratios moves less from sitting to sitting than the ratio of the medians.
print(f"  median of the {len(pairs)} paired ratios: {statistics.median(n / b for b, n in pairs):.3f}")
PY
  git worktree remove --force "$base_dir"
fi
