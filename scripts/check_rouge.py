#!/usr/bin/env python3
"""Compare `summarize eval --dump` scores with Google's rouge-score package.

Reads the JSON Lines written by `summarize eval --dump FILE` (one line per
document and system: id, system, candidate, reference, rouge1, rouge2,
rougeLsum as F1 in [0, 1]), rescores every line with
`rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)`
(target = reference, prediction = candidate, sentences joined by newlines), or with
`--tokenizer unicode` through UnicodeTokenizer below (what `summarize eval` uses for non-English records),
and compares the means per system. Exits 1 when any mean differs by more
than the tolerance (in ROUGE points, 0-100).
"""
import argparse
import collections
import json
import re
import sys
import unicodedata

from rouge_score import rouge_scorer, tokenizers

CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003ffff\u3040-\u30ff\uac00-\ud7af]")


class UnicodeTokenizer(tokenizers.Tokenizer):
    """`summarize eval --rouge-tokenizer unicode` (ROUGE.Tokenizer.unicode): NFKC, lower case, runs of letters and
    digits (Unicode categories L and N), one token per CJK character (Han, kana, Hangul syllables); no stemming."""

    def tokenize(self, text):
        tokens, word = [], []
        for ch in unicodedata.normalize("NFKC", text).lower():
            if CJK.match(ch):
                if word:
                    tokens.append("".join(word))
                    word = []
                tokens.append(ch)
            elif unicodedata.category(ch)[0] in "LN":
                word.append(ch)
            elif word:
                tokens.append("".join(word))
                word = []
        if word:
            tokens.append("".join(word))
        return tokens

TYPES = ("rouge1", "rouge2", "rougeLsum")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", help="JSON Lines file written by summarize eval --dump")
    parser.add_argument("--tolerance", type=float, default=0.05, help="largest allowed difference of means, in points")
    parser.add_argument("--show", type=int, default=3, help="documents with the largest differences to print")
    parser.add_argument("--tokenizer", choices=("english", "unicode"), default="english",
                        help="english: rouge-score's default with use_stemmer=True; unicode: UnicodeTokenizer")
    args = parser.parse_args()

    if args.tokenizer == "unicode":
        scorer = rouge_scorer.RougeScorer(list(TYPES), tokenizer=UnicodeTokenizer())
    else:
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
