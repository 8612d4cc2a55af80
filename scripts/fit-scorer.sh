#!/usr/bin/env bash
# Refits the scorer's weights (Sources/SummarizeKit/Selection/ScorerWeights.swift): builds a release binary,
# dumps the candidate features and per-sentence labels of each fitting slice, and fits them together with
# scripts/fit_scorer.py, then the set scorer's (SetScorerWeights.swift) with scripts/fit_sets.py on the CNN
# slice dumped again with the new scorer, in all four layouts. Extra arguments go to fit_scorer.py. The slices
# (the report slices are never read):
#   - CNN dev records 1,001-6,933 (report: the first 1,000), in two layouts of ../shared/tools/layouts.py
#     (as given, and one block without a dateline) for the scorer, all four for the set scorer, so no weight
#     can lean on a layout;
#   - Turkish news with annotators' picks (TES), records 50-98 (report: the first 49), each article
#     weighed 30 times: short articles whose readers picked about half of the sentences; its labels are
#     the sentences most annotators picked (scripts/human_labels.py), not a ROUGE oracle;
#   - Chinese (LCSTS) records 301-1,106 and French (OrangeSum) records 301-2,300 (report: the first 300).
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
for d in cnndm-dev turkish-extractive lcsts-zh orangesum-fr; do
  [ -d "$shared/corpora/$d" ] || { echo "fit-scorer: $shared/corpora/$d is absent." >&2; exit 1; }
done
mkdir -p "$work"
swift build -c release --product summarize >&2
python3 "$shared/tools/layouts.py" "$shared/corpora/cnndm-dev/cnn_stories_dev.jsonl.gz" "$work/layouts" >&2
dump() { .build/release/summarize eval "$1" --system default --dump-features "$work/$2.features.jsonl" "${@:3}" >&2; }
for layout in paragraphs block-nodateline; do
  dump "$work/layouts/$layout.jsonl.gz" "$layout" --skip 1000 &
done
wait
corpora=$shared/corpora
dump "$corpora/turkish-extractive/tes.jsonl.gz" tes --skip 49
python3 scripts/human_labels.py "$corpora/turkish-extractive/tes.jsonl.gz" "$work/tes.features.jsonl" \
    "$work/tes-picks.features.jsonl"
dump "$corpora/lcsts-zh/lcsts_part3.jsonl.gz" lcsts --skip 300
dump "$corpora/orangesum-fr/orangesum_abstract_test.jsonl.gz" orangesum --skip 300 --limit 2000
python3 scripts/fit_scorer.py "$work/paragraphs.features.jsonl" "$work/block-nodateline.features.jsonl" \
    "$work/tes-picks.features.jsonl@30" "$work/lcsts.features.jsonl" "$work/orangesum.features.jsonl" \
    --write Sources/SummarizeKit/Selection/ScorerWeights.swift "$@"
# The set scorer reads the new scorer's probabilities: rebuild, dump the CNN slices again (all four layouts: a set's
# length and overlap terms see the same articles with and without paragraphs and datelines), fit the set weights.
swift build -c release --product summarize >&2
layouts="paragraphs block nodateline block-nodateline"
for layout in $layouts; do
  dump "$work/layouts/$layout.jsonl.gz" "$layout-sets" --skip 1000 &
done
wait
python3 scripts/fit_sets.py $(for layout in $layouts; do echo "$work/$layout-sets.features.jsonl"; done) \
    --write Sources/SummarizeKit/Selection/SetScorerWeights.swift
echo "fit-scorer: wrote Sources/SummarizeKit/Selection/ScorerWeights.swift and SetScorerWeights.swift;" \
     "rebuild and evaluate (docs/quality.md)." >&2
