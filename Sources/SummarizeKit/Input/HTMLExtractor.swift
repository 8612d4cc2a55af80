/// Extracts the readable text of an HTML page as a new ``Document``:
/// markup removed, entities decoded, blocks turned into paragraphs.
///
/// ```swift
/// let page = Document("<p>First sentence &amp; more.</p><nav>Home</nav>")
/// HTMLExtractor().extract(page).text   // "First sentence & more."
/// ```
///
/// What is kept and what is not:
/// - `script`, `style`, `head`, `title`, `nav`, `header`, `footer`, `aside`,
///   `form`, `noscript`, `svg`, `template`, `iframe`, `object`, `button`,
///   `select` and `textarea` are removed with everything inside them, as are
///   comments, `<!DOCTYPE>`, processing instructions and images.
/// - Block elements (`p`, `div`, `section`, `li`, `td`, `blockquote`, ...)
///   become paragraph breaks (a blank line); `<br>` becomes a line break.
/// - Headings `h1`–`h6` are written as Markdown `# ` lines and list items
///   `li` as `- ` lines, so the ``SentenceSegmenter`` treats them as it
///   treats Markdown: as headings and list items, not sentences of the
///   article.
/// - Character references are decoded: named (`&amp;` `&nbsp;` `&mdash;`
///   `&eacute;` and the other common ones), decimal (`&#8212;`) and hex
///   (`&#x2014;`). Numeric references to nothing (0, a surrogate, past
///   U+10FFFF) become U+FFFD. Unknown names are left as written.
/// - White space runs inside a block collapse to one space, except inside
///   `pre`, where line breaks are kept.
///
/// Offsets: every later `utf8Range` (``KeyPoint/utf8Range``,
/// ``SentenceSpan/utf8Range``, the JSON `utf8Range`) indexes the
/// **extracted text**, the returned document, not the original markup.
/// The markup is never shown to users, so a range into it would point at
/// nothing they can see.
///
/// The extractor never fails: any byte sequence that is valid UTF-8 gives
/// valid UTF-8 text (possibly empty). Unclosed or misnested tags are
/// tolerated the way a reader would expect: an element that is never closed
/// ends at the end of the input.
///
/// - Complexity: O(n) in the input's byte count.
public struct HTMLExtractor: Sendable, Hashable {
    public init() {}

    /// The text of `document`, which holds HTML.
    public func extract(_ document: Document) -> Document {
        Document(unchecked: document.withUTF8 { bytes in
            var scanner = _HTMLScanner(bytes)
            scanner.run()
            return scanner.finish()
        })
    }

    /// Whether `document` clearly is HTML: after white space and a
    /// byte-order mark it starts with `<!DOCTYPE html`, `<html`, `<head`,
    /// `<body` or a comment, or with a common HTML element (such as `<p>`,
    /// `<div>`, `<article>`) that is closed somewhere in the text.
    ///
    /// Text that merely mentions a tag, or Markdown with some inline HTML
    /// further down, is not detected; use `--input html` for those.
    public static func looksLikeHTML(_ document: Document) -> Bool {
        document.withUTF8 { looksLikeHTML($0) }
    }

    static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count, case let w = UTF8Scalars.whitespaceWidth(bytes, at: i, end: bytes.count), w > 0 { i += w }
        guard i + 1 < bytes.count, bytes[i] == 0x3C else { return false }  // '<'
        let head = Self.lowercased(bytes, from: i, count: 15)
        for prefix in ["<!doctype html", "<html", "<head", "<body", "<!--", "<?xml"] where head.starts(with: prefix.utf8) {
            if prefix == "<?xml" { return Self.contains(bytes, "<html", limit: 4096) }
            return true
        }
        // A common element at the start, and a closing tag somewhere.
        var k = i + 1
        var name: [UInt8] = []
        while k < bytes.count, name.count < 12, _HTMLScanner.isNameByte(bytes[k]) {
            name.append(bytes[k] | ((bytes[k] &- 0x41) < 26 ? 0x20 : 0)); k += 1
        }
        guard k < bytes.count, bytes[k] == 0x3E || bytes[k] == 0x20 || bytes[k] == 0x2F || bytes[k] == 0x0A,
              let tag = String(validating: name, as: UTF8.self), Self.startTags.contains(tag) else { return false }
        return Self.contains(bytes, "</", limit: bytes.count)
    }

    static let startTags: Set<String> = [
        "p", "div", "article", "section", "main", "span", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
        "table", "meta", "link", "title", "header", "nav", "script", "style", "blockquote", "figure", "a", "b",
        "em", "strong", "i", "br", "img", "form", "aside", "footer",
    ]

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var i = start
        while i < bytes.count, out.count < count {
            let b = bytes[i]
            out.append(b | ((b &- 0x41) < 26 ? 0x20 : 0))
            i += 1
        }
        return out
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: String, limit: Int) -> Bool {
        let n = Array(needle.utf8)
        let end = min(bytes.count, limit)
        guard n.count <= end else { return false }
        var i = 0
        while i + n.count <= end {
            var k = 0
            while k < n.count, (bytes[i + k] | ((bytes[i + k] &- 0x41) < 26 ? 0x20 : 0)) == n[k] { k += 1 }
            if k == n.count { return true }
            i += 1
        }
        return false
    }
}

/// The single pass of ``HTMLExtractor``.
struct _HTMLScanner {
    let p: UnsafeBufferPointer<UInt8>
    var i = 0
    var out: [UInt8] = []
    /// A space is owed before the next text byte (white space collapsed).
    var pendingSpace = false
    /// Line breaks owed before the next text byte (1: `<br>`, 2: a block boundary).
    var pendingBreaks = 0
    /// Inside `pre`: white space is kept as it is.
    var preDepth = 0
    /// The removed element we are inside, and how deeply it nests in itself.
    var skipName: [UInt8]? = nil
    var skipDepth = 0
    /// Where the text after the last `# ` or `- ` marker starts, to drop the marker of an empty block.
    var markerEnd: Int? = nil

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        p = bytes
        out.reserveCapacity(bytes.count / 2)
    }

    static let removed: Set<[UInt8]> = Set([
        "script", "style", "head", "title", "nav", "header", "footer", "aside", "form", "noscript", "svg",
        "template", "iframe", "object", "button", "select", "textarea", "math", "canvas", "video", "audio",
    ].map { Array($0.utf8) })
    /// Elements whose content is raw text: no tags inside, only the closing tag ends them.
    static let rawText: Set<[UInt8]> = Set(["script", "style", "textarea", "title", "xmp", "noscript"].map { Array($0.utf8) })
    static let blocks: Set<[UInt8]> = Set([
        "p", "div", "section", "article", "main", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody",
        "tfoot", "tr", "td", "th", "caption", "blockquote", "figure", "figcaption", "address", "details",
        "summary", "hr", "body", "html", "center", "fieldset", "legend", "hgroup", "pre", "li",
        "h1", "h2", "h3", "h4", "h5", "h6",
    ].map { Array($0.utf8) })

    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x2D || b == 0x3A || b == 0x5F
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

    mutating func run() {
        let n = p.count
        while i < n {
            let b = p[i]
            if b == 0x3C, tag() { continue }   // '<'
            if skipName != nil { i += 1; continue }
            if b == 0x26 { entity(); continue }  // '&'
            if Self.isSpace(b) {
                if preDepth > 0 {
                    if b == 0x0A { pendingBreaks = max(pendingBreaks, 1); pendingSpace = false }
                    else if b != 0x0D { pendingSpace = true }
                } else {
                    pendingSpace = true
                }
                i += 1
                continue
            }
            // A run of ordinary text bytes (UTF-8 continuation bytes are never '<', '&' or space).
            var k = i + 1
            while k < n, p[k] != 0x3C, p[k] != 0x26, !Self.isSpace(p[k]) { k += 1 }
            emitText(i, k)
            i = k
        }
    }

    /// The text, without leading or trailing white space.
    mutating func finish() -> [UInt8] {
        if let m = markerEnd, out.count == m { out.removeLast(2) }
        while let last = out.last, last == 0x20 || last == 0x0A { out.removeLast() }
        return out
    }

    private mutating func flushPending() {
        if pendingBreaks > 0 {
            if let m = markerEnd, out.count == m { out.removeLast(2) }   // an empty heading or item
            markerEnd = nil
        }
        if out.isEmpty { pendingBreaks = 0; pendingSpace = false; return }
        if pendingBreaks > 0 {
            // Drop spaces left at the end of the line.
            while out.last == 0x20 { out.removeLast() }
            out.append(contentsOf: repeatElement(UInt8(0x0A), count: pendingBreaks))
            pendingBreaks = 0
            pendingSpace = false
        } else if pendingSpace {
            if let last = out.last, last != 0x20, last != 0x0A { out.append(0x20) }
            pendingSpace = false
        }
    }

    private mutating func emitText(_ start: Int, _ end: Int) {
        flushPending()
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<end]))
    }

    private mutating func emitScalar(_ scalar: Unicode.Scalar) {
        flushPending()
        UTF8.encode(scalar) { out.append($0) }
    }

    private mutating func blockBreak(_ count: Int) {
        pendingBreaks = max(pendingBreaks, count)
    }

    /// Handles a '<' at `i`. Returns false when it is a literal '<' (to be
    /// treated as text), true after consuming a tag, comment or declaration.
    private mutating func tag() -> Bool {
        let n = p.count
        guard i + 1 < n else { return false }
        let next = p[i + 1]
        if next == 0x21 {  // "<!": comment, doctype, CDATA
            if i + 3 < n, p[i + 2] == 0x2D, p[i + 3] == 0x2D {
                i = find("-->", from: i + 4).map { $0 + 3 } ?? n
            } else {
                i = find(">", from: i + 2).map { $0 + 1 } ?? n
            }
            return true
        }
        if next == 0x3F {  // "<?": processing instruction
            i = find(">", from: i + 2).map { $0 + 1 } ?? n
            return true
        }
        let closing = next == 0x2F
        var k = i + (closing ? 2 : 1)
        guard k < n, (p[k] | 0x20) &- 0x61 < 26 else { return false }  // not a tag: literal '<'
        var name: [UInt8] = []
        while k < n, Self.isNameByte(p[k]) {
            if name.count < 16 { name.append(p[k] | ((p[k] &- 0x41) < 26 ? 0x20 : 0)) }
            k += 1
        }
        // Attributes up to '>', honouring quotes.
        var quote: UInt8 = 0
        var selfClosing = false
        while k < n {
            let b = p[k]
            if quote != 0 { if b == quote { quote = 0 } }
            else if b == 0x22 || b == 0x27 { quote = b }
            else if b == 0x3E { break }
            else if b == 0x2F { selfClosing = true; k += 1; continue }
            else if !Self.isSpace(b) { selfClosing = false }
            k += 1
        }
        i = min(k + 1, n)   // past '>' (or the end of an unterminated tag)

        if let skip = skipName {
            // Inside a removed element: only its own tags matter.
            if name == skip {
                if closing { skipDepth -= 1; if skipDepth == 0 { skipName = nil } }
                else if !selfClosing { skipDepth += 1 }
            }
            return true
        }
        if !closing, Self.removed.contains(name) {
            if selfClosing { return true }
            if Self.rawText.contains(name) {
                skipRawText(name)
            } else {
                skipName = name
                skipDepth = 1
            }
            return true
        }
        if name == Array("br".utf8) { pendingBreaks = max(pendingBreaks, 1); return true }
        if Self.blocks.contains(name) {
            blockBreak(2)
            if name == Array("pre".utf8) { preDepth = max(0, preDepth + (closing ? -1 : 1)) }
            if !closing {
                if name.count == 2, name[0] == 0x68, name[1] &- 0x31 < 6 { markLine("# ") }   // h1-h6
                else if name == Array("li".utf8) || name == Array("dt".utf8) { markLine("- ") }
            }
            return true
        }
        // Inline elements (a, em, span, img, ...) vanish; images carry no sentence.
        return true
    }

    /// Writes a Markdown line marker at the start of a new block.
    private mutating func markLine(_ marker: StaticString) {
        if let m = markerEnd, out.count == m { out.removeLast(2) }   // the previous block was empty
        while let last = out.last, last == 0x20 || last == 0x0A { out.removeLast() }
        if !out.isEmpty {
            while out.last == 0x20 { out.removeLast() }
            out.append(contentsOf: repeatElement(UInt8(0x0A), count: max(pendingBreaks, 2)))
        }
        pendingBreaks = 0
        pendingSpace = false
        marker.withUTF8Buffer { out.append(contentsOf: $0) }
        markerEnd = out.count
    }

    /// Skips a raw-text element's content up to its closing tag.
    private mutating func skipRawText(_ name: [UInt8]) {
        let n = p.count
        var k = i
        while k + 1 < n {
            if p[k] == 0x3C, p[k + 1] == 0x2F {
                var m = 0
                while m < name.count, k + 2 + m < n, (p[k + 2 + m] | 0x20) == name[m] { m += 1 }
                let after = k + 2 + m
                if m == name.count, after >= n || !Self.isNameByte(p[after]) {
                    i = find(">", from: after).map { $0 + 1 } ?? n
                    return
                }
            }
            k += 1
        }
        i = n
    }

    /// The index of `needle` at or after `start`, or nil.
    private func find(_ needle: StaticString, from start: Int) -> Int? {
        needle.withUTF8Buffer { nd -> Int? in
            let n = p.count
            guard nd.count > 0 else { return start }
            var k = start
            while k + nd.count <= n {
                if p[k] == nd[0] {
                    var m = 1
                    while m < nd.count, p[k + m] == nd[m] { m += 1 }
                    if m == nd.count { return k }
                }
                k += 1
            }
            return nil
        }
    }

    /// Decodes a character reference at `i` ('&'), or writes the '&' as text.
    private mutating func entity() {
        let n = p.count
        var k = i + 1
        if k < n, p[k] == 0x23 {  // "&#"
            k += 1
            var hex = false
            if k < n, p[k] | 0x20 == 0x78 { hex = true; k += 1 }
            let digitsStart = k
            var value: UInt32 = 0
            var overflow = false
            while k < n {
                let b = p[k]
                let digit: UInt32
                if b &- 0x30 < 10 { digit = UInt32(b - 0x30) }
                else if hex, (b | 0x20) &- 0x61 < 6 { digit = UInt32((b | 0x20) - 0x61 + 10) }
                else { break }
                if value > 0x10FFFF { overflow = true } else { value = value * (hex ? 16 : 10) + digit }
                k += 1
            }
            guard k > digitsStart else { emitText(i, i + 1); i += 1; return }
            if k < n, p[k] == 0x3B { k += 1 }
            i = k
            emitScalar(Self.numericReference(overflow ? 0x110000 : value))
            return
        }
        var name: [UInt8] = []
        while k < n, name.count < 32, (p[k] | 0x20) &- 0x61 < 26 || p[k] &- 0x30 < 10 { name.append(p[k]); k += 1 }
        if k < n, p[k] == 0x3B, let text = Self.named[name] {
            i = k + 1
            flushPending()
            out.append(contentsOf: text)
            return
        }
        emitText(i, i + 1)
        i += 1
    }

    /// The scalar a numeric reference stands for, as a browser reads it.
    static func numericReference(_ value: UInt32) -> Unicode.Scalar {
        // Windows-1252 for 0x80-0x9F, as the HTML standard says.
        let cp1252: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
                                0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C,
                                0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
                                0x017E, 0x0178]
        var v = value
        if v >= 0x80, v <= 0x9F { v = cp1252[Int(v - 0x80)] }
        if v == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(v) ?? "\u{FFFD}"   // surrogates and values past U+10FFFF
    }

    static let named: [[UInt8]: [UInt8]] = {
        let table: [(String, String)] = [
            ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u{A0}"),
            ("AMP", "&"), ("LT", "<"), ("GT", ">"), ("QUOT", "\""),
            ("ndash", "–"), ("mdash", "—"), ("hellip", "…"), ("lsquo", "‘"), ("rsquo", "’"), ("sbquo", "‚"),
            ("ldquo", "“"), ("rdquo", "”"), ("bdquo", "„"), ("laquo", "«"), ("raquo", "»"), ("lsaquo", "‹"),
            ("rsaquo", "›"), ("bull", "•"), ("middot", "·"), ("copy", "©"), ("reg", "®"), ("trade", "™"),
            ("euro", "€"), ("pound", "£"), ("yen", "¥"), ("cent", "¢"), ("sect", "§"), ("para", "¶"),
            ("deg", "°"), ("plusmn", "±"), ("times", "×"), ("divide", "÷"), ("frac12", "½"), ("frac14", "¼"),
            ("frac34", "¾"), ("sup2", "²"), ("sup3", "³"), ("micro", "µ"), ("iexcl", "¡"), ("iquest", "¿"),
            ("shy", "\u{AD}"), ("thinsp", "\u{2009}"), ("ensp", "\u{2002}"), ("emsp", "\u{2003}"),
            ("zwj", "\u{200D}"), ("zwnj", "\u{200C}"), ("lrm", "\u{200E}"), ("rlm", "\u{200F}"),
            ("dagger", "†"), ("Dagger", "‡"), ("permil", "‰"), ("prime", "′"), ("Prime", "″"),
            ("larr", "←"), ("rarr", "→"), ("uarr", "↑"), ("darr", "↓"), ("harr", "↔"), ("minus", "−"),
            ("le", "≤"), ("ge", "≥"), ("ne", "≠"), ("asymp", "≈"), ("infin", "∞"), ("hearts", "♥"),
            ("ordf", "ª"), ("ordm", "º"), ("not", "¬"), ("macr", "¯"), ("acute", "´"), ("cedil", "¸"),
            ("uml", "¨"), ("szlig", "ß"), ("AElig", "Æ"), ("aelig", "æ"), ("OElig", "Œ"), ("oelig", "œ"),
            ("Oslash", "Ø"), ("oslash", "ø"), ("Aring", "Å"), ("aring", "å"), ("ETH", "Ð"), ("eth", "ð"),
            ("THORN", "Þ"), ("thorn", "þ"), ("Ccedil", "Ç"), ("ccedil", "ç"), ("Ntilde", "Ñ"), ("ntilde", "ñ"),
            ("Scaron", "Š"), ("scaron", "š"), ("Yuml", "Ÿ"), ("yuml", "ÿ"), ("Alpha", "Α"), ("alpha", "α"),
            ("Beta", "Β"), ("beta", "β"), ("Gamma", "Γ"), ("gamma", "γ"), ("Delta", "Δ"), ("delta", "δ"),
            ("pi", "π"), ("Pi", "Π"), ("sigma", "σ"), ("Sigma", "Σ"), ("mu", "μ"), ("Omega", "Ω"), ("omega", "ω"),
            ("lambda", "λ"), ("theta", "θ"), ("epsilon", "ε"),
        ]
        var map: [[UInt8]: [UInt8]] = [:]
        for (name, text) in table { map[Array(name.utf8)] = Array(text.utf8) }
        // Latin letters with the common accents: &eacute; &Uuml; &acirc; ...
        let accents: [(String, [String: String])] = [
            ("acute", ["a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "y": "ý",
                       "A": "Á", "E": "É", "I": "Í", "O": "Ó", "U": "Ú", "Y": "Ý"]),
            ("grave", ["a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù", "A": "À", "E": "È", "I": "Ì", "O": "Ò", "U": "Ù"]),
            ("circ", ["a": "â", "e": "ê", "i": "î", "o": "ô", "u": "û", "A": "Â", "E": "Ê", "I": "Î", "O": "Ô", "U": "Û"]),
            ("uml", ["a": "ä", "e": "ë", "i": "ï", "o": "ö", "u": "ü", "A": "Ä", "E": "Ë", "I": "Ï", "O": "Ö", "U": "Ü"]),
            ("tilde", ["a": "ã", "o": "õ", "A": "Ã", "O": "Õ"]),
        ]
        for (suffix, letters) in accents {
            for (letter, text) in letters { map[Array((letter + suffix).utf8)] = Array(text.utf8) }
        }
        return map
    }()
}
