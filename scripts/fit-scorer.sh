#!/usr/bin/env bash
# Refits the scorer's weights (Sources/SummarizeKit/Selection/ScorerWeights.swift) from the CNN dev set:
# builds a release binary, writes the articles in their layouts with ../shared/tools/layouts.py, dumps the
# candidate features and per-sentence labels of the fitting slice (records 1,001-6,933; the first 1,000 are
# the report slice and are never read here) in two layouts (as given, and one block without a dateline),
# and fits them with scripts/fit_scorer.py. Extra arguments go to fit_scorer.py.
#
#   scripts/fit-scorer.sh                     # the shipped fit (see the header of ScorerWeights.swift)
#   WORK=/tmp/fit scripts/fit-scorer.sh --hidden 0 --l2 1e-3
#
# Needs ../shared (corpora and tools), python3 with numpy and scipy. Then rebuild and check the report slice:
#   summarize eval <layout>.jsonl.gz --limit 1000 --system default,lead3   (docs/quality.md)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
work=${WORK:-/tmp/summarize-fit}
[ -d "$shared/corpora/cnndm-dev" ] || { echo "fit-scorer: $shared/corpora/cnndm-dev is absent." >&2; exit 1; }
mkdir -p "$work"
swift build -c release --product summarize >&2
python3 "$shared/tools/layouts.py" "$shared/corpora/cnndm-dev/cnn_stories_dev.jsonl.gz" "$work/layouts" >&2
for layout in paragraphs block-nodateline; do
  .build/release/summarize eval "$work/layouts/$layout.jsonl.gz" --skip 1000 --system default \
      --dump-features "$work/$layout.features.jsonl" >&2 &
done
wait
python3 scripts/fit_scorer.py "$work/paragraphs.features.jsonl" "$work/block-nodateline.features.jsonl" \
    --write Sources/SummarizeKit/Selection/ScorerWeights.swift "$@"
echo "fit-scorer: wrote Sources/SummarizeKit/Selection/ScorerWeights.swift; rebuild and evaluate (docs/quality.md)." >&2
