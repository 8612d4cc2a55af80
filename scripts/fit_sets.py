#!/usr/bin/env python3
"""Fits the set scorer's weights (Sources/SummarizeKit/Selection/SetScorerWeights.swift).

The selector's joint search values a set of bullets as a whole (SetScorer): the mean over its members of a
linear function of each member's scorer probability, its logarithm, its rank among the candidates and its
candidate features, plus terms of the set: ln(1 + mean words per bullet), that mean over 50 and its square,
and the largest and mean Jaccard overlap of content terms between two members.

This script fits those weights listwise (ListNet, Cao et al. 2007) over the sets an article offers: every
three of the joint search's candidates (the `jointCandidates` best-scored eligible sentences, by the scorer
as built when the dump was written, and the eligible sentence before each dangling one among them), the
target distribution a softmax of each set's own ROUGE-1/ROUGE-2 F1 against the reference (--share1 of
ROUGE-1) at --temperature. The fit reads every set, also those the selector may not pick (near-duplicates,
a dangling sentence without its predecessor): on held-out articles of the fitting slice that did better than
fitting on the valid sets alone. The reports read the valid sets only. It reads what the set is scored on, not what its sentences score alone, so it
learns how long three bullets should be together and how much they may overlap. Loss: cross-entropy plus
an L2 penalty (on standardized features); minimized with L-BFGS.

Input: feature dumps of `summarize eval DATA --system default --dump-features FILE` (their "score", "words",
"pool", "jac", "tok" and "ref" fields), one per layout of the fitting slice. Refit after every refit of the
scorer (the probabilities change): `scripts/fit-scorer.sh` runs both.

usage: fit_sets.py DUMP.jsonl [DUMP.jsonl ...] [--temperature T] [--l2 L] [--json FILE] [--write FILE]
"""
import argparse
import collections
import itertools
import json
import math
import sys

import numpy as np
from scipy.optimize import minimize

from fit_scorer import dump_records

SET_TERMS = ["logLength", "length", "lengthSquared", "largestOverlap", "meanOverlap"]


def ngrams(tokens, n):
    return collections.Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def f1(candidate, reference):
    overlap = sum((candidate & reference).values())
    if overlap == 0:
        return 0.0
    p, r = overlap / sum(candidate.values()), overlap / sum(reference.values())
    return 2 * p * r / (p + r)


def article_sets(r, size):
    """Per set of `size` pool sentences: its feature row (see the module doc) and its mean ROUGE-1/2 F1."""
    pool = r["pool"]
    k = len(pool)
    if k < size:
        return None
    scores, rows, words, toks = r["score"], r["rows"], r["words"], r["tok"]
    jac = np.array(r["jac"]).reshape(k, k)
    ref = r["ref"]
    ref1, ref2 = ngrams(ref, 1), ngrams(ref, 2)
    member = []
    for rank, s in zip(r["ranks"], pool):
        p = max(scores[s], 1e-30)
        member.append([p, math.log(p), rank / 10] + rows[s])
    member = np.array(member)
    X, y1, y2 = [], [], []
    for combo in itertools.combinations(range(k), size):
        sentences = sorted(pool[i] for i in combo)
        tokens = [w for s in sentences for w in toks[s]]
        y1.append(f1(ngrams(tokens, 1), ref1))
        y2.append(f1(ngrams(tokens, 2), ref2))
        mean_words = sum(words[pool[i]] for i in combo) / size
        overlaps = [jac[i, j] for i, j in itertools.combinations(combo, 2)]
        X.append(list(member[list(combo)].mean(axis=0)) + [math.log(1 + mean_words), mean_words / 50,
                                                          (mean_words / 50) ** 2, max(overlaps),
                                                          sum(overlaps) / len(overlaps)])
    y1, y2 = np.array(y1), np.array(y2)
    # The sets the selector may pick (no near-duplicates, no dangling sentence without its predecessor).
    valid = np.array(r["valid3"], dtype=bool) if size == 3 and "valid3" in r else np.ones(len(y1), dtype=bool)
    if y1.max() <= 0 or not valid.any():
        return None
    return np.array(X), y1, y2, valid


def load(paths, size):
    names, docs = [], []
    for path in paths:
        for r in dump_records(path, names):
            d = article_sets(r, size)
            if d is not None:
                docs.append(d)
    return names, docs


def fit(docs, temperature, l2, share1=0.7):
    """Labels: each set's share1 · ROUGE-1 F1 + (1 − share1) · ROUGE-2 F1."""
    X = np.concatenate([d[0] for d in docs])
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1
    X = (X - mean) / scale
    targets = []
    for _, y1, y2, _ in docs:
        y = share1 * y1 + (1 - share1) * y2
        z = np.exp((y - y.max()) / temperature)
        targets.append(z / z.sum())
    Q = np.concatenate(targets)
    sizes = np.array([len(d[1]) for d in docs])
    starts = np.concatenate([[0], np.cumsum(sizes)])[:-1]
    doc_of = np.repeat(np.arange(len(docs)), sizes)
    n = len(docs)

    def loss(w):
        z = X @ w
        zmax = np.maximum.reduceat(z, starts)
        e = np.exp(z - zmax[doc_of])
        total = np.add.reduceat(e, starts)
        log_p = z - zmax[doc_of] - np.log(total)[doc_of]
        p = e / total[doc_of]
        return -(Q * log_p).sum() / n + l2 * (w @ w), X.T @ (p - Q) / n + 2 * l2 * w

    result = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    print(f"L-BFGS: {result.nit} iterations, {result.message}; loss {result.fun:.5f}", file=sys.stderr)
    return result.x / scale


def chosen_rouge(docs, w):
    """Mean set ROUGE-1 and ROUGE-2 F1 of the best-valued set the selector may pick, and of the one of highest mean
    probability (the plain joint search)."""
    out = np.zeros(4)
    for X, y1, y2, valid in docs:
        X, y1, y2 = X[valid], y1[valid], y2[valid]
        o, p = int(np.argmax(X @ w)), int(np.argmax(X[:, 0]))
        out += [y1[o], y2[o], y1[p], y2[p]]
    return 100 * out / len(docs)


def weights_object(names, w, provenance):
    return {"features": names, "provenance": provenance, "probability": w[0], "logProbability": w[1], "rank": w[2],
            "columns": list(w[3:3 + len(names)]), **{k: w[3 + len(names) + i] for i, k in enumerate(SET_TERMS)}}


def write_swift(path, names, w, provenance):
    def number(x):
        return f"{float(x):.6g}"
    o = weights_object(names, w, provenance)
    with open(path, "w", encoding="utf-8") as f:
        f.write("// Written by scripts/fit_sets.py; do not edit by hand (refit instead: docs/quality.md).\n")
        f.write(f"// {provenance}\n")
        f.write("extension SetScorer.Weights {\n")
        f.write("    /// Fitted on sets of three bullets of news articles (see docs/quality.md); columns in\n")
        f.write("    /// ``Candidates/Feature`` order.\n")
        f.write("    public static let news = SetScorer.Weights(\n")
        f.write(f"        probability: {number(o['probability'])}, logProbability: {number(o['logProbability'])}, "
                f"rank: {number(o['rank'])},\n")
        f.write("        columns: [" + ", ".join(number(x) for x in o["columns"]) + "],\n")
        f.write("        " + ", ".join(f"{k}: {number(o[k])}" for k in SET_TERMS) + ")\n")
        f.write("}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dumps", nargs="+")
    ap.add_argument("--temperature", type=float, default=0.08)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--share1", type=float, default=0.7,
                    help="weight of ROUGE-1 in the label (the rest ROUGE-2); 0.7 from a two-fold cross-validation "
                         "on the fitting slice (docs/experiments.md)")
    ap.add_argument("--size", type=int, default=3, help="bullets per set")
    ap.add_argument("--holdout", help="a dump to report on (not fitted): set ROUGE of the picks, against the plain joint search")
    ap.add_argument("--json", help="write the weights as JSON (for `summarize eval --set setScorerFile=FILE`)")
    ap.add_argument("--write", help="write the weights as Swift source to this file")
    args = ap.parse_args()
    names, docs = load(args.dumps, args.size)
    print(f"{len(docs)} articles, {sum(len(d[1]) for d in docs)} sets", file=sys.stderr)
    w = fit(docs, args.temperature, args.l2, args.share1)
    def report(label, docs):
        r1, r2, p1, p2 = chosen_rouge(docs, w)
        print(f"{label}: set ROUGE-1 {r1:.2f}, ROUGE-2 {r2:.2f} (plain joint search {p1:.2f}, {p2:.2f})", file=sys.stderr)
    report("fitted slice", docs)
    if args.holdout:
        report(args.holdout, load([args.holdout], args.size)[1])
    provenance = (f"{len(docs)} articles ({', '.join(p.rsplit('/', 1)[-1] for p in args.dumps)}), "
                  f"--temperature {args.temperature} --l2 {args.l2} --share1 {args.share1} --size {args.size}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(weights_object(names, [float(x) for x in w], provenance), f)
    if args.write:
        write_swift(args.write, names, w, provenance)


if __name__ == "__main__":
    main()
