/// Byte-level rules that keep news furniture out of bullets: datelines
/// ("Seoul (CNN) --", "LONDON (Reuters) -", "WASHINGTON —") are cut from
/// the front of a bullet, and bylines, photo captions, credit lines,
/// quote-only fragments and sentences opening with a dangling pronoun or
/// connective are recognised so ``BulletFilter`` and ``Selector`` can
/// pass them over.
///
/// ```swift
/// document.withUTF8 { BulletHygiene.datelineEnd($0, range) }   // offset after "(CNN) -- ", or nil
/// ```
enum BulletHygiene {
    // MARK: - Headings run into a sentence

    /// Where the sentence starts after a heading or a link title run into it (the range's end when what follows
    /// is too short to be a sentence), or nil when there is none. Text
    /// without its line breaks runs a heading into the next sentence ("Map: The world weighs in on the
    /// election The contest between Chavez and Capriles ..."); a capitalized article, pronoun, preposition or
    /// conjunction between two lower-case words, outside quotation marks, is where the sentence starts ("The
    /// contest between ..."). Looked for in the first ``gluedHeadingBytes`` bytes; "Dancing With the Stars"
    /// (a capitalized word before), "vitamin A deficiency" ("A" is not read) and "a hot-house of IT talent" (an
    /// acronym) are no headings.
    static func gluedHeadingEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let start = range.lowerBound, end = range.upperBound
        // The space before the sentence's first word lies before `limit`.
        let limit = min(end, start + gluedHeadingBytes)
        var i = start
        while i < limit {
            // The next space before a capital, seven positions per eight-byte load (the eighth byte is the
            // seventh's successor).
            var space = -1
            while i + 8 <= end {
                let word = ByteClass.word(bytes, at: i)
                let before = ByteClass.equalMask(word, 0x20) & (ByteClass.upperMask(word) >> 8)
                if before != 0 { space = i + before.trailingZeroBitCount >> 3; break }
                i += 7
                guard i < limit else { return nil }
            }
            if space < 0 {
                while i < limit, bytes[i] != 0x20 { i += 1 }
                space = i
            }
            guard space < limit else { return nil }
            i = space + 1
            if let text = gluedSentenceStart(bytes, start, end, space: space) { return text }
        }
        return nil
    }

    /// ``gluedHeadingEnd(_:_:)`` read off the starts of the words of the sentence that holds `range`, ascending (the
    /// tokenizer's ``TokenTable/utf8Start``): a capital after a space always opens a word, so the capitals tried are
    /// the same, and a sentence is read a word at a time instead of a byte at a time.
    static func gluedHeadingEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                wordStarts: UnsafeBufferPointer<Int32>) -> Int? {
        let start = range.lowerBound, end = range.upperBound
        let limit = min(end, start + gluedHeadingBytes)
        let initials = gluedOpenerInitials
        for w in wordStarts {
            let i = Int(w)
            // The space before it lies more than eight bytes into `range` (as in `gluedSentenceStart`).
            guard i > start + 9 else { continue }
            guard i - 1 < limit else { return nil }
            // Most words open with a lower-case letter or with a capital no opener has: one load rules them out.
            let capital = bytes[i] &- 0x41
            guard capital < 26, initials & (1 << UInt32(capital)) != 0, bytes[i - 1] == 0x20 else { continue }
            if let text = gluedSentenceStart(bytes, start, end, space: i - 1) { return text }
        }
        return nil
    }

    /// Where the sentence run into a heading starts when it does at the capital after `space` (in `start..<end`,
    /// the text searched), or nil.
    @inline(__always)
    private static func gluedSentenceStart(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                           space: Int) -> Int? {
        let i = space + 1
        // A capital after the space opening one of the words, then a lower-case word ("The contest"); before
        // the space, a word of lower-case letters or digits ("election", "2013"). Cheapest test first: most
        // capitals after a space open a name.
        guard i + 3 < end, space > start + 8 else { return nil }
        let capital = bytes[i] &- 0x41, last = bytes[space - 1]
        guard capital < 26, gluedOpenerInitials & (1 << UInt32(capital)) != 0, last &- 0x61 < 26 || last &- 0x30 < 10,
              bytes[i + 1] &- 0x61 < 26,   // "In", not the acronym "IT"
              let w = EnglishBulletRules.word(bytes, at: i, end: end), w.end + 1 < end, bytes[w.end] == 0x20,
              bytes[w.end + 1] &- 0x61 < 26, gluedOpeners.contains(w.packed) else { return nil }
        var wordStart = space - 1
        while wordStart > start, bytes[wordStart - 1] != 0x20 { wordStart -= 1 }
        let first = bytes[wordStart]
        guard first &- 0x61 < 26 || first &- 0x30 < 10, !isInsideQuotation(bytes, start, space) else { return nil }
        // A sentence of its own follows (at least ``gluedSentenceWords`` words). After a shorter one ("Tim
        // Howard: Serious tattoos And that beard.", "... can be bought In the United States.") nothing is
        // shown: a row of captions, or a sentence whose title-cased phrase cannot be told from a heading.
        var words = 1, j = w.start
        while j < end, words < gluedSentenceWords { if bytes[j] == 0x20 { words += 1 }; j += 1 }
        return words < gluedSentenceWords ? end : w.start
    }

    /// Where the sentence starts after an intertitle run into it, or nil: "- Lufthansa sauvée de la faillite -Le
    /// premier groupe ..." (a dash, the intertitle, a space and a dash glued to the sentence's first word, within
    /// ``intertitleBytes`` bytes), as news wires set them off and text without line breaks runs them in.
    static func intertitleEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let start = range.lowerBound, end = range.upperBound
        guard end - start > 4, bytes[start] == 0x2D, bytes[start + 1] != 0x2D else { return nil }
        var i = start + 2
        let limit = min(end - 2, start + intertitleBytes)
        while i < limit {
            if bytes[i] == 0x20, bytes[i + 1] == 0x2D, case let c = bytes[i + 2], c &- 0x41 < 26 || c >= 0xC3 || c == 0x22 {
                return i + 2
            }
            i += 1
        }
        return nil
    }

    /// How far into a sentence an intertitle run into it may end.
    static let intertitleBytes = 120

    /// Whether `position` lies inside a quotation opened in `bytes[start..<position]`: an odd number of
    /// straight double quotes, or a “ not closed by a ”.
    static func isInsideQuotation(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ position: Int) -> Bool {
        var straight = 0, curly = false, i = start
        while i < position {
            let b = bytes[i]
            if b == 0x22 { straight += 1 }
            else if b == 0xE2, i + 2 < position, bytes[i + 1] == 0x80 {
                if bytes[i + 2] == 0x9C { curly = true } else if bytes[i + 2] == 0x9D { curly = false }
            }
            i += 1
        }
        return straight % 2 == 1 || curly
    }

    /// How many bytes into a sentence a heading run into it may end: the length of a long bullet (about 50
    /// words), so a heading or a row of link titles is cut wherever it sits in a sentence that may be a bullet.
    static let gluedHeadingBytes = 320
    /// Fewest words of the sentence after a heading run into it; after fewer the sentence shows nothing.
    static let gluedSentenceWords = 6
    /// The first letters of ``gluedOpeners`` (bit 0 for A): a capital with none of them opens a name.
    static let gluedOpenerInitials: UInt32 = 0x4C_41A3   // A B F H I O S T W (a test checks it)
    /// Words that open a sentence and stand capitalized inside one only where a heading ran into it.
    static let gluedOpeners = EnglishBulletRules.packSet(
        "the an in on at as if when it he she they we but and this that there after for with from")

    // MARK: - A date run into a sentence

    /// Where the sentence starts after a bare date run into it, or nil: "March 17, 2014 A vote in Crimea has
    /// ...", "August 11 A healthy David ..." (a month, a day, perhaps a year, then a capital with no
    /// punctuation between: the date of a page's entry, not a part of the sentence). "March 17 is the
    /// deadline" and "May 5, Congress voted" are sentences.
    static func leadingDateEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let end = range.upperBound
        // Most sentences open with a letter no month's name has: one load rules them out.
        guard range.lowerBound < end, case let capital = bytes[range.lowerBound] &- 0x41, capital < 26,
              monthInitials & (1 << UInt32(capital)) != 0,
              let month = EnglishBulletRules.word(bytes, at: range.lowerBound, end: end), month.capitalized,
              months.contains(month.packed) else { return nil }
        var i = month.end
        if i < end, bytes[i] == 0x2E { i += 1 }   // "Sept."
        func digits(_ from: Int, _ most: Int) -> Int { digitRun(bytes, from, most: most, end: end) }
        guard i < end, bytes[i] == 0x20 else { return nil }
        i += 1
        let day = digits(i, 3)
        guard day == 1 || day == 2 else { return nil }
        i += day
        if i + 6 < end, bytes[i] == 0x2C, bytes[i + 1] == 0x20, digits(i + 2, 5) == 4 { i += 6 }   // ", 2014"
        guard i + 1 < end, bytes[i] == 0x20, bytes[i + 1] &- 0x41 < 26 else { return nil }
        return i + 1
    }

    // MARK: - A page's time stamp or its video player's notice run into a sentence

    /// Where the sentence starts after a video player's notice run into it, or nil: "Media playback is not
    /// supported on this device The Newtownards man became ..." (one word, "playback is", then "device" within
    /// ``playerNoticeBytes`` bytes, then the sentence).
    static func playerNoticeEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let end = range.upperBound
        guard let first = EnglishBulletRules.word(bytes, at: range.lowerBound, end: end), first.capitalized,
              startsWith(bytes, first.end..<end, " playback is ") else { return nil }
        var i = first.end + 13
        let limit = min(end, range.lowerBound + playerNoticeBytes)
        while i + 6 <= limit {
            if startsWith(bytes, i..<end, "device") {
                var text = i + 6
                while text < end, bytes[text] == 0x20 || bytes[text] == 0x2E { text += 1 }
                return text
            }
            i += 1
        }
        return nil
    }

    /// How far into a sentence a video player's notice may end.
    static let playerNoticeBytes = 64

    /// Where the sentence starts after a page's time stamp run into it, or nil: "18 January 2016 Last updated at
    /// 20:09 GMT Ben Frost, 27, ...", "Updated: 10:01 BST The council ..." (perhaps a date, "Last updated" or
    /// "Updated", "at", "on" or a colon, a time, perhaps a zone in capitals, then a capital or a digit; the range's
    /// end when the stamp is all there is).
    static func updateStampEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let end = range.upperBound
        var i = range.lowerBound
        // A stamp opens with a day's digits, "Last" or "Updated": one load rules out the other sentences.
        guard i < end, case let first = bytes[i], first &- 0x30 < 10 || first == 0x4C || first == 0x55 else { return nil }
        func digits(_ from: Int, _ most: Int) -> Int { digitRun(bytes, from, most: most, end: end) }
        // "18 January 2016 "
        if bytes[i] &- 0x30 < 10 {
            let day = digits(i, 3)
            guard day <= 2, i + day + 1 < end, bytes[i + day] == 0x20,
                  let month = EnglishBulletRules.word(bytes, at: i + day + 1, end: end), month.capitalized,
                  months.contains(month.packed), month.end + 6 < end, bytes[month.end] == 0x20,
                  digits(month.end + 1, 5) == 4, bytes[month.end + 5] == 0x20 else { return nil }
            i = month.end + 6
        }
        let rest = i..<end
        if startsWith(bytes, rest, "Last updated") { i += 12 } else if startsWith(bytes, rest, "Updated") { i += 7 } else { return nil }
        if startsWith(bytes, i..<end, " at ") || startsWith(bytes, i..<end, " on ") { i += 4 }
        else if startsWith(bytes, i..<end, ": ") { i += 2 } else { return nil }
        // "20:09" then perhaps " GMT"
        let hours = digits(i, 3)
        guard hours == 1 || hours == 2, i + hours + 3 <= end, bytes[i + hours] == 0x3A, digits(i + hours + 1, 3) == 2 else { return nil }
        i += hours + 3
        var zone = i + 1
        while zone < end, bytes[zone] &- 0x41 < 26 { zone += 1 }
        if i < end, bytes[i] == 0x20, zone - i - 1 >= 2, zone - i - 1 <= 4 {
            guard zone < end else { return end }   // the stamp alone: nothing is shown
            if bytes[zone] == 0x20 { i = zone }
        }
        if i == end { return end }
        guard i + 1 < end, bytes[i] == 0x20, bytes[i + 1] &- 0x41 < 26 || bytes[i + 1] &- 0x30 < 10 || bytes[i + 1] == 0x22 else { return nil }
        return i + 1
    }

    /// How many ASCII digits, at most `most`, stand from `from` on (before `end`).
    static func digitRun(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, most: Int, end: Int) -> Int {
        var j = from
        while j < end, j - from < most, bytes[j] &- 0x30 < 10 { j += 1 }
        return j - from
    }

    /// The first letters of ``months`` (bit 0 for A): A D F J M N O S (a test checks it).
    static let monthInitials: UInt32 = 0x4_7229
    /// Month names and their abbreviations, packed (``EnglishBulletRules/pack(_:)``).
    static let months = EnglishBulletRules.packSet("""
        january february march april may june july august september october november december jan feb mar apr \
        jun jul aug sep sept oct nov dec
        """)

    // MARK: - Datelines

    /// The offset just after a leading dateline in `range`, or nil when there is none.
    /// Recognises "(CNN) --", "Place, Region (Agency) --" (at most six words before the parenthesis, each
    /// capitalized or a comma, or after the first a number: "WASHINGTON, Dec 5 (Reuters) -"), "PLACE --" and
    /// "PLACE —" in capitals, and "Place – " in title case (``titleCaseDatelineEnd(_:_:)``).
    static func datelineEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        mayOpenWithDateline(bytes, range) ? readDateline(bytes, range) : nil
    }

    /// ``datelineEnd(_:_:)`` read in full, without the test that rules most sentences out.
    static func readDateline(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let start = range.lowerBound, end = range.upperBound
        // "Place (Agency) --"
        var i = start
        var words = 0
        var atWordStart = true
        while i < end, i - start <= 60, bytes[i] != 0x28 {  // '('
            let b = bytes[i]
            if b == 0x20 { atWordStart = true; i += 1; continue }
            if b == 0x0A || b == 0x29 || b == 0x2E && i + 1 < end && bytes[i + 1] == 0x20 && words > 3 { break }
            if atWordStart {
                words += 1
                // Each word of a place name starts with a capital letter (or is "de", "al", ...); a date may follow
                // it ("WASHINGTON, Dec 5 (Reuters) -", "BERLIN, 12. März (Reuters) -").
                let capital = b &- 0x41 < 26 || b >= 0xC0 || (words > 1 && b &- 0x30 < 10)
                if !capital && !(b &- 0x61 < 26 && i + 3 < end && Self.isShortParticle(bytes, i, end)) { break }
                atWordStart = false
            }
            i += 1
        }
        if i < end, bytes[i] == 0x28, words <= 6 {
            var close = i + 1
            while close < end, close - i <= 32, bytes[close] != 0x29, bytes[close] != 0x28 { close += 1 }
            if close < end, bytes[close] == 0x29, close > i + 1, bytes[i + 1] &- 0x41 < 26 {
                if let after = Self.dashAfter(bytes, close + 1, end) { return after }
                // "(AGENCY)The divers ..." or "Tokyo (AGENCY)Police ...": the source tag glued to the first word.
                if close + 1 < end, bytes[close + 1] &- 0x41 < 26 || bytes[close + 1] == 0x22 { return close + 1 }
            }
        }
        // "WASHINGTON --" / "LONDON, England —": a run of capitals (at least three letters) before a dash.
        i = start
        var capitals = 0
        var sawComma = false
        while i < end, i - start <= 40 {
            let b = bytes[i]
            if b &- 0x41 < 26 { capitals += 1 } else if b == 0x20 || b == 0x2E || b == 0x27 {
                // separators inside the place name
            } else if b == 0x2C, capitals >= 3 {
                sawComma = true
            } else if b &- 0x61 < 26 || b &- 0x30 < 10, sawComma {
                // "LONDON, England --": a mixed-case region after a comma.
            } else {
                break
            }
            if b == 0x20, capitals >= 3, i + 1 < end, bytes[i + 1] == 0x2D || bytes[i + 1] == 0xE2 {
                if let after = Self.dashAfter(bytes, i, end, strong: true) { return after }
            }
            i += 1
        }
        return titleCaseDatelineEnd(bytes, range)
    }

    /// Whether ``datelineEnd(_:_:)`` needs to read `range`: false when it finds no dateline, which holds for most
    /// sentences. Every form it reads holds a "(" in the first 62 bytes, a "-" or a dash's lead byte 0xE2 in the
    /// first 42, or a dash after one of the title-case place's words that start in the first 41 bytes. So with no
    /// "(", "-" or byte of 0x80 or more in the first 72 bytes (or in all of a shorter range), and a space at bytes
    /// 40 to 70 (every such word ends there, so the byte after it is among the 72), there is none.
    @inline(__always)
    static func mayOpenWithDateline(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        typealias Bytes = SIMD16<UInt8>
        let start = range.lowerBound, count = range.count
        guard count >= 16, let base = bytes.baseAddress else {
            for i in range where bytes[i] == 0x28 || bytes[i] == 0x2D || bytes[i] >= 0x80 { return true }
            return false
        }
        @inline(__always) func marks(_ offset: Int) -> SIMDMask<SIMD16<Int8>> {
            let v = UnsafeRawPointer(base + start + offset).loadUnaligned(as: Bytes.self)
            return (v .== Bytes(repeating: 0x28)) .| (v .== Bytes(repeating: 0x2D)) .| (v .>= Bytes(repeating: 0x80))
        }
        // The first 72 bytes (all of a shorter range) in five loads of sixteen; they overlap where the bytes are
        // fewer than 80, and a byte read twice changes nothing.
        let last = min(count, 72) - 16
        let found = marks(0) .| marks(min(16, last)) .| marks(min(32, last)) .| marks(min(48, last)) .| marks(last)
        guard !ByteClass.any(found) else { return true }
        guard count >= 72 else { return false }
        var i = start + 40
        while i <= start + 70 {
            if bytes[i] == 0x20 { return false }
            i += 1
        }
        return true
    }

    /// "Wien – Das dritte Nein ...", "Zürich/Wien – Das Schauspielhaus ...", "Bad Ischl — Die ...": one to four
    /// capitalized words or particles (a place, perhaps two joined by "/"), an en or em dash between spaces,
    /// then a capital, a digit or a quotation mark: the offset after the dash, or nil. A lower-case word, a
    /// comma or a sentence's stop before the dash means no dateline ("The result – a draw – ...").
    static func titleCaseDatelineEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let start = range.lowerBound, end = range.upperBound
        var i = start, words = 0
        while i < end, i - start <= 40 {
            // A word: a capital (ASCII, or any letter outside ASCII: "Ägypten"), then letters, '/', '-', '.'; after
            // the first, a particle ("Santiago de Chile", "Frankfurt am Main").
            let b = bytes[i]
            guard b &- 0x41 < 26 || b >= 0xC3
                    || (words > 0 && i + 3 < end && (isShortParticle(bytes, i, end) || (bytes[i + 2] == 0x20
                        && (b == 0x61 || b == 0x69) && bytes[i + 1] == 0x6D)))   // "am", "im"
                    || (words > 0 && b == 0x2F)   // "Iowa City / Wien"
            else { return nil }
            words += 1
            guard words <= 4 else { return nil }
            i += 1
            while i < end, case let c = bytes[i], c != 0x20 {
                // Letters, '-' ("Stoke-on-Trent"), '.' ("St."), '/' ("Zürich/Wien" reads as one word).
                guard (c | 0x20) &- 0x61 < 26 || c >= 0x80 || c == 0x2F || c == 0x2D || c == 0x2E else { return nil }
                i += 1
            }
            // The space, then a dash or the next word.
            guard i + 4 < end else { return nil }
            if bytes[i + 1] == 0xE2, bytes[i + 2] == 0x80, bytes[i + 3] == 0x93 || bytes[i + 3] == 0x94, bytes[i + 4] == 0x20 {
                guard bytes[i - 1] != 0x2E, let text = dashAfter(bytes, i, end) else { return nil }
                let first = bytes[text]
                return first &- 0x41 < 26 || first &- 0x30 < 10 || first == 0x22 || first >= 0xC3 ? text : nil
            }
            i += 1
        }
        return nil
    }

    /// "de", "al", "el", "la", "del", "of", each followed by a space: lower-case particles inside place
    /// names. Read straight off the bytes (this runs for every sentence); needs `i + 3 < end`.
    @inline(__always)
    private static func isShortParticle(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        let a = bytes[i], b = bytes[i + 1], c = bytes[i + 2]
        if c == 0x20 {
            switch (a, b) {
            case (0x64, 0x65), (0x61, 0x6C), (0x65, 0x6C), (0x6C, 0x61), (0x6F, 0x66): return true  // de al el la of
            default: return false
            }
        }
        return a == 0x64 && b == 0x65 && c == 0x6C && bytes[i + 3] == 0x20   // "del "
    }

    /// After optional spaces at `i`: a dash ("--", "-", "—", "–"; only the long ones
    /// and "--" when `strong`) followed by a space and more text. Returns where the text starts.
    private static func dashAfter(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, strong: Bool = false) -> Int? {
        var i = i
        while i < end, bytes[i] == 0x20 { i += 1 }
        if i + 1 < end, bytes[i] == 0x2D, bytes[i + 1] == 0x2D {
            i += 2
        } else if !strong, i < end, bytes[i] == 0x2D {
            i += 1
        } else if i + 2 < end, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x94 || bytes[i + 2] == 0x93 {
            i += 3
        } else {
            return nil
        }
        guard i < end, UTF8Scalars.whitespaceWidth(bytes, at: i, end: end) > 0 else { return nil }
        while i < end, case let w = UTF8Scalars.whitespaceWidth(bytes, at: i, end: end), w > 0 { i += w }
        return i < end ? i : nil
    }

    // MARK: - Sentences that are never bullets

    /// Bylines, captions and credit lines: "By Jane Doe, CNN", "Photos: ...", "Hide Caption",
    /// "CNN's Jane Doe contributed to this report."
    static func isFurniture(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        opensLikeFurniture(bytes, range) || furniturePhrases.occurs(in: bytes, range)
    }

    /// The openings of ``isFurniture(_:_:)``: a short "By ..." byline, "Pictured", "Watch", "Read:", a section's
    /// label ("Opinion: ...", "Timeline: ...") ...
    static func opensLikeFurniture(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if opensWithSectionLabel(bytes, range) { return true }
        // Every opening below starts with B, M, P, R, S, V or W.
        guard let first = range.first, bytes[first] &- 0x41 < 26,
              (1 << UInt32(bytes[first] &- 0x41)) & Self.furnitureInitials != 0 else { return false }
        if startsWith(bytes, range, "By "), range.count < 100 || bylineWithAffiliation(bytes, range) { return true }
        return startsWith(bytes, range, "Pictured") || startsWith(bytes, range, "Watch") || startsWith(bytes, range, "WATCH")
            || startsWith(bytes, range, "Read:") || startsWith(bytes, range, "READ:") || startsWith(bytes, range, "Video:")
            || startsWith(bytes, range, "Related:") || startsWith(bytes, range, "See also")
            || startsWith(bytes, range, "More:") || startsWith(bytes, range, "MORE:")
    }

    /// Whether the text opens with the label of a page's section or of a link, then a colon: "Opinion: Rand Paul is
    /// right Modern conservatives ...", "Timeline: ...", "Gallery: ...". Run into a sentence, such a link title
    /// makes the text a heading, not a key point.
    static func opensWithSectionLabel(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let w = EnglishBulletRules.word(bytes, at: range.lowerBound, end: range.upperBound), w.capitalized,
              w.end < range.upperBound, bytes[w.end] == 0x3A else { return false }
        return sectionLabels.contains(w.packed)
    }

    /// Labels of a page's sections and links (packed: the first eight letters).
    static let sectionLabels = EnglishBulletRules.packSet("""
        opinion analysis gallery interactive timeline listen photos photo map poll explainer live quiz infographic \
        podcast videos audio slideshow graphic chart exclusive editorial commentary update sources source official \
        officials
        """)

    /// The first letters of the openings of ``opensLikeFurniture(_:_:)``, one bit per capital ('A' = bit 0).
    private static var furnitureInitials: UInt32 {
        1 << 1 | 1 << 12 | 1 << 15 | 1 << 17 | 1 << 18 | 1 << 21 | 1 << 22   // B M P R S V W
    }

    /// "By Jane Doe, Agency ...": after "By ", one to four capitalized words, a comma and a capitalized word.
    static func bylineWithAffiliation(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound + 3, words = 0
        while i < range.upperBound, words < 5 {
            guard bytes[i] &- 0x41 < 26 else { return false }
            words += 1
            while i < range.upperBound, bytes[i] != 0x20, bytes[i] != 0x2C { i += 1 }
            if i < range.upperBound, bytes[i] == 0x2C {
                return i + 2 < range.upperBound && bytes[i + 1] == 0x20 && bytes[i + 2] &- 0x41 < 26 && words <= 4
            }
            i += 1
        }
        return false
    }

    /// Whether the text opens with a press release's "About" heading on a line of its own: "About", then one
    /// to six words without punctuation that each start with a capital letter, a non-ASCII letter or "&"
    /// ("About Northwind Energy"; after the first, "the", "of", "and" and "for" may stand between them), then
    /// the end of the line or of the sentence. "About 200 people gathered" or "About Northwind, the board
    /// said" are not headings.
    static func opensWithAboutHeading(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard startsWith(bytes, range, "About ") else { return false }
        var i = range.lowerBound + 6
        var words = 0
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D { return words >= 1 }   // the heading's line ends
            if b == 0x20 { i += 1; continue }
            var j = i
            while j < range.upperBound, bytes[j] != 0x20, bytes[j] != 0x0A, bytes[j] != 0x0D { j += 1 }
            let capitalized = b &- 0x41 < 26 || b == 0x26 || b >= 0xC0
            func isWord(_ w: StaticString) -> Bool { j - i == w.utf8CodeUnitCount && startsWith(bytes, i..<j, w) }
            let connector = words > 0 && (isWord("the") || isWord("of") || isWord("and") || isWord("for"))
            guard capitalized || connector else { return false }
            // A heading has no sentence punctuation ("About Northwind, the board said").
            for k in i..<j where bytes[k] == 0x2C || bytes[k] == 0x2E || bytes[k] == 0x3A || bytes[k] == 0x3B { return false }
            words += 1
            if words > 6 { return false }
            i = j
        }
        return words >= 1   // the heading is the whole sentence (a paragraph of its own)
    }

    /// The phrases of ``isFurniture(_:_:)``, found anywhere in the text.
    static let furniturePhraseList = [
        "photos:", "photo:", "hide caption", "image caption", "photo credit", "getty images", "(photo",
        "(image", "(video", "caption:", "contributed to this report", "contributed reporting",
        "scroll down for video", "read more", "follow us", "follow @", "subscribe to our",
        "editor's note", "editor’s note",
        // A page's time stamp or its video player's notice run into the text ("Media playback is unsupported on your
        // device 26 October 2014 Last updated at 00:31 BST She ...").
        "last updated at", "playback is unsupported", "playback is not supported",
        // A photo's caption run into the text: "Ben Stiller, left, and Robert Downey Jr. are among the stars ...",
        // "Young gorillas play in Congo's park in an undated photograph."
        ", left, ", ", right, ", ", center, ", ", centre, ", "from left,", "(from left", "pictured above",
        "pictured below", ", pictured,", "shown here", "seen here", "in a photo from", "in a photo released",
        "in a photo taken", "in a photo provided", "in an undated photo", "in a file photo", "in this photo",
        "in this undated", "in this file photo", "in this handout", "in this image", "in a photograph",
        "in this photograph", "photo released by", "photo provided by", "image provided by", "poses with",
        "poses for the camera", "pose for the camera",
    ]
    static let furniturePhrases = PhraseSet(furniturePhraseList)

    /// A quotation with nothing outside it (an opening double quote that closes only
    /// at the end, or never), or a fragment starting with a lower-case letter.
    static func isQuoteFragment(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        if bytes[first] &- 0x61 < 26 { return true }
        var i: Int
        if bytes[first] == 0x22 { i = first + 1 }
        else if first + 2 < range.upperBound, bytes[first] == 0xE2, bytes[first + 1] == 0x80, bytes[first + 2] == 0x9C { i = first + 3 }
        else { return false }
        while i < range.upperBound {
            // Only a `"` or a 0xE2 byte can close: the next one, eight bytes at a time.
            i = Candidates.nextMark(bytes, i, range.upperBound, 0xE2, 0xE2)
            guard i < range.upperBound else { break }
            let isClose = bytes[i] == 0x22
                || (i + 2 < range.upperBound && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x9D)
            if isClose {
                var j = i + (bytes[i] == 0x22 ? 1 : 3)
                // Only closing punctuation may follow.
                while j < range.upperBound {
                    let b = bytes[j]
                    if b == 0x20 || b == 0x2E || b == 0x2C || b == 0x21 || b == 0x3F || b == 0x29 || b == 0x3B { j += 1; continue }
                    return false
                }
                return true
            }
            i += 1
        }
        return true
    }

    /// An interview transcript line: a speaker label of one to three capitalized words and a colon, then
    /// speech that only makes sense as an answer or a question — the label is written in capitals (an
    /// interviewer's outlet, or "CHARLIE WILSON:"), or the speech opens in the first or second person
    /// ("Owen: I think it does."). A label before a third-person claim ("Parsi: Conflict has damaged
    /// Israel's policy") is a headline style, not a transcript, and stays eligible.
    static func isTranscriptLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let label = speakerLabel(bytes, range) else { return false }
        var lowercase = false
        for k in label where bytes[k] &- 0x61 < 26 { lowercase = true; break }
        if !lowercase { return true }
        let end = range.upperBound
        let i = label.upperBound
        var j = i + 2
        while j < end, (bytes[j] | 0x20) &- 0x61 < 26 || bytes[j] == 0x27 { j += 1 }
        var word = [UInt8](); word.reserveCapacity(j - i - 2)
        for k in (i + 2)..<j { word.append(bytes[k] | 0x20) }
        return speakerOpeners.contains(word)
    }

    /// The label of a "Name: text" line: one to three capitalized words (letters, ".", "'", "-")
    /// right before ": " at the start of `range`, or nil.
    static func speakerLabel(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        let start = range.lowerBound, end = range.upperBound
        // The colon ends the label within its first 42 bytes: most sentences have none there.
        guard start < end, bytes[start] &- 0x41 < 26, opensHolding(0x3A, bytes, range, within: 42) else { return nil }
        var i = start, words = 1, atWordStart = true
        while i < end, i - start <= 40, bytes[i] != 0x3A {   // ':'
            let b = bytes[i]
            if b == 0x20 {
                words += 1; atWordStart = true
                guard words <= 3 else { return nil }
            } else if atWordStart {
                guard b &- 0x41 < 26 else { return nil }     // every word of the label is capitalized
                atWordStart = false
            } else if !((b | 0x20) &- 0x61 < 26 || b == 0x2E || b == 0x27 || b == 0x2D) {
                return nil
            }
            i += 1
        }
        guard i + 2 < end, i > start, bytes[i] == 0x3A, bytes[i + 1] == 0x20 else { return nil }
        return start..<i
    }

    /// Whether the first `limit` bytes of `bytes[range]` (all of it when shorter) hold `byte`: eight bytes at a
    /// time, the last eight overlapping the ones before when the length is not a multiple of eight.
    @inline(__always)
    static func opensHolding(_ byte: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, within limit: Int) -> Bool {
        let start = range.lowerBound, stop = min(range.upperBound, start + limit)
        guard stop - start >= 8 else {
            for i in start..<max(start, stop) where bytes[i] == byte { return true }
            return false
        }
        var found: UInt64 = 0
        var i = start
        while i + 8 < stop {
            found |= ByteClass.mayEqual(ByteClass.word(bytes, at: i), byte)
            i += 8
        }
        return found | ByteClass.mayEqual(ByteClass.word(bytes, at: stop - 8), byte) != 0
    }

    /// First- and second-person openers of speech: "I", "I'm", "We", "You", "My" ...
    static let speakerOpeners: Set<[UInt8]> = Set([
        "i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "we'd", "we'll", "you", "you're", "you've",
        "my", "our", "me", "us",
    ].map { Array($0.utf8) })

    /// Whether the text opens with a quotation mark (" “ „ « 「 『).
    static func opensWithQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        if bytes[first] == 0x22 { return true }
        if first + 1 < range.upperBound, bytes[first] == 0xC2, bytes[first + 1] == 0xAB { return true }   // «
        guard first + 2 < range.upperBound else { return false }
        if bytes[first] == 0xE2, bytes[first + 1] == 0x80 { return bytes[first + 2] == 0x9C || bytes[first + 2] == 0x9E }   // “ „
        return bytes[first] == 0xE3 && bytes[first + 1] == 0x80 && (bytes[first + 2] == 0x8C || bytes[first + 2] == 0x8E)  // 「 『
    }

    /// Whether the sentence opens with an English pronoun or connective that points back ("He said", "But",
    /// "This", "However,"). ``Candidates`` reads it for English text only.
    static func opensWithEnglishDanglingWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        // Skip an opening quote.
        if i < range.upperBound, bytes[i] == 0x22 || bytes[i] == 0x27 { i += 1 }
        else if i + 2 < range.upperBound, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9C || bytes[i + 2] == 0x98 { i += 3 }
        // The word in lower case, packed (at most 12 letters: two integers), against the openers of its length.
        var j = i, head: UInt64 = 0, tail: UInt64 = 0
        if i + 16 <= range.upperBound {
            // Sixteen bytes in two loads: the letters before the first other byte (the letter mask).
            let first = ByteClass.word(bytes, at: i)
            let firstOthers = ~ByteClass.letterMask(first) & ByteClass.highBits
            if firstOthers != 0 {
                let length = firstOthers.trailingZeroBitCount >> 3
                head = (first | ByteClass.ones &* 0x20) & ((1 << UInt64(8 * length)) - 1)
                j = i + length
            } else {
                let second = ByteClass.word(bytes, at: i + 8)
                let secondOthers = ~ByteClass.letterMask(second) & ByteClass.highBits
                guard secondOthers != 0 else { return false }   // sixteen letters or more
                let length = secondOthers.trailingZeroBitCount >> 3
                head = first | ByteClass.ones &* 0x20
                tail = (second | ByteClass.ones &* 0x20) & ((1 << UInt64(8 * length)) - 1)
                j = i + 8 + length
            }
        } else {
            while j < range.upperBound, (bytes[j] | 0x20) &- 0x61 < 26 { j += 1 }
            if j - i <= 12 {
                for k in i..<j {
                    let letter = UInt64(bytes[k] | 0x20), shift = UInt64(8 * ((k - i) & 7))
                    if k - i < 8 { head |= letter << shift } else { tail |= letter << shift }
                }
            }
        }
        guard j > i, j - i <= 12 else { return false }
        // A hyphenated word ("So-called") is not the connective.
        if j < range.upperBound, bytes[j] == 0x2D { return false }
        for key in englishDanglingOpenerKeys[j - i] where key.head == head && key.tail == tail { return true }
        return false
    }

    /// ``englishDanglingOpeners`` packed as in ``opensWithEnglishDanglingWord(_:_:)``, by length (index 0 to 12).
    static let englishDanglingOpenerKeys: [[(head: UInt64, tail: UInt64)]] = {
        var keys = [[(head: UInt64, tail: UInt64)]](repeating: [], count: 13)
        for word in englishDanglingOpeners where word.count <= 12 {
            var head: UInt64 = 0, tail: UInt64 = 0
            for (k, letter) in word.enumerated() {
                if k < 8 { head |= UInt64(letter) << UInt64(8 * k) } else { tail |= UInt64(letter) << UInt64(8 * (k - 8)) }
            }
            keys[word.count].append((head, tail))
        }
        return keys
    }()

    static let englishDanglingOpeners: Set<[UInt8]> = Set([
        "he", "she", "it", "they", "them", "his", "her", "hers", "its", "their", "theirs", "this", "that", "these",
        "those", "but", "and", "or", "nor", "so", "also", "however", "yet", "still", "then", "thus", "meanwhile",
        "instead", "moreover", "furthermore", "nevertheless", "nonetheless", "besides", "additionally", "likewise",
        "similarly", "otherwise", "therefore", "hence", "consequently", "indeed",
    ].map { Array($0.utf8) })

    // MARK: - Helpers

    static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard range.count >= count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where bytes[range.lowerBound + k] != p[k] { return false }
        return true
    }

    /// Case-insensitive (ASCII) substring search; `phrase` is lower case.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ phrase: StaticString) -> Bool {
        let count = phrase.utf8CodeUnitCount
        guard range.count >= count, count > 0 else { return false }
        let p = phrase.utf8Start
        var i = range.lowerBound
        let last = range.upperBound - count
        while i <= last {
            if PhraseSet.lower(bytes[i]) == p[0] {
                var k = 1
                while k < count, PhraseSet.lower(bytes[i + k]) == p[k] { k += 1 }
                if k == count { return true }
            }
            i += 1
        }
        return false
    }
}

/// A fixed set of lower-case phrases searched for together, ASCII letters compared
/// case-insensitively: one pass over the text, and at each offset only the phrases
/// whose first byte matches are compared (the same answer as searching for each
/// phrase in turn).
struct PhraseSet: Sendable {
    let phrases: [[UInt8]]
    /// The phrases ordered by first byte: those starting with byte `b` are `order[headStart[b]..<headStart[b + 1]]`.
    private let order: [Int]
    private let headStart: [Int32]
    /// Per entry of `order`, the phrase's first eight bytes (all of a shorter one) packed little-endian, and the
    /// mask of those bytes: one comparison with the text's next eight bytes, lower-cased, tests them all.
    private let heads: [(packed: UInt64, mask: UInt64)]
    /// A byte per hashed opening of `gram` bytes (each byte ORed with 0x20, so both cases of a letter give
    /// one key; `gram` is four, or the shortest phrase's length): 1 when some phrase opens with those
    /// bytes, else 0. Most offsets of a sentence are ruled out by one load, a multiply and one table load;
    /// a slot is rarely set by chance (4,096 slots for a few dozen phrases), where a table of first byte
    /// pairs ("re", "co", "se" open phrases too) sent a fifth of all offsets on to the phrase comparison.
    private let openings: [UInt8]
    /// The bytes of a four-byte load that form the opening: all of them, or the first `gram`.
    private let gramMask: UInt32
    private static let openingBits = 12

    init(_ phrases: [String]) {
        let list = phrases.map { Array($0.utf8) }.filter { !$0.isEmpty }
        self.phrases = list
        let order = list.indices.sorted { (list[$0][0], $0) < (list[$1][0], $1) }
        var headStart = [Int32](repeating: 0, count: 257)
        for phrase in list { headStart[Int(phrase[0]) + 1] += 1 }
        for b in 0..<256 { headStart[b + 1] += headStart[b] }
        self.order = order
        self.headStart = headStart
        heads = order.map { k in
            var packed: UInt64 = 0
            for (j, byte) in list[k].prefix(8).enumerated() { packed |= UInt64(byte) << UInt64(8 * j) }
            let length = min(list[k].count, 8)
            return (packed, length == 8 ? .max : (1 << UInt64(8 * length)) - 1)
        }
        let gram = min(4, list.map(\.count).min() ?? 4)
        gramMask = gram == 4 ? .max : (1 << UInt32(8 * gram)) - 1
        var openings = [UInt8](repeating: 0, count: 1 << Self.openingBits)
        for phrase in list {
            var word: UInt32 = 0
            for k in 0..<gram { word |= UInt32(phrase[k]) << UInt32(8 * k) }
            openings[Self.openingHash(word, mask: gramMask)] = 1
        }
        self.openings = openings
    }

    /// The table slot of an opening: the bytes of `word` (little-endian) under `mask`.
    @inline(__always)
    private static func openingHash(_ word: UInt32, mask: UInt32) -> Int {
        Int((((word | 0x2020_2020) & mask) &* 0x9E37_79B1) >> UInt32(32 - openingBits))
    }

    /// Whether any phrase occurs inside `bytes[range]`.
    ///
    /// Every offset is tested, eight at a time without a branch between them: their loads and hashes are
    /// independent, so they overlap, where a skip search (Wu and Manber 1994: the pair of bytes that ends a
    /// window says how far to move) runs fewer instructions but waits at each step for the load that says
    /// where the next one is, and its branch on the shift is taken at random.
    func occurs(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let end = range.upperBound
        let mask = gramMask
        return openings.withUnsafeBufferPointer { openings in
            @inline(__always) func matches(at i: Int, first: UInt8) -> Bool {
                let from = Int(headStart[Int(first)]), to = Int(headStart[Int(first) + 1])
                guard from < to else { return false }
                if i + 8 <= end {
                    // The next eight bytes lower-cased in one step against each phrase's first eight; a longer
                    // phrase's other bytes one by one.
                    let lowered = Self.lowerWord(ByteClass.word(bytes, at: i))
                    for h in from..<to where lowered & heads[h].mask == heads[h].packed {
                        let phrase = phrases[order[h]]
                        let count = phrase.count
                        guard count > 8 else { return true }
                        guard count <= end - i else { continue }
                        var j = 8
                        while j < count, Self.lower(bytes[i + j]) == phrase[j] { j += 1 }
                        if j == count { return true }
                    }
                    return false
                }
                for h in from..<to {
                    let phrase = phrases[order[h]]
                    let count = phrase.count
                    guard count <= end - i else { continue }
                    var j = 1
                    while j < count, Self.lower(bytes[i + j]) == phrase[j] { j += 1 }
                    if j == count { return true }
                }
                return false
            }
            let base = UnsafeRawPointer(bytes.baseAddress!)
            let table = openings.baseAddress!
            /// 1 when some phrase may open at `k` (four bytes in one load), else 0.
            @inline(__always) func opens(_ k: Int) -> UInt8 {
                table[Self.openingHash(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: k, as: UInt32.self)), mask: mask)]
            }
            // Every offset with four bytes left; only a group of eight with a slot set is read again, offset by
            // offset, for the phrase comparison.
            var i = range.lowerBound
            let last = end &- 4
            while i &+ 7 <= last {
                var any: UInt8 = 0
                for k in 0..<8 { any |= opens(i &+ k) }
                if any != 0 {
                    for k in i..<(i &+ 8) where opens(k) != 0 {
                        if matches(at: k, first: Self.lower(bytes[k])) { return true }
                    }
                }
                i &+= 8
            }
            while i <= last {
                if opens(i) != 0, matches(at: i, first: Self.lower(bytes[i])) { return true }
                i &+= 1
            }
            // The last three offsets (a load would read past the range): compared directly.
            while i < end {
                if matches(at: i, first: Self.lower(bytes[i])) { return true }
                i += 1
            }
            return false
        }
    }

    /// ASCII lower case; every other byte unchanged.
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b | ((b &- 0x41) < 26 ? 0x20 : 0) }

    /// ``lower(_:)`` of each of eight bytes: 0x20 added to each byte from 0x41 to 0x5A (with the top bits
    /// cleared, adding at most 0x3F carries into no other byte; the top bit of x + 0x80 − c is set iff x ≥ c).
    @inline(__always)
    static func lowerWord(_ word: UInt64) -> UInt64 {
        let low = word & ~ByteClass.highBits
        let upper = (low &+ ByteClass.ones &* (0x80 - 0x41)) & ~(low &+ ByteClass.ones &* (0x80 - 0x5B)) & ~word & ByteClass.highBits
        return word | upper >> 2
    }
}
