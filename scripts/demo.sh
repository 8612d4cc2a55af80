#!/usr/bin/env bash
# One command for a fresh Debian machine with Swift: install what is missing, build the
# release binary, and print the key points of the bundled sample article.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build -c release --product summarize >&2
.build/release/summarize "${1:-corpora/news-river-bridge.txt}"
