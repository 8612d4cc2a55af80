#!/usr/bin/env python3
"""Replaces the ROUGE oracle of a feature dump by the sentences people picked, for data sets whose
references are extractive picks (TES-tr: three annotators' sentence indexes per article).

A ROUGE oracle against a long extractive reference favours the longest sentences: on TES it keeps the
opening sentence in 29 of 49 articles, while the annotators' majority picked it in 43. The fit should
learn from the picks themselves.

Each article's sentences, as `summarize sentences` splits them, are matched to the annotators' sentences
(the record's "sentences") by their opening characters; a sentence is a label when the majority of the
annotators ("annotations" → "indexes") picked the annotator sentence it lies in. Articles whose
segmentation does not line up with the dump's rows are left out.

usage: human_labels.py RECORDS.jsonl.gz DUMP.jsonl OUT.jsonl [--summarize PATH]
"""
import argparse
import gzip
import json
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("records")
    ap.add_argument("dump")
    ap.add_argument("out")
    ap.add_argument("--summarize", default=".build/release/summarize")
    a = ap.parse_args()
    with gzip.open(a.records, "rt", encoding="utf-8") as f:
        records = {r["id"]: r for r in map(json.loads, f)}
    used = left_out = 0
    with open(a.dump, encoding="utf-8") as f, open(a.out, "w", encoding="utf-8") as out:
        out.write(f.readline())   # the header: feature names
        for line in f:
            row = json.loads(line)
            record = records[row["id"]]
            ours = subprocess.run([a.summarize, "sentences", "-"], input=record["article"].encode(),
                                  capture_output=True, check=True).stdout.decode().splitlines()
            picks = record.get("annotations", {}).get("indexes", {})
            if len(ours) != len(row["rows"]) or not picks:
                left_out += 1
                continue
            votes = [0] * len(record["sentences"])
            for indexes in picks.values():
                for i in indexes:
                    votes[i] += 1
            majority = len(picks) // 2 + 1
            labels = []
            for k, sentence in enumerate(ours):
                head = sentence[:25]
                theirs = [j for j, t in enumerate(record["sentences"]) if head in t or t[:25] in sentence]
                if any(votes[j] >= majority for j in theirs) and row["eligible"][k]:
                    labels.append(k)
            if not labels:
                left_out += 1
                continue
            row["oracle"] = labels
            out.write(json.dumps(row) + "\n")
            used += 1
    print(f"human_labels: {used} articles labelled from the picks, {left_out} left out", file=sys.stderr)


if __name__ == "__main__":
    main()
