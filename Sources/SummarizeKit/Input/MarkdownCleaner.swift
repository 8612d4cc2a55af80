import Foundation
/// Markdown that is not part of the article's sentences: fenced code
/// blocks, images and link syntax.
///
/// The ``SentenceSegmenter`` already marks headings and list items; this
/// pass, run on its output by the ``Summarizer``, handles the rest:
/// - Fenced code blocks (```` ``` ```` or `~~~` fences, up to three spaces
///   of indent, closed by a fence of the same character at least as long)
///   are not sentences: their bytes are cut out of every span. A fence that
///   is never closed removes only its own line, so a stray fence cannot hide
///   the rest of an article.
/// - A span with nothing readable left once images `![alt](url)` and HTML
///   tags are taken out (an image line, `<div align="center">`) is not a
///   sentence either.
/// - Lines that are only markup are cut out of every span: reStructuredText
///   and Markdown section adornments (`=====`, `-----`, `~~~~` under or over
///   a title, `* * *`), and table rows and borders (`| a | b |`,
///   `+----+----+`, `=====  =====`).
/// - Links `[text](url)` are shown as their text in a bullet
///   (``displayText(_:in:)``), images are left out of it, and a sentence
///   with no word outside link syntax (a navigation line such as
///   `[Home](/) · [News](/news)`) is not eligible as a bullet.
/// - reStructuredText inline markup is shown as its text: `` `text`_ ``,
///   `` `text <url>`_ `` and `Name_` references, ``` ``literals`` ```,
///   `` :role:`text` ``.
///
/// ```swift
/// let spans = MarkdownCleaner.sentences(SentenceSegmenter().segment(document), in: document)
/// MarkdownCleaner.displayText(spans[0].utf8Range, in: document)
/// ```
///
/// A bullet's `utf8Range` still covers the sentence as written, link syntax
/// included; only its `text` reads as the link text.
///
/// - Complexity: O(n) in the document's bytes; documents without `` ` ``,
///   `~`, `!`, `<` or `[` are passed through untouched.
public enum MarkdownCleaner {
    /// `spans` without fenced code and markup-only spans, in the same order.
    public static func sentences(_ spans: [SentenceSpan], in document: Document) -> [SentenceSpan] {
        document.withUTF8 { bytes in
            let fences = merged(fencedRegions(bytes), markupLines(bytes))
            let hasTag = containsByte(bytes, 0x3C)   // '<'
            if fences.isEmpty && !hasTag && !containsByte(bytes, 0x21) { return spans }   // '!'
            // Only a tag or an image ("![") can make a span nothing but markup; an exclamation mark alone cannot.
            let mayHoldMarkup = hasTag || containsImage(bytes)
            var result: [SentenceSpan] = []
            result.reserveCapacity(spans.count)
            var f = 0
            for span in spans {
                var start = span.utf8Range.lowerBound
                let end = span.utf8Range.upperBound
                while f < fences.count, fences[f].upperBound <= start { f += 1 }
                var g = f
                // Cut the fenced regions out of the span; keep what is left on either side.
                while start < end {
                    let pieceEnd = g < fences.count ? min(end, fences[g].lowerBound) : end
                    if start < pieceEnd { keep(span, start..<pieceEnd, bytes, markup: mayHoldMarkup, into: &result) }
                    guard g < fences.count, fences[g].lowerBound < end else { break }
                    start = max(start, fences[g].upperBound)
                    g += 1
                }
            }
            return result
        }
    }

    /// Keeps `range` of `span`, its surrounding whitespace trimmed, unless it is only markup; `markup` is false
    /// when the document holds no tag and no image, so that no span needs the byte scan.
    private static func keep(_ span: SentenceSpan, _ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>,
                             markup mayHoldMarkup: Bool, into result: inout [SentenceSpan]) {
        var s = range.lowerBound, e = range.upperBound
        while s < e, case let w = UTF8Scalars.whitespaceWidth(bytes, at: s, end: e), w > 0 { s += w }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x0A || bytes[e - 1] == 0x0D || bytes[e - 1] == 0x09
                || bytes[e - 1] == 0 { e -= 1 }
        guard s < e else { return }
        // Only a span that holds an image or a tag can be nothing but markup.
        var markup = false
        if mayHoldMarkup { for i in s..<e where bytes[i] == 0x3C || (bytes[i] == 0x21 && i + 1 < e && bytes[i + 1] == 0x5B) { markup = true; break } }
        if markup, !hasReadableText(bytes, s..<e) { return }
        var piece = span
        piece.utf8Range = s..<e
        result.append(piece)
    }

    /// The text of a bullet: white space collapsed, `[text](url)` shown as
    /// `text`, images left out.
    public static func displayText(_ range: Range<Int>, in document: Document) -> String {
        let kept: [UInt8]? = document.withUTF8 { bytes in
            var hasBracket = false, hasReST = false
            // Most sentences hold none of `[`, `` ` `` and `_`: eight bytes at a time up to the first
            // word that does (a flagged word always holds one), then byte by byte.
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let word = ByteClass.word(bytes, at: i)
                if ByteClass.mayEqual(word, 0x5B) | ByteClass.mayEqual(word, 0x60) | ByteClass.mayEqual(word, 0x5F) != 0 { break }
                i += 8
            }
            while i < range.upperBound {
                let b = bytes[i]
                if b == 0x5B { hasBracket = true } else if b == 0x60 || b == 0x5F { hasReST = true }
                i += 1
            }
            guard hasBracket || hasReST else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(range.count)
            if hasBracket {
                forEachPiece(bytes, range, links: .text, tags: false) { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[$0])) }
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            }
            return hasReST ? out.withUnsafeBufferPointer { withoutReSTMarkup($0) } : out
        }
        guard let kept else { return document.collapsedString(in: range) }
        let cleaned = Document(unchecked: kept)
        return cleaned.collapsedString(in: 0..<cleaned.byteCount)
    }

    /// `text` with reStructuredText inline markup reduced to what it reads as:
    /// `` `text <url>`_ `` → `text`, `` `text`_ `` → `text`, `Name_` → `Name`,
    /// ``` ``code`` ``` → `code`, `` :role:`text` `` → `text`.
    static func withoutReSTMarkup(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        let n = p.count
        func isWord(_ b: UInt8) -> Bool { ByteClass.isAlphanumeric(b) || b >= 0x80 }
        var i = 0
        while i < n {
            let b = p[i]
            // :role:`text` — drop the role.
            if b == 0x3A, i + 1 < n, ByteClass.isAlphanumeric(p[i + 1]), i == 0 || !isWord(p[i - 1]) {
                var k = i + 1
                while k < n, ByteClass.isAlphanumeric(p[k]) || p[k] == 0x2D || p[k] == 0x3A && k + 1 < n && p[k + 1] != 0x60 { k += 1 }
                if k + 1 < n, p[k] == 0x3A, p[k + 1] == 0x60 { i = k + 1; continue }
            }
            if b == 0x60 {   // ` or ``
                let ticks = i + 1 < n && p[i + 1] == 0x60 ? 2 : 1
                var k = i + ticks
                var close = -1
                while k + ticks <= n {
                    if p[k] == 0x60, ticks == 1 || p[k + 1] == 0x60 { close = k; break }
                    k += 1
                }
                if close > i + ticks {
                    var textEnd = close
                    // `text <url>`_: the text before the angle brackets.
                    if ticks == 1, p[close - 1] == 0x3E, let open = (i + 1..<close).last(where: { p[$0] == 0x3C }) {
                        textEnd = open
                        while textEnd > i + 1, p[textEnd - 1] == 0x20 { textEnd -= 1 }
                        if textEnd == i + 1 { textEnd = close - 1; out.append(contentsOf: UnsafeBufferPointer(rebasing: p[(open + 1)..<textEnd])); i = close + 1; skipUnderscores(p, &i); continue }
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[(i + ticks)..<textEnd]))
                    i = close + ticks
                    skipUnderscores(p, &i)
                    continue
                }
            }
            // Name_ and Name__ at the end of a word without other underscores.
            if b == 0x5F, i > 0, isWord(p[i - 1]) {
                var k = i
                while k < n, p[k] == 0x5F { k += 1 }
                if k - i <= 2, k == n || !(isWord(p[k]) || p[k] == 0x5F) {
                    var w = i
                    while w > 0, isWord(p[w - 1]) { w -= 1 }
                    if w == 0 || p[w - 1] != 0x5F { i = k; continue }
                }
            }
            out.append(b)
            i += 1
        }
        return out
    }

    private static func skipUnderscores(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        var k = i
        while k < p.count, k - i < 2, p[k] == 0x5F { k += 1 }
        i = k
    }

    /// Whether the sentence in `range` has no word outside link and image
    /// syntax or HTML tags, so it cannot be a bullet.
    static func isOnlyMarkup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard ByteClass.contains(0x5B, or: 0x3C, in: bytes, range) else { return false }   // '[' or '<'
        var readable = false
        forEachPiece(bytes, range, links: .drop, tags: true) { piece in
            if !readable, containsWordByte(bytes, piece) { readable = true }
        }
        return !readable
    }

    static func hasReadableText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var readable = false
        forEachPiece(bytes, range, links: .text, tags: true) { piece in
            if !readable, containsWordByte(bytes, piece) { readable = true }
        }
        return readable
    }

    @inline(__always)
    private static func containsWordByte(_ bytes: UnsafeBufferPointer<UInt8>, _ piece: Range<Int>) -> Bool {
        var i = piece.lowerBound
        while i < piece.upperBound {
            let b = bytes[i]
            if b < 0x80 {
                if ByteClass.isAlphanumeric(b) { return true }
                i += 1
            } else {
                // Letters, marks and numbers of any script; not '·', '—' or emoji.
                let (scalar, width) = UTF8Scalars.decode(bytes, at: i)
                if WordClass.of(scalar) != .other { return true }
                i += max(width, 1)
            }
        }
        return false
    }

    enum LinkHandling { case text, drop }

    /// Calls `body` with the byte ranges of `range` that remain once images
    /// are removed, links are reduced to their text (or dropped), and, when
    /// `tags` is set, HTML tags are removed. Ranges are cut only at ASCII
    /// bytes, so each is valid UTF-8.
    static func forEachPiece(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, links: LinkHandling, tags: Bool,
                             _ body: (Range<Int>) -> Void) {
        var pieceStart = range.lowerBound
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = bytes[i]
            if b == 0x21, i + 1 < end, bytes[i + 1] == 0x5B, let link = parseLink(bytes, i + 1, end) {   // ![alt](url)
                if pieceStart < i { body(pieceStart..<i) }
                i = link.end
                pieceStart = i
                continue
            }
            if b == 0x5B, let link = parseLink(bytes, i, end) {   // [text](url)
                if pieceStart < i { body(pieceStart..<i) }
                if links == .text, !link.text.isEmpty {
                    // The link text may itself hold an image ([![badge](x)](y)): drop it there too.
                    forEachPiece(bytes, link.text, links: links, tags: tags, body)
                }
                i = link.end
                pieceStart = i
                continue
            }
            if tags, b == 0x3C, let tagEnd = htmlTagEnd(bytes, i, end) {
                if pieceStart < i { body(pieceStart..<i) }
                i = tagEnd
                pieceStart = i
                continue
            }
            i += 1
        }
        if pieceStart < end { body(pieceStart..<end) }
    }

    /// `[text](destination)` or `[text][label]` starting at `open` ('['):
    /// the text's range and the end of the whole link, or nil.
    static func parseLink(_ bytes: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int) -> (text: Range<Int>, end: Int)? {
        // The text: up to the matching ']' (nested brackets allowed, one line break at most).
        var depth = 0
        var i = open
        var close = -1
        while i < end, i - open < 1000 {
            let b = bytes[i]
            if b == 0x5C { i += 2; continue }        // backslash escape
            if b == 0x5B { depth += 1 }
            else if b == 0x5D { depth -= 1; if depth == 0 { close = i; break } }
            i += 1
        }
        guard close > open, close + 1 < end else { return nil }
        let text = (open + 1)..<close
        let after = bytes[close + 1]
        if after == 0x28 {   // '(' destination ')'
            var k = close + 2
            var parens = 0
            while k < end, k - close < 2048 {
                let b = bytes[k]
                if b == 0x0A || b == 0x0D { return nil }
                if b == 0x28 { parens += 1 } else if b == 0x29 { if parens == 0 { break }; parens -= 1 }
                k += 1
            }
            guard k < end, bytes[k] == 0x29, looksLikeDestination(bytes, (close + 2)..<k) else { return nil }
            return (text, k + 1)
        }
        if after == 0x5B {   // '[' label ']' (reference link)
            var k = close + 2
            while k < end, k - close < 256, bytes[k] != 0x5D, bytes[k] != 0x5B, bytes[k] != 0x0A { k += 1 }
            guard k < end, bytes[k] == 0x5D else { return nil }
            return (text, k + 1)
        }
        return nil
    }

    /// A link destination: a URL, a path or an anchor, optionally followed by a quoted title.
    static func looksLikeDestination(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var s = range.lowerBound
        while s < range.upperBound, bytes[s] == 0x20 { s += 1 }
        if s < range.upperBound, bytes[s] == 0x3C { s += 1 }   // <url>
        guard s < range.upperBound else { return false }
        var urlEnd = s
        while urlEnd < range.upperBound, bytes[urlEnd] != 0x20 { urlEnd += 1 }
        // Anything after the URL must be a quoted title.
        var t = urlEnd
        while t < range.upperBound, bytes[t] == 0x20 { t += 1 }
        if t < range.upperBound, bytes[t] != 0x22, bytes[t] != 0x27 { return false }
        let first = bytes[s]
        if first == 0x2F || first == 0x23 || first == 0x2E || first == 0x3F { return true }   // / # . ?
        // scheme: (http, https, mailto, ftp, ...) or www.
        var k = s
        while k < urlEnd, (bytes[k] | 0x20) &- 0x61 < 26 { k += 1 }
        if k > s, k < urlEnd, bytes[k] == 0x3A { return true }
        if urlEnd - s > 4, (bytes[s] | 0x20) == 0x77, (bytes[s + 1] | 0x20) == 0x77, (bytes[s + 2] | 0x20) == 0x77,
           bytes[s + 3] == 0x2E { return true }
        // A relative file name such as page.html or image.png.
        var dot = false
        for j in s..<urlEnd where bytes[j] == 0x2E { dot = true }
        return dot && urlEnd - s < 256
    }

    /// The end of an HTML tag starting at `open` ('<'): `<name ...>`, `</name>` or `<!-- -->`.
    static func htmlTagEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int) -> Int? {
        var k = open + 1
        guard k < end else { return nil }
        if bytes[k] == 0x2F { k += 1 }
        else if bytes[k] == 0x21 { k += 1 }
        guard k < end, (bytes[k] | 0x20) &- 0x61 < 26 || bytes[k] == 0x2D else { return nil }
        var quote: UInt8 = 0
        while k < end, k - open < 4096 {
            let b = bytes[k]
            if quote != 0 { if b == quote { quote = 0 } }
            else if b == 0x22 || b == 0x27 { quote = b }
            else if b == 0x3E { return k + 1 }
            else if b == 0x3C { return nil }
            k += 1
        }
        return nil
    }

    /// The byte ranges of fenced code blocks, fence lines included, in order.
    /// Whether `byte` occurs in `bytes` (memchr: most texts have no Markdown at all,
    /// and this check runs on every document).
    @inline(__always)
    static func containsByte(_ bytes: UnsafeBufferPointer<UInt8>, _ byte: UInt8) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    /// Whether `bytes` hold an image opener, "![".
    static func containsImage(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i < bytes.count, let hit = memchr(base + i, 0x21, bytes.count - i) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if at + 1 < bytes.count, bytes[at + 1] == 0x5B { return true }
            i = at + 1
        }
        return false
    }

    /// `a` and `b` (each sorted, non-overlapping) as one sorted list, overlapping ranges joined.
    static func merged(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        var all = (a + b).sorted { $0.lowerBound < $1.lowerBound }
        var result: [Range<Int>] = [all.removeFirst()]
        for range in all {
            if range.lowerBound <= result[result.count - 1].upperBound {
                let last = result.removeLast()
                result.append(last.lowerBound..<max(last.upperBound, range.upperBound))
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Lines that are only markup: section adornments (three or more of one of
    /// `= - ~ ^ " ' # * + : . _` and spaces, such as `=====` or `* * *`) and
    /// table rows (`| a | b |`) and borders (`+----+`, `|---|:--:|`, `===  ===`).
    /// A line of `~~~` or backticks is a code fence, handled by ``fencedRegions(_:)``.
    static func markupLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        let n = bytes.count
        var regions: [Range<Int>] = []
        // Without a carriage return anywhere, a line ends at the next line feed: found by memchr.
        let onlyLineFeeds = !containsByte(bytes, 0x0D)
        var i = 0
        while i < n {
            let lineStart = i
            var lineEnd = i
            if onlyLineFeeds {
                let base = UnsafeRawPointer(bytes.baseAddress!)
                lineEnd = memchr(base + i, 0x0A, n - i).map { base.distance(to: UnsafeRawPointer($0)) } ?? n
            } else {
                while lineEnd < n, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
            }
            var next = lineEnd
            if next < n { next += (bytes[next] == 0x0D && next + 1 < n && bytes[next + 1] == 0x0A) ? 2 : 1 }
            var s = lineStart, e = lineEnd
            while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
            while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
            if e - s >= 3 {
                let first = bytes[s]
                if first == 0x7C, bytes[e - 1] == 0x7C {
                    regions.append(lineStart..<lineEnd)   // | a | b |
                } else if Self.isAdornment(first) || first == 0x2B {
                    var same = true, border = true, count = 0
                    for k in s..<e {
                        let c = bytes[k]
                        if c == first { count += 1 } else if c != 0x20 { same = false }
                        if !(c == 0x2B || c == 0x2D || c == 0x3D || c == 0x7C || c == 0x3A || c == 0x20) { border = false }
                        if !same && !border { break }   // neither kind of line: a paragraph opening with a quote
                    }
                    let isAdornmentLine = same && count >= 3 && first != 0x7E && first != 0x60 && first != 0x2B
                    let isBorder = border && first == 0x2B && bytes[e - 1] == 0x2B
                    if isAdornmentLine || isBorder { regions.append(lineStart..<lineEnd) }
                }
            }
            i = next
        }
        return regions
    }

    @inline(__always)
    private static func isAdornment(_ b: UInt8) -> Bool {
        switch b {
        case 0x3D, 0x2D, 0x7E, 0x5E, 0x22, 0x27, 0x23, 0x2A, 0x2B, 0x3A, 0x2E, 0x5F: return true
        default: return false
        }
    }

    static func fencedRegions(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        let n = bytes.count
        guard containsByte(bytes, 0x60) || containsByte(bytes, 0x7E) else { return [] }
        var regions: [Range<Int>] = []
        var open: (start: Int, byte: UInt8, count: Int, lineEnd: Int)? = nil
        var i = 0
        while i < n {
            let lineStart = i
            var lineEnd = i
            while lineEnd < n, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
            var next = lineEnd
            if next < n { next += (bytes[next] == 0x0D && next + 1 < n && bytes[next + 1] == 0x0A) ? 2 : 1 }
            // Up to three spaces, then three or more ` or ~.
            var k = lineStart
            while k < lineEnd, k - lineStart < 3, bytes[k] == 0x20 { k += 1 }
            if k < lineEnd, bytes[k] == 0x60 || bytes[k] == 0x7E {
                let fenceByte = bytes[k]
                var count = 0
                while k < lineEnd, bytes[k] == fenceByte { count += 1; k += 1 }
                if count >= 3 {
                    if let o = open {
                        var rest = k
                        while rest < lineEnd, bytes[rest] == 0x20 || bytes[rest] == 0x09 { rest += 1 }
                        if fenceByte == o.byte, count >= o.count, rest == lineEnd {
                            regions.append(o.start..<lineEnd)
                            open = nil
                        }
                    } else {
                        // A backtick fence's info string may not contain a backtick.
                        var valid = true
                        if fenceByte == 0x60 { for j in k..<lineEnd where bytes[j] == 0x60 { valid = false } }
                        if valid { open = (lineStart, fenceByte, count, lineEnd) }
                    }
                }
            }
            i = next
        }
        if let o = open { regions.append(o.start..<o.lineEnd) }   // never closed: only the fence line
        return regions
    }
}
