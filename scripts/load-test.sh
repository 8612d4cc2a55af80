#!/usr/bin/env bash
# Load test of `summarize serve` on loopback (issue 7).
#
# Builds a release binary, starts the server on a free 127.0.0.1 port, checks
# one answer, then runs wrk (Debian's package) with scripts/load-test.lua:
# LOAD_CONNECTIONS (50) connections for LOAD_DURATION (30s), each POSTing
# corpora/news-river-bridge.txt to /v1/summarize. Prints requests/s, p50/p99
# latency, errors (must be 0, else exit 1) and the server's RSS from
# /proc/PID/status before and after. Only loopback; bounded in time.
#
# Environment: SUMMARIZE_SCRATCH (default .build), LOAD_CONNECTIONS, LOAD_DURATION,
# LOAD_THREADS (wrk threads, default 2), LOAD_TEST_BODY_FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SUMMARIZE_SCRATCH:-.build}
CONNECTIONS=${LOAD_CONNECTIONS:-50}
DURATION=${LOAD_DURATION:-30s}
THREADS=${LOAD_THREADS:-2}
export LOAD_TEST_BODY_FILE=${LOAD_TEST_BODY_FILE:-corpora/news-river-bridge.txt}

fail() { echo "load-test: FAILED: $*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || fail "could not install wrk."
    else
        fail "wrk is not installed (apt-get install wrk)."
    fi
fi

swift build -c release --scratch-path "$SCRATCH" --product summarize >&2 || fail "release build failed."
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/summarize"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
LOG=$(mktemp /tmp/summarize-serve.XXXXXX.log)
"$BIN" serve --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
    curl -fsS "$URL/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; fail "the server exited."; }
    sleep 0.1
done
rss() { awk '/^VmRSS/ {print $2 " " $3}' "/proc/$SERVER_PID/status"; }

# One checked request: the server answers with three key points.
ANSWER=$(curl -fsS -H 'Content-Type: text/plain; charset=utf-8' --data-binary "@$LOAD_TEST_BODY_FILE" "$URL/v1/summarize")
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["schemaVersion"]==1 and len(d["keyPoints"])==3, d' "$ANSWER" \
    || fail "unexpected answer: $ANSWER"

RSS_BEFORE=$(rss)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "swift: $(swift --version 2>&1 | head -1)"
echo "body: $LOAD_TEST_BODY_FILE ($(wc -c <"$LOAD_TEST_BODY_FILE") bytes)"
echo "command: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency --timeout 10s -s scripts/load-test.lua $URL/v1/summarize"
echo "load average before (other processes share these cores): $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server RSS before: $RSS_BEFORE"
OUT=$(timeout 300 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 10s \
        -s scripts/load-test.lua "$URL/v1/summarize") || fail "wrk failed: $OUT"
RSS_AFTER=$(rss)
echo "$OUT"
echo "server RSS after: $RSS_AFTER"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -0 "$SERVER_PID" 2>/dev/null || fail "the server died during the test."

RESULT=$(echo "$OUT" | grep '^RESULT ') || fail "no RESULT line from wrk."
ERRORS=$(echo "$RESULT" | tr ' ' '\n' | awk -F= '/^errors_/ {sum += $2} END {print sum + 0}')
echo "errors: $ERRORS"
[ "$ERRORS" = 0 ] || fail "$ERRORS errors under load."
echo "load-test: passed"
