#!/usr/bin/env bash
# Fuzzes with libFuzzer, AddressSanitizer and LeakSanitizer, three targets in turn
# (Sources/SummarizeFuzz): the whole summarize path (decode -> HTML extraction ->
# summarize -> render every format), the batch record reader (JSONRecordParser and
# BatchSummarizer), and the server's handling of a POST /v1/summarize body.
#
#   scripts/fuzz.sh [seconds]        total time, default 300, split evenly between
#                                    the targets; extra arguments go to libFuzzer
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

# Seeds of the record and body targets (first byte: their option byte).
mkdir -p fuzz/seeds-record fuzz/seeds-body fuzz/corpus-record fuzz/corpus-body
printf '\x00{"id":1,"text":"The council met on Tuesday. It approved the bridge."}' > fuzz/seeds-record/plain
printf '\x01{"id":"a\\u00e9","text":"Esc\\u00e9 \\ud83d\\ude00 and \\ud800 lone.","bullets":3,"highlights":["x","y"]}' > fuzz/seeds-record/escapes
printf '\x00\xef\xbb\xbf{"id":2,"text":"BOM first.","text":"twice"}' > fuzz/seeds-record/bom-duplicate
printf '\x08{"id":3,"text":"cut off in the mi' > fuzz/seeds-record/cut
printf '\x00{"id":[1,{"a":[]}],"text":5,}' > fuzz/seeds-record/trailing-comma
printf '\x00{"text":"The council met on Tuesday. It approved the bridge. Work starts in May.","bullets":2}' > fuzz/seeds-body/json
printf '\x01The council met on Tuesday. It approved the bridge.' > fuzz/seeds-body/plain
printf '\x00{"text":"a","bullets":100000000000000000000000}' > fuzz/seeds-body/huge-bullets
printf '\x00{"text":"\\ud800","text":"x",}' > fuzz/seeds-body/edge

# The time is split evenly between the three targets, one after the other.
per_target=$(( seconds / 3 ))
if [ "$per_target" -lt 1 ]; then per_target=1; fi
jobs_flag=()
if [ "$(nproc)" -gt 2 ]; then jobs_flag=(-jobs=2 -workers=2); fi
for target in summarize record body; do
    case "$target" in
        summarize) corpus=fuzz/corpus; seeds=fuzz/seeds ;;
        *) corpus="fuzz/corpus-$target"; seeds="fuzz/seeds-$target" ;;
    esac
    echo "== fuzz target $target for ${per_target}s (corpus $corpus)"
    SUMMARIZE_FUZZ_TARGET="$target" "$binary" "$corpus" "$seeds" \
        -max_total_time="$per_target" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="fuzz/artifacts/$target-" -print_final_stats=1 "${jobs_flag[@]}" "$@"
    echo "== $target: corpus $(ls "$corpus" | wc -l) files, $(du -sk "$corpus" | cut -f1) KiB"
done
