#!/usr/bin/env python3
"""Writes topic-signature columns for the rows of a feature dump, for scripts/probe_features.py --extra.

A topic signature (Lin and Hovy 2000) is the set of an article's terms that occur in it far more often
than in general text: Dunning's log-likelihood ratio of the term's count in the article against its count
in a background corpus, above 10.83 (p < 0.001). Per sentence, four columns:
  - ln(1 + distinct signature terms), the share of the sentence's terms that are signature terms,
  - the summed ratio of its signature terms over the article's largest such sum,
  - the mean background rarity of its terms, ln(background terms / (count + 1)).
Terms are those of `summarize tokens` (stemmed, stop words left out), read with the summarizer's own
segmentation (`--quotations whole`), so each article gives one line per row of the dump.

usage: topic_columns.py SUMMARIZE ARTICLES.jsonl.gz DUMP.jsonl BACKGROUND.jsonl.gz OUT.jsonl
       [--skip N] [--text-field article] [--background-field text]
  ARTICLES: the data the dump was written from, with the same --skip; BACKGROUND: general text, for
  example ../shared/corpora/raw-prose/en-wikipedia.jsonl.gz.
"""
import argparse
import collections
import gzip
import itertools
import json
import math
import subprocess
import sys


def tokens(binary, text):
    """The terms of each sentence of `text`, as the summarizer reads it."""
    out = subprocess.run([binary, "tokens", "--quotations", "whole", "-"], input=text.encode(),
                         capture_output=True, check=True).stdout.decode()
    return [line.split() for line in out.split("\n")[:-1]]


def log_likelihood(k, n, p):
    p = min(max(p, 1e-12), 1 - 1e-12)
    return k * math.log(p) + (n - k) * math.log(1 - p)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("summarize")
    ap.add_argument("articles")
    ap.add_argument("dump")
    ap.add_argument("background")
    ap.add_argument("out")
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--text-field", default="article")
    ap.add_argument("--background-field", default="text")
    a = ap.parse_args()
    with gzip.open(a.background, "rt", encoding="utf-8") as f:
        text = "\n\n".join(json.loads(line)[a.background_field].strip() for line in f)
    background = collections.Counter(t for s in tokens(a.summarize, text) for t in s)
    total = sum(background.values())
    misaligned = 0
    with gzip.open(a.articles, "rt", encoding="utf-8") as articles, open(a.dump, encoding="utf-8") as dump, \
            open(a.out, "w", encoding="utf-8") as out:
        dump.readline()
        for line, record in zip(dump, itertools.islice(articles, a.skip, None)):
            row = json.loads(line)
            sentences = tokens(a.summarize, json.loads(record)[a.text_field])
            if len(sentences) != len(row["rows"]):
                misaligned += 1
                continue
            counts = collections.Counter(t for s in sentences for t in s)
            n = sum(counts.values())
            ratio = {}
            for term, k in counts.items():
                kb = background.get(term, 0) + 0.5
                p1, p2, p = k / n, kb / total, (k + kb) / (n + total)
                llr = 2 * (log_likelihood(k, n, p1) + log_likelihood(kb, total, p2)
                           - log_likelihood(k, n, p) - log_likelihood(kb, total, p))
                ratio[term] = llr if p1 > p2 and llr > 10.83 else 0.0
            sums = [sum(ratio[t] for t in set(s)) for s in sentences]
            top = max(sums) or 1.0
            cols = []
            for s, weight in zip(sentences, sums):
                signature = sum(1 for t in set(s) if ratio[t] > 0)
                rarity = [math.log(total / (background.get(t, 0) + 1)) for t in s]
                cols.append([math.log1p(signature), signature / len(s) if s else 0.0, weight / top,
                             sum(rarity) / len(rarity) if rarity else 0.0])
            out.write(json.dumps({"id": row["id"], "cols": cols}) + "\n")
    print(f"topic_columns: {misaligned} articles whose sentences did not match the dump's rows were left out",
          file=sys.stderr)


if __name__ == "__main__":
    main()
