#!/usr/bin/env python3
"""Writes word-prior columns for the rows of a feature dump, for scripts/probe_features.py --extra.

A supervised word prior (in the spirit of Hong and Nenkova 2014, "Improving the estimation of word
importance for news multi-document summarization"): for each term, how often an article that holds it
also holds it in its reference highlights, estimated on the articles the probe fits on (the first
--train articles of the dump), smoothed toward the overall rate with --smoothing pseudo-articles, as a
log-odds against that rate. An article of the fitting part is scored without its own counts (leave one
out): otherwise the prior would read the article's own highlights. Per sentence, four columns: the mean
prior of its distinct terms, the largest, the mean of the three largest, ln(1 + terms above 0.5).
Terms are those of `summarize tokens` (stemmed, stop words left out), read with the summarizer's own
segmentation (`--quotations whole`), so each article gives one line per row of the dump.

usage: highlight_prior_columns.py SUMMARIZE ARTICLES.jsonl.gz DUMP.jsonl OUT.jsonl [--skip N] [--train 4000]
       [--smoothing 5] [--text-field article] [--reference-field highlights]
"""
import argparse
import collections
import gzip
import itertools
import json
import math
import sys

from topic_columns import tokens   # the terms of each sentence, as the summarizer reads them


def logit(p):
    return math.log(p / (1 - p))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("summarize")
    ap.add_argument("articles")
    ap.add_argument("dump")
    ap.add_argument("out")
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--train", type=int, default=4000)
    ap.add_argument("--smoothing", type=float, default=5.0)
    ap.add_argument("--text-field", default="article")
    ap.add_argument("--reference-field", default="highlights")
    a = ap.parse_args()
    with open(a.dump, encoding="utf-8") as f:
        f.readline()
        rows = [(r["id"], len(r["rows"])) for r in map(json.loads, f)]
    articles, references = [], []
    with gzip.open(a.articles, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, a.skip, a.skip + len(rows)):
            record = json.loads(line)
            articles.append(tokens(a.summarize, record[a.text_field]))
            reference = record[a.reference_field]
            text = "\n\n".join(reference) if isinstance(reference, list) else reference
            references.append({t for s in tokens(a.summarize, text) for t in s})
    held, seen = collections.Counter(), collections.Counter()
    for sentences, reference in zip(articles[:a.train], references[:a.train]):
        for term in {t for s in sentences for t in s}:
            seen[term] += 1
            held[term] += term in reference
    rate = sum(held.values()) / max(1, sum(seen.values()))
    base = logit(rate)

    def prior(term, own_terms, own_reference):
        k, n = held.get(term, 0), seen.get(term, 0)
        if term in own_terms:
            n -= 1
            k -= term in own_reference
        return logit((k + a.smoothing * rate) / (n + a.smoothing)) - base

    misaligned = 0
    with open(a.out, "w", encoding="utf-8") as out:
        for index, ((id_, count), sentences, reference) in enumerate(zip(rows, articles, references)):
            if len(sentences) != count:
                misaligned += 1
                continue
            own = ({t for s in sentences for t in s}, reference) if index < a.train else (set(), set())
            cols = []
            for s in sentences:
                values = sorted((prior(t, *own) for t in set(s)), reverse=True)
                if not values:
                    cols.append([0.0, 0.0, 0.0, 0.0])
                    continue
                top = values[:3]
                cols.append([sum(values) / len(values), values[0], sum(top) / len(top),
                             math.log1p(sum(1 for v in values if v > 0.5))])
            out.write(json.dumps({"id": id_, "cols": cols}) + "\n")
    print(f"highlight_prior_columns: {misaligned} articles whose sentences did not match the dump's rows "
          "were left out", file=sys.stderr)


if __name__ == "__main__":
    main()
