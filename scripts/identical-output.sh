#!/usr/bin/env bash
# Checks that two builds of `summarize` write the same bytes: `summarize batch --jobs 1` over every
# corpus that speed work is checked on, with each binary, then cmp. Used for changes that must not
# change output (docs/performance.md, "How to measure").
#
#   scripts/identical-output.sh OLD_BINARY NEW_BINARY [WORKDIR]     # exit 0 when every output is identical
#
# Inputs, written once into WORKDIR/in (default /tmp/summarize-identical) from ../shared/corpora: all CNN
# dev articles as given and as one block each, all BBC, OrangeSum and LCSTS records, the first 2,500
# records of each raw-prose file, and the CNN records in 1 and 5 bullets.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,10p "$0" >&2; exit 64; }
old=$(realpath "$1"); new=$(realpath "$2")
cd "$(dirname "$0")/.."
corpora=../shared/corpora
[ -d "$corpora" ] || { echo "identical-output: $corpora is absent." >&2; exit 66; }
work=${3:-/tmp/summarize-identical}
in=$work/in
if [ ! -f "$in/.complete" ]; then
  mkdir -p "$in"
  python3 - "$corpora" "$in" <<'PY'
import glob, gzip, itertools, json, os, re, sys
corpora, out = sys.argv[1], sys.argv[2]
def copy(src, dst, limit=None, block=False):
    with gzip.open(src, "rt", encoding="utf-8") as f, open(os.path.join(out, dst), "w", encoding="utf-8") as o:
        for line in itertools.islice(f, limit):
            if block:
                r = json.loads(line)
                r["article"] = re.sub(r"\s*\n\s*", " ", r["article"]).strip()
                line = json.dumps(r, ensure_ascii=False) + "\n"
            o.write(line)
copy(f"{corpora}/cnndm-dev/cnn_stories_dev.jsonl.gz", "cnn.article.jsonl")
copy(f"{corpora}/cnndm-dev/cnn_stories_dev.jsonl.gz", "cnn-block.article.jsonl", block=True)
copy(f"{corpora}/bbc-news-summary/bbc_news_summary.jsonl.gz", "bbc.article.jsonl")
copy(f"{corpora}/orangesum-fr/orangesum_abstract_test.jsonl.gz", "orangesum.article.jsonl")
copy(f"{corpora}/lcsts-zh/lcsts_part3.jsonl.gz", "lcsts.article.jsonl")
for path in sorted(glob.glob(f"{corpora}/raw-prose/*.jsonl.gz")):
    copy(path, os.path.basename(path).replace(".jsonl.gz", ".text.jsonl"), limit=2500)
PY
  touch "$in/.complete"
fi
status=0
run() {  # name field extra-args...
  local name=$1 field=$2; shift 2
  "$old" batch --text-field "$field" --jobs 1 "$@" > "$work/$name.old" 2>/dev/null || true
  "$new" batch --text-field "$field" --jobs 1 "$@" > "$work/$name.new" 2>/dev/null || true
  if cmp -s "$work/$name.old" "$work/$name.new"; then
    echo "identical  $name ($(wc -l < "$work/$name.new") lines)"
  else
    echo "DIFFERENT  $name: cmp $work/$name.old $work/$name.new"; status=1
  fi
}
for file in "$in"/*.jsonl; do
  base=$(basename "$file" .jsonl)
  run "$base" "${base##*.}" "$file"
done
run cnn-1-bullet article --bullets 1 "$in/cnn.article.jsonl"
run cnn-5-bullets article --bullets 5 "$in/cnn.article.jsonl"
[ $status = 0 ] && echo "identical-output: every output is identical" || echo "identical-output: outputs differ"
exit $status
