#!/usr/bin/env python3
"""Fits the scorer's weights (Sources/SummarizeKit/Selection/ScorerWeights.swift).

The scorer is a linear model over the candidate features of each sentence, turned into a distribution
over the article's sentences by a softmax. It is fitted listwise (ListNet, Cao et al. 2007), in the
manner of Kupiec et al. (1995), "A trainable document summarizer": the target distribution of an
article puts its mass on the sentences that cover most of the reference summary on their own
(softmax of each sentence's mean ROUGE-1/ROUGE-2 F1 against the reference, at temperature --temperature)
mixed with the greedy oracle's sentences (those a greedy search picks to maximize the set's ROUGE,
Nallapati et al. 2017), over the sentences that may be bullets. Loss: cross-entropy plus an L2 penalty; minimized with L-BFGS.

Input: feature dumps written by `summarize eval DATA --system default --dump-features FILE`, one per layout
of the fitting slice (so the weights cannot lean on one layout). Reproduce the shipped weights with
`scripts/fit-scorer.sh` (which writes the layouts, the dumps and runs this script).

A dump given as DUMP.jsonl@W weighs each of its articles W times (a small data set beside a large one).

usage: fit_scorer.py DUMP.jsonl[@W] [DUMP.jsonl[@W] ...] [--temperature T] [--oracle-share S] [--l2 L] [--write FILE]
                     [--print-settings]
"""
import argparse
import json
import sys

import numpy as np
from scipy.optimize import minimize


def dump_records(path, names):
    """The records of one feature dump (`summarize eval --dump-features`), after its header line. `names` is
    the list of feature columns read so far: filled from the first dump, and every later dump must match it."""
    with open(path, encoding="utf-8") as f:
        header = json.loads(f.readline())
        if not names:
            names.extend(header["features"])
        elif names != header["features"]:
            sys.exit(f"{path}: its feature columns differ from the first file's")
        for line in f:
            if not line.endswith("\n"):
                break   # a dump still being written
            yield json.loads(line)


def load(paths, label):
    """Reads the dumps; `PATH@W` weighs each article of PATH W times (a small data set beside a large one)."""
    names = []
    docs = []
    for spec in paths:
        path, weight = spec, 1.0
        if "@" in spec:
            path, _, w = spec.rpartition("@")
            weight = float(w)
        for r in dump_records(path, names):
            eligible = np.array(r["eligible"], dtype=bool)
            if eligible.sum() < 2:
                continue
            x = np.array(r["rows"], dtype=np.float64)[eligible]
            r1, r2 = np.array(r["r1"]), np.array(r["r2"])
            y = {"mean": (r1 + r2) / 2, "r1": r1, "r2": r2}[label][eligible]
            if y.max() <= 0:
                continue
            oracle = np.zeros(len(eligible))
            oracle[r.get("oracle", [])] = 1
            docs.append((x, y, oracle[eligible], weight))
    return names, docs


def targets(docs, temperature, oracle_share):
    """Per article: (1 - oracle_share) of the mass by softmax(own ROUGE / temperature), the rest spread
    evenly over the greedy oracle's sentences."""
    out = []
    for _, y, oracle, _ in docs:
        z = y / temperature
        z = np.exp(z - z.max())
        q = (1 - oracle_share) * z / z.sum()
        if oracle.sum() > 0:
            q = q + oracle_share * oracle / oracle.sum()
        else:
            q = q / q.sum()
        out.append(q)
    return out


def fit(docs, l2, temperature, oracle_share, hidden=0, seed=1, max_iterations=3000):
    sizes = np.array([len(d[0]) for d in docs])
    starts = np.concatenate([[0], np.cumsum(sizes)])
    doc_of = np.repeat(np.arange(len(docs)), sizes)
    doc_weight = np.array([d[3] for d in docs])
    n_docs = doc_weight.sum()
    R = doc_weight[doc_of]   # each row's article weight
    x_all = np.concatenate([d[0] for d in docs])
    mean = np.average(x_all, axis=0, weights=R)
    scale = np.sqrt(np.average((x_all - mean) ** 2, axis=0, weights=R))
    scale[scale == 0] = 1
    X = (x_all - mean) / scale
    Q = np.concatenate(targets(docs, temperature, oracle_share))

    F = X.shape[1]
    H = hidden

    def unpack(theta):
        w = theta[:F]
        U = theta[F:F + H * F].reshape(H, F)
        b = theta[F + H * F:F + H * F + H]
        v = theta[F + H * F + H:]
        return w, U, b, v

    def loss(theta):
        w, U, b, v = unpack(theta)
        z = X @ w
        if H:
            A = np.tanh(X @ U.T + b)
            z = z + A @ v
        zmax = np.maximum.reduceat(z, starts[:-1])
        e = np.exp(z - zmax[doc_of])
        total = np.add.reduceat(e, starts[:-1])
        log_p = z - zmax[doc_of] - np.log(total)[doc_of]
        p = e / total[doc_of]
        value = -(R * Q * log_p).sum() / n_docs + l2 * (theta @ theta)
        g = -R * (Q - p) / n_docs
        grads = [X.T @ g]
        if H:
            D = (1 - A * A) * np.outer(g, v)
            grads += [(D.T @ X).ravel(), D.sum(axis=0), A.T @ g]
        return value, np.concatenate(grads) + 2 * l2 * theta

    rng = np.random.default_rng(seed)
    theta0 = np.concatenate([np.zeros(F), rng.normal(0, 0.1, H * F), np.zeros(H), rng.normal(0, 0.1, H)])
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": max_iterations})
    print(f"L-BFGS: {result.nit} iterations, {result.message}", file=sys.stderr)
    w, U, b, v = unpack(result.x)
    # The linear part is applied to the raw features (a shift per feature is the same for every sentence of an
    # article, so the softmax ignores it); the hidden layer reads the standardized features.
    return {"linear": w / scale, "hiddenWeights": U.ravel(), "hiddenBias": b, "outputWeights": v,
            "inputMean": mean if H else np.zeros(0), "inputScale": scale if H else np.zeros(0)}, result.fun


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dumps", nargs="+")
    ap.add_argument("--temperature", type=float, default=0.05)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--label", choices=["mean", "r1", "r2"], default="mean",
                    help="each sentence's own ROUGE that the soft target is made of")
    ap.add_argument("--oracle-share", type=float, default=1.0,
                    help="share of each article's target mass on its greedy-oracle sentences")
    ap.add_argument("--hidden", type=int, default=8, help="hidden tanh units beside the linear part (0 = linear)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-iterations", type=int, default=300, help="L-BFGS iterations at most")
    ap.add_argument("--json", help="write the weights as JSON (for `summarize eval --set scorerFile=FILE`)")
    ap.add_argument("--write", help="write the weights as Swift source to this file")
    ap.add_argument("--print-settings", action="store_true",
                    help="print the weights as `--set weight.NAME=VALUE` arguments for summarize eval")
    a = ap.parse_args()
    names, docs = load(a.dumps, a.label)
    model, value = fit(docs, a.l2, a.temperature, a.oracle_share, a.hidden, a.seed, a.max_iterations)
    weights = model["linear"]
    print(f"fitted on {len(docs)} articles, {sum(len(d[0]) for d in docs)} sentences; loss {value:.5f}",
          file=sys.stderr)
    for name, w in zip(names, weights):
        print(f"  {name:28s} {w:+.4f}", file=sys.stderr)
    if a.print_settings:
        print(" ".join(f"--set weight.{n}={w:.6g}" for n, w in zip(names, weights)))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"features": names, **{k: [float(x) for x in v] for k, v in model.items()}}, f)
    if a.write:
        sources = ", ".join(d.rsplit("/", 1)[-1] for d in a.dumps)
        write_swift(a.write, names, model, f"{len(docs)} articles ({sources}); temperature {a.temperature:g}, oracle share "
                    f"{a.oracle_share:g}, L2 {a.l2:g}, {a.hidden} hidden units, seed {a.seed}, "
                    f"at most {a.max_iterations} iterations.")


def write_swift(path, names, model, provenance):
    def floats(values):
        return "[" + ", ".join(f"{x:.6g}" for x in values) + "]"
    hidden = len(model["hiddenBias"])
    with open(path, "w", encoding="utf-8") as f:
        f.write("// Written by scripts/fit_scorer.py; do not edit by hand (refit instead: docs/quality.md).\n")
        f.write(f"// {provenance}\n")
        f.write("extension Scorer.Weights {\n")
        f.write("    /// Fitted on news articles (see docs/quality.md), features in ``Candidates/Feature`` order:\n")
        f.write("    /// " + ", ".join(names) + ".\n")
        if hidden == 0:
            # Linear: by feature name, so a feature added later weighs 0 until the next fit.
            f.write("    public static let news = Scorer.Weights([\n")
            for n, w in zip(names, model["linear"]):
                f.write(f"        .{n}: {w:.6g},\n")
            f.write("    ])\n")
        else:
            f.write("    public static let news = Scorer.Weights(\n")
            f.write(f"        linear: {floats(model['linear'])},\n")
            f.write(f"        hiddenWeights: {floats(model['hiddenWeights'])},\n")
            f.write(f"        hiddenBias: {floats(model['hiddenBias'])},\n")
            f.write(f"        outputWeights: {floats(model['outputWeights'])},\n")
            f.write(f"        inputMean: {floats(model['inputMean'])},\n")
            f.write(f"        inputScale: {floats(model['inputScale'])})\n")
        f.write("}\n")


if __name__ == "__main__":
    main()
