#!/usr/bin/env bash
# Real-browser test of the editors' preview page (issue 7).
#
# Builds `summarize`, starts `summarize serve` on a free loopback port, then
# drives Debian's chromium (headless) through chromedriver with Selenium from
# PyPI: types an article, waits for three bullets, clicks one and checks that
# its sentence is highlighted, and more (scripts/browser_test.py). Saves a
# screenshot and stops the server. Exits non-zero on any failure, including
# when chromium cannot be installed: this test never passes by skipping.
#
# Environment:
#   BROWSER_TEST_SCREENSHOT  where to save the PNG (default /tmp/summarize-browser-test.png)
#   SUMMARIZE_SCRATCH        SwiftPM scratch path to build in (default .build)
#   BROWSER_TEST_VENV        Python venv for Selenium (default .build-venv, git-ignored)
set -euo pipefail
cd "$(dirname "$0")/.."

SCREENSHOT=${BROWSER_TEST_SCREENSHOT:-/tmp/summarize-browser-test.png}
SCRATCH=${SUMMARIZE_SCRATCH:-.build}
VENV=${BROWSER_TEST_VENV:-.build-venv}

fail() { echo "browser-test: FAILED: $*" >&2; exit 1; }

# 1. Chromium and its driver, from Debian.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "browser-test: installing chromium and chromium-driver with apt-get" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq || true
        apt-get install -y -qq chromium chromium-driver >/dev/null \
            || fail "chromium could not be installed (apt-get install chromium chromium-driver failed). The browser test did not run."
    else
        fail "chromium and chromedriver are not installed and cannot be installed here (needs root and apt-get). The browser test did not run."
    fi
fi
chromium --version >/dev/null 2>&1 || fail "chromium is installed but does not start ('chromium --version' failed). The browser test did not run."
chromedriver --version >/dev/null 2>&1 || fail "chromedriver does not start. The browser test did not run."
echo "browser-test: $(chromium --version 2>/dev/null); $(chromedriver --version 2>/dev/null | head -1)" >&2

# 2. Selenium in a venv of our own.
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" || fail "could not create a Python venv at $VENV."
fi
if ! "$VENV/bin/python" -c 'import selenium' 2>/dev/null; then
    "$VENV/bin/pip" install -q 'selenium>=4.20,<5' || fail "pip could not install selenium."
fi

# 3. The server, on a free loopback port.
swift build --scratch-path "$SCRATCH" --product summarize >&2 || fail "swift build failed."
BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/summarize"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
LOG=$(mktemp /tmp/summarize-serve.XXXXXX.log)
"$BIN" serve --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
cleanup() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT

URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('$URL/healthz', timeout=1)" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; fail "the server exited before answering."; }
    sleep 0.2
done
python3 -c "import urllib.request; urllib.request.urlopen('$URL/healthz', timeout=1)" 2>/dev/null \
    || { cat "$LOG" >&2; fail "the server did not answer /healthz within 20 s."; }

# 4. The browser test itself, bounded in time.
if ! timeout 180 "$VENV/bin/python" scripts/browser_test.py --url "$URL/" \
        --article corpora/news-river-bridge.txt --screenshot "$SCREENSHOT"; then
    echo "--- server log ---" >&2; tail -n 30 "$LOG" >&2
    fail "see the messages above."
fi
echo "browser-test: passed; screenshot at $SCREENSHOT" >&2
