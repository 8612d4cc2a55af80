import CUTF8Proc

/// Splits a ``Document`` into sentences, as UTF-8 byte ranges.
///
/// The segmenter is rule based. It first cuts the text into blocks at hard
/// boundaries (blank lines, Markdown headings, list items), then scans each
/// block's bytes for sentence terminators (`.` `!` `?` `…`, the CJK `。！？．`
/// and a few other scripts' full stops) and decides at each one whether a
/// sentence ends, looking at abbreviations, initials, numbers, URLs,
/// e-mail addresses, ellipses, closing quotes and inline list markers. A line
/// break inside a paragraph is not a boundary by itself (wrapped prose).
///
/// ```swift
/// let spans = SentenceSegmenter(language: .english).segment(Document("Mr. Smith left. He was tired."))
/// spans.map(\.utf8Range)   // [0..<15, 16..<29]
/// ```
///
/// The output spans are in document order, never overlap, are trimmed of
/// white space at both ends, and together cover every non-white-space byte.
/// A source citation in parentheses right after a sentence terminator
/// (`… on Azure. (blogs.microsoft.com) Microsoft said …`) stays with the
/// sentence before it.
///
/// - Complexity: O(*n*) in the document's byte count; one pass over lines and
///   one over the bytes of each block, allocating only the result array.
public struct SentenceSegmenter: Sendable {
    /// The language whose abbreviations and number conventions apply.
    ///
    /// Terminators of every script are recognized in every language; the
    /// language selects the abbreviation table and a few number rules (German
    /// ordinals such as `12. Juni`).
    public enum Language: String, Sendable, Hashable, CaseIterable {
        case english, french, german, spanish, italian, chinese, japanese, other
    }

    /// How a quotation of several sentences is segmented.
    public enum Quotations: String, Sendable, Hashable, CaseIterable {
        /// In English text, a period inside a quotation ends a sentence before a common sentence
        /// opener (`The`, `It`, `We` …), as Universal Dependencies annotates quotations: `"We waited. It rained,"
        /// she said.` is `"We waited.` and `It rained," she said.` Inside a quotation, `!` and `?`
        /// and a period before any other word still continue it (`"Oh! the Duchess!"`,
        /// `"… at tea-time. Dinah, my dear, …"`).
        case split
        /// A quotation stays within one sentence up to its closing mark. ``Summarizer`` segments
        /// this way: it ranks a quotation as one unit, so that no bullet is a piece of a quotation.
        case whole
    }

    /// Options of a ``SentenceSegmenter``.
    public struct Configuration: Sendable, Hashable {
        /// The language of the text. Default `.english`.
        public var language: Language
        /// How a quotation of several sentences is segmented. Default `.split`.
        public var quotations: Quotations

        public init(language: Language = .english) {
            self.init(language: language, quotations: .split)
        }

        public init(language: Language = .english, quotations: Quotations) {
            self.language = language
            self.quotations = quotations
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Creates a segmenter for `language` with default options.
    public init(language: Language) {
        self.configuration = Configuration(language: language)
    }

    /// The sentences of `document`, in document order.
    ///
    /// - Complexity: O(*n*) in `document.byteCount`.
    public func segment(_ document: Document) -> [SentenceSpan] {
        let table = _Abbreviations.table(configuration.language)
        return document.withUTF8 { bytes -> [SentenceSpan] in
            var scanner = _SentenceScanner(
                bytes: bytes, abbreviations: table,
                isGerman: configuration.language == .german,
                isEnglish: configuration.language == .english,
                splitsQuotations: configuration.quotations == .split)
            scanner.scanBlocks()
            return scanner.spans
        }
    }
}

// MARK: - Byte and scalar classification

/// Byte values used by the scanner.
private enum ASCII {
    static let tab: UInt8 = 0x09, lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20, exclamation: UInt8 = 0x21, quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23, apostrophe: UInt8 = 0x27
    static let leftParen: UInt8 = 0x28, rightParen: UInt8 = 0x29, asterisk: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B, comma: UInt8 = 0x2C, hyphen: UInt8 = 0x2D, period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F, colon: UInt8 = 0x3A, equals: UInt8 = 0x3D
    static let question: UInt8 = 0x3F, at: UInt8 = 0x40
    static let leftBracket: UInt8 = 0x5B, rightBracket: UInt8 = 0x5D, underscore: UInt8 = 0x5F
    static let leftBrace: UInt8 = 0x7B, rightBrace: UInt8 = 0x7D

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
}

/// What the first letter-like scalar of a word is.
private enum _LetterCase {
    case lower, upper, uncased, digit, other
}

/// Classification of scalars through utf8proc (cold path: only non-ASCII
/// scalars next to a candidate boundary get here).
private enum _Scalar {
    @inline(never)
    static func letterCase(_ scalar: UInt32) -> _LetterCase {
        let category = utf8proc_category(Int32(bitPattern: scalar)).rawValue
        switch category {
        case UTF8PROC_CATEGORY_LL.rawValue: return .lower
        case UTF8PROC_CATEGORY_LU.rawValue, UTF8PROC_CATEGORY_LT.rawValue: return .upper
        case UTF8PROC_CATEGORY_LO.rawValue, UTF8PROC_CATEGORY_LM.rawValue: return .uncased
        case UTF8PROC_CATEGORY_ND.rawValue: return .digit
        default: return .other
        }
    }

    @inline(never)
    static func isWordScalar(_ scalar: UInt32) -> Bool {
        // Degree and ordinal signs appear in abbreviations (N°, nº).
        if scalar == 0xB0 || scalar == 0xBA || scalar == 0xAA { return true }
        let category = utf8proc_category(Int32(bitPattern: scalar)).rawValue
        return (category >= UTF8PROC_CATEGORY_LU.rawValue && category <= UTF8PROC_CATEGORY_ME.rawValue)
            || category == UTF8PROC_CATEGORY_ND.rawValue
    }

    /// Han, kana and Hangul: scripts written without spaces between sentences.
    @inline(__always)
    static func isCJK(_ s: UInt32) -> Bool {
        (s >= 0x3040 && s <= 0x30FF) || (s >= 0x3400 && s <= 0x9FFF)
            || (s >= 0xAC00 && s <= 0xD7AF) || (s >= 0xF900 && s <= 0xFAFF)
            || (s >= 0x20000 && s <= 0x2FFFF)
    }

    /// Terminators that end a sentence wherever they appear (no space needed):
    /// CJK full stops and marks, and the full stops of other scripts.
    @inline(__always)
    static func isStrongTerminator(_ s: UInt32) -> Bool {
        switch s {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF61,  // 。！？｡
             0x0589,  // Armenian full stop ։
             0x061F, 0x06D4,  // Arabic question mark, Urdu full stop
             0x0964, 0x0965,  // Devanagari danda, double danda
             0x1362, 0x1367, 0x1368,  // Ethiopic full stop, question mark, paragraph separator
             0x104A, 0x104B,  // Myanmar section marks
             0x203C, 0x203D, 0x2047, 0x2048, 0x2049:  // ‼ ‽ ⁇ ⁈ ⁉
            return true
        default:
            return false
        }
    }

    /// Closing quotation marks and brackets that stay with a sentence after its terminator.
    @inline(__always)
    static func isCloser(_ s: UInt32) -> Bool {
        switch s {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D,  // " ' ) ] }
             0xBB, 0x2019, 0x201D, 0x201C, 0x203A,  // » ’ ” “ (closing in German) ›
             0x300D, 0x300F, 0x3011, 0x3009, 0x300B, 0x3015, 0x3017,  // 」 』 】 〉 》 〕 〗
             0xFF09, 0xFF02, 0xFF3D, 0xFF5D, 0xFF63:  // ） ＂ ］ ｝ ｣
            return true
        default:
            return false
        }
    }

    /// Opening quotation marks and brackets skipped before the first letter of a word.
    @inline(__always)
    static func isOpener(_ s: UInt32) -> Bool {
        switch s {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0xAB, 0xBF, 0xA1,  // " ' ( [ { « ¿ ¡
             0x2018, 0x201C, 0x201E, 0x2039,  // ‘ “ „ ‹
             0x300C, 0x300E, 0x3010, 0x3008, 0x300A, 0xFF08:  // 「 『 【 〈 《 （
            return true
        default:
            return false
        }
    }

    /// Bullet characters that start a list item, also inside a line.
    @inline(__always)
    static func isBullet(_ s: UInt32) -> Bool {
        s == 0x2022 || s == 0x2043 || s == 0x2023 || s == 0x25E6 || s == 0x25AA || s == 0x25CF
    }
}

// MARK: - The scanner

/// One pass over a document's bytes, producing sentence spans.
struct _SentenceScanner {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    let abbreviations: _Abbreviations.Table
    let isGerman: Bool
    /// English word lists apply: sentence openers inside quotations, labels, "!" before lower case.
    let isEnglish: Bool
    let splitsQuotations: Bool
    var spans: [SentenceSpan] = []

    init(bytes: UnsafeBufferPointer<UInt8>, abbreviations: _Abbreviations.Table, isGerman: Bool,
         isEnglish: Bool = true, splitsQuotations: Bool = true) {
        self.p = bytes
        self.n = bytes.count
        self.abbreviations = abbreviations
        self.isGerman = isGerman
        self.isEnglish = isEnglish
        self.splitsQuotations = splitsQuotations
        // Rough guess: one sentence per 120 bytes.
        spans.reserveCapacity(bytes.count / 120 + 1)
    }

    // MARK: Blocks (lines, paragraphs, headings, list items)

    /// A block of lines segmented together: a paragraph's run of prose, or one list item.
    private struct Run {
        var start: Int
        var contentStart: Int
        var end: Int
        var kind: SentenceSpan.Kind
        var lineCount: Int
        var startsParagraph: Bool
    }

    mutating func scanBlocks() {
        var i = 0
        var paragraph = -1
        var blankBefore = true
        var run: Run? = nil

        while i < n {
            let lineStart = i
            let lineEnd = findLineEnd(from: i)
            i = lineEnd
            if i < n {
                i += (p[i] == ASCII.carriageReturn && i + 1 < n && p[i + 1] == ASCII.lineFeed) ? 2 : 1
            }

            let first = skipWhitespace(from: lineStart, to: lineEnd)
            if first >= lineEnd {
                if let r = run { flush(r, paragraph: paragraph, standalone: true) }
                run = nil
                blankBefore = true
                continue
            }
            var startsParagraph = false
            if blankBefore {
                paragraph += 1
                blankBefore = false
                startsParagraph = true
            }
            let last = trimEnd(first, lineEnd)

            // ATX heading: 1-6 '#' then a space or the end of the line.
            if p[first] == ASCII.hash {
                var k = first
                while k < last && p[k] == ASCII.hash && k - first < 7 { k += 1 }
                let level = k - first
                if level <= 6 && (k == last || p[k] == ASCII.space || p[k] == ASCII.tab) {
                    if let r = run { flush(r, paragraph: paragraph, standalone: false) }
                    run = nil
                    emit(first, last, paragraph: paragraph, kind: .heading)
                    continue
                }
            }

            // Setext underline (=== or ---) or a thematic break (---, ***, ___).
            if let ruleByte = ruleLineByte(first, last) {
                if ruleByte != ASCII.asterisk && ruleByte != ASCII.underscore,
                   let r = run, r.kind == .prose, r.lineCount == 1 {
                    emit(r.start, last, paragraph: paragraph, kind: .heading)
                    run = nil
                    continue
                }
                if ruleByte != ASCII.equals {
                    if let r = run { flush(r, paragraph: paragraph, standalone: false) }
                    run = nil
                    // A structural line, not prose: reported as a heading so it is not ranked.
                    emit(first, last, paragraph: paragraph, kind: .heading)
                    continue
                }
            }

            if let markerEnd = listMarkerEnd(at: first, lineEnd: last) {
                if let r = run { flush(r, paragraph: paragraph, standalone: false) }
                run = Run(start: first, contentStart: markerEnd, end: last, kind: .listItem,
                          lineCount: 1, startsParagraph: startsParagraph)
                continue
            }

            if run != nil {
                run!.end = last
                run!.lineCount += 1
            } else {
                run = Run(start: first, contentStart: first, end: last, kind: .prose,
                          lineCount: 1, startsParagraph: startsParagraph)
            }
        }
        if let r = run { flush(r, paragraph: paragraph, standalone: true) }
    }

    /// The index of the next CR or LF at or after `i`, or `n`.
    @inline(__always)
    private func findLineEnd(from start: Int) -> Int {
        var i = start
        // Eight bytes at a time: a byte is CR or LF only if it is <= 0x0D,
        // so words without any byte below 0x0E are skipped whole.
        if p.baseAddress != nil {
            while i + 8 <= n, ByteClass.mayBeBelow(ByteClass.word(p, at: i), 0x0E) == 0 { i += 8 }
        }
        while i < n {
            let b = p[i]
            if b == ASCII.lineFeed || b == ASCII.carriageReturn { return i }
            i += 1
        }
        return n
    }

    /// When the line holds only '=' or only '-', '*', '_' (with spaces for the
    /// latter), the repeated byte; otherwise nil. '=' needs 2, the others 3.
    private func ruleLineByte(_ first: Int, _ last: Int) -> UInt8? {
        let b = p[first]
        guard b == ASCII.equals || b == ASCII.hyphen || b == ASCII.asterisk || b == ASCII.underscore else { return nil }
        var count = 0
        var k = first
        while k < last {
            let c = p[k]
            if c == b { count += 1 } else if (c == ASCII.space || c == ASCII.tab) && b != ASCII.equals {
                // spaces allowed between rule characters
            } else { return nil }
            k += 1
        }
        if b == ASCII.equals { return count >= 2 ? b : nil }
        return count >= 3 ? b : nil
    }

    /// The end of the list marker (and the white space after it) when the line
    /// at `first` starts a list item: `- `, `* `, `+ `, a bullet such as `• `,
    /// or `1. ` / `1) ` with up to three digits.
    private func listMarkerEnd(at first: Int, lineEnd: Int) -> Int? {
        let b = p[first]
        var k: Int
        if b == ASCII.hyphen || b == ASCII.asterisk || b == ASCII.plus {
            k = first + 1
            guard k < lineEnd, p[k] == ASCII.space || p[k] == ASCII.tab else { return nil }
        } else if ASCII.isDigit(b) {
            k = first
            while k < lineEnd && ASCII.isDigit(p[k]) && k - first < 4 { k += 1 }
            guard k - first <= 3, k < lineEnd, p[k] == ASCII.period || p[k] == ASCII.rightParen else { return nil }
            k += 1
            if k < lineEnd && p[k] == ASCII.rightParen && p[k - 1] == ASCII.period { k += 1 }
            guard k < lineEnd, p[k] == ASCII.space || p[k] == ASCII.tab else { return nil }
        } else if b == ASCII.leftParen {
            // "(a) ", "(ii) ", "(12) "
            k = first + 1
            while k < lineEnd && ASCII.isAlnum(p[k]) && k - first <= 4 { k += 1 }
            guard k > first + 1, k - first <= 4, k < lineEnd, p[k] == ASCII.rightParen,
                  isMarkerLike(first + 1, k) else { return nil }
            k += 1
            guard k < lineEnd, p[k] == ASCII.space || p[k] == ASCII.tab else { return nil }
        } else if ASCII.isLetter(b) {
            // "a) ", "ii) "
            k = first
            while k < lineEnd && ASCII.isLetter(p[k]) && k - first <= 4 { k += 1 }
            guard k < lineEnd, p[k] == ASCII.rightParen, isMarkerLike(first, k) else { return nil }
            k += 1
            guard k < lineEnd, p[k] == ASCII.space || p[k] == ASCII.tab else { return nil }
        } else if b >= 0xC0 {
            let (scalar, width) = UTF8Scalars.decode(p, at: first)
            guard _Scalar.isBullet(scalar) else { return nil }
            k = first + width
            // '⁃' is often written right before the text; other bullets need a space.
            if scalar != 0x2043 {
                guard k < lineEnd, p[k] == ASCII.space || p[k] == ASCII.tab else { return nil }
            }
        } else {
            return nil
        }
        return skipWhitespace(from: k, to: lineEnd)
    }

    /// A list enumerator: one letter, a lowercase Roman numeral (up to 4
    /// letters) or one or two digits.
    private func isMarkerLike(_ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length >= 1 && length <= 4 else { return false }
        if length == 1 { return ASCII.isAlnum(p[start]) }
        var allDigits = true
        var allRoman = true
        for k in start..<end {
            let c = p[k]
            if !ASCII.isDigit(c) { allDigits = false }
            if !(c == 0x69 || c == 0x76 || c == 0x78 || c == 0x6C) { allRoman = false }  // i v x l
        }
        return (allDigits && length <= 2) || allRoman
    }

    private mutating func flush(_ run: Run, paragraph: Int, standalone: Bool) {
        let before = spans.count
        segmentRun(run.start, run.contentStart, run.end, paragraph: paragraph, kind: run.kind)
        // A short single line standing alone as a paragraph, without a final
        // terminator, is a title.
        if standalone, run.kind == .prose, run.lineCount == 1, run.startsParagraph,
           spans.count == before + 1 {
            let range = spans[before].utf8Range
            if range.count <= 150 && endsInWordCharacter(range) {
                spans[before].kind = .heading
            }
        }
    }

    private func endsInWordCharacter(_ range: Range<Int>) -> Bool {
        var k = range.upperBound - 1
        while k > range.lowerBound && (p[k] & 0xC0) == 0x80 { k -= 1 }
        let b = p[k]
        if b < 0x80 { return ASCII.isAlnum(b) }
        return _Scalar.isWordScalar(UTF8Scalars.decode(p, at: k).scalar)
    }

    // MARK: Sentences inside one run

    /// Scans `[start, end)` (a paragraph's prose or one list item; the first
    /// `contentStart - start` bytes are a list marker) and appends its sentences.
    private mutating func segmentRun(_ start: Int, _ contentStart: Int, _ end: Int,
                                     paragraph: Int, kind: SentenceSpan.Kind) {
        var sentenceStart = start
        var forced = Int.max
        // Whether the sentence so far holds a period glued to a letter ("example.org"): only
        // such a sentence may hold a web or e-mail address for `UnmarkedBoundaries` to look for.
        var mayHoldLink = false
        // Where quote marks are counted from: the sentence's start, or the start of the sentence
        // whose quotation was split (``SentenceSegmenter/Quotations/split``) and goes on in this one.
        var quotationStart = start
        // The line's list marker (if any) is re-read so a numbered one can find its successor.
        var i = max(contentStart, beginSentence(at: start, end: end, forced: &forced))

        while true {
            let limit = min(end, forced)
            // Hot loop: skip bytes that cannot start a terminator or a bullet, eight at a time
            // while a word holds no . ! ? and no non-ASCII byte.
            while true {
                i = Self.skipPlain(p, from: i, limit: limit)
                guard i < limit else { break }
                let b = p[i]
                if b == ASCII.period || b == ASCII.exclamation || b == ASCII.question { break }
                if b >= 0xD6 && isInterestingLead(b) { break }
                i += 1
            }
            if i >= end { break }
            if i >= forced {
                // An inline list marker of the same list starts here.
                emit(sentenceStart, forced, paragraph: paragraph, kind: kind, mayHoldLink: mayHoldLink)
                mayHoldLink = false
                sentenceStart = forced
                quotationStart = forced
                forced = Int.max
                i = beginSentence(at: sentenceStart, end: end, forced: &forced)
                continue
            }
            if p[i] == ASCII.period, i + 1 < end, ASCII.isLetter(p[i + 1]) { mayHoldLink = true }
            var decision = decide(at: i, sentenceStart: sentenceStart, end: end)
            var insideQuotation = false
            if let boundary = decision.boundary, boundary < end,
               isInsideQuotation(sentenceStart: quotationStart, terminator: i, boundary: boundary, end: end) {
                insideQuotation = true
                if !(splitsQuotations && isEnglish && endsQuotedSentence(terminator: i, boundary: boundary, end: end,
                                                            quotationSplit: quotationStart < sentenceStart)) {
                    decision.boundary = nil
                }
            }
            if let boundary = decision.boundary, boundary > sentenceStart {
                let cut = attachCitations(after: boundary, end: end)
                emit(sentenceStart, cut, paragraph: paragraph, kind: kind, mayHoldLink: mayHoldLink)
                mayHoldLink = false
                sentenceStart = cut
                if !insideQuotation { quotationStart = cut }
                if forced <= cut { forced = Int.max }
                i = beginSentence(at: cut, end: end, forced: &forced)
            } else {
                i = max(decision.resume, i + 1)
            }
        }
        emit(sentenceStart, end, paragraph: paragraph, kind: kind, mayHoldLink: mayHoldLink)
    }

    /// The first offset at or after `start` and below `limit` that holds `.`, `!`, `?` or a non-ASCII byte (or
    /// `limit` when none does), found eight bytes at a time.
    @inline(__always)
    static func skipPlain(_ p: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        guard p.baseAddress != nil else { return start }
        var i = start
        while i + 8 <= limit {
            let word = ByteClass.word(p, at: i)
            let stops = ByteClass.mayEqual(word, 0x2E) | ByteClass.mayEqual(word, 0x21) | ByteClass.mayEqual(word, 0x3F)
            let flags = (stops | word) & ByteClass.highBits
            // The lowest flag is exact: `mayEqual` flags no byte before the first match, and a high bit is a
            // non-ASCII byte.
            if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
            i += 8
        }
        // The last bytes, one at a time.
        while i < limit {
            let b = p[i]
            if b == 0x2E || b == 0x21 || b == 0x3F || b >= 0x80 { return i }
            i += 1
        }
        return i
    }

    /// Whether the 8 bytes at `k` may hold `"` or the lead byte 0xE2 of a curly quote.
    @inline(__always)
    static func mayHoldQuote(_ p: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        let word = ByteClass.word(p, at: k)
        return ByteClass.mayEqual(word, 0x22) | ByteClass.mayEqual(word, 0xE2) != 0
    }

    /// Whether the terminator at `i` lies inside a double-quoted passage that
    /// closes later: `"Dear, dear! How queer everything is to-day!"` is kept
    /// as one sentence. Looks back at most 600 bytes within the sentence and
    /// ahead at most 600 bytes for the closing mark.
    private func isInsideQuotation(sentenceStart: Int, terminator i: Int, boundary: Int, end: Int) -> Bool {
        // A cluster that itself closes the quotation ends it.
        if boundary > i && (p[boundary - 1] == ASCII.quote || (boundary >= 3 && p[boundary - 3] == 0xE2
            && p[boundary - 2] == 0x80 && p[boundary - 1] == 0x9D)) { return false }
        var straight = 0
        var opening = 0
        var closing = 0
        var k = max(sentenceStart, i - 600)
        while k < i {
            if k + 8 <= i, !Self.mayHoldQuote(p, at: k) { k += 8; continue }
            let c = p[k]
            if c == ASCII.quote { straight += 1 } else if c == 0xE2 && k + 2 < i && p[k + 1] == 0x80 {
                if p[k + 2] == 0x9C { opening += 1 } else if p[k + 2] == 0x9D { closing += 1 }
            }
            k += 1
        }
        let open = straight % 2 == 1 || opening > closing
        guard open else { return false }
        let limit = min(end, i + 600)
        k = boundary
        while k < limit {
            if k + 8 <= limit, !Self.mayHoldQuote(p, at: k) { k += 8; continue }
            let c = p[k]
            if c == ASCII.quote {
                // `… transport. "It is …`: a mark after white space and before a capital opens a
                // new quoted paragraph; the passage before it ended without a closing mark.
                if k > boundary, p[k - 1] == ASCII.space, k + 1 < limit, ASCII.isUpper(p[k + 1]) { return false }
                return true
            }
            if c == 0xE2 && k + 2 < limit && p[k + 1] == 0x80 && p[k + 2] == 0x9D { return true }
            k += 1
        }
        return false
    }

    /// Inside a quotation (``Quotations/split``): whether a sentence of the quotation ends at the
    /// terminator at `i`. The first split needs a period (or a run of marks, `!!`) and a common
    /// sentence opener right after it (`"We waited. It rained," …`); once a quotation has been split (`quotationSplit`), any
    /// terminator before a capitalized word ends one of its sentences (`… It rained! Then …`).
    /// Only asked for boundaries inside an open quotation.
    private func endsQuotedSentence(terminator i: Int, boundary: Int, end: Int, quotationSplit: Bool) -> Bool {
        guard let next = nextWord(after: boundary, end: end) else { return false }
        if quotationSplit { return next.letterCase == .upper }
        // A period, or a run of marks ("… is great!! I love …"); one '!' or '?' goes on ("Oh! the …").
        let run = p[i] != ASCII.period && i + 1 < boundary && (p[i + 1] == ASCII.exclamation || p[i + 1] == ASCII.question)
        guard p[i] == ASCII.period || run, next.wordStart == next.start else { return false }
        return isSentenceStarter(next, end: end)
    }

    /// Lead bytes of scalars the hot loop must look at: `…`, bullets, CJK and
    /// other scripts' terminators.
    @inline(__always)
    private func isInterestingLead(_ b: UInt8) -> Bool {
        // D6 ։  D8 ؟  DB ۔  E0 । ॥  E1 ። ፧ ။  E2 … ‼ • ⁃  E3 。  EF ！ ？ ．
        b == 0xE2 || b == 0xE3 || b == 0xEF || b == 0xD6 || b == 0xD8 || b == 0xDB || b == 0xE0 || b == 0xE1
    }

    /// Skips white space and a list marker at the start of a sentence; when the
    /// marker is numbered (`1.`, `2)`, `a.`), looks ahead for the next marker
    /// of the same list and records it in `forced`.
    private func beginSentence(at position: Int, end: Int, forced: inout Int) -> Int {
        let k = markerEnd(at: position, end: end, forced: &forced)
        // A pending list boundary that is not ahead of the new sentence is spent.
        if forced < k { forced = Int.max }
        return k
    }

    private func markerEnd(at position: Int, end: Int, forced: inout Int) -> Int {
        var j = skipWhitespace(from: position, to: end)
        guard j < end else { return j }
        // Bullet characters (also after a line-level marker: "• 9. The first item").
        if p[j] >= 0xE2 {
            let (scalar, width) = UTF8Scalars.decode(p, at: j)
            if _Scalar.isBullet(scalar) {
                j = skipWhitespace(from: j + width, to: end)
                guard j < end else { return j }
            }
        } else if (p[j] == ASCII.hyphen || p[j] == ASCII.asterisk || p[j] == ASCII.plus) && j + 1 < end && p[j + 1] == ASCII.space {
            j = skipWhitespace(from: j + 1, to: end)
            guard j < end else { return j }
        }
        // Numbered or lettered marker followed by white space.
        var value = 0
        var k = j
        var isLetter = false
        if ASCII.isDigit(p[k]) {
            while k < end && ASCII.isDigit(p[k]) && k - j < 4 { value = value * 10 + Int(p[k] - 0x30); k += 1 }
            if k - j > 3 { return j }
        } else if ASCII.isLower(p[k]) {
            value = Int(p[k])
            isLetter = true
            k += 1
        } else {
            return j
        }
        guard k < end else { return j }
        let styleStart = k
        if p[k] == ASCII.period {
            k += 1
            if k < end && p[k] == ASCII.rightParen { k += 1 }
        } else if p[k] == ASCII.rightParen {
            k += 1
        } else {
            return j
        }
        guard k < end, UTF8Scalars.whitespaceWidth(p, at: k, end: end) > 0 else { return j }
        let styleLength = k - styleStart
        // A lettered marker is taken only when it begins "a." (or when the next
        // letter follows), so a sentence starting "p. 55 shows" is unaffected
        // either way: no boundary is placed after the marker.
        if forced < k { forced = Int.max }
        if forced == Int.max {
            forced = nextListMarker(after: k, end: end, value: value + 1, isLetter: isLetter,
                                    styleStart: styleStart, styleLength: styleLength)
        }
        return k
    }

    /// Finds `value` written like the marker at `styleStart` (same punctuation)
    /// after white space within the next 2,000 bytes; `Int.max` when absent.
    private func nextListMarker(after start: Int, end: Int, value: Int, isLetter: Bool,
                                styleStart: Int, styleLength: Int) -> Int {
        if isLetter && value > 0x7A { return Int.max }
        let limit = min(end, start + 2000)
        var q = start + 1
        while q < limit {
            let b = p[q]
            let prev = p[q - 1]
            if prev == ASCII.space || prev == ASCII.tab || prev == ASCII.lineFeed || prev == ASCII.carriageReturn {
                var k = q
                var matched = false
                if isLetter {
                    if Int(b) == value { k += 1; matched = true }
                } else if ASCII.isDigit(b) {
                    var v = 0
                    while k < limit && ASCII.isDigit(p[k]) && k - q < 4 { v = v * 10 + Int(p[k] - 0x30); k += 1 }
                    matched = v == value
                }
                if matched && k + styleLength < limit {
                    var same = true
                    for s in 0..<styleLength where p[k + s] != p[styleStart + s] { same = false }
                    if same && UTF8Scalars.whitespaceWidth(p, at: k + styleLength, end: end) > 0 {
                        return q
                    }
                }
            }
            q += 1
        }
        return Int.max
    }

    // MARK: Boundary decisions

    private struct Decision {
        /// Where the sentence ends (exclusive), or nil for no boundary here.
        var boundary: Int?
        /// Where to continue scanning when there is no boundary.
        var resume: Int
    }

    /// What follows a candidate boundary.
    private struct NextWord {
        /// Index of the first non-space byte.
        var start: Int
        /// Index of the first byte after opening quotes and brackets.
        var wordStart: Int
        var letterCase: _LetterCase
    }

    private func decide(at i: Int, sentenceStart: Int, end: Int) -> Decision {
        let b = p[i]
        if b == ASCII.period {
            if i + 2 < end && p[i + 1] == ASCII.space && p[i + 2] == ASCII.period {
                return decideSpacedEllipsis(at: i, end: end)
            }
            var j = i
            while j < end && p[j] == ASCII.period { j += 1 }
            let dots = j - i
            var (clusterEnd, hasQuestion, hasStrong) = scanCluster(from: j, end: end)
            _ = hasStrong
            if dots >= 2 {
                return decideEllipsis(at: i, clusterEnd: clusterEnd, end: end)
            }
            if hasQuestion {
                return decideExclamation(at: i, clusterEnd: clusterEnd, end: end)
            }
            clusterEnd = extendFrenchQuote(clusterEnd, end: end)
            return decidePeriod(at: i, clusterEnd: clusterEnd, sentenceStart: sentenceStart, end: end)
        }
        if b == ASCII.exclamation || b == ASCII.question {
            let (clusterEnd, _, _) = scanCluster(from: i + 1, end: end)
            return decideExclamation(at: i, clusterEnd: extendFrenchQuote(clusterEnd, end: end), end: end)
        }
        // Non-ASCII lead byte.
        let (scalar, width) = UTF8Scalars.decode(p, at: i)
        if scalar == 0x2026 {  // …
            let (clusterEnd, _, _) = scanCluster(from: i + width, end: end)
            return decideEllipsis(at: i, clusterEnd: clusterEnd, end: end)
        }
        if scalar == 0xFF0E {  // ． fullwidth full stop: a decimal point between digits
            let after = i + width
            if after < end {
                let (s, _) = UTF8Scalars.decode(p, at: after)
                if (s >= 0xFF10 && s <= 0xFF19) || (s >= 0x30 && s <= 0x39) {
                    return Decision(boundary: nil, resume: after)
                }
            }
            let (clusterEnd, _, _) = scanCluster(from: after, end: end)
            return Decision(boundary: clusterEnd, resume: clusterEnd)
        }
        if _Scalar.isStrongTerminator(scalar) {
            let (clusterEnd, _, _) = scanCluster(from: i + width, end: end)
            // 「はい。」と言った: a quotation closed and followed by kana
            // (a quoting particle) is part of the larger sentence.
            if clusterEnd > i + width && clusterEnd < end {
                let (next, _) = UTF8Scalars.decode(p, at: clusterEnd)
                if next >= 0x3040 && next <= 0x309F { return Decision(boundary: nil, resume: clusterEnd) }
            }
            return Decision(boundary: clusterEnd, resume: clusterEnd)
        }
        if _Scalar.isBullet(scalar) {
            // An inline bullet after white space starts a new item.
            if i > sentenceStart && UTF8Scalars.whitespaceWidth(p, at: i - 1, end: end) > 0
                && skipWhitespace(from: sentenceStart, to: end) < i {
                return Decision(boundary: i, resume: i + width)
            }
        }
        return Decision(boundary: nil, resume: i + width)
    }

    /// Consumes further terminators and closing quotes/brackets after a
    /// terminator. Returns the end and whether `?`/`!` or a strong terminator was seen.
    @inline(__always)
    private func scanCluster(from start: Int, end: Int) -> (Int, Bool, Bool) {
        var j = start
        var question = false
        var strong = false
        while j < end {
            let c = p[j]
            if c < 0x80 {
                if c == ASCII.period { j += 1; continue }
                if c == ASCII.exclamation || c == ASCII.question { question = true; j += 1; continue }
                if c == ASCII.quote || c == ASCII.apostrophe || c == ASCII.rightParen
                    || c == ASCII.rightBracket || c == ASCII.rightBrace { j += 1; continue }
                // Reference marks after the terminator: "martyr.[1]", "large.[7][8]".
                if c == ASCII.leftBracket {
                    var k = j + 1
                    while k < end && ASCII.isDigit(p[k]) && k - j <= 3 { k += 1 }
                    if k > j + 1 && k < end && p[k] == ASCII.rightBracket { j = k + 1; continue }
                }
                break
            }
            let (s, w) = UTF8Scalars.decode(p, at: j)
            if s == 0x2026 { j += w; continue }
            if _Scalar.isStrongTerminator(s) { strong = true; j += w; continue }
            if s == 0xFF0E { strong = true; j += w; continue }
            // Chinese closes a quotation with ” and opens one with “: after 。！？ a “ begins the next sentence
            // (German closes with “, but never after a full-width stop).
            if s == 0x201C, j >= 3, Self.followsFullWidthStop(p, j) { break }
            if _Scalar.isCloser(s) { j += w; continue }
            break
        }
        return (j, question, strong)
    }

    /// Whether the three bytes before `j` are 。, ！ or ？ (E3 80 82, EF BC 81, EF BC 9F).
    @inline(__always)
    static func followsFullWidthStop(_ p: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
        let a = p[j - 3], b = p[j - 2], c = p[j - 1]
        return (a == 0xE3 && b == 0x80 && c == 0x82) || (a == 0xEF && b == 0xBC && (c == 0x81 || c == 0x9F))
    }

    /// French spacing puts a space before a closing guillemet: `« Non. »`.
    @inline(__always)
    private func extendFrenchQuote(_ clusterEnd: Int, end: Int) -> Int {
        var k = clusterEnd
        while k < end {
            let w = UTF8Scalars.whitespaceWidth(p, at: k, end: end)
            if w == 0 || p[k] == ASCII.lineFeed || p[k] == ASCII.carriageReturn { break }
            k += w
        }
        if k > clusterEnd && k + 1 < end && p[k] == 0xC2 && p[k + 1] == 0xBB {
            return k + 2
        }
        return clusterEnd
    }

    /// The word after white space at `from` (nil when the run ends first).
    private func nextWord(after from: Int, end: Int) -> NextWord? {
        let start = skipWhitespace(from: from, to: end)
        guard start < end else { return nil }
        var k = start
        while k < end {
            let c = p[k]
            if c < 0x80 {
                if c == ASCII.quote || c == ASCII.apostrophe || c == ASCII.leftParen || c == ASCII.leftBracket
                    || c == ASCII.leftBrace { k += 1; continue }
                let letterCase: _LetterCase =
                    ASCII.isLower(c) ? .lower : ASCII.isUpper(c) ? .upper : ASCII.isDigit(c) ? .digit : .other
                return NextWord(start: start, wordStart: k, letterCase: letterCase)
            }
            let (s, w) = UTF8Scalars.decode(p, at: k)
            if _Scalar.isOpener(s) { k += w; continue }
            return NextWord(start: start, wordStart: k, letterCase: _Scalar.letterCase(s))
        }
        return NextWord(start: start, wordStart: end, letterCase: .other)
    }

    /// `?` and `!` (and runs such as `?!`): a boundary unless a lowercase word
    /// follows (`Yahoo! in the accounting department`).
    private func decideExclamation(at i: Int, clusterEnd: Int, end: Int) -> Decision {
        if clusterEnd >= end { return Decision(boundary: end, resume: end) }
        if UTF8Scalars.whitespaceWidth(p, at: clusterEnd, end: end) == 0 {
            // "Hello!How are you" or CJK text right after the mark.
            let c = p[clusterEnd]
            if c < 0x80 {
                if clusterEnd + 1 < end && ASCII.isUpper(c) && ASCII.isLower(p[clusterEnd + 1])
                    && i > 0 && ASCII.isLower(p[i - 1]) && !isInsideLinkToken(around: i, end: end) {
                    return Decision(boundary: clusterEnd, resume: clusterEnd)
                }
                return Decision(boundary: nil, resume: clusterEnd)
            }
            let (s, _) = UTF8Scalars.decode(p, at: clusterEnd)
            if _Scalar.isCJK(s) { return Decision(boundary: clusterEnd, resume: clusterEnd) }
            return Decision(boundary: nil, resume: clusterEnd)
        }
        guard let next = nextWord(after: clusterEnd, end: end) else { return Decision(boundary: end, resume: end) }
        let noBoundary = Decision(boundary: nil, resume: clusterEnd)
        // A dash continues the sentence: "and -- voila! -- you have cake".
        if startsWithDash(next.start, end: end) { return noBoundary }
        // "firma? 13:28": a number right after the mark continues.
        if next.letterCase == .digit && next.wordStart == next.start { return noBoundary }
        if next.letterCase == .lower {
            // Quoted or bracketed speech followed by a lowercase word continues:
            // "'Go!' she said". So does '!' ("Yahoo! in the accounting
            // department", "Leave me alone! he yelled."); a bare '?' before a
            // lowercase word ends a sentence in informal text ("means? where did").
            if hasCloser(from: i, to: clusterEnd) { return noBoundary }
            var hasQuestion = false
            for k in i..<clusterEnd where p[k] == ASCII.question { hasQuestion = true }
            // A run of marks ("great place!!! it was worth it") ends a sentence of informal text,
            // and so does one '!' between lower-case words (``exclamationEndsSentence``).
            if !hasQuestion && clusterEnd - i < 2 && !exclamationEndsSentence(at: i, before: next, end: end) {
                return noBoundary
            }
        }
        return Decision(boundary: clusterEnd, resume: clusterEnd)
    }

    /// One `!` at `i` between lower-case words ends a sentence of informal text: "the staff was
    /// excellent! answered all my questions". Not after a capitalized word ("Yahoo! in the
    /// accounting department"), an interjection ("alas! either") or another exclamation ("thump!
    /// thump! down she came"), not before a pronoun that goes on with the speech ("Leave me alone!
    /// he yelled") or before the same word again.
    private func exclamationEndsSentence(at i: Int, before next: NextWord, end: Int) -> Bool {
        guard isEnglish, p[i] == ASCII.exclamation, next.wordStart == next.start else { return false }
        var before = i
        while before > 0, ASCII.isLower(p[before - 1]) { before -= 1 }
        guard i - before >= 2, before == 0 || p[before - 1] < 0x80 && !ASCII.isLetter(p[before - 1]) else { return false }
        // "thump! thump! down she came": the second of a chain of exclamations runs on too.
        if before >= 2, p[before - 1] == ASCII.space, p[before - 2] == ASCII.exclamation { return false }
        var after = next.wordStart
        while after < end, ASCII.isLower(p[after]) { after += 1 }
        guard after == end || p[after] < 0x80 && !ASCII.isLetter(p[after]) else { return false }
        let word = _Abbreviations.key(p, from: before, to: i)
        let nextWord = _Abbreviations.key(p, from: next.wordStart, to: after)
        if word != 0 && word == nextWord { return false }
        if _Abbreviations.interjections.value(for: word) != nil { return false }
        return _Abbreviations.speechPronouns.value(for: nextWord) == nil
    }

    /// Whether `[from, to)` (a terminator cluster) holds a closing quote or bracket.
    @inline(__always)
    private func hasCloser(from: Int, to: Int) -> Bool {
        var k = from
        while k < to {
            let c = p[k]
            if c != ASCII.period && c != ASCII.exclamation && c != ASCII.question {
                if c < 0x80 { return true }
                let (s, w) = UTF8Scalars.decode(p, at: k)
                if _Scalar.isCloser(s) { return true }
                k += w
                continue
            }
            k += 1
        }
        return false
    }

    /// `--`, `—` or `–` at `k`.
    @inline(__always)
    private func startsWithDash(_ k: Int, end: Int) -> Bool {
        if p[k] == ASCII.hyphen { return k + 1 < end && p[k + 1] == ASCII.hyphen }
        if p[k] == 0xE2 && k + 2 < end && p[k + 1] == 0x80 { return p[k + 2] == 0x93 || p[k + 2] == 0x94 }
        return false
    }

    /// `..`, `...`, `....`, `…`: a boundary only before a capitalized word, and
    /// never inside brackets (`[...]`).
    private func decideEllipsis(at i: Int, clusterEnd: Int, end: Int) -> Decision {
        if clusterEnd >= end { return Decision(boundary: end, resume: end) }
        if i > 0 && (p[i - 1] == ASCII.leftBracket || p[i - 1] == ASCII.leftParen) {
            return Decision(boundary: nil, resume: clusterEnd)
        }
        guard UTF8Scalars.whitespaceWidth(p, at: clusterEnd, end: end) > 0 else {
            return Decision(boundary: nil, resume: clusterEnd)
        }
        guard let next = nextWord(after: clusterEnd, end: end) else { return Decision(boundary: end, resume: end) }
        if next.letterCase == .upper { return Decision(boundary: clusterEnd, resume: clusterEnd) }
        return Decision(boundary: nil, resume: clusterEnd)
    }

    /// `. . .` style ellipses. Three spaced dots are an omission inside a
    /// sentence; four (`. . . .`) end one before a capitalized word; a word's
    /// own period followed by spaced dots (`compounds. . . . The`) ends the
    /// sentence after that period when a capitalized word follows.
    private func decideSpacedEllipsis(at i: Int, end: Int) -> Decision {
        var dots = 1
        var k = i + 1
        while k + 1 < end && p[k] == ASCII.space && p[k + 1] == ASCII.period {
            dots += 1
            k += 2
        }
        let (clusterEnd, _, _) = scanCluster(from: k, end: end)
        let attached = i > 0 && UTF8Scalars.whitespaceWidth(p, at: i - 1, end: end) == 0
        var capitalFollows = false
        if clusterEnd < end, UTF8Scalars.whitespaceWidth(p, at: clusterEnd, end: end) > 0,
           let next = nextWord(after: clusterEnd, end: end) {
            capitalFollows = next.letterCase == .upper
        }
        if attached && dots >= 4 && capitalFollows {
            return Decision(boundary: i + 1, resume: i + 1)
        }
        if !attached && dots >= 4 && capitalFollows {
            return Decision(boundary: clusterEnd, resume: clusterEnd)
        }
        if clusterEnd >= end { return Decision(boundary: end, resume: end) }
        return Decision(boundary: nil, resume: clusterEnd)
    }

    /// A single period (possibly followed by closing quotes/brackets).
    private func decidePeriod(at i: Int, clusterEnd: Int, sentenceStart: Int, end: Int) -> Decision {
        let noBoundary = Decision(boundary: nil, resume: clusterEnd)
        let boundary = Decision(boundary: clusterEnd, resume: clusterEnd)
        if clusterEnd >= end { return Decision(boundary: end, resume: end) }

        // The word before the period: letters, digits and inner periods.
        let wordStart = wordStartBefore(i, limit: max(sentenceStart, i - 64))

        if UTF8Scalars.whitespaceWidth(p, at: clusterEnd, end: end) == 0 {
            // No space after the period: inside a number, URL, e-mail address,
            // file name or initialism, except for "world.Today" / "1,000.That".
            guard clusterEnd == i + 1, clusterEnd + 1 < end else { return noBoundary }
            let c = p[clusterEnd]
            if ASCII.isDigit(c) {
                // "World No.1 Novak Djokovic": a number glued to "No." or "Vol." is not a footnote mark.
                let lastSegment = lastSegmentStart(wordStart, i)
                if let raw = abbreviations.value(for: _Abbreviations.key(p, from: lastSegment, to: i)),
                   _AbbreviationClass(rawValue: raw) == .beforeNumber { return noBoundary }
                if let cut = footnoteEnd(after: clusterEnd, period: i, end: end) {
                    return Decision(boundary: cut, resume: cut)
                }
                return noBoundary
            }
            guard ASCII.isUpper(c), ASCII.isLower(p[clusterEnd + 1]), i > 0,
                  ASCII.isLower(p[i - 1]) || ASCII.isDigit(p[i - 1]) else { return noBoundary }
            if isInsideLinkToken(around: i, end: end) { return noBoundary }
            // "Newsfeeds.Com", "Animals R Us.Net": a host name's top-level domain.
            if clusterEnd + 3 <= end, (clusterEnd + 3 == end || !ASCII.isLetter(p[clusterEnd + 3])) {
                let tld = (UInt32(p[clusterEnd] | 0x20) << 16) | (UInt32(p[clusterEnd + 1] | 0x20) << 8) | UInt32(p[clusterEnd + 2] | 0x20)
                if tld == 0x636F6D || tld == 0x6E6574 || tld == 0x6F7267 { return noBoundary }   // com net org
            }
            // "Tuesday.Mr." ends "Tuesday."; but "Mr.Smith" or "U.S.The" do not.
            let lastSegment = lastSegmentStart(wordStart, i)
            if i - lastSegment < 2 || abbreviations.value(for: _Abbreviations.key(p, from: lastSegment, to: i)) != nil {
                return noBoundary
            }
            return boundary
        }

        guard let next = nextWord(after: clusterEnd, end: end) else { return Decision(boundary: end, resume: end) }
        // After a closing quote or bracket, a lowercase word continues the
        // sentence: "'This is great.' she said". (Without one, the word before
        // the period decides below: "co. at noon" continues, "interested. jill" ends.)
        // "… from 38 hours to 26. (port.example) The union …": a source citation after the
        // period belongs to this sentence; the word after the citation decides.
        if p[next.start] == ASCII.leftParen, let afterCitations = citationRunEnd(from: next.start, end: end) {
            guard let following = nextWord(after: afterCitations, end: end) else { return boundary }
            if following.letterCase == .upper || following.letterCase == .digit { return boundary }
        }
        if next.letterCase == .lower && clusterEnd > i + 1 { return noBoundary }
        if wordStart >= i { return boundary }  // "story ." or ")."

        let startsWithParen = p[next.start] == ASCII.leftParen
        let nextIsDigit = next.letterCase == .digit && next.wordStart == next.start

        // Whole token with inner periods first ("e.g", "U.S", "a.m", "z.B").
        var hasInnerPeriod = false
        var allShortSegments = true
        var segmentLength = 0
        var letters = 0
        var digits = 0
        var k = wordStart
        while k < i {
            let c = p[k]
            if c == ASCII.period {
                hasInnerPeriod = true
                if segmentLength == 0 || segmentLength > 2 { allShortSegments = false }
                segmentLength = 0
            } else {
                if c < 0x80 {
                    if ASCII.isDigit(c) { digits += 1 } else { letters += 1 }
                } else if (c & 0xC0) != 0x80 {
                    letters += 1
                }
                if (c & 0xC0) != 0x80 { segmentLength += 1 }
            }
            k += 1
        }
        if segmentLength == 0 || segmentLength > 2 { allShortSegments = false }

        if hasInnerPeriod, next.letterCase == .upper, isTimeZone(next, end: end) {
            // "at 5 p.m. ET gave": a time zone after a clock time continues the sentence.
            let token = _Abbreviations.key(p, from: wordStart, to: i)
            if token == _Abbreviations.key("a.m") || token == _Abbreviations.key("p.m") { return noBoundary }
        }
        if hasInnerPeriod {
            if let cls = abbreviations.value(for: _Abbreviations.key(p, from: wordStart, to: i)) {
                return decideAbbreviation(cls, next: next, startsWithParen: startsWithParen,
                                          nextIsDigit: nextIsDigit) ? boundary : noBoundary
            }
            if allShortSegments && digits == 0 {
                // An initialism such as U.S. or Ph.D.
                if nextIsDigit || startsWithParen { return noBoundary }
                return isSentenceStarter(next, end: end) ? boundary : noBoundary
            }
        }
        if letters == 0 {
            // A number: "$100.00. It" ends; German "am 12. Juni" does not.
            if isGerman && !hasInnerPeriod && i - wordStart <= 2 && next.letterCase == .upper
                && isGermanOrdinalNoun(next, end: end) {
                return noBoundary
            }
            // "for 1. above": a one- or two-digit reference before a lowercase word.
            if !hasInnerPeriod && i - wordStart <= 2 && next.letterCase == .lower { return noBoundary }
            return boundary
        }
        let segment = lastSegmentStart(wordStart, i)
        if let cls = abbreviations.value(for: _Abbreviations.key(p, from: segment, to: i)) {
            return decideAbbreviation(cls, next: next, startsWithParen: startsWithParen,
                                      nextIsDigit: nextIsDigit) ? boundary : noBoundary
        }
        if i - segment == 1 {
            let c = p[segment]
            if ASCII.isUpper(c) {
                // "I." after a lowercase word is the pronoun: "you and I. Did you…".
                if c == 0x49 && previousWordIsLowercase(before: segment, limit: sentenceStart) {
                    return next.letterCase == .lower ? noBoundary : boundary
                }
                // A one-letter sentence is not one: "Q. What is his name? A. His name…".
                if segment == wordStart && skipWhitespace(from: sentenceStart, to: i) == segment {
                    return noBoundary
                }
                // An initial: "Jennifer M. Anderson", "J. R. R. Tolkien".
                if nextIsDigit || startsWithParen { return noBoundary }
                return isSentenceStarter(next, end: end) ? boundary : noBoundary
            }
            if ASCII.isLower(c) {
                // "somewhere like tony's. someplace cheap": the "s" of a possessive or a
                // contraction is a word's end, not an abbreviation.
                if segment == wordStart, isEnglish, segment >= 1, p[segment - 1] == ASCII.apostrophe
                    || (segment >= 3 && p[segment - 3] == 0xE2 && p[segment - 2] == 0x80 && p[segment - 1] == 0x99) {
                    return boundary
                }
                // "p. 55", "vitamin c. The": a boundary only before a capital.
                return next.letterCase == .upper ? boundary : noBoundary
            }
        }
        return boundary
    }

    /// Footnote numbers right after a sentence's period: "a consultation.11 12
    /// Take the example", "(type 2).10 This model". The period must follow a
    /// letter or ')' (so "3.14" is untouched) and a capitalized word must
    /// follow the numbers. Returns the end of the last number.
    private func footnoteEnd(after start: Int, period: Int, end: Int) -> Int? {
        guard period > 0, ASCII.isLetter(p[period - 1]) || p[period - 1] == ASCII.rightParen else { return nil }
        var k = start
        var groups = 0
        while groups < 4 {
            let groupStart = k
            while k < end && ASCII.isDigit(p[k]) && k - groupStart < 4 { k += 1 }
            let length = k - groupStart
            guard length >= 1 && length <= 3 else { return nil }
            groups += 1
            guard k < end, p[k] == ASCII.space else { return nil }
            let lastDigitEnd = k
            let after = skipWhitespace(from: k, to: end)
            guard after < end else { return nil }
            if ASCII.isDigit(p[after]) { k = after; continue }
            if let next = nextWord(after: lastDigitEnd, end: end), next.letterCase == .upper {
                return lastDigitEnd
            }
            return nil
        }
        return nil
    }

    /// A footnote number set off by a space after a sentence's period, "… minority rights. 4 Even
    /// though …", "… (Figure 1.6). 5 At the other end …": where the number ends, when the period
    /// follows a letter or ')' and a common sentence opener follows the number of one or two
    /// digits. ("… in 2011. 10 Downing Street …" goes on: a name follows.)
    private func footnoteNumberEnd(at open: Int, boundary: Int, end: Int) -> Int? {
        guard ASCII.isDigit(p[open]), boundary >= 2, p[boundary - 1] == ASCII.period,
              ASCII.isLetter(p[boundary - 2]) || p[boundary - 2] == ASCII.rightParen else { return nil }
        var k = open
        while k < end, ASCII.isDigit(p[k]), k - open < 3 { k += 1 }
        guard k - open <= 2, k + 1 < end, p[k] == ASCII.space,
              let next = nextWord(after: k, end: end), next.wordStart == next.start,
              isSentenceStarter(next, end: end) else { return nil }
        return k
    }

    /// Whether an abbreviation of class `cls` ends the sentence before `next`.
    private func decideAbbreviation(_ raw: UInt8, next: NextWord, startsWithParen: Bool, nextIsDigit: Bool) -> Bool {
        switch _AbbreviationClass(rawValue: raw) ?? .general {
        case .title, .neverEnds:
            return false
        case .beforeNumber:
            if nextIsDigit || (next.letterCase == .digit) { return false }
            return next.letterCase == .upper
        case .general:
            if nextIsDigit || startsWithParen { return false }
            return next.letterCase == .upper || next.letterCase == .uncased
        }
    }

    /// The start of the run of letters, digits, marks and inner periods ending at `i`.
    private func wordStartBefore(_ i: Int, limit: Int) -> Int {
        var k = i
        while k > limit {
            let c = p[k - 1]
            if c < 0x80 {
                if ASCII.isAlnum(c) || (c == ASCII.period && k - 1 > limit && ASCII.isAlnum(p[k - 2])) {
                    k -= 1
                    continue
                }
                // "c.-à-d": a hyphen between a period and a letter.
                if c == ASCII.hyphen && k - 1 > limit && p[k - 2] == ASCII.period { k -= 1; continue }
                break
            }
            // Step back to the lead byte of this scalar.
            var lead = k - 1
            while lead > limit && (p[lead] & 0xC0) == 0x80 && k - lead < 4 { lead -= 1 }
            let (s, _) = UTF8Scalars.decode(p, at: lead)
            if _Scalar.isWordScalar(s) { k = lead; continue }
            break
        }
        return k
    }

    /// The start of the last period-separated segment of `[wordStart, i)`.
    @inline(__always)
    private func lastSegmentStart(_ wordStart: Int, _ i: Int) -> Int {
        var k = i
        while k > wordStart && p[k - 1] != ASCII.period { k -= 1 }
        return k
    }

    private func previousWordIsLowercase(before position: Int, limit: Int) -> Bool {
        var k = position
        while k > limit && UTF8Scalars.whitespaceWidth(p, at: k - 1, end: n) > 0 { k -= 1 }
        if k == position || k <= limit { return false }
        // Skip commas and similar.
        while k > limit && !ASCII.isAlnum(p[k - 1]) && p[k - 1] < 0x80
            && UTF8Scalars.whitespaceWidth(p, at: k - 1, end: n) == 0 { k -= 1 }
        var s = k
        while s > limit && ASCII.isLetter(p[s - 1]) { s -= 1 }
        return s < k && ASCII.isLower(p[s])
    }

    /// Whether the word at `next` is a common sentence opener (`The`, `How`, `He` …).
    /// Whether `next` is a time-zone abbreviation standing alone (`ET`, `GMT`).
    private func isTimeZone(_ next: NextWord, end: Int) -> Bool {
        var k = next.wordStart
        while k < end && ASCII.isUpper(p[k]) { k += 1 }
        let length = k - next.wordStart
        guard length >= 2 && length <= 4, k == end || !ASCII.isLetter(p[k]) else { return false }
        return _Abbreviations.timeZones.value(for: _Abbreviations.key(p, from: next.wordStart, to: k)) != nil
    }

    private func isSentenceStarter(_ next: NextWord, end: Int) -> Bool {
        guard next.letterCase == .upper else { return false }
        var k = next.wordStart
        while k < end && ASCII.isLetter(p[k]) { k += 1 }
        if k == next.wordStart { return false }
        // A single letter followed by a period is another initial ("J. A. Smith").
        if k - next.wordStart == 1 && k < end && p[k] == ASCII.period { return false }
        return _Abbreviations.sentenceStarters.value(for: _Abbreviations.key(p, from: next.wordStart, to: k)) != nil
    }

    private func isGermanOrdinalNoun(_ next: NextWord, end: Int) -> Bool {
        var k = next.wordStart
        while k < end && (ASCII.isLetter(p[k]) || p[k] >= 0x80) && UTF8Scalars.whitespaceWidth(p, at: k, end: end) == 0 {
            k += 1
        }
        let key = _Abbreviations.prefixKey(p, from: next.wordStart, to: k)
        return _Abbreviations.germanOrdinalNouns.value(for: key) != nil
    }

    /// Whether the non-space token around `i` looks like a URL, e-mail address or path.
    private func isInsideLinkToken(around i: Int, end: Int) -> Bool {
        var k = i
        let low = max(0, i - 256)
        while k > low && p[k - 1] > ASCII.space {
            let c = p[k - 1]
            if c == ASCII.at || c == ASCII.slash || c == ASCII.colon { return true }
            k -= 1
        }
        if k + 4 <= i && (p[k] | 0x20) == 0x77 && (p[k + 1] | 0x20) == 0x77 && (p[k + 2] | 0x20) == 0x77
            && p[k + 3] == ASCII.period { return true }
        var j = i + 1
        let high = min(end, i + 256)
        while j < high && p[j] > ASCII.space {
            let c = p[j]
            if c == ASCII.at || c == ASCII.slash { return true }
            j += 1
        }
        return false
    }

    /// The end of one or more host-name citations such as `(blogs.microsoft.com)`
    /// or `(example.org 2)` starting at `open`, or nil when none starts there.
    private func citationRunEnd(from open: Int, end: Int) -> Int? {
        var k = open
        var last: Int? = nil
        while k < end, p[k] == ASCII.leftParen {
            var close = k + 1
            while close < end, close - k < 100, p[close] != ASCII.rightParen, p[close] != ASCII.leftParen { close += 1 }
            guard close < end, p[close] == ASCII.rightParen, BulletFilter.isCitation(p, k + 1, close) else { break }
            last = close + 1
            k = skipWhitespace(from: close + 1, to: end)
        }
        return last
    }

    /// After a boundary, keeps short parenthesized source citations with the
    /// sentence before them: `… on Azure. (blogs.microsoft.com) Microsoft said`.
    /// Several in a row are all kept: `(a.com 1) (a.com 2)`.
    private func attachCitations(after boundary: Int, end: Int) -> Int {
        var cut = boundary
        while true {
            let open = skipWhitespace(from: cut, to: end)
            guard open < end else { return cut }
            // "… in 1805. [6] An undistinguished …": a reference mark, or an emoticon after the
            // terminator ("Loved it! :)"), belongs to the sentence before it.
            if let after = SentenceTrailers.referenceEnd(p, open, end) ?? SentenceTrailers.emoticonEnd(p, open, end) {
                cut = after
                continue
            }
            if cut == boundary, let after = footnoteNumberEnd(at: open, boundary: boundary, end: end) { return after }
            guard p[open] == ASCII.leftParen else { return cut }
            var k = open + 1
            let limit = min(end, open + 100)
            var close = -1
            while k < limit {
                let c = p[k]
                if c == ASCII.rightParen { close = k; break }
                if c == ASCII.leftParen || c == ASCII.lineFeed || c == ASCII.carriageReturn { return cut }
                if (c == ASCII.period || c == ASCII.exclamation || c == ASCII.question)
                    && k + 1 < limit && (p[k + 1] == ASCII.space || p[k + 1] == ASCII.rightParen) {
                    return cut  // a sentence in parentheses, not a citation
                }
                k += 1
            }
            guard close > open + 1, !isMarkerLike(open + 1, close) else { return cut }
            // "(credit: …)" or "(Official photo by …)" after a sentence is a caption of its own;
            // a host name "(blogs.example.com)" or a lower-case aside "(laughs)" stays.
            if ASCII.isUpper(p[open + 1]) && !BulletFilter.isCitation(p, open + 1, close) { return cut }
            let after = close + 1
            // The citation must be followed by white space or the end of the block.
            if after < end && UTF8Scalars.whitespaceWidth(p, at: after, end: end) == 0 { return cut }
            cut = after
        }
    }

    // MARK: White space and output

    @inline(__always)
    private func skipWhitespace(from start: Int, to end: Int) -> Int {
        var k = start
        while k < end {
            let w = UTF8Scalars.whitespaceWidth(p, at: k, end: end)
            if w == 0 { break }
            k += w
        }
        return k
    }

    /// `end` moved back over trailing white space, not below `start`.
    @inline(__always)
    private func trimEnd(_ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start {
            let b = p[e - 1]
            if b < 0x80 {
                if b == ASCII.space || (b >= 0x09 && b <= 0x0D) || b == 0 { e -= 1; continue }
                return e
            }
            var lead = e - 1
            while lead > start && (p[lead] & 0xC0) == 0x80 && e - lead < 4 { lead -= 1 }
            let w = UTF8Scalars.whitespaceWidth(p, at: lead, end: e)
            if w > 0 && lead + w == e { e = lead; continue }
            return e
        }
        return e
    }

    private mutating func emit(_ start: Int, _ end: Int, paragraph: Int, kind: SentenceSpan.Kind, mayHoldLink: Bool = true) {
        var s = skipWhitespace(from: start, to: end)
        let e = trimEnd(s, end)
        // Greetings, closings, separator lines and e-mail header time stamps stand alone even
        // where the line breaks around them are gone: "Regards, Debra Perlingiere" is two sentences.
        let index = max(paragraph, 0)
        while s < e, let cut = UnmarkedBoundaries.firstCut(p, s, e, paragraphStart: spans.last?.paragraphIndex != index,
                                                            mayHoldLink: mayHoldLink, english: isEnglish) {
            spans.append(SentenceSpan(utf8Range: s..<trimEnd(s, cut), paragraphIndex: index, kind: kind))
            s = skipWhitespace(from: cut, to: e)
        }
        if s < e {
            // A piece that runs over several lines and does not end like a sentence is lines without
            // sentence punctuation (a transcript, a list, a man page): each line stands alone.
            if kind != .heading, !Self.endsLikeSentence(p, s, e) {
                var lineStart = s
                var k = s
                while k < e {
                    if p[k] == ASCII.lineFeed {
                        let lineEnd = trimEnd(lineStart, k)
                        if lineStart < lineEnd { spans.append(SentenceSpan(utf8Range: lineStart..<lineEnd, paragraphIndex: index, kind: kind)) }
                        lineStart = skipWhitespace(from: k + 1, to: e)
                        k = lineStart
                        continue
                    }
                    k += 1
                }
                s = lineStart
            }
            if s < e { spans.append(SentenceSpan(utf8Range: s..<e, paragraphIndex: index, kind: kind)) }
        }
    }

    /// Whether `p[s..<e]` (trimmed) ends with sentence punctuation (. ! ? … 。 ！ ？), possibly
    /// followed by closing quotes and brackets; a single-line piece always counts as a sentence.
    static func endsLikeSentence(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var k = e
        // Closing quotes and brackets: " ' ) ] and ” ’ » (UTF-8).
        while k > s {
            let b = p[k - 1]
            if b == ASCII.quote || b == ASCII.apostrophe || b == ASCII.rightParen || b == ASCII.rightBracket || b == 0x2A { k -= 1; continue }
            if k - 3 >= s, p[k - 3] == 0xE2, p[k - 2] == 0x80, p[k - 1] == 0x9D || p[k - 1] == 0x99 { k -= 3; continue }
            if k - 2 >= s, p[k - 2] == 0xC2, p[k - 1] == 0xBB { k -= 2; continue }
            break
        }
        guard k > s else { return true }
        let b = p[k - 1]
        if b == ASCII.period || b == ASCII.exclamation || b == ASCII.question { return true }
        if k - 3 >= s, p[k - 3] == 0xE2, p[k - 2] == 0x80, p[k - 1] == 0xA6 { return true }          // …
        if k - 3 >= s, p[k - 3] == 0xE3, p[k - 2] == 0x80, p[k - 1] == 0x82 { return true }          // 。
        if k - 3 >= s, p[k - 3] == 0xEF, p[k - 2] == 0xBC, p[k - 1] == 0x81 || p[k - 1] == 0x9F { return true }  // ！ ？
        // No line break inside: one line, nothing to split.
        var i = s
        while i < e { if p[i] == ASCII.lineFeed { return false }; i += 1 }
        return true
    }
}


/// What may trail a sentence's terminator and still belong to it.
enum SentenceTrailers {
    /// `[6]`, `[1 - 3]`, `[12, 14]`, `[…]`, `[...]` at `i`, followed by white space or `end`:
    /// where it ends, else nil.
    static func referenceEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        guard p[i] == 0x5B else { return nil }   // [
        var k = i + 1
        var marks = 0
        while k < end, k - i <= 24 {
            let b = p[k]
            if b == 0x5D { break }   // ]
            if b &- 0x30 < 10 || b == 0x2E { marks += 1; k += 1; continue }   // digits, "..."
            if b == 0x20 || b == 0x2C || b == 0x2D { k += 1; continue }       // "1 - 3", "12, 14"
            // – (en dash, E2 80 93) and … (E2 80 A6)
            if b == 0xE2, k + 2 < end, p[k + 1] == 0x80, p[k + 2] == 0x93 || p[k + 2] == 0xA6 {
                if p[k + 2] == 0xA6 { marks += 1 }
                k += 3
                continue
            }
            return nil
        }
        guard k < end, p[k] == 0x5D, marks > 0 else { return nil }
        let after = k + 1
        guard after == end || UTF8Scalars.whitespaceWidth(p, at: after, end: end) > 0 else { return nil }
        return after
    }

    /// `:)`, `:-)`, `:(`, `:D`, `:P`, `;)` and the like at `i`, followed by white space or `end`.
    static func emoticonEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        guard p[i] == 0x3A || p[i] == 0x3B else { return nil }   // : or ;
        var k = i + 1
        if k < end, p[k] == 0x2D { k += 1 }   // a nose
        guard k < end else { return nil }
        switch p[k] {
        case 0x29, 0x28, 0x44, 0x50, 0x70, 0x7C, 0x2F: k += 1   // ) ( D P p | /
        default: return nil
        }
        guard k == end || UTF8Scalars.whitespaceWidth(p, at: k, end: end) > 0 else { return nil }
        return k
    }
}

extension SentenceSegmenter {
    /// Whether `scalar` is a closing quotation mark or bracket that stays with a sentence after its terminator
    /// (`”`, `）`, `」` ...).
    static func isClosingMark(_ scalar: UInt32) -> Bool { _Scalar.isCloser(scalar) }
}
