#!/usr/bin/env bash
# Runs `summarize batch` as several processes over chunks of one JSON Lines input, for a machine
# (or a shell on a big one) without a cluster. The output is what one `summarize batch` process
# writes for the same input: one line per input line, in input order, error records included,
# with their line numbers counted in the whole input, not in the chunk.
#
#   scripts/parallel-batch.sh [-j PROCESSES] [-n LINES] [-t parallel|xargs] [-b BINARY] \
#       INPUT.jsonl[.gz] [summarize batch options...] > keypoints.jsonl
#
#   -j  processes at once (default: every core); each runs `summarize batch --jobs 1`
#   -n  lines per chunk (default 2000)
#   -t  GNU parallel --pipe (default when `parallel` is installed) or split files and xargs -P
#   -b  the summarize binary (default: $SUMMARIZE_BIN, else `summarize` on PATH, else .build/release/summarize)
#   INPUT is a file ('-' for standard input), gzip or not. Options after it go to every
#   `summarize batch` (--text-field article, --bullets 5, --max-bytes N, ...).
#
# Exit status as for `summarize batch`: 0 when every record was summarized, 65 when any record
# failed (its error record is in the output), 66 when INPUT cannot be read, 64 on a usage error,
# and the failing process's status (or 70) when a chunk did not run to the end.
set -euo pipefail

usage() { sed -n '7,20s/^# \{0,1\}//p' "$0" >&2; exit 64; }
fail() { echo "parallel-batch: $1" >&2; exit "${2:-70}"; }

jobs=$(nproc 2>/dev/null || echo 1)
lines=2000
tool=""
bin="${SUMMARIZE_BIN:-}"
while getopts "j:n:t:b:h" option; do
    case "$option" in
        j) jobs=$OPTARG ;;
        n) lines=$OPTARG ;;
        t) tool=$OPTARG ;;
        b) bin=$OPTARG ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || usage
input=$1
shift
batch_options=("$@")

[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || fail "-j must be a positive whole number (got '$jobs')." 64
[[ "$lines" =~ ^[1-9][0-9]*$ ]] || fail "-n must be a positive whole number (got '$lines')." 64
if [[ -z "$tool" ]]; then
    if command -v parallel >/dev/null && parallel --version 2>/dev/null | grep -q 'GNU parallel'; then tool=parallel; else tool=xargs; fi
fi
[[ "$tool" == parallel || "$tool" == xargs ]] || fail "-t must be 'parallel' or 'xargs' (got '$tool')." 64
if [[ "$tool" == parallel ]] && ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
    fail "-t parallel needs GNU parallel (apt-get install parallel), or use -t xargs." 64
fi
if [[ -z "$bin" ]]; then
    bin=$(command -v summarize || true)
    [[ -n "$bin" ]] || bin="$(cd "$(dirname "$0")/.." && pwd)/.build/release/summarize"
fi
[[ -x "$bin" ]] || fail "the summarize binary '$bin' is not an executable: build it with 'swift build -c release --product summarize', or name it with -b." 66
if [[ "$input" != "-" && ! -r "$input" ]]; then
    fail "$input: no such file, or not readable. Check the path and try again." 66
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/parallel-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Error records name the line in their chunk ("line": N and "Line N" in the message); the chunk
# of output line NR starts after int((NR-1)/lines)*lines lines, so add that. Only error records
# are touched: a record is one when it holds the unescaped text "error":{"code":", which no
# string value can contain (its quotes are escaped).
renumber() {
    awk -v lines="$lines" '
        index($0, "\"error\":{\"code\":\"") && match($0, /"message":"Line [0-9]+/) {
            offset = int((NR - 1) / lines) * lines
            n = substr($0, RSTART + 16, RLENGTH - 16) + 0
            $0 = substr($0, 1, RSTART + 15) (n + offset) substr($0, RSTART + RLENGTH)
            prefix = "{\"line\":" n ","
            if (substr($0, 1, length(prefix)) == prefix) $0 = "{\"line\":" (n + offset) "," substr($0, length(prefix) + 1)
        }
        { print }'
}

decompress() { if [[ "$input" == "-" ]]; then gzip -cdf; else gzip -cdf -- "$input"; fi; }

status=0
if [[ "$tool" == parallel ]]; then
    # -N: exactly `lines` records per job (the last takes the rest); -k: output in input order;
    # --block: room for a chunk of long records without parallel growing its buffer step by step.
    # Each job's own exit status is in the job log (parallel's status only counts failures).
    set +e
    decompress | parallel --pipe --block 32M -N "$lines" -k -j "$jobs" --halt never --joblog "$work/jobs.log" \
        "$bin" batch --jobs 1 "${batch_options[@]}" - 2>"$work/stderr" | renumber
    read_status=("${PIPESTATUS[@]}")
    set -e
    [[ ${read_status[0]} -eq 0 ]] || fail "could not read $input (gzip exit status ${read_status[0]})." 66
    [[ ${read_status[2]} -eq 0 ]] || fail "could not write the output (awk exit status ${read_status[2]})." 74
    chunks=$(($(wc -l <"$work/jobs.log") - 1))
    # Columns 7 and 8 of the job log: the exit value and the signal that ended the job.
    while read -r value signal; do
        [[ "$signal" == 0 ]] || { cat "$work/stderr" >&2; fail "a summarize batch process was killed by signal $signal; its output is incomplete."; }
        case "$value" in
            0) ;;
            65) [[ $status -eq 0 ]] && status=65 ;;
            *) cat "$work/stderr" >&2; fail "a summarize batch process exited with status $value; its output is incomplete." "$value" ;;
        esac
    done < <(awk -F'\t' 'NR > 1 { print $7, $8 }' "$work/jobs.log")
else
    decompress | split -l "$lines" -a 6 -d - "$work/chunk." || fail "could not read $input." 66
    shopt -s nullglob
    files=("$work"/chunk.*)
    chunks=${#files[@]}
    if [[ $chunks -gt 0 ]]; then
        export bin
        # One process per chunk, -j at a time; each leaves its exit status beside its output.
        printf '%s\n' "${files[@]}" | xargs -P "$jobs" -n 1 bash -c '
            chunk=${@: -1}
            "$bin" batch --jobs 1 "${@:1:$#-1}" "$chunk" >"$chunk.out" 2>"$chunk.err"; echo $? >"$chunk.status"' run-chunk "${batch_options[@]}" \
            || true
        for file in "${files[@]}"; do
            value=$(cat "$file.status" 2>/dev/null || echo 70)
            case "$value" in
                0) ;;
                65) [[ $status -eq 0 ]] && status=65 ;;
                *) cat "$file.err" >&2; fail "the summarize batch process of ${file##*/} exited with status $value." "$value" ;;
            esac
            [[ $(wc -l <"$file") -eq $(wc -l <"$file.out") ]] \
                || fail "${file##*/}: the output has $(wc -l <"$file.out") lines for $(wc -l <"$file") input lines."
        done
        for file in "${files[@]}"; do cat "$file.out"; done | renumber
    fi
fi
echo "parallel-batch: $chunks chunks of up to $lines lines, $jobs at a time ($tool); exit status $status" >&2
exit "$status"
