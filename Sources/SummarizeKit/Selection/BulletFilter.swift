/// Decides which sentences may become bullets, and trims what a bullet
/// should not carry (list markers, trailing source citations).
///
/// A key point must read as a clean sentence of the article: headings,
/// list items, questions, promotional or navigation boilerplate and very
/// short or over-long sentences are not eligible while better candidates
/// exist.
public struct BulletFilter: Sendable, Hashable {
    /// Fewest words a bullet may have.
    public var minimumWords: Int
    /// Most words a bullet may have.
    public var maximumWords: Int

    public init(minimumWords: Int = 4, maximumWords: Int = 50) {
        self.minimumWords = minimumWords
        self.maximumWords = maximumWords
    }

    /// Whether sentence `s` may be a bullet. Called lazily, best-scored
    /// sentences first, so most sentences of a long text are never checked.
    func isEligible(_ s: Int, _ spans: [SentenceSpan], _ tokens: TokenTable,
                    _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isEligible(s, spans, tokens, bytes) { bulletRange(spans[$0], in: bytes) }
    }

    /// ``isEligible(_:_:_:_:)`` with the bullet range of a sentence supplied by the caller (cached).
    func isEligible(_ s: Int, _ spans: [SentenceSpan], _ tokens: TokenTable,
                    _ bytes: UnsafeBufferPointer<UInt8>, bulletRange: (Int) -> Range<Int>) -> Bool {
        let span = spans[s]
        guard span.kind == .prose || span.kind == .listItem else { return false }
        let range = bulletRange(s)
        if range.isEmpty { return false }
        return isEligible(span, range, bulletWords(s, tokens, range, bytes), bytes)
    }

    /// What the eligibility rules count of the words a bullet shows.
    struct Words {
        /// Words shown.
        var words: Int
        /// Words shown that are not stop words.
        var content: Int
        /// Whether a shown word after the first names something (a capitalized content word) or any holds a digit.
        var specific: Bool
    }

    /// The ``Words`` of sentence `s` within `range`: its tokens that lie inside it.
    func bulletWords(_ s: Int, _ tokens: TokenTable, _ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Words {
        var words = 0, content = 0, specific = false
        for t in tokens.tokens(inSentence: s) where Int(tokens.utf8Start[t]) >= range.lowerBound
            && Int(tokens.utf8End[t]) <= range.upperBound {
            words += 1
            if !tokens.isStopword[t] { content += 1 }
            // A name after the first word, or a number.
            if tokens.hasDigit[t] || (words > 1 && !tokens.isStopword[t] && bytes[Int(tokens.utf8Start[t])] &- 0x41 < 26) { specific = true }
        }
        return Words(words: words, content: content, specific: specific)
    }

    /// Whether a sentence `span` whose bullet shows `range` and `words` (``bulletWords(_:_:_:_:)``, counted by the
    /// caller) may be a bullet. With `refusingPagePhrases`, the phrases about the page of English text
    /// (``EnglishBulletRules/pagePhrases``) are refused too, in the same pass as ``refusedPhrases``. A caller that
    /// knows the text holds no `[` or `<` says so with `mayHoldMarkup` false.
    func isEligible(_ span: SentenceSpan, _ range: Range<Int>, _ words: Words, _ bytes: UnsafeBufferPointer<UInt8>,
                    refusingPagePhrases: Bool = false, mayHoldMarkup: Bool = true) -> Bool {
        admitsCounts(span, range, words)
            && admitsText(range, bytes, refusingPagePhrases: refusingPagePhrases, mayHoldMarkup: mayHoldMarkup)
    }

    /// The rules of ``isEligible(_:_:_:_:refusingPagePhrases:mayHoldMarkup:)`` that read no text: the kind of
    /// sentence and the counts of its words. A few integer tests, where the text rules read the bytes (the
    /// phrases at every offset): ``Candidates`` runs these for every sentence and may leave the others until a
    /// selection asks.
    func admitsCounts(_ span: SentenceSpan, _ range: Range<Int>, _ words: Words) -> Bool {
        guard span.kind == .prose || span.kind == .listItem else { return false }
        if range.isEmpty { return false }
        // Count the words the bullet shows: a dateline cut from the front ("Fort Meade, Maryland (CNN) --")
        // does not make a fragment long enough.
        guard words.words >= minimumWords, words.words <= maximumWords else { return false }
        // An information floor: a bullet names someone or something, carries a number, or says enough
        // ("Here is what changed." says nothing by itself).
        guard words.specific || words.content >= Self.minimumContentWords else { return false }
        // A list item is a bullet only when it is written as a full sentence of some length
        // ("- Rovers, who are aiming to win the Cup for a seventh time, face another replay.").
        if span.kind == .listItem, words.words < Self.listItemMinimumWords { return false }
        return true
    }

    /// The rules of ``isEligible(_:_:_:_:refusingPagePhrases:mayHoldMarkup:)`` that read the text of a bullet
    /// showing `range` (not empty).
    func admitsText(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, refusingPagePhrases: Bool,
                    mayHoldMarkup: Bool) -> Bool {
        // Any bullet ends like a sentence: "Howard Webb (South Yorkshire)" is a label, not a key point.
        if !Self.endsWithTerminator(bytes, range) || Self.isBracketedAside(bytes, range) { return false }
        if Self.endsWithQuestion(bytes, range) || Self.endsWithColon(bytes, range) { return false }
        // Boilerplate and furniture (bylines, captions, credits): their phrases in one pass.
        if Boilerplate.opensWithSiteName(bytes, range) || BulletHygiene.opensLikeFurniture(bytes, range)
            || Self.refusedPhrase(bytes, range, english: refusingPagePhrases) { return false }
        if mayHoldMarkup, MarkdownCleaner.isOnlyMarkup(bytes, range) { return false }   // links and images only
        if BulletHygiene.isTranscriptLine(bytes, range) { return false }  // "Owen: I think it does."
        if BulletHygiene.isQuoteFragment(bytes, range) { return false }
        return true
    }

    /// Fewest content words (not stop words) of a bullet that holds no name and no number.
    static let minimumContentWords = 4

    /// The part of a sentence shown as its bullet: without a list marker or
    /// a dateline ("LONDON (Reuters) -") in front, or source citations such
    /// as "(example.com)" at the end.
    public func bulletRange(_ span: SentenceSpan, in document: Document) -> Range<Int> {
        document.withUTF8 { bulletRange(span, in: $0) }
    }

    /// ``bulletRange(_:in:)`` of the document's `bytes`; `wordStarts`, when given, are the starts of the sentence's
    /// words (its tokens' ``TokenTable/utf8Start``), which find a heading run into it sooner (the same range).
    func bulletRange(_ span: SentenceSpan, in bytes: UnsafeBufferPointer<UInt8>,
                     wordStarts: UnsafeBufferPointer<Int32>? = nil) -> Range<Int> {
        var start = span.utf8Range.lowerBound
        var end = span.utf8Range.upperBound
        if span.kind == .listItem { start = Self.skipListMarker(bytes, start, end) }
        if let text = BulletHygiene.datelineEnd(bytes, start..<end) { start = text }  // "Seoul (CNN) -- "
        if let text = BulletHygiene.leadingDateEnd(bytes, start..<end) { start = text }   // "March 17, 2014 A vote"
        if let text = BulletHygiene.playerNoticeEnd(bytes, start..<end) { start = text }   // "Media playback is ... device"
        if let text = BulletHygiene.updateStampEnd(bytes, start..<end) { start = text }   // "... Last updated at 20:09 GMT"
        if let text = BulletHygiene.intertitleEnd(bytes, start..<end) { start = text }  // "- Intertitre -Le ..."
        let glued = wordStarts.map { BulletHygiene.gluedHeadingEnd(bytes, start..<end, wordStarts: $0) }
            ?? BulletHygiene.gluedHeadingEnd(bytes, start..<end)
        if let text = glued { start = text }  // "Map: ... election The"
        end = Self.dropTrailingCitations(bytes, start, end)
        return start..<max(start, end)
    }

    static func skipListMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        if i < end, bytes[i] == 0x2D || bytes[i] == 0x2A || bytes[i] == 0x2B { i += 1 }       // - * +
        else if i + 2 < end, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA2 { i += 3 }  // •
        else {
            while i < end, bytes[i] &- 0x30 < 10 { i += 1 }
            if i > start, i < end, bytes[i] == 0x2E || bytes[i] == 0x29 { i += 1 } else { return start }
        }
        while i < end, UTF8Scalars.whitespaceWidth(bytes, at: i, end: end) > 0 {
            i += UTF8Scalars.whitespaceWidth(bytes, at: i, end: end)
        }
        return i
    }

    /// Removes trailing "(domain.tld)" or "(domain.tld 2)" groups and reference marks
    /// ("[6]", "[1 - 3]") that follow the sentence's own terminator.
    static func dropTrailingCitations(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, bytes[end - 1] == 0x29 || bytes[end - 1] == 0x5D {  // ')' or ']'
            let closer = bytes[end - 1], opener: UInt8 = closer == 0x29 ? 0x28 : 0x5B
            var open = end - 2
            while open >= start, bytes[open] != opener, bytes[open] != closer { open -= 1 }
            guard open >= start, bytes[open] == opener else { break }
            // "(domain.tld)" or a reference mark "[6]".
            let citation = closer == 0x29 ? isCitation(bytes, open + 1, end - 1)
                : SentenceTrailers.referenceEnd(bytes, open, end) == end
            guard citation else { break }
            var before = open
            while before > start, UTF8Scalars.whitespaceWidth(bytes, at: before - 1, end: open) > 0 { before -= 1 }
            // Only when the citation follows a finished sentence.
            guard before > start else { break }
            let last = bytes[before - 1]
            let finished = last == 0x2E || last == 0x21 || last == 0x3F || last == 0x22 || last == 0x29
                || (before >= start + 3 && bytes[before - 3] == 0xE2 && bytes[before - 2] == 0x80
                    && (bytes[before - 1] == 0x9D || bytes[before - 1] == 0x99))
            guard finished else { break }
            end = before
        }
        return end
    }

    /// "blogs.microsoft.com", "usnews.com 2": a host name, optionally followed by a number.
    static func isCitation(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var dots = 0, letters = 0
        while i < end, bytes[i] != 0x20 {
            let b = bytes[i]
            if b == 0x2E { dots += 1 } else if (b | 0x20) &- 0x61 < 26 { letters += 1 }
            else if !(b &- 0x30 < 10 || b == 0x2D || b == 0x2F) { return false }
            i += 1
        }
        guard dots >= 1, letters >= 2, i > start, bytes[i - 1] != 0x2E else { return false }
        if i < end {
            i += 1
            let digitsStart = i
            while i < end, bytes[i] &- 0x30 < 10 { i += 1 }
            return i == end && i > digitsStart
        }
        return true
    }

    /// The phrases of ``Boilerplate`` and of ``BulletHygiene/isFurniture(_:_:)`` together, so an eligibility
    /// check reads the text once for both.
    static let refusedPhrases = PhraseSet(Boilerplate.phraseList + BulletHygiene.furniturePhraseList)
    /// Whether a phrase of ``refusedPhrases`` (or of ``refusedEnglishPhrases``) occurs in `bytes[range]`. Each set
    /// is called where it is stored (a set chosen into a local would be copied, its arrays retained and released).
    private static func refusedPhrase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, english: Bool) -> Bool {
        english ? refusedEnglishPhrases.occurs(in: bytes, range) : refusedPhrases.occurs(in: bytes, range)
    }

    /// ``refusedPhrases`` and ``EnglishBulletRules/pagePhrases`` in one set.
    static let refusedEnglishPhrases = PhraseSet(Boilerplate.phraseList + BulletHygiene.furniturePhraseList
                                                 + EnglishBulletRules.pagePhraseList)

    /// Fewest words of a list item that may be a bullet.
    static let listItemMinimumWords = 12

    /// Whether the text ends like a sentence: ".", "!" or "?", possibly followed by closing quotes or brackets.
    /// Only an ASCII ending is judged: text ending in any other scalar ("。", "।", "؟", a letter of another
    /// script) passes, so the rule never refuses the sentences of languages this check knows nothing of.
    static func endsWithTerminator(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.upperBound - 1
        while i > range.lowerBound {
            let b = bytes[i]
            if b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D || b == 0x20 { i -= 1; continue }
            // The UTF-8 tails of ” ’ » (E2 80 9D, E2 80 99, C2 BB).
            if (b == 0x9D || b == 0x99) && i >= range.lowerBound + 2 && bytes[i - 1] == 0x80 && bytes[i - 2] == 0xE2 { i -= 3; continue }
            if b == 0xBB && i >= range.lowerBound + 1 && bytes[i - 1] == 0xC2 { i -= 2; continue }
            if b < 0x80 { return b == 0x2E || b == 0x21 || b == 0x3F }
            // Other scripts' stops (。！？ । ۔ …) are not listed: any last character but a closing bracket or quote
            // (skipped) and a Chinese or Japanese character (no stop: "（据新华社）") ends a sentence.
            var lead = i
            while lead > range.lowerBound, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            let scalar = UTF8Scalars.decode(bytes, at: lead).scalar
            if SentenceSegmenter.isClosingMark(scalar) { i = lead - 1; continue }
            return WordClass.of(scalar) != .ideograph
        }
        return false
    }

    /// "(Reporting by Ann Lee.)", "（据新华社）": a sentence that is one bracketed aside, a credit or a source, not a
    /// statement of the text.
    static func isBracketedAside(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var start = range.lowerBound, end = range.upperBound
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A { end -= 1 }
        guard end - start >= 2 else { return false }
        // The bracket opened first closes last, not before: "(CNN) Police said ... (pictured)." is a statement.
        var depth = 0, i = start
        while i < end {
            let b = bytes[i]
            if b == 0x28 || (b == 0xEF && i + 2 < end && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x88) {  // ( （
                depth += 1
            } else if b == 0x29 || (b == 0xEF && i + 2 < end && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x89) {  // ) ）
                depth -= 1
                if depth <= 0 { return i + (b == 0x29 ? 1 : 3) == end && i > start }
            } else if depth == 0 {
                return false   // text before the first bracket
            }
            i += 1
        }
        return false
    }

    /// "In Orleans Parish, Louisiana:": a lead-in to a list, not a statement.
    static func endsWithColon(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.upperBound - 1
        while i > range.lowerBound, UTF8Scalars.whitespaceWidth(bytes, at: i, end: range.upperBound) > 0 { i -= 1 }
        return i >= range.lowerBound && bytes[i] == 0x3A
    }

    /// Whether the text ends with a question mark, perhaps before closing quotes and brackets or before the number
    /// of the next item of a numbered list run into it ("How do sinkholes form? 3.").
    static func endsWithQuestion(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.upperBound - 1
        if i > range.lowerBound + 3, bytes[i] == 0x2E, bytes[i - 1] &- 0x30 < 10 {
            var j = i - 1
            while j > range.lowerBound, i - j < 3, bytes[j] &- 0x30 < 10 { j -= 1 }
            if bytes[j] == 0x20 { i = j - 1 }
        }
        while i > range.lowerBound {
            let b = bytes[i]
            // Skip closing quotes and brackets (ASCII and the UTF-8 tails of ” ’ »).
            if b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D || b == 0x9D || b == 0x99 || b == 0xBB
                || b == 0x80 || b == 0xE2 || b == 0xC2 { i -= 1; continue }
            return b == 0x3F || (b == 0x9F && i >= 2 && bytes[i - 1] == 0xBC && bytes[i - 2] == 0xEF)  // ? or ？
        }
        return false
    }
}

/// Promotional and navigation lines that are never key points.
enum Boilerplate {
    /// Lower-case phrases; a sentence containing one of them is boilerplate.
    static let phraseList = [
        "click here", "scroll down", "download on the app store", "get it on google play",
        "get your own daily briefing", "shared from", "sign up for", "subscribe to our",
        "subscribe now", "follow us on", "all rights reserved", "read more:", "watch the video",
        "share this article", "copyright ©", "terms of use", "privacy policy", "newsletter",
        "advertisement", "be the smartest in the room", "tailored to your role", "see original story",
        "learn more at", "for more information, visit", "media contact:",
    ]
    static let phrases = PhraseSet(phraseList)

    /// Whether a phrase occurs in `bytes[range]` (ASCII letters compared case-insensitively), or the
    /// text is a cross-promotion link ("Health.com: 10 ways to have cleaner air at home").
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        opensWithSiteName(bytes, range) || phrases.occurs(in: bytes, range)
    }

    /// Whether the text opens with a capitalized host name and a colon: "Oprah.com:", "TIME.com:".
    /// The last label of the host is two or more letters, so "No.1:" or "U.S.:" are not host names.
    static func opensWithSiteName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let start = range.lowerBound, end = range.upperBound
        guard start < end, bytes[start] &- 0x41 < 26 else { return false }
        var i = start, dots = 0, labelLetters = 0
        while i < end, i - start <= 40 {
            let b = bytes[i]
            if b == 0x2E {
                dots += 1; labelLetters = 0
            } else if (b | 0x20) &- 0x61 < 26 {
                labelLetters += 1
            } else if b &- 0x30 < 10 || b == 0x2D {
                labelLetters = -1_000   // a digit or hyphen: not the top-level label
            } else {
                break
            }
            i += 1
        }
        guard dots >= 1, labelLetters >= 2, i + 1 < end, bytes[i] == 0x3A else { return false }  // ':'
        return bytes[i + 1] == 0x20
    }
}
