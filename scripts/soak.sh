#!/usr/bin/env bash
# Soak test of `summarize serve` on loopback (issue 15): good and abusive traffic
# at once for SOAK_SECONDS (default 600), then a quiet spell, recording p50/p99
# latency of the good requests and of /healthz, every status seen, and the
# server's RSS before, at its peak and after.
#
#   scripts/soak.sh                 # 10 minutes, release build
#   SOAK_SECONDS=60 scripts/soak.sh # a shorter run
#
# The traffic (scripts/soak.py, Python standard library only): good clients
# POSTing corpora/news-river-bridge.txt as text/plain and JSON; slow-header
# (slowloris) and idle connections; bodies stopped half-way; bursts of 3 MB
# bodies (some get 503 with Retry-After); bodies over the limit (413);
# malformed chunked bodies (400); bad JSON (400); HTTP/1.0; unknown methods (405).
# Good clients wait the Retry-After second after a 503. The script fails
# (exit 1) if a good request or /healthz gets anything but 200 (or 503 for a
# good request), if any request gets a 5xx other than 503, or if the server
# dies; client timeouts (30 s, 2 s for /healthz) are counted and printed.
# Traffic stops after SOAK_SECONDS; the script then waits until the server is
# idle (at most 5 minutes) before it reads the RSS "after". Only 127.0.0.1.
#
# Environment: SOAK_SECONDS, SUMMARIZE_SCRATCH (default .build), SUMMARIZE_BIN
# (a binary to test instead of building one), SOAK_DEBUG=1 (debug build).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN=${SOAK_SECONDS:-600}
SCRATCH=${SUMMARIZE_SCRATCH:-.build}
fail() { echo "soak: FAILED: $*" >&2; exit 1; }

if [ -n "${SUMMARIZE_BIN:-}" ]; then
    BIN=$SUMMARIZE_BIN
else
    CONFIG=release
    [ -n "${SOAK_DEBUG:-}" ] && CONFIG=debug
    swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product summarize >&2 || fail "build failed."
    BIN="$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)/summarize"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
LOG=$(mktemp /tmp/summarize-soak.XXXXXX.log)
"$BIN" serve --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
    python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=1)" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; fail "the server exited."; }
    sleep 0.1
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "swift: $(swift --version 2>&1 | head -1)"
echo "binary: $BIN"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/soak.py --port "$PORT" --pid "$SERVER_PID" --seconds "$SECONDS_TO_RUN" \
    --body corpora/news-river-bridge.txt || fail "see above."
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -0 "$SERVER_PID" 2>/dev/null || fail "the server died."
echo "soak: passed"
