#!/usr/bin/env python3
"""Derives the per-language stopword lists and the word profiles of LanguageIdentifier from ../shared/corpora.

    python3 scripts/derive_language_data.py            # writes the two Swift files below
    python3 scripts/derive_language_data.py --report   # also prints each list and the held-out accuracy

Fit/measure split: every source's documents are numbered in file order; even-numbered ones are fitted
here, odd-numbered ones are left for measuring (scripts/check_language_id.py and LanguageIdentifierTests).

Stopwords: the words that are frequent in *every* source of a language (news, encyclopedia, software
help, Universal Dependencies text), so that a word frequent in one register only ("clic", "Datei")
drops out: a word's score is its smallest relative frequency over three interleaved parts of each source
(so a word of one document's topic drops out too); the list is the words with a
score of at least STOPWORD_MIN_SHARE (reviewed cut-off: below it the lists start to hold content words),
at most STOPWORD_MAX per language, minus the REVIEWED_OUT words (content words a reviewer struck).
English keeps its hand-made list (Stopwords.english). Chinese and Japanese get none: their keys are
character pairs.

Profiles: for the Latin-script languages, the PROFILE_SIZE most frequent words of the fitted half with
their log relative frequency, and the log frequency of any other word (the mass left spread
over OTHER_WORD_TYPES types); a naive Bayes over the words
of a text (Sources/SummarizeKit/Text/LanguageIdentifier.swift).

Writes Sources/SummarizeKit/Text/Stopwords+Languages.swift and Sources/SummarizeKit/Text/LanguageProfiles.swift.
"""
import collections, gzip, json, math, os, re, sys, unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPORA = os.environ.get("SUMMARIZE_SHARED_CORPORA", os.path.join(ROOT, "..", "shared", "corpora"))

# (language, source name, file, text field, lang filter, document limit)
SOURCES = [
    ("en", "wikipedia", "raw-prose/en-wikipedia.jsonl.gz", "text", None, 1200),
    ("en", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "en", None),
    ("fr", "news", "raw-prose/fr-orangesum-news.jsonl.gz", "text", None, 4000),
    ("fr", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "fr", None),
    ("de", "news", "raw-prose/de-10kgnad-news.jsonl.gz", "text", None, None),
    ("de", "help", "raw-prose/de-libreoffice-help.jsonl.gz", "text", None, None),
    ("de", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "de", None),
    ("es", "help", "raw-prose/es-libreoffice-help.jsonl.gz", "text", None, None),
    ("it", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "it", None),
    ("pt", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "pt", None),
    ("nl", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "nl", None),
    ("fi", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "fi", None),
    ("pl", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "pl", None),
    ("tr", "news", "turkish-extractive/tes.jsonl.gz", "article", None, None),
    ("tr", "wikipedia", "turkish-extractive/xtinge.jsonl.gz", "article", None, None),
    ("ru", "help", "raw-prose/ru-libreoffice-help.jsonl.gz", "text", None, None),
    ("zh", "help", "raw-prose/zh-libreoffice-help.jsonl.gz", "text", None, None),
    ("zh", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "zh", None),
    ("ja", "help", "raw-prose/ja-libreoffice-help.jsonl.gz", "text", None, None),
    ("ja", "ud", "raw-prose/multi-ud-devtest.jsonl.gz", "text", "ja", None),
]
PROFILE_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "fi", "pl"]
STOPWORD_LANGUAGES = ["fr", "de", "es", "it", "pt", "nl", "tr", "fi", "pl", "ru", "zh", "ja"]
STOPWORD_MIN_SHARE = 0.0005   # 0.5 per thousand words in every part of every source
# Languages known here from software help alone: a higher cut-off (1.5 per thousand), since the lower
# one lets in the vocabulary of menus and dialogs.
STOPWORD_MIN_SHARE_HELP_ONLY = 0.0015
PARTS = 3                     # each source's fitted documents in three interleaved parts
STOPWORD_MAX = 150
STOPWORD_MAX_CHARACTERS = 40   # Chinese and Japanese: the most frequent characters only (the rest carry meaning)
PROFILE_SIZE = 400
# A word outside a profile gets the share of words outside it spread over this many word types (the same for
# every language, so that it is the profiles' coverage and not the size of each fitting corpus that counts).
OTHER_WORD_TYPES = 50_000
# Letter pairs ("_l", "le", "e_": "_" marks a word's start and end): the PAIR_PROFILE_SIZE most frequent per language,
# the rest spread over OTHER_PAIR_TYPES pairs. They tell apart languages whose frequent words a text lacks.
PAIR_PROFILE_SIZE = 300
OTHER_PAIR_TYPES = 3_000
# Content words above the cut-off in every source of a language, struck on review.
REVIEWED_OUT = {
    "es": set("""abre actual base basic campos caracteres color configuración contenido contiene crear cuadro cursor
        devuelve document documentos editar elija entrada error escriba estilo estilos fecha forma funciones intervalo
        línea mostrar muestra nuevo número números object objetos opciones orden page parte permite pestaña propiedades
        python página páginas seleccionado seleccionar shared sintaxis string sub text tipo title valores vaya xhp área
        órdenes archivo barra campo celdas datos diálogo documento ejemplo formato función insertar libreoffice lista
        nombre objeto pulse seleccione tabla texto valor""".split()),
    "ru": set("""введите возвращает вставка документе команды окне параметры поля пример синтаксис страницы файла
        функции число щёлкните выберите данных поле""".split()),
    "fr": set("""ans premier première deux trois fait france pays""".split()),
    "it": set("""anni nome paese parte ex""".split()),
    "pt": set("""anos dia disse estado governo grupo nacional porto público país""".split()),
    "nl": set("""aantal gemaakt jaar juli nederland tijd zaterdag""".split()),
    "fi": set("""suomen vuonna vuotta""".split()),
    "pl": set("""lat osób powiedział roku r""".split()),
}
ENGLISH_FILTERED = {"es", "ru"}
# Below the cut-off, words with a mean share over the parts of at least REVIEW_BAND_MIN were reviewed by hand: the
# ones listed here were judged function words (pronouns, prepositions, conjunctions, auxiliaries) and are kept.
REVIEW_BAND_MIN = 0.0001
REVIEWED_IN = {
    "fr": set("""elles lui leurs vers chez car donc ni jusqu puis cela toute toutes tout j ai avoir ayant étaient sera
        peut lors avant devant moins quelques plusieurs autre également
        dès près auprès parmi malgré pendant durant lorsque quand tandis afin cependant toutefois désormais davantage
        ici déjà encore certains certaines chaque aucun aucune notre nos votre vos mon ma mes eux celui celle ceux
        celles ceci quoi""".split()),
}   # languages known here from software help only, which quotes English names
ELIDING = {"fr", "it"}
SCAN_CHARACTERS = 4000   # LanguageIdentifier reads the first 4,096 bytes


def key(word):
    return unicodedata.normalize("NFKC", word).casefold().replace("\u2019", "'")


WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
ELIDED_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


CJK_CHARACTER = re.compile("[\u3040-\u309f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def words(text, language):
    if language in ("zh", "ja"):   # one key per Han or Hiragana character, as the tokenizer's unigram keys
        return CJK_CHARACTER.findall(text)
    pattern = ELIDED_WORD if language in ELIDING else WORD
    return [key(w) for w in pattern.findall(text) if not w.isdigit()]


LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
LATIN_WORD = re.compile(f"[{LATIN_LETTER}][{LATIN_LETTER}\u0300-\u036f]*")


def latin_words(text):
    """The words LanguageIdentifier scores: runs of Latin letters (and combining marks), case-folded."""
    return [key(w) for w in LATIN_WORD.findall(text)]


def pairs_of(word):
    """The letter pairs of a word, with "_" for its start and end: "le" gives "_l", "le", "e_"."""
    w = "_" + word + "_"
    return [w[i:i + 2] for i in range(len(w) - 1)]


def documents(path, field, lang, limit):
    with gzip.open(os.path.join(CORPORA, path), "rt", encoding="utf-8") as f:
        n = 0
        for line in f:
            record = json.loads(line)
            if lang and record.get("lang") != lang:
                continue
            yield record[field]
            n += 1
            if limit and n >= limit:
                break


def split(path, field, lang, limit):
    """Fitted (even) and held-out (odd) documents of one source."""
    fit, held = [], []
    for i, text in enumerate(documents(path, field, lang, limit)):
        (fit if i % 2 == 0 else held).append(text)
    return fit, held


def swift_string(word):
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    report = "--report" in sys.argv
    counts = collections.defaultdict(dict)   # language -> source -> Counter
    parts = collections.defaultdict(list)    # language -> Counter per part of each source
    latin = collections.defaultdict(dict)    # language -> source -> Counter of Latin words (for the profiles)
    letter_pairs = collections.defaultdict(dict)   # language -> source -> Counter of letter pairs
    for language, source, path, field, lang, limit in SOURCES:
        fit, _ = split(path, field, lang, limit)
        c = collections.Counter()
        part = [collections.Counter() for _ in range(PARTS)]
        for i, text in enumerate(fit):
            w = words(text, language)
            c.update(w)
            part[i % PARTS].update(w)
            if language in PROFILE_LANGUAGES:
                lw = latin_words(text)
                latin[language].setdefault(source, collections.Counter()).update(lw)
                letter_pairs[language].setdefault(source, collections.Counter()).update(
                    p for w in lw for p in pairs_of(w))
        counts[language][source] = c
        parts[language].extend(part)
    english = collections.Counter()
    for c in counts["en"].values():
        n = sum(c.values())
        for w, k in c.items():
            english[w] += k / n / len(counts["en"])

    stopwords = {}
    for language in STOPWORD_LANGUAGES:
        sources = parts[language]
        shares = {}
        for c in sources:
            total = sum(c.values())
            for w, n in c.items():
                shares.setdefault(w, []).append(n / total)
        scored = [(min(s), w) for w, s in shares.items() if len(s) == len(sources)]
        scored.sort(key=lambda x: (-x[0], x[1]))
        # English words in the text (software help quotes English names) are not the language's own: a word at
        # least as frequent in English as here is left out, and so is any Latin word in a Cyrillic list.
        cut_off = STOPWORD_MIN_SHARE_HELP_ONLY if language in ENGLISH_FILTERED else STOPWORD_MIN_SHARE
        chosen = [w for s, w in scored if s >= cut_off and w not in REVIEWED_OUT.get(language, ())
                  and (language not in ENGLISH_FILTERED or english.get(w, 0) < s) and not (language == "ru" and re.search("[a-z]", w))]
        chosen += [w for w in sorted(REVIEWED_IN.get(language, ())) if w not in chosen
                   and sum(shares.get(w, [])) / len(sources) >= REVIEW_BAND_MIN]
        stopwords[language] = sorted(chosen[:STOPWORD_MAX_CHARACTERS if language in ("zh", "ja") else STOPWORD_MAX])
        if report:
            print(f"{language}: {len(stopwords[language])} stopwords:", " ".join(stopwords[language]))

    profiles = {}
    for language in PROFILE_LANGUAGES:
        total = collections.Counter()
        for c in latin[language].values():
            n = sum(c.values())
            for w, k in c.items():
                total[w] += k / n / len(latin[language])   # each source weighs the same
        if language in ENGLISH_FILTERED:   # the English that software help quotes is not the language's
            total = {w: p for w, p in total.items() if english.get(w, 0) < p}
        top = sorted(total.items(), key=lambda x: (-x[1], x[0]))[:PROFILE_SIZE]
        covered = sum(p for _, p in top)
        pair_total = collections.Counter()
        for c in letter_pairs[language].values():
            n = sum(c.values())
            for w, k in c.items():
                pair_total[w] += k / n / len(letter_pairs[language])
        top_pairs = sorted(pair_total.items(), key=lambda x: (-x[1], x[0]))[:PAIR_PROFILE_SIZE]
        pairs_covered = sum(p for _, p in top_pairs)
        profiles[language] = (top, covered, top_pairs, pairs_covered)

    names = {"fr": "french", "de": "german", "es": "spanish", "it": "italian", "pt": "portuguese", "nl": "dutch",
             "tr": "turkish", "fi": "finnish", "pl": "polish", "ru": "russian", "en": "english", "zh": "chinese",
             "ja": "japanese"}
    out = ["// Generated by scripts/derive_language_data.py from ../shared/corpora (see the script for the sources,",
           "// the fit/measure split and the reviewed cut-off). Do not edit by hand: change the script and run it again.",
           "", "extension Stopwords {",
           "    /// The derived stopword lists: the words frequent in every source of each language.",
           "    static let derived: [Language: Stopwords] = ["]
    for language in STOPWORD_LANGUAGES:
        out.append(f"        .{names[language]}: Stopwords(words: {names[language]}Words),")
    out.append("    ]")
    for language in STOPWORD_LANGUAGES:
        out.append("")
        out.append(f"    static let {names[language]}Words: [String] = [")
        line = "       "
        for w in stopwords[language]:
            item = " " + swift_string(w) + ","
            if len(line) + len(item) > 118:
                out.append(line)
                line = "       "
            line += item
        out.append(line)
        out.append("    ]")
    out.append("}")
    with open(os.path.join(ROOT, "Sources/SummarizeKit/Text/Stopwords+Languages.swift"), "w") as f:
        f.write("\n".join(out) + "\n")

    out = ["// Generated by scripts/derive_language_data.py from ../shared/corpora (see the script for the sources",
           "// and the fit/measure split). Do not edit by hand: change the script and run it again.", "",
           "extension LanguageIdentifier {",
           f"    /// The word profiles of the Latin-script languages: each language's {PROFILE_SIZE} most frequent words",
           "    /// with the natural log of their relative frequency, and the log frequency of any other word (the share",
           f"    /// left for other words spread over {OTHER_WORD_TYPES:,} word types); the same for its {PAIR_PROFILE_SIZE} most",
           f"    /// frequent letter pairs (\"_\" marks a word's start and end; others spread over {OTHER_PAIR_TYPES:,} pairs).",
           "    static let profiles: [Profile] = ["]
    for language in PROFILE_LANGUAGES:
        top, covered, top_pairs, pairs_covered = profiles[language]
        other = math.log(max(1 - covered, 1e-6) / OTHER_WORD_TYPES)
        other_pair = math.log(max(1 - pairs_covered, 1e-6) / OTHER_PAIR_TYPES)
        out.append(f"        Profile(language: .{names[language]}, otherWord: {other:.4f}, otherPair: {other_pair:.4f}, words: [")
        for entries in (top, top_pairs):
            line = "           "
            for w, p in entries:
                item = f" ({swift_string(w)}, {math.log(p):.3f}),"
                if len(line) + len(item) > 118:
                    out.append(line)
                    line = "           "
                line += item
            out.append(line)
            if entries is top:
                out.append("        ], pairs: [")
        out.append("        ]),")
    out.append("    ]")
    out.append("}")
    with open(os.path.join(ROOT, "Sources/SummarizeKit/Text/LanguageProfiles.swift"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
