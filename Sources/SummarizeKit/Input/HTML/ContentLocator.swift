/// Finds the article in an ``HTMLTree``: which elements hold it, and which
/// elements inside them are furniture to leave out.
///
/// The steps, each a pass over the flat arrays:
/// 1. Remove by tag and attribute: scripts, styles, forms' controls,
///    `nav`, `header`, `footer`, `aside`, `figure`, `figcaption`, hidden
///    elements and ARIA furniture roles, with everything inside them.
/// 2. Remove by class and id words (``ClassVocabulary``): comments, share
///    bars, cookie and consent banners, related-story lists, captions,
///    bylines...; and forms with controls (search, sign-up); unless the element holds half or more of the page's
///    paragraph text (then it is a wrapper around the article, not furniture).
/// 3. Pick the container: the elements marked `itemprop="articleBody"`
///    when they hold text; otherwise the best-scoring element, where every
///    paragraph (a block with 25 or more letters of its own text) adds
///    `1 + commas + min(length / 100, 3)` to its parent, half that to its
///    grandparent and a third per level further up (as Readability does),
///    class words add or subtract 25, and the total is multiplied by
///    `1 − link density`. Siblings that score well or read like paragraphs
///    join it.
/// 4. Inside the container, drop lists, tables and blocks that are mostly
///    links (navigation, "read more" and related-story lists).
/// 5. Drop short blocks (under 200 letters) that address the reader about
///    the site (``BoilerplatePhrases``): newsletter prompts, "follow us
///    on", "all rights reserved", "may be reached at".
struct ContentLocator: Sendable {
    /// The result: the top elements of the article in document order, and
    /// a mask of every element to leave out.
    struct Selection {
        var roots: [Int32]
        var removed: [Bool]
    }

    func locate(_ tree: HTMLTree) -> Selection {
        let n = tree.count
        guard n > 0 else { return Selection(roots: [], removed: []) }
        var removed = [Bool](repeating: false, count: n)
        // 1. Tags, hidden elements and furniture roles.
        for i in 1..<n {
            let parent = Int(tree.parents[i])
            let tag = tree.tags[i]
            let flags = tree.flags[i]
            removed[i] = removed[parent] || tag.isRemoved || flags.contains(.hidden)
                || (flags.contains(.furnitureRole) && !flags.contains(.articleBody))
        }
        var stats = TextStatistics(tree, removed: removed)

        // 2. Class and id words, and forms with controls (search boxes, sign-up forms), guarded by the
        //    share of paragraph text: some sites wrap the whole page in one form.
        let pageParagraphText = stats.paragraphText[0]
        var formWithControls = [Bool](repeating: false, count: n)
        for i in 1..<n {
            switch tree.tags[i] {
            case .input, .select, .textarea, .button:
                var form = Int(tree.parents[i])
                while form > 0, tree.tags[form] != .form { form = Int(tree.parents[form]) }
                formWithControls[form] = form > 0
            default:
                break
            }
        }
        var changed = false
        for i in 1..<n where !removed[i] {
            let parent = Int(tree.parents[i])
            if removed[parent] { removed[i] = true; continue }
            let flags = tree.flags[i]
            switch tree.tags[i] {
            case .html, .body, .main, .document: continue
            default: break
            }
            if flags.contains(.articleBody) || flags.contains(.mainRole) { continue }
            let furniture = flags.contains(.boilerplate) || (flags.contains(.weakBoilerplate) && !flags.contains(.content))
                || formWithControls[i]
            if furniture, stats.paragraphText[i] * 2 < pageParagraphText || pageParagraphText == 0 {
                removed[i] = true
                changed = true
            }
        }
        if changed { stats = TextStatistics(tree, removed: removed) }

        // 3. The container.
        var roots = articleBodyRoots(tree, removed: removed, stats: stats)
        if roots.isEmpty { roots = scoredRoots(tree, removed: removed, stats: stats) }

        // 4. Link lists inside it.
        for i in 1..<n where !removed[i] {
            if removed[Int(tree.parents[i])] { removed[i] = true; continue }
            let text = stats.text[i]
            guard text > 0 else { continue }
            let density = Double(stats.linkText[i]) / Double(text)
            switch tree.tags[i] {
            case .ul, .ol, .dl, .table, .div, .section, .form, .other, .p, .li, .dd, .td, .blockquote:
                if density > 0.5 || (density > 0.3 && tree.tags[i] != .p && stats.paragraphText[i] == 0) {
                    removed[i] = true
                }
            default:
                break
            }
        }
        // 5. Short blocks that speak to the reader about the site, not about the story.
        tree.text.withUnsafeBufferPointer { bytes in
            for k in 0..<tree.textRanges.count {
                let owner = Int(tree.textOwners[k])
                let block = Int(stats.block[owner])
                guard !removed[owner], block > 0, stats.ownText[block] < 200 else { continue }
                let range = tree.textRanges[k]
                if BoilerplatePhrases.contains(UnsafeBufferPointer(rebasing: bytes[Int(range.lowerBound)..<Int(range.upperBound)])) {
                    removed[block] = true
                }
            }
        }
        for i in 1..<n where !removed[i] && removed[Int(tree.parents[i])] { removed[i] = true }
        return Selection(roots: roots, removed: removed)
    }

    private func articleBodyRoots(_ tree: HTMLTree, removed: [Bool], stats: TextStatistics) -> [Int32] {
        var roots: [Int32] = []
        var insideUntil: Int32 = -1   // the close event of the last root taken
        for i in 0..<tree.count where !removed[i] && tree.flags[i].contains(.articleBody) && stats.text[i] >= 200 {
            if tree.openEvents[i] < insideUntil { continue }
            roots.append(Int32(i))
            insideUntil = tree.closeEvents[i]
        }
        return roots
    }

    private func scoredRoots(_ tree: HTMLTree, removed: [Bool], stats: TextStatistics) -> [Int32] {
        let n = tree.count
        var score = [Float](repeating: 0, count: n)
        var scored = [Bool](repeating: false, count: n)
        func initialize(_ i: Int) {
            guard !scored[i] else { return }
            scored[i] = true
            var s: Float
            switch tree.tags[i] {
            case .div, .article, .main, .section, .other: s = 5
            case .pre, .td, .blockquote: s = 3
            case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: s = -3
            case .h1, .h2, .h3, .h4, .h5, .h6, .th: s = -5
            default: s = 0
            }
            let flags = tree.flags[i]
            if flags.contains(.content) { s += 25 }
            if flags.contains(.boilerplate) || flags.contains(.weakBoilerplate) { s -= 25 }
            if flags.contains(.mainRole) || flags.contains(.articleBody) { s += 25 }
            if tree.tags[i] == .article || tree.tags[i] == .main { s += 10 }
            score[i] = s
        }
        for b in 1..<n where !removed[b] && stats.ownText[b] >= 25 && !tree.tags[b].isInline {
            let own = stats.ownText[b]
            let points = 1 + Float(stats.ownCommas[b]) + min(Float(own) / 100, 3)
            var ancestor = Int(tree.parents[b])
            var level = 0
            while ancestor > 0, level < 5 {
                initialize(ancestor)
                let divider: Float = level == 0 ? 1 : level == 1 ? 2 : Float(level * 3)
                score[ancestor] += points / divider
                ancestor = Int(tree.parents[ancestor])
                level += 1
            }
        }
        var top = -1
        var best: Float = 0
        for i in 1..<n where scored[i] && !removed[i] {
            let density = stats.text[i] > 0 ? Float(stats.linkText[i]) / Float(stats.text[i]) : 0
            score[i] *= 1 - density
            if top < 0 || score[i] > best { top = i; best = score[i] }
        }
        guard top > 0 else { return [0] }
        // Siblings that belong with it.
        let parent = tree.parents[top]
        guard parent >= 0 else { return [Int32(top)] }
        let threshold = max(10, best * 0.2)
        var roots: [Int32] = []
        for i in (Int(parent) + 1)..<n where tree.parents[i] == parent && !removed[i] {
            if i == top { roots.append(Int32(i)); continue }
            if scored[i], score[i] >= threshold { roots.append(Int32(i)); continue }
            if !tree.tags[i].isInline, stats.text[i] > 0 {
                let density = Float(stats.linkText[i]) / Float(stats.text[i])
                if stats.ownText[i] >= 80, density < 0.25 { roots.append(Int32(i)) }
            }
        }
        return roots
    }
}

/// Letter counts per element: the element's own text (text whose nearest
/// block ancestor it is), its whole subtree's text and link text, and the
/// text of the paragraphs (blocks with 80 or more letters) inside it.
/// Counts are of non-white-space bytes; removed elements count nothing.
struct TextStatistics {
    var ownText: [Int32]
    var ownCommas: [Int32]
    var text: [Int32]
    var linkText: [Int32]
    var paragraphText: [Int32]
    /// Each element's nearest block element (itself when it is a block).
    var block: [Int32]

    init(_ tree: HTMLTree, removed: [Bool]) {
        let n = tree.count
        ownText = [Int32](repeating: 0, count: n)
        ownCommas = [Int32](repeating: 0, count: n)
        text = [Int32](repeating: 0, count: n)
        linkText = [Int32](repeating: 0, count: n)
        paragraphText = [Int32](repeating: 0, count: n)
        block = [Int32](repeating: 0, count: n)
        for i in 1..<n {
            block[i] = tree.tags[i].isInline ? block[Int(tree.parents[i])] : Int32(i)
        }
        tree.text.withUnsafeBufferPointer { bytes in
            for k in 0..<tree.textRanges.count {
                let owner = Int(tree.textOwners[k])
                guard !removed[owner] else { continue }
                var letters: Int32 = 0
                var commas: Int32 = 0
                for j in Int(tree.textRanges[k].lowerBound)..<Int(tree.textRanges[k].upperBound) {
                    let b = bytes[j]
                    if b > 0x20 { letters += 1; if b == 0x2C { commas += 1 } }
                }
                let b = Int(block[owner])
                ownText[b] += letters
                ownCommas[b] += commas
                text[owner] += letters
                if tree.flags[owner].contains(.inLink) { linkText[owner] += letters }
            }
        }
        for i in 0..<n where ownText[i] >= 80 { paragraphText[i] = ownText[i] }
        var i = n - 1
        while i > 0 {
            let parent = Int(tree.parents[i])
            if !removed[i] {
                text[parent] += text[i]
                linkText[parent] += linkText[i]
                paragraphText[parent] += paragraphText[i]
            }
            i -= 1
        }
    }
}

/// Phrases of site furniture that reads like text: calls to sign up or
/// follow, legal lines, contact lines. Generic English web vocabulary.
enum BoilerplatePhrases {
    static let phrases: [StaticString] = [
        "newsletter", "sign up for", "all rights reserved", "follow us on", "may be reached at", "have a tip?",
        "click here to",
    ]

    /// Whether `text` contains one of the phrases, ignoring case.
    static func contains(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for phrase in phrases where AttributeBytes.contains(text, phrase) { return true }
        return false
    }
}
