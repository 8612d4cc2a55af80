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
