#!/usr/bin/env bash
# Counts the instructions `summarize batch --jobs 1` executes on the first N CNN dev articles, with
# valgrind's callgrind (repeatable on a busy machine, unlike time), for this tree and, when given, a
# baseline commit built in a temporary worktree. Both as given and joined into one block per article.
#
#   scripts/count-instructions.sh [BASELINE_REF] [N]      # N defaults to 300
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-}; n=${2:-300}
work=$(mktemp -d); trap 'rm -rf "$work"; [ -n "$base" ] && git worktree remove --force "$work-base" 2>/dev/null || true' EXIT
command -v valgrind >/dev/null || { echo "count-instructions: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
# The first N records, read by python itself (gzip piped into head would die of SIGPIPE under pipefail).
python3 -c '
import gzip, itertools, json, re, sys
with gzip.open(sys.argv[1]) as f, open(sys.argv[3], "w") as a, open(sys.argv[4], "w") as b:
    for line in itertools.islice(f, int(sys.argv[2])):
        r = json.loads(line)
        a.write(json.dumps({"id": r["id"], "text": r["article"]}) + "\n")
        b.write(json.dumps({"id": r["id"], "text": re.sub(r"\s*\n\s*", " ", r["article"]).strip()}) + "\n")
' ../shared/corpora/cnndm-dev/cnn_stories_dev.jsonl.gz "$n" "$work/paragraphs.jsonl" "$work/block.jsonl"
swift build -c release --product summarize >&2
# valgrind cannot read the debug info of these binaries: count a stripped copy.
strip -o "$work/summarize" .build/release/summarize
bins=("$work/summarize")
if [ -n "$base" ]; then
  git worktree add -q "$work-base" "$base"
  (cd "$work-base" && swift build -c release --product summarize >&2)
  strip -o "$work/summarize-base" "$work-base/.build/release/summarize"
  bins+=("$work/summarize-base")
fi
for bin in "${bins[@]}"; do
  for layout in paragraphs block; do
    count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" batch --jobs 1 "$work/$layout.jsonl" 2>&1 >/dev/null \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    echo "$(basename "$bin") $layout: $count instructions"
  done
done
