#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, then `swift test`.
# Tests that read ../shared/corpora skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build --build-tests
swift test --skip-build "$@"
