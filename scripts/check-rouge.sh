#!/usr/bin/env bash
# Checks that `summarize eval` agrees with Google's rouge-score package (PyPI) to
# within 0.05 ROUGE points on the first 1,000 CNN dev records.
#
#   scripts/check-rouge.sh [DATA.jsonl.gz] [LIMIT] [SYSTEMS] [TOKENIZER]
#
# TOKENIZER is english (default: rouge-score's own, stemmed) or unicode (NFKC, lower case, letter/digit runs,
# one token per CJK character, unstemmed), passed to both `summarize eval --rouge-tokenizer` and check_rouge.py:
#   scripts/check-rouge.sh ../shared/corpora/orangesum-fr/orangesum_abstract_test.jsonl.gz 300 default,lead3 unicode
#
# Creates a git-ignored venv in .build-venv-rouge/ (pip install rouge-score),
# builds the CLI in release mode (.build-eval/), dumps each document's bullets
# and our scores with `summarize eval --dump`, and rescores them with rouge-score.
# Exit status: 0 when every mean agrees, 1 when one differs by more than 0.05.
set -euo pipefail
cd "$(dirname "$0")/.."

data="${1:-../shared/corpora/cnndm-dev/cnn_stories_dev.jsonl.gz}"
limit="${2:-1000}"
systems="${3:-default,lead3,textrank}"
tokenizer="${4:-english}"
venv=".build-venv-rouge"
scratch="${SCRATCH_PATH:-.build-eval}"

if [[ ! -f "$data" ]]; then
    echo "check-rouge: $data not found (the shared corpora live in ../shared/corpora)." >&2
    exit 66
fi
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import rouge_score" 2>/dev/null || "$venv/bin/pip" install --quiet rouge-score

swift build -c release --scratch-path "$scratch" --product summarize >&2
dump="$(mktemp -t check-rouge.XXXXXX.jsonl)"
trap 'rm -f "$dump"' EXIT
"$scratch/release/summarize" eval "$data" --limit "$limit" --system "$systems" --rouge-tokenizer "$tokenizer" --dump "$dump"
"$venv/bin/python" scripts/check_rouge.py --tokenizer "$tokenizer" "$dump"
