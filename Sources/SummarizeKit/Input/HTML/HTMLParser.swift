import CLibXML2

/// Parses HTML into an ``HTMLTree`` with libxml2's HTML parser, through
/// its SAX callbacks: libxml2 tokenizes and repairs the markup (unclosed
/// and misnested tags, entities, raw-text elements), and the callbacks
/// write flat arrays directly, so no libxml2 DOM is built.
///
/// libxml2 keeps a stack of open elements and, for an end tag that matches
/// none of them, searches that stack; on a page nested thousands of levels
/// deep that search would make parsing quadratic. `maxDepth` bounds it:
/// deeper pages are refused with a clear error.
struct HTMLParser: Sendable {
    /// Deepest element nesting accepted. Real pages stay under a few hundred.
    var maxDepth: Int = 1_000

    private static let initialized: Void = { xmlInitParser() }()

    /// The tree of `bytes`, which must be UTF-8 (the page's own charset
    /// declaration is ignored).
    ///
    /// - Throws: `.inputTooLarge` past 2 GiB or when elements nest deeper than `maxDepth`.
    /// - Complexity: O(n · maxDepth) at worst, O(n) on ordinary pages.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SummarizeError) -> HTMLTree {
        _ = Self.initialized
        guard bytes.count < Int(Int32.max) else {
            throw SummarizeError(code: .inputTooLarge, message: "The HTML page is \(bytes.count) bytes; pages over 2 GiB cannot be parsed.")
        }
        var builder = HTMLTreeBuilder(maxDepth: maxDepth, byteCount: bytes.count)
        guard bytes.count > 0, let base = bytes.baseAddress else { return builder.finish() }
        let failed: Bool = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            guard let context = htmlCreateMemoryParserCtxt(chars, Int32(bytes.count)) else { return true }
            defer { htmlFreeParserCtxt(context) }
            return withUnsafeMutablePointer(to: &builder) { state -> Bool in
                state.pointee.context = context
                var handler = htmlSAXHandler()
                handler.startElement = { user, name, attributes in
                    user?.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.start(name, attributes)
                }
                handler.endElement = { user, _ in
                    user?.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.end()
                }
                handler.characters = { user, characters, length in
                    user?.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.characters(characters, Int(length))
                }
                handler.cdataBlock = handler.characters
                handler.ignorableWhitespace = handler.characters
                context.pointee.sax.pointee = handler
                context.pointee.userData = UnsafeMutableRawPointer(state)
                let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                    | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_HUGE.rawValue)
                htmlCtxtUseOptions(context, options)
                xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
                _ = htmlParseDocument(context)
                state.pointee.context = nil
                return false
            }
        }
        if failed {
            throw SummarizeError(code: .invalidHTML, message: "The HTML parser could not start on this input. Check that it is an HTML page.")
        }
        if builder.tooDeep {
            throw SummarizeError(
                code: .invalidHTML,
                message: "The HTML page nests elements more than \(maxDepth) levels deep, which no readable page does. "
                    + "Summarize its text as plain text instead.")
        }
        return builder.finish()
    }
}

/// The SAX state: the tree being built and the stack of open elements.
struct HTMLTreeBuilder {
    var tree = HTMLTree()
    var stack: [Int32] = []
    let maxDepth: Int
    var tooDeep = false
    var context: htmlParserCtxtPtr?
    /// Inside a raw-text element (script, style, title...): its text is not page text.
    var rawDepth = 0
    /// What the current raw-text element's text is collected for.
    var capture: Capture = .none
    var captured: [UInt8] = []
    /// libxml2 interns element and attribute names, so a name is known by its pointer.
    var tagNames: [UnsafeRawPointer: HTMLTag] = [:]
    var attributeNames: [UnsafeRawPointer: Attribute] = [:]

    enum Capture { case none, title, jsonLD }
    enum Attribute { case `class`, id, style, hidden, ariaHidden, role, itemprop, type, name, property, content, datetime, other }

    init(maxDepth: Int, byteCount: Int) {
        self.maxDepth = maxDepth
        tree.text.reserveCapacity(byteCount / 3)
        tree.events.reserveCapacity(byteCount / 64)
        // A root above everything, so text outside any element (a fragment) has an owner.
        tree.tags.append(.document)
        tree.parents.append(-1)
        tree.flags.append([])
        tree.closeEvents.append(-1)
        tree.openEvents.append(0)
        tree.events.append(.open(0))
        stack.append(0)
    }

    mutating func finish() -> HTMLTree {
        while !stack.isEmpty { end() }
        return tree
    }

    mutating func start(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let name else { return }
        if stack.count >= maxDepth {
            tooDeep = true
            if let context { xmlStopParser(context) }
            return
        }
        let tag = tagName(name)
        let index = Int32(tree.count)
        let parent = stack.last ?? -1
        var flags: HTMLTree.Flags = []
        if parent >= 0, tree.flags[Int(parent)].contains(.inLink) || tree.tags[Int(parent)] == .a { flags.insert(.inLink) }
        if tag == .a { flags.insert(.inLink) }
        if let attributes { flags.formUnion(read(attributes, of: tag)) }
        tree.tags.append(tag)
        tree.parents.append(parent)
        tree.flags.append(flags)
        tree.closeEvents.append(-1)
        tree.openEvents.append(Int32(tree.events.count))
        tree.events.append(.open(index))
        stack.append(index)
        switch tag {
        case .title: rawDepth += 1; if tree.titleText.isEmpty { capture = .title }
        case .script, .style, .noscript, .template, .textarea: rawDepth += 1
        default: break
        }
    }

    mutating func end() {
        guard let index = stack.popLast() else { return }
        tree.closeEvents[Int(index)] = Int32(tree.events.count)
        tree.events.append(.close(index))
        switch tree.tags[Int(index)] {
        case .title, .script, .style, .noscript, .template, .textarea:
            rawDepth -= 1
            switch capture {
            case .title where tree.tags[Int(index)] == .title: tree.titleText = captured
            case .jsonLD where tree.tags[Int(index)] == .script: tree.jsonLD.append(captured)
            default: break
            }
            if rawDepth == 0 { capture = .none; captured.removeAll(keepingCapacity: true) }
        default:
            break
        }
    }

    mutating func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int) {
        guard let characters, length > 0, let owner = stack.last else { return }
        let bytes = UnsafeBufferPointer(start: characters, count: length)
        if rawDepth > 0 {
            if capture != .none, captured.count < 4 << 20 { captured.append(contentsOf: bytes) }
            return
        }
        let start = Int32(tree.text.count)
        tree.text.append(contentsOf: bytes)
        let end = Int32(tree.text.count)
        if case .text(let last)? = tree.events.last, tree.textOwners[Int(last)] == owner {
            tree.textRanges[Int(last)] = tree.textRanges[Int(last)].lowerBound..<end
            return
        }
        tree.events.append(.text(Int32(tree.textRanges.count)))
        tree.textRanges.append(start..<end)
        tree.textOwners.append(owner)
    }

    private mutating func tagName(_ name: UnsafePointer<xmlChar>) -> HTMLTag {
        let key = UnsafeRawPointer(name)
        if let tag = tagNames[key] { return tag }
        let tag = HTMLTag.named(String(cString: name))
        tagNames[key] = tag
        return tag
    }

    private mutating func attributeName(_ name: UnsafePointer<xmlChar>) -> Attribute {
        let key = UnsafeRawPointer(name)
        if let attribute = attributeNames[key] { return attribute }
        let attribute: Attribute
        switch String(cString: name).lowercased() {
        case "class": attribute = .class
        case "id": attribute = .id
        case "style": attribute = .style
        case "hidden": attribute = .hidden
        case "aria-hidden": attribute = .ariaHidden
        case "role": attribute = .role
        case "itemprop": attribute = .itemprop
        case "type": attribute = .type
        case "name": attribute = .name
        case "property": attribute = .property
        case "content": attribute = .content
        case "datetime": attribute = .datetime
        default: attribute = .other
        }
        attributeNames[key] = attribute
        return attribute
    }

    /// The flags the attributes of one element give, recording metadata on the way.
    private mutating func read(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, of tag: HTMLTag) -> HTMLTree.Flags {
        var flags: HTMLTree.Flags = []
        var key: String? = nil
        var content: String? = nil
        var datetime: String? = nil
        var datePublished = false
        var k = 0
        while let name = attributes[k] {
            let value = attributes[k + 1]
            k += 2
            let attribute = attributeName(name)
            if attribute == .other { continue }
            let bytes = value.map { UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0))) }
                ?? UnsafeBufferPointer(start: nil, count: 0)
            switch attribute {
            case .class, .id:
                flags.formUnion(ClassVocabulary.flags(bytes))
            case .style:
                if StyleAttribute.hides(bytes) { flags.insert(.hidden) }
            case .hidden:
                flags.insert(.hidden)
            case .ariaHidden:
                if AttributeBytes.equalsIgnoringCase(bytes, "true") { flags.insert(.hidden) }
            case .role:
                flags.formUnion(ClassVocabulary.roleFlags(bytes))
            case .itemprop:
                if AttributeBytes.contains(bytes, "articlebody") { flags.insert(.articleBody) }
                if AttributeBytes.contains(bytes, "datepublished") { datePublished = true }
            case .type:
                if tag == .script, AttributeBytes.contains(bytes, "ld+json"), rawDepth == 0 { capture = .jsonLD }
            case .name, .property:
                if tag == .meta { key = String(decoding: bytes, as: UTF8.self).lowercased() }
            case .content:
                if tag == .meta || datePublished || tag == .time { content = String(decoding: bytes, as: UTF8.self) }
            case .datetime:
                datetime = String(decoding: bytes, as: UTF8.self)
            case .other:
                break
            }
        }
        if tag == .meta, let key, let content { tree.metas.append((key, content)) }
        if datePublished, let date = datetime ?? content { tree.itemDates.append(date) }
        if tag == .time, let datetime, tree.timeDates.count < 8 { tree.timeDates.append(datetime) }
        return flags
    }
}

/// Byte-level ASCII helpers for attribute values.
enum AttributeBytes {
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<bytes.count where lower(bytes[i]) != w[i] { return false }
        return true
    }

    /// Whether `bytes`, lowercased, contain `needle` (lowercase).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0, bytes.count >= n else { return n == 0 }
        let w = needle.utf8Start
        var i = 0
        while i + n <= bytes.count {
            if lower(bytes[i]) == w[0] {
                var m = 1
                while m < n, lower(bytes[i + m]) == w[m] { m += 1 }
                if m == n { return true }
            }
            i += 1
        }
        return false
    }
}

/// Whether an inline `style` hides the element.
enum StyleAttribute {
    /// `display:none` or `visibility:hidden`, in any case, with any white space around the colon.
    static func hides(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(bytes, "display", "none") || matches(bytes, "visibility", "hidden")
    }

    private static func matches(_ p: UnsafeBufferPointer<UInt8>, _ property: StaticString, _ value: StaticString) -> Bool {
        let name = property.utf8Start, n = property.utf8CodeUnitCount
        var i = 0
        while i + n <= p.count {
            var m = 0
            while m < n, AttributeBytes.lower(p[i + m]) == name[m] { m += 1 }
            if m == n {
                var k = i + n
                while k < p.count, p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0A { k += 1 }
                if k < p.count, p[k] == 0x3A {   // ':'
                    k += 1
                    while k < p.count, p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0A { k += 1 }
                    let v = value.utf8Start, vn = value.utf8CodeUnitCount
                    var j = 0
                    while j < vn, k + j < p.count, AttributeBytes.lower(p[k + j]) == v[j] { j += 1 }
                    if j == vn { return true }
                }
            }
            i += 1
        }
        return false
    }
}
