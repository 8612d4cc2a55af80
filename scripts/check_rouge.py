#!/usr/bin/env python3
"""Compare `summarize eval --dump` scores with Google's rouge-score package.

Reads the JSON Lines written by `summarize eval --dump FILE` (one line per
document and system: id, system, candidate, reference, rouge1, rouge2,
rougeLsum as F1 in [0, 1]), rescores every line with
`rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)`
(target = reference, prediction = candidate, sentences joined by newlines),
and compares the means per system. Exits 1 when any mean differs by more
than the tolerance (in ROUGE points, 0-100).
"""
import argparse
import collections
import json
import sys

from rouge_score import rouge_scorer

TYPES = ("rouge1", "rouge2", "rougeLsum")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", help="JSON Lines file written by summarize eval --dump")
    parser.add_argument("--tolerance", type=float, default=0.05, help="largest allowed difference of means, in points")
    parser.add_argument("--show", type=int, default=3, help="documents with the largest differences to print")
    args = parser.parse_args()

    scorer = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=True)
    ours = collections.defaultdict(lambda: collections.defaultdict(float))
    theirs = collections.defaultdict(lambda: collections.defaultdict(float))
    counts = collections.Counter()
    worst = []
    with open(args.dump, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            system = row["system"]
            reference = scorer.score(row["reference"], row["candidate"])
            counts[system] += 1
            for kind in TYPES:
                ours[system][kind] += row[kind]
                theirs[system][kind] += reference[kind].fmeasure
                worst.append((abs(row[kind] - reference[kind].fmeasure), system, row["id"], kind,
                              row[kind], reference[kind].fmeasure))

    if not counts:
        print("check_rouge: the dump is empty", file=sys.stderr)
        return 2
    failed = False
    print(f"{'system':<12}{'metric':<11}{'summarize':>10}{'rouge-score':>13}{'diff':>9}")
    for system in counts:
        n = counts[system]
        for kind in TYPES:
            a = 100 * ours[system][kind] / n
            b = 100 * theirs[system][kind] / n
            flag = "" if abs(a - b) <= args.tolerance else "  <-- over tolerance"
            failed |= bool(flag)
            print(f"{system:<12}{kind:<11}{a:>10.4f}{b:>13.4f}{a - b:>+9.4f}{flag}  ({n} docs)")
    worst.sort(reverse=True)
    if args.show and worst and worst[0][0] > 0:
        print("largest per-document differences:")
        for diff, system, doc, kind, a, b in worst[: args.show]:
            print(f"  {system} {doc} {kind}: summarize {a:.6f} rouge-score {b:.6f}")
    if failed:
        print(f"FAIL: a mean differs from rouge-score by more than {args.tolerance} points", file=sys.stderr)
        return 1
    print(f"OK: every mean within {args.tolerance} points of rouge-score")
    return 0


if __name__ == "__main__":
    sys.exit(main())
