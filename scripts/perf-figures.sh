#!/usr/bin/env bash
# Reproduces the performance table of the README (and "Current figures" in docs/performance.md):
# builds a release binary, writes the inputs from ../shared/corpora into a work folder, and times
# one/two jobs on the CNN dev set, a 1 GB JSON Lines stream, and 1 MB / 10 MB documents.
#
#   scripts/perf-figures.sh [WORKDIR]     # default /tmp/summarize-perf (about 1.1 GB of inputs)
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
