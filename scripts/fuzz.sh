#!/usr/bin/env bash
# Fuzzes the whole summarize path (decode -> HTML extraction -> summarize ->
# render every format) with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh [seconds]        default 300; extra arguments go to libFuzzer
#
# The target (Sources/SummarizeFuzz) is declared in Package.swift only when
# SUMMARIZE_FUZZ is set, and is built in its own scratch folder, so a normal
# `swift build` / `swift test` never sees it. The seed corpus is made from
# corpora/*.txt (plus a few HTML, Markdown and broken-input seeds) in
# fuzz/seeds; libFuzzer grows fuzz/corpus; crashes land in fuzz/artifacts.
# All of fuzz/ is git-ignored. Turn a crash into a regression test in
# Tests/SummarizeKitTests/BadInputTests.swift (inline bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shift || true

export SUMMARIZE_FUZZ=1
swift build -c debug --product SummarizeFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    --scratch-path .build-fuzz
binary=".build-fuzz/debug/SummarizeFuzz"

mkdir -p fuzz/seeds fuzz/corpus fuzz/artifacts
# Seeds: the first byte is the option byte (see SummarizeFuzz.swift).
n=0
for f in corpora/*.txt; do
    n=$((n + 1))
    { printf '\x00'; head -c 6000 "$f"; } > "fuzz/seeds/corpus-$n"
    { printf '\x61'; head -c 3000 "$f"; } > "fuzz/seeds/corpus-$n-bullets"
done
printf '\x02<!DOCTYPE html><html><head><title>T</title><script>var a="<p>";</script></head><body><nav><a href="/">Home</a></nav><h1>Title &amp; more</h1><p>First sentence here&nbsp;today. Second&#x2014;one &#8212; too.</p><ul><li>Item one.</li></ul><footer>(c)</footer></body></html>' > fuzz/seeds/html
printf '\x00# Heading\n\nSome text with a [link](https://example.com) in it. ![image](a.png)\n\n```swift\nlet x = 1. y\n```\n\n- item one\n- item two\n' > fuzz/seeds/markdown
printf '\x01Bad \xff byte and \xc3 truncated. More text follows here.\r\nCR line\rend.' > fuzz/seeds/invalid-utf8
printf '\x00\xff\xfeH\x00i\x00.\x00 \x00O\x00k\x00.\x00' > fuzz/seeds/utf16
printf '\x00No punctuation at all just words and words and more words' > fuzz/seeds/nopunct

jobs_flag=()
if [ "$(nproc)" -gt 2 ]; then jobs_flag=(-jobs=2 -workers=2); fi
exec "$binary" fuzz/corpus fuzz/seeds \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix=fuzz/artifacts/ -print_final_stats=1 "${jobs_flag[@]}" "$@"
