#!/usr/bin/env python3
"""Probes feature columns derived from a feature dump before they are built into the candidate table.

Reads one dump written by `summarize eval DATA --system default --dump-features FILE` (for example the
block-nodateline layout of CNN records 1,001-6,933, as scripts/fit-scorer.sh writes it), fits the scorer
(scripts/fit_scorer.py's network and loss) on the first --train articles, and reports on the rest:
the share of the greedy oracle's sentences among each article's three best-scored (oracle-hit@3) and
the mean of their own ROUGE-1. Columns it can add to each sentence's row:
  - rel: nine columns made relative to the article (minus the article's largest value among the
    sentences that may be bullets, and standardized within the article);
  - nb: six columns of the sentence before and the one after (quotation, dangling opener, centrality,
    attribution, names);
  - --extra FILE: columns from a side file, one JSON line per article {"id": ..., "cols": [[...], ...]}
    with a row per sentence (scripts/topic_columns.py writes topic-signature columns).
Compare a mode against `base` over several seeds: one fit's seed moves oracle-hit@3 by about 0.01.

usage: probe_features.py DUMP.jsonl --mode base|rel|nb|rel+nb [--extra COLS.jsonl] [--train 4000] [--seed 1]
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_scorer  # noqa: E402

RELATIVE = ["centrality", "centroid", "specificity", "logNames", "leadOverlap", "forwardSimilarity",
            "maxSimilarity", "logNumbers", "logWords"]
NEIGHBOUR = ["quoteShare", "opensWithQuote", "danglingOpener", "centrality", "englishAttribution", "logNames"]


def load(path):
    with open(path, encoding="utf-8") as f:
        names = json.loads(f.readline())["features"]
        docs = []
        for line in f:
            r = json.loads(line)
            eligible = np.array(r["eligible"], dtype=bool)
            if eligible.sum() < 2:
                continue
            r1, r2 = np.array(r["r1"]), np.array(r["r2"])
            if ((r1 + r2) / 2)[eligible].max() <= 0:
                continue
            oracle = np.zeros(len(eligible))
            oracle[r.get("oracle", [])] = 1
            docs.append((r["id"], np.array(r["rows"], dtype=np.float64), eligible, (r1 + r2) / 2, r1, oracle))
    return names, docs


def columns(x, eligible, index, mode):
    out = [x]
    if "rel" in mode:
        sub = x[:, [index[c] for c in RELATIVE]]
        e = sub[eligible]
        out += [sub - e.max(axis=0), (sub - e.mean(axis=0)) / (e.std(axis=0) + 1e-6)]
    if "nb" in mode:
        sub = x[:, [index[c] for c in NEIGHBOUR]]
        zero = np.zeros((1, sub.shape[1]))
        out += [np.vstack([zero, sub[:-1]]), np.vstack([sub[1:], zero])]
    return np.hstack(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dump")
    ap.add_argument("--mode", default="base", choices=["base", "rel", "nb", "rel+nb"])
    ap.add_argument("--train", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hidden", type=int, default=8)
    ap.add_argument("--extra", help="side file of more columns per row (see above)")
    a = ap.parse_args()
    names, docs = load(a.dump)
    index = {n: i for i, n in enumerate(names)}
    extra = None
    if a.extra:
        with open(a.extra, encoding="utf-8") as f:
            extra = {r["id"]: r["cols"] for r in map(json.loads, f)}
        docs = [d for d in docs if d[0] in extra]
    rows = []
    for key, x, eligible, y, r1, oracle in docs:
        if extra is not None:
            x = np.hstack([x, np.array(extra[key], dtype=np.float64).reshape(len(x), -1)])
        X = columns(x, eligible, index, a.mode)[eligible]
        rows.append((X, y[eligible], oracle[eligible], 1.0, r1[eligible]))
    model, loss = fit_scorer.fit([r[:4] for r in rows[:a.train]], 1e-4, 0.05, 1.0, a.hidden, a.seed, 300)
    hits, own = [], []
    for X, _, oracle, _, r1 in rows[a.train:]:
        z = X @ model["linear"]
        if a.hidden:
            U = model["hiddenWeights"].reshape(a.hidden, -1)
            z = z + np.tanh(((X - model["inputMean"]) / model["inputScale"]) @ U.T + model["hiddenBias"]) @ model["outputWeights"]
        top = np.argsort(-z, kind="stable")[:3]
        if oracle.sum() > 0:
            hits.append(oracle[top].sum() / min(3, oracle.sum()))
        own.append(r1[top].mean())
    print(f"{a.mode}{' + ' + a.extra if a.extra else ''}, seed {a.seed}: {rows[0][0].shape[1]} columns, fitted on {min(a.train, len(rows))} articles "
          f"(loss {loss:.5f}), reported on {len(rows) - a.train}: oracle-hit@3 {np.mean(hits):.4f}, "
          f"own ROUGE-1 of the three {np.mean(own):.4f}")


if __name__ == "__main__":
    main()
