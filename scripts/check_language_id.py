#!/usr/bin/env python3
"""Measures `summarize`'s language identification on held-out text of each language.

    python3 scripts/check_language_id.py [--summarize .build/debug/summarize] [--minimum 200] [--show 3]

Held-out text: the odd-numbered documents of each source that scripts/derive_language_data.py fits on the
even-numbered ones (the same sources), cut into windows of at least --minimum characters (white space
collapsed, cut after a whole word), at most 300 windows per language; from software help, only windows that are
text of the language (not code or untranslated English: see is_text_of). Every window goes through
`summarize batch` (the default `--language auto`) and the "language" of its output line is compared with the
source's language. Prints the accuracy per language and the confusions; exits 1 when a language is below 99 %.
Tests/SummarizeKitTests/LanguageTests.swift checks the same windows inside `swift test`.
"""
import argparse, collections, json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import derive_language_data as data  # noqa: E402

HELD_OUT = [  # (language, file, field, lang filter, document limit), as in LanguageTests.swift
    ("en", "raw-prose/en-wikipedia.jsonl.gz", "text", None, 1200),
    ("en", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "en", None),
    ("fr", "raw-prose/fr-orangesum-news.jsonl.gz", "text", None, 4000),
    ("fr", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "fr", None),
    ("de", "raw-prose/de-10kgnad-news.jsonl.gz", "text", None, None),
    ("de", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "de", None),
    ("es", "raw-prose/es-libreoffice-help.jsonl.gz", "text", None, None),
    ("it", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "it", None),
    ("pt", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "pt", None),
    ("nl", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "nl", None),
    ("tr", "turkish-extractive/tes.jsonl.gz", "article", None, None),
    ("ru", "raw-prose/ru-libreoffice-help.jsonl.gz", "text", None, None),
    ("zh", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "zh", None),
    ("ja", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "ja", None),
]


HELP_SOURCES = {"raw-prose/es-libreoffice-help.jsonl.gz", "raw-prose/ru-libreoffice-help.jsonl.gz"}
ENGLISH_WORDS = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "this", "are",
                 "be", "or", "from", "an", "it", "you", "can", "if", "not", "which", "will", "when", "use", "returns"}
CODE = set("()=_{}[];#/<>\"")


def is_text_of(language, path, window):
    """Software help quotes code and leaves some pages untranslated: such a window is not text of the language
    (more than 8 % English function words, more than 2 % code characters, or for Russian fewer than half the
    letters Cyrillic). Every other source is taken as it is."""
    if path not in HELP_SOURCES:
        return True
    words = window.lower().split()
    if sum(w.strip(".,:;") in ENGLISH_WORDS for w in words) > 0.08 * len(words):
        return False
    if sum(c in CODE for c in window) > 0.02 * len(window):
        return False
    if language == "ru":
        letters = [c for c in window if c.isalpha()]
        return sum("\u0400" <= c <= "\u04ff" for c in letters) >= 0.5 * len(letters)
    return True


def windows(minimum, per_language=300):
    out = collections.defaultdict(list)
    for language, path, field, lang, limit in HELD_OUT:
        _, held = data.split(path, field, lang, limit)
        for text in held:
            window = ""
            for word in text.split():
                if len(out[language]) >= per_language:
                    break
                window = word if not window else window + " " + word
                if len(window) >= minimum:
                    if is_text_of(language, path, window):
                        out[language].append(window)
                    window = ""
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summarize", default=".build/debug/summarize")
    parser.add_argument("--minimum", type=int, default=200)
    parser.add_argument("--show", type=int, default=3)
    args = parser.parse_args()
    texts = windows(args.minimum)
    records = [(language, i, text) for language, items in sorted(texts.items()) for i, text in enumerate(items)]
    batch_input = "".join(json.dumps({"id": f"{language}/{i}", "text": text}, ensure_ascii=False) + "\n"
                          for language, i, text in records)
    result = subprocess.run([args.summarize, "batch", "-"], input=batch_input.encode(), capture_output=True, check=True)
    found = {}
    for line in result.stdout.decode().splitlines():
        row = json.loads(line)
        found[row["id"]] = row.get("language", "error")
    failed = False
    confusions = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    for language, i, text in records:
        got = found.get(f"{language}/{i}", "missing")
        confusions[language][got] += 1
        if got != language and len(examples[language]) < args.show:
            examples[language].append((got, text[:160]))
    print(f"{'lang':<6}{'windows':>8}{'correct':>9}{'accuracy':>10}  wrong as")
    for language in sorted(confusions):
        total = sum(confusions[language].values())
        right = confusions[language][language]
        wrong = ", ".join(f"{k} {v}" for k, v in confusions[language].most_common() if k != language)
        accuracy = right / total
        failed |= accuracy < 0.99
        print(f"{language:<6}{total:>8}{right:>9}{100 * accuracy:>9.2f}%  {wrong}")
        for got, text in examples[language]:
            print(f"        as {got}: {text}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
