#!/usr/bin/env bash
# Scores `summarize extract` on the article-extraction pages in ../shared/corpora (see its PROVENANCE.md):
# F1, precision and recall of the extracted article text against the text people marked.
# usage: scripts/extraction-score.sh [debug|release]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-release}"
corpus="../shared/corpora/article-extraction"
[ -f "$corpus/ground-truth.json" ] || { echo "extraction-score: $corpus is missing" >&2; exit 66; }
scripts/bootstrap.sh
swift build -c "$configuration" --product summarize >&2
binary="$(swift build -c "$configuration" --show-bin-path)/summarize"
python3 ../shared/tools/extraction_score.py "$corpus/ground-truth.json" --command "$binary extract --input html --no-title -"

# Key points of the same pages: how many bullets are word for word in the article body people marked
# (a bullet from a caption, a menu or a related-story list would not be).
python3 - "$corpus" "$binary" <<'PY'
import gzip, json, re, subprocess, sys
corpus, binary = sys.argv[1], sys.argv[2]
truth = json.load(open(f"{corpus}/ground-truth.json", encoding="utf-8"))
word = re.compile(r"\w+")
total = inside = 0
for key in sorted(truth):
    page = gzip.open(f"{corpus}/html/{key}.html.gz").read()
    out = subprocess.run([binary, "--format", "json", "--input", "html", "-"], input=page, capture_output=True).stdout
    body = " ".join(word.findall(truth[key]["articleBody"]))
    for point in json.loads(out or b'{"keyPoints":[]}')["keyPoints"]:
        total += 1
        inside += " ".join(word.findall(point["text"])) in body
print(f"key points inside the marked article: {inside} of {total}")
PY
