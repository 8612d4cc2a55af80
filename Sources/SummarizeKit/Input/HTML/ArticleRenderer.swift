/// Writes the text of chosen elements of an ``HTMLTree`` as paragraphs.
///
/// - Every block element (`p`, `div`, `li`, `td`, headings, ...) starts and
///   ends a paragraph (a blank line); `<br>` ends a line.
/// - Headings are written as Markdown `# ` lines and list items as `- `
///   lines, so the ``SentenceSegmenter`` treats them as it treats Markdown:
///   as headings and list items, not sentences of the article.
/// - White space runs collapse to one space, except inside `pre`.
/// - Removed elements are skipped with everything inside them.
///
/// - Complexity: O(events + text bytes) of the chosen elements.
struct ArticleRenderer: Sendable {
    func render(_ tree: HTMLTree, roots: [Int32], removed: [Bool]) -> [UInt8] {
        var writer = ParagraphWriter()
        writer.out.reserveCapacity(tree.text.count / 2)
        tree.text.withUnsafeBufferPointer { bytes in
            for root in roots {
                let r = Int(root)
                var e = Int(tree.openEvents[r])
                let end = tree.closeEvents[r] < 0 ? tree.events.count : Int(tree.closeEvents[r]) + 1
                writer.breakLine(2)
                while e < end {
                    switch tree.events[e] {
                    case .open(let index):
                        let i = Int(index)
                        if removed[i] {
                            e = tree.closeEvents[i] < 0 ? tree.events.count : Int(tree.closeEvents[i]) + 1
                            continue
                        }
                        writer.open(tree.tags[i])
                    case .close(let index):
                        writer.close(tree.tags[Int(index)])
                    case .text(let k):
                        let range = tree.textRanges[Int(k)]
                        writer.text(UnsafeBufferPointer(rebasing: bytes[Int(range.lowerBound)..<Int(range.upperBound)]))
                    }
                    e += 1
                }
                writer.breakLine(2)
            }
        }
        return writer.finish()
    }

    /// The text of one element, white space collapsed, removed elements included (for titles).
    func plainText(_ tree: HTMLTree, of element: Int) -> String {
        var writer = ParagraphWriter()
        tree.text.withUnsafeBufferPointer { bytes in
            var e = Int(tree.openEvents[element])
            let end = tree.closeEvents[element] < 0 ? tree.events.count : Int(tree.closeEvents[element])
            while e < end {
                if case .text(let k) = tree.events[e] {
                    let range = tree.textRanges[Int(k)]
                    writer.text(UnsafeBufferPointer(rebasing: bytes[Int(range.lowerBound)..<Int(range.upperBound)]))
                }
                e += 1
            }
        }
        return String(decoding: writer.finish(), as: UTF8.self)
    }
}

/// Text output with collapsed white space and owed line breaks.
struct ParagraphWriter {
    var out: [UInt8] = []
    /// Line breaks owed before the next text (1: a line, 2: a paragraph).
    var pendingBreaks = 0
    var pendingSpace = false
    var preDepth = 0
    /// A marker ("# ", "- ") owed before the next text of the block.
    var pendingMarker: StaticString? = nil

    mutating func breakLine(_ count: Int) {
        pendingBreaks = max(pendingBreaks, count)
        pendingMarker = nil
    }

    mutating func open(_ tag: HTMLTag) {
        switch tag {
        case .br: breakLine(1)
        case .pre: breakLine(2); preDepth += 1
        case .h1, .h2, .h3, .h4, .h5, .h6: breakLine(2); pendingMarker = "# "
        case .li: breakLine(2); pendingMarker = "- "
        default: if !tag.isInline { breakLine(2) }
        }
    }

    mutating func close(_ tag: HTMLTag) {
        if tag == .pre { preDepth = max(0, preDepth - 1) }
        if !tag.isInline { breakLine(2) }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                if preDepth > 0, b == 0x0A { pendingBreaks = max(pendingBreaks, 1); pendingSpace = false }
                else { pendingSpace = true }
                i += 1
                continue
            }
            if b == 0xC2, i + 1 < n, bytes[i + 1] &- 0x80 < 0x20 {
                // A C1 control (U+0080–U+009F) is what libxml2 makes of &#150; and the like;
                // browsers read those references as Windows-1252, as the HTML standard says.
                flush()
                UTF8.encode(Self.windows1252[Int(bytes[i + 1] - 0x80)]) { out.append($0) }
                i += 2
                continue
            }
            var k = i + 1
            while k < n, case let c = bytes[k], c > 0x20 && c != 0xC2 || (c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C && c != 0xC2) { k += 1 }
            flush()
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<k]))
            i = k
        }
    }

    private mutating func flush() {
        if !out.isEmpty {
            if pendingBreaks > 0 {
                while out.last == 0x20 { out.removeLast() }
                out.append(contentsOf: repeatElement(UInt8(0x0A), count: pendingBreaks))
            } else if pendingSpace, let last = out.last, last != 0x0A {
                out.append(0x20)
            }
        }
        pendingBreaks = 0
        pendingSpace = false
        if let marker = pendingMarker {
            marker.withUTF8Buffer { out.append(contentsOf: $0) }
            pendingMarker = nil
        }
    }

    /// Windows-1252 for 0x80–0x9F (five bytes it leaves undefined stay as they are).
    static let windows1252: [Unicode.Scalar] = [
        "\u{20AC}", "\u{81}", "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}", "\u{02C6}",
        "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", "\u{8D}", "\u{017D}", "\u{8F}", "\u{90}", "\u{2018}",
        "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}", "\u{02DC}", "\u{2122}", "\u{0161}",
        "\u{203A}", "\u{0153}", "\u{9D}", "\u{017E}", "\u{0178}",
    ]

    mutating func finish() -> [UInt8] {
        while let last = out.last, last == 0x20 || last == 0x0A { out.removeLast() }
        return out
    }
}
