#!/usr/bin/env python3
"""How the BBC News Summary references were chosen: their size, and which similarity ranks them best.

Measurement only (docs/quality.md, experiment 91); nothing here feeds the summarizer. Each record's
reference sentences are exact spans of its article (`highlight_spans`); the rest of the article is
split naively (a period, "!" or "?" before white space and a capital, a digit or a quote). Prints

1. how often a record's reference holds exactly ceil(0.4 * n) of its n sentences, and
2. for TextRank (PageRank, damping 0.85, over the sentence graph) under several similarities, the
   share of each record's top-k sentences (k = the reference's size) that are reference sentences,
   and Kendall's tau between the scores and the order in which the reference lists its sentences.

    python3 scripts/bbc_reference_structure.py ../shared/corpora/bbc-news-summary/bbc_news_summary.jsonl.gz \\
        --skip 1000 --limit 1000

Needs numpy. The stopword lists are read from Sources/SummarizeKit/Text/Stopwords.swift.
"""
import argparse
import gzip
import json
import math
import pathlib
import re
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
BOUNDARY = re.compile(r"[.!?][\"']?(?=\s+[\"'A-Z0-9£$])")
ALNUM = re.compile(r"[A-Za-z0-9]+")
WORD = re.compile(r"\w+(?:['’-]\w+)*")   # inner apostrophes and hyphens kept, as the tokenizer does


def stopword_lists():
    source = (ROOT / "Sources/SummarizeKit/Text/Stopwords.swift").read_text()
    lists = {}
    for name in ("englishWords", "englishFunctionWordList"):
        body = source.split(f"static let {name}: [String] = \"\"\"")[1].split('"""')[0]
        lists[name] = set(body.replace("\\\n", " ").split())
    return lists["englishWords"], lists["englishFunctionWordList"]


def sentences(record):
    """(start, end, text, is_reference) in article order."""
    article = record["article"]
    spans = sorted(tuple(s) for s in record["highlight_spans"])
    pieces = []
    for paragraph in re.finditer(r"[^\n]+", article):
        text, base, position = paragraph.group(0), paragraph.start(), 0
        cuts = [m.end() for m in BOUNDARY.finditer(text)] + [len(text)]
        for cut in cuts:
            piece = text[position:cut].strip()
            if piece:
                start = text.find(piece, position)
                pieces.append((base + start, base + start + len(piece)))
            position = cut
    out, used = [], set()
    for start, end in pieces:
        overlapping = [s for s in spans if s[0] < end and start < s[1]]
        if overlapping:
            for span in overlapping:
                if span not in used:
                    used.add(span)
                    out.append((span[0], span[1], True))
        else:
            out.append((start, end, False))
    out += [(s[0], s[1], True) for s in spans if s not in used]
    out.sort()
    return [(s, e, article[s:e], ref) for s, e, ref in out]


def pagerank(matrix, damping=0.85, iterations=100):
    n = len(matrix)
    strength = matrix.sum(1)
    linked = strength > 0
    share = np.zeros_like(matrix)
    share[linked] = matrix[linked] / strength[linked, None]
    x = np.full(n, 1 / n)
    for _ in range(iterations):
        x = (1 - damping) / n + damping * (x[linked] @ share[linked] + x[~linked].sum() / n)
    return x


def similarity(texts, kind, tokens, stop):
    words = [[w.lower().replace("’", "'") for w in tokens.findall(t)] for t in texts]
    content = [[w for w in ws if w not in stop] for ws in words]
    vocabulary = {w: i for i, w in enumerate(sorted({w for ws in content for w in ws}))}
    counts = np.zeros((len(texts), max(len(vocabulary), 1)))
    for row, ws in enumerate(content):
        for w in ws:
            counts[row, vocabulary[w]] += 1
    if kind == "logLength":
        binary = (counts > 0).astype(float)
        shared = binary @ binary.T
        logs = np.log(np.array([len(ws) for ws in words], dtype=float) + 1)
        matrix = shared / np.maximum(logs[:, None] + logs[None, :], 1e-9)
    else:
        vectors = counts if kind == "tfCosine" else (counts > 0).astype(float)
        norms = np.linalg.norm(vectors, axis=1)
        norms[norms == 0] = 1
        unit = vectors / norms[:, None]
        matrix = unit @ unit.T
    np.fill_diagonal(matrix, 0)
    return matrix


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--skip", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()

    full, function_words = stopword_lists()
    variants = [
        ("log-length, alphanumeric runs, full list", "logLength", ALNUM, full),
        ("binary cosine, words, function words", "cosine", WORD, function_words),
        ("term-count cosine, alphanumeric runs, full list", "tfCosine", ALNUM, full),
        ("term-count cosine, words, full list", "tfCosine", WORD, full),
        ("term-count cosine, words, function words", "tfCosine", WORD, function_words),
    ]
    with gzip.open(args.data, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle][args.skip:args.skip + args.limit]
    records = [r for r in records if r.get("highlights_alignment") == "exact-article-spans"]

    matches = sum(1 for r in records
                  if sum(s[3] for s in sentences(r)) == math.ceil(0.4 * len(sentences(r)) - 1e-9))
    print(f"{len(records)} records with exact reference spans")
    print(f"reference size == ceil(0.4 * sentences): {matches} ({100 * matches / len(records):.1f} %)")
    for label, kind, tokens, stop in variants:
        precision, taus = [], []
        for record in records:
            units = sentences(record)
            scores = pagerank(similarity([u[2] for u in units], kind, tokens, stop))
            k = sum(u[3] for u in units)
            top = np.argsort(-scores, kind="stable")[:k]
            precision.append(np.mean([units[i][3] for i in top]))
            index = {(u[0], u[1]): i for i, u in enumerate(units)}
            order = [index[tuple(s)] for s in record["highlight_spans"] if tuple(s) in index]
            agree = disagree = 0
            for a in range(len(order)):
                for b in range(a + 1, len(order)):
                    difference = scores[order[a]] - scores[order[b]]
                    agree += difference > 0
                    disagree += difference < 0
            if agree + disagree:
                taus.append((agree - disagree) / (agree + disagree))
        print(f"{label:50s} top-k precision {np.mean(precision):.3f}  order tau {np.mean(taus):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
