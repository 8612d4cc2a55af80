#!/usr/bin/env python3
"""Turns a news briefing (a title line, a paragraph of "- " key points, the article, then boilerplate) into
one `summarize eval` record: the briefing without its key points as the article, its key points as the
reference. The summarizer must find what the briefing's editors put in its key points, from the text alone.

    scripts/briefing_eval.py ../shared/examples/briefing-openai-clouds.txt | summarize eval - --system default,lead3
"""
import json
import re
import sys

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        paragraphs = [p.strip() for p in f.read().split("\n\n")]
    points = next(p for p in paragraphs if p.startswith("- "))
    reference = [re.sub(r"\s*\([\w.-]+\.[a-z]{2,}(?: \d+)?\)\s*$", "", s).strip()
                 for s in re.split(r"(?:^|\s)- ", points) if s.strip()]
    article = "\n\n".join(p for p in paragraphs if p != points)
    print(json.dumps({"id": path, "article": article, "highlights": reference}, ensure_ascii=False))
