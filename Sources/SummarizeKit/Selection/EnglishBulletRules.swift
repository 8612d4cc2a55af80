/// Rules of English news prose that decide whether a sentence can stand alone as a bullet. They read
/// English words, so ``Candidates`` applies them to English text only; other languages skip them.
///
/// - A leading "But", "And", or a linking adverb with its comma ("So,", "However,") is dropped from what the
///   bullet shows ("But the deal collapsed." shows
///   "The deal collapsed.").
/// - A sentence that opens with a time relative to an earlier event ("Hours later, ...", "Eventually, ..."),
///   with a word that points back ("Others say ...", "Such a ruling ..."),
///   with "the" and a common noun that nothing in the sentence pins down ("The soldiers died when ..."), or
///   with a quotation whose speaker is a bare pronoun ("\"...,\" she said." and no one named) depends on the
///   sentence before it, like one opening with "He" or "This".
/// - A sentence that addresses the reader ("Share ...", "Think back to ...", "If you ...") or speaks about the
///   page, the newsletter or the comments is never a bullet.
/// - A sentence in the writer's own voice ("I", "my", "we" outside quotation marks) with no word of reported
///   speech, or one opening with a condition or a guess ("If ...", "Perhaps ..."), is a second choice: taken
///   only when a text has too few other candidates.
///
/// Words are read as ASCII letters packed into integers (at most 8 per word), so no rule allocates.
enum EnglishBulletRules {
    // MARK: - Words

    /// A word of ASCII letters (and apostrophes) at `i`: its first 8 letters lower-cased and packed, its length,
    /// where it ends, whether it opens with a capital. The rules read a bullet's opening words in any case: the
    /// text may start after a dropped "But".
    struct Word {
        var packed: UInt64
        var length: Int
        var start: Int
        var end: Int
        var capitalized: Bool
    }

    /// The word starting at `i` (after skipping nothing), or nil when no ASCII letter stands there.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Word? {
        guard i < end, (bytes[i] | 0x20) &- 0x61 < 26 else { return nil }
        if i + 8 <= end {
            // Eight bytes in one load: the letters before the first other byte are the word, unless that byte is
            // an apostrophe (read below), or all eight are letters.
            let loaded = ByteClass.word(bytes, at: i)
            let others = ~ByteClass.letterMask(loaded) & ByteClass.highBits
            if others != 0 {
                let length = others.trailingZeroBitCount >> 3   // 1 to 7: bytes[i] is a letter
                if bytes[i + length] != 0x27 {
                    let packed = (loaded | ByteClass.ones &* 0x20) & ((1 << UInt64(8 * length)) - 1)
                    return Word(packed: packed, length: length, start: i, end: i + length, capitalized: bytes[i] &- 0x41 < 26)
                }
            }
        }
        var j = i, packed: UInt64 = 0
        while j < end {
            let b = bytes[j]
            let letter = (b | 0x20) &- 0x61 < 26
            // An apostrophe inside a word ("don't", "nursery's"); not a closing quote after it.
            guard letter || (b == 0x27 && j + 1 < end && (bytes[j + 1] | 0x20) &- 0x61 < 26) else { break }
            if j - i < 8 { packed |= UInt64(letter ? b | 0x20 : b) << (8 * UInt64(j - i)) }
            j += 1
        }
        return Word(packed: packed, length: j - i, start: i, end: j, capitalized: bytes[i] &- 0x41 < 26)
    }

    /// The first position at or after `position` that is not a space.
    @inline(__always)
    static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int, end: Int) -> Int {
        var i = position
        while i < end, bytes[i] == 0x20 { i += 1 }
        return i
    }

    static func pack(_ word: String) -> UInt64 {
        var packed: UInt64 = 0
        for (k, byte) in word.utf8.prefix(8).enumerated() { packed |= UInt64(byte) << (8 * UInt64(k)) }
        return packed
    }

    static func packSet(_ words: String) -> PackedSet {
        PackedSet(words.split(separator: " ").map { pack(String($0)) })
    }

    /// A few packed words in an open-addressing table of at least four slots per word: a word looked up costs
    /// one multiply and, almost always, one comparison (a binary search over the sorted words cost five).
    struct PackedSet: Sendable {
        /// The words, 0 in the empty slots (no packed word is 0: a word has a letter).
        private let slots: [UInt64]
        private let shift: UInt64

        init(_ words: [UInt64]) {
            var bits = 2
            while 1 << bits < 4 * words.count { bits += 1 }
            shift = UInt64(64 - bits)
            var slots = [UInt64](repeating: 0, count: 1 << bits)
            for word in words where word != 0 {
                var slot = Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while slots[slot] != 0, slots[slot] != word { slot = (slot + 1) & (slots.count - 1) }
                slots[slot] = word
            }
            self.slots = slots
        }

        @inline(__always)
        func contains(_ word: UInt64) -> Bool {
            guard word != 0 else { return false }
            return slots.withUnsafeBufferPointer { slots in
                var slot = Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while true {
                    let key = slots[slot]
                    if key == word { return true }
                    if key == 0 { return false }
                    slot = (slot + 1) & (slots.count - 1)
                }
            }
        }
    }

    // MARK: - A leading conjunction

    /// Where the bullet's text starts once a leading "But " or "And " (or "So, ", "However, ", "Meanwhile, " ...)
    /// is dropped, or nil when the sentence does not open with one. What follows must be a word ("But the deal
    /// ..."), not "And/or".
    static func leadingConjunctionEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard let first = word(bytes, at: range.lowerBound, end: range.upperBound), first.capitalized else { return nil }
        var i = first.end
        if first.packed == so || connectives.contains(first.packed) {
            // "So, ...", "However, ...": with their comma only ("So far", "Still photos" are no connectives).
            guard i < range.upperBound, bytes[i] == 0x2C else { return nil }
            i += 1
        } else if first.packed != but && first.packed != and {
            return nil
        }
        guard i < range.upperBound, bytes[i] == 0x20 else { return nil }
        i = skipSpaces(bytes, i, end: range.upperBound)
        guard let next = word(bytes, at: i, end: range.upperBound), next.length >= 1 else { return nil }
        return next.start
    }

    // Packed words (``pack(_:)``) are written as literals: constants, where `pack("but")` would be a global set
    // up at run time and checked for it at every use (a test checks each against `pack`).
    static let but: UInt64 = 0x747562   // pack("but")
    static let and: UInt64 = 0x646E61   // pack("and")
    static let so: UInt64 = 0x6F73   // pack("so")
    /// Sentence adverbs that link to the sentence before without changing what this one states ("However, the
    /// plan failed." states "The plan failed."), dropped with their comma. Not "Then," or "Later," (a time the
    /// bullet would lose), nor "Otherwise," (a condition).
    static let connectives = packSet("""
        however meanwhile still indeed also moreover furthermore nevertheless nonetheless additionally likewise \
        similarly consequently besides instead thus therefore hence
        """)

    // MARK: - Openers that need the sentence before

    /// Whether the text opens with a time relative to an event it does not give: "Eventually", "Later"
    /// (not "Later this ..."), "Afterwards", "Soon", "Shortly after", "By then", "At that point", "At the time",
    /// "The next day", "Hours later", "Some six hours later", "Two days on,".
    static func opensWithRelativeTime(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let end = range.upperBound
        guard var w = word(bytes, at: range.lowerBound, end: end) else { return false }
        if w.end < end, bytes[w.end] == 0x2D { return false }   // "Soon-to-be"
        // Every opening below starts with one of these words: one lookup passes over the other sentences.
        guard relativeOpeners.contains(w.packed) else { return false }
        func wordAfter(_ previous: Word) -> Word? { word(bytes, at: skipSpaces(bytes, previous.end, end: end), end: end) }
        if relativeAdverbs.contains(w.packed) { return true }
        // "Earlier, ...", "Finally, ...", "Now, ...": with their comma ("Earlier this week", "Now 40, ..." are not).
        if commaRelativeAdverbs.contains(w.packed) { return w.end < end && bytes[w.end] == 0x2C }
        if w.packed == later {
            guard let n = wordAfter(w) else { return true }
            return !laterPublication.contains(n.packed)
        }
        if w.packed == shortly, let n = wordAfter(w) { return n.packed == after || n.packed == before || n.packed == thereafter }
        if (w.packed == by || w.packed == since || w.packed == until), let n = wordAfter(w) { return n.packed == then }
        if w.packed == at, let n = wordAfter(w), let m = wordAfter(n) {
            return (n.packed == that && pointWords.contains(m.packed)) || (n.packed == the && m.packed == time)
        }
        if w.packed == the, let n = wordAfter(w), let m = wordAfter(n) {
            if (n.packed == next || n.packed == following || n.packed == previous) && timeUnits.contains(m.packed) { return true }
            if n.packed == day, m.packed == before || m.packed == after { return true }
            return false
        }
        // [qualifier] count unit (later | afterwards | earlier | after, | before, | on,)
        if qualifiers.contains(w.packed) {
            guard let n = wordAfter(w) else { return false }
            w = n
            if w.packed == than, let m = wordAfter(w) { w = m }   // "More than"
        }
        var unit: Word
        if timeUnits.contains(w.packed), w.length > 3, bytes[w.end - 1] == 0x73 {   // "Hours later", "Moments later"
            unit = w
        } else {
            let isCount = countWords.contains(w.packed) || bytes[w.start] &- 0x30 < 10
            guard isCount || w.packed == a || w.packed == an || w.packed == few else { return false }
            var n = wordAfter(w)
            if w.packed == a, let m = n, m.packed == few { n = wordAfter(m) }   // "A few days later"
            guard let u = n, timeUnits.contains(u.packed) else { return false }
            unit = u
        }
        guard let relation = wordAfter(unit) else { return false }
        if relation.packed == later || relation.packed == afterwards || relation.packed == earlier { return true }
        if relation.packed == after || relation.packed == before || relation.packed == on {
            return relation.end < end && bytes[relation.end] == 0x2C
        }
        return false
    }

    static let relativeAdverbList = "eventually afterwards afterward subsequently thereafter soon"
    static let relativeAdverbs = packSet(relativeAdverbList)
    /// A time or a step relative to what came before, followed by a comma: "Earlier, Noriega arrived ...",
    /// "Finally, Digg has added ...", "Now, after three years of testing, ...".
    static let commaRelativeAdverbList = "earlier finally now"
    static let commaRelativeAdverbs = packSet(commaRelativeAdverbList)
    static let later: UInt64 = 0x726574616C   // pack("later")
    static let shortly: UInt64 = 0x796C74726F6873   // pack("shortly")
    static let after: UInt64 = 0x7265746661   // pack("after")
    static let before: UInt64 = 0x65726F666562   // pack("before")
    static let thereafter: UInt64 = 0x7466616572656874   // pack("thereaft")
    static let by: UInt64 = 0x7962   // pack("by")
    static let since: UInt64 = 0x65636E6973   // pack("since")
    static let until: UInt64 = 0x6C69746E75   // pack("until")
    static let then: UInt64 = 0x6E656874   // pack("then")
    static let at: UInt64 = 0x7461   // pack("at")
    static let that: UInt64 = 0x74616874   // pack("that")
    static let the: UInt64 = 0x656874   // pack("the")
    static let time: UInt64 = 0x656D6974   // pack("time")
    static let next: UInt64 = 0x7478656E   // pack("next")
    static let following: UInt64 = 0x6E69776F6C6C6F66   // pack("followin")
    static let previous: UInt64 = 0x73756F6976657270   // pack("previous")
    static let day: UInt64 = 0x796164   // pack("day")
    static let than: UInt64 = 0x6E616874   // pack("than")
    static let a: UInt64 = 0x61   // pack("a")
    static let an: UInt64 = 0x6E61   // pack("an")
    static let few: UInt64 = 0x776566   // pack("few")
    static let on: UInt64 = 0x6E6F   // pack("on")
    static let afterwards: UInt64 = 0x7261777265746661   // pack("afterwar")
    static let earlier: UInt64 = 0x7265696C726165   // pack("earlier")
    /// "Later this year", "Later today": a time relative to the day of publication, which the reader shares.
    static let laterPublication = packSet("this today tonight in on next")
    static let pointWords = packSet("point time moment stage")
    static let qualifierList = "some about around nearly almost just only barely roughly more less"
    static let qualifiers = packSet(qualifierList)
    static let countWordList = "one two three four five six seven eight nine ten eleven twelve twenty thirty several many"
    static let countWords = packSet(countWordList)
    static let timeUnitList = """
        second seconds minute minutes hour hours day days night nights week weeks month months year years decade \
        decades moments morning afternoon evening
        """
    static let timeUnits = packSet(timeUnitList)
    /// The first words of every opening of ``opensWithRelativeTime(_:_:)``.
    static let relativeOpeners = packSet(relativeOpenerList)
    static let relativeOpenerList = [
        relativeAdverbList, commaRelativeAdverbList, "later shortly by since until at the", qualifierList, timeUnitList,
        countWordList, "a an few",
    ].joined(separator: " ")

    /// Whether the text's first word (``word(_:at:end:)``) is one that ``opensWithRelativeTime(_:_:)``,
    /// ``opensWithBackReference(_:_:)``, ``bareDefiniteHead(_:_:)`` or ``opensWithHypothetical(_:_:)`` reads on
    /// from. When it is not, none of the four holds: one lookup instead of four rules, for most sentences.
    static func mayOpenDependent(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let w = word(bytes, at: range.lowerBound, end: range.upperBound) else { return false }
        return dependentOpeners.contains(w.packed)
    }

    /// The first words of the four rules of ``mayOpenDependent(_:_:)`` (a test checks each rule against it).
    static let dependentOpeners = packSet([
        relativeOpenerList, backReferenceList, "the", hypotheticalList,
    ].joined(separator: " "))

    /// Whether the text opens with "The" and a common noun that nothing in the sentence pins down: no name
    /// or number right after "The", no "of ...", "who ...", "in ..." after the noun ("The soldiers died when
    /// ...", "The nursery's owner is ...", "The company also unveiled ..."; not "The mayor of Lyon ...", "The
    /// White House ...", "The government said ...").
    static func opensWithBareDefinite(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        bareDefiniteHead(bytes, range) != nil
    }

    /// Where the head noun of an opening bare definite description starts ("soldiers" in "The soldiers died
    /// ..."), or nil (``opensWithBareDefinite(_:_:)``). A bullet may open so once an earlier bullet has
    /// introduced the head.
    static func bareDefiniteHead(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let end = range.upperBound, start = range.lowerBound
        // "the" in any case, read straight off the bytes before the word is (most sentences open otherwise).
        guard end - start >= 3, bytes[start] | 0x20 == 0x74, bytes[start + 1] | 0x20 == 0x68, bytes[start + 2] | 0x20 == 0x65,
              let first = word(bytes, at: start, end: end), first.packed == the, first.length == 3 else { return nil }
        var position = first.end
        var head: Word? = nil
        var words = 0
        while words < 4 {
            guard position < end, bytes[position] == 0x20 else { break }
            position = skipSpaces(bytes, position, end: end)
            guard position < end else { break }
            // A digit or a capital says which: "The 25 people", "The White House", "The locomotive General".
            if bytes[position] &- 0x30 < 10 { return nil }
            guard let w = word(bytes, at: position, end: end) else { break }
            if w.capitalized { return nil }
            if postmodifiers.contains(w.packed) { return nil }
            let adverb = w.length > 3 && bytes[w.end - 1] == 0x79 && bytes[w.end - 2] == 0x6C   // "-ly"
            if functionWords.contains(w.packed) || adverb { break }
            if head != nil, w.length > 3, bytes[w.end - 1] == 0x64, bytes[w.end - 2] == 0x65 { break }   // "fired", "died"
            head = w
            words += 1
            position = w.end
            // A possessive or a punctuation mark ends the phrase: "The nursery's owner", "The lawsuit, filed ...".
            if w.end >= 2, bytes[w.end - 2] == 0x27, bytes[w.end - 1] | 0x20 == 0x73 { break }
            if position < end, bytes[position] != 0x20 { break }
        }
        guard let head else { return nil }
        if words == 4, position < end, bytes[position] == 0x20 { return nil }   // no end found: not judged
        // A name in apposition says which ("The medical aid charity, Medecins Sans Frontieres, is ..."), and so
        // does a clause set off by a comma ("The lawsuit, filed Tuesday in New York, ...", "The drug, which ...").
        if position < end, bytes[position] == 0x2C,
           let next = word(bytes, at: skipSpaces(bytes, position + 1, end: end), end: end),
           next.capitalized || relativePronouns.contains(next.packed)
            || (next.length > 3 && bytes[next.end - 2] == 0x65 && bytes[next.end - 1] == 0x64) { return nil }
        return uniqueHeads.contains(head.packed) ? nil : head.start
    }

    static let relativePronouns = packSet("which who whose")
    /// Words that, right after "the ...", say which one is meant: "the mayor of ...", "the man who ...".
    static let postmodifiers = packSet("""
        of in at from on with for who whose which that behind near inside outside between among under over \
        against about involving to by
        """)
    /// Function words that end a noun phrase: auxiliaries, pronouns, conjunctions, reported speech.
    static let functionWords = packSet("""
        a an the this these those it its he him his she her they them their we us our you your i me my is are was \
        were be been being am has have had having do does did will would shall should can could may might must \
        into onto after before through during and or but nor so yet if then than when where while whom what why \
        how not no also just only still even now there here all some any each every both more most other such \
        very too said say says told according up down out off as
        """)
    /// Heads of "the ..." that name one thing wherever they stand.
    static let uniqueHeads = packSet("""
        government police authorities military army navy economy public world internet pope sun moon earth \
        weather country nation
        """)

    /// Whether a quotation in the text is attributed to a bare pronoun ("...," she said) while no one is named
    /// outside quotation marks: the speaker is in the sentence before.
    static func quotesBarePronoun(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let end = range.upperBound
        // First the quotation marks only (most sentences have none): is any closing one followed by
        // "[,] he|she|they said|says|added|told ..."?
        var inside = false, pronounSpeaker = false
        var i = Candidates.nextMark(bytes, range.lowerBound, end, 0xE2, 0xE2)
        while i < end {
            let curly = bytes[i] == 0xE2 && i + 2 < end && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D)
            if bytes[i] == 0x22 || curly {
                if curly { inside = bytes[i + 2] == 0x9C; i += 3 } else { inside.toggle(); i += 1 }
                if !inside {
                    var j = skipSpaces(bytes, i, end: end)
                    if j < end, bytes[j] == 0x2C { j = skipSpaces(bytes, j + 1, end: end) }
                    if let p = word(bytes, at: j, end: end), !p.capitalized, pronouns.contains(p.packed),
                       let v = word(bytes, at: skipSpaces(bytes, p.end, end: end), end: end), speechVerbs.contains(v.packed) {
                        pronounSpeaker = true
                        break
                    }
                }
            } else {
                i += 1
            }
            i = Candidates.nextMark(bytes, i, end, 0xE2, 0xE2)
        }
        guard pronounSpeaker else { return false }
        // Then whether anyone is named outside the quotation marks.
        inside = false
        var first = true
        i = range.lowerBound
        while i < end {
            let b = bytes[i]
            let curly = b == 0xE2 && i + 2 < end && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D)
            if b == 0x22 || curly {
                if curly { inside = bytes[i + 2] == 0x9C; i += 3 } else { inside.toggle(); i += 1 }
                continue
            }
            guard let w = word(bytes, at: i, end: end) else { i += 1; continue }
            if !inside, !first, w.capitalized, !calendarWords.contains(w.packed) { return false }
            first = false
            i = w.end
        }
        return true
    }

    static let pronouns = packSet("he she they")
    /// Capitalized words that name no speaker.
    static let calendarWords = packSet("""
        monday tuesday wednesday thursday friday saturday sunday january february march april may june july \
        august september october november december
        """)
    static let speechVerbs = packSet("said says added told explained noted wrote writes asked continued insisted argued")

    // MARK: - Never a bullet

    /// Whether the text speaks to the reader: an order or an address ("Share ...", "Think back ...", "Imagine
    /// ...", "You ...", "Let's ...", "If you ..."), also after a label ("Key Concepts: Identify these terms ...").
    static func addressesReader(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if opensAddressingReader(bytes, range.lowerBound, range.upperBound) { return true }
        guard let text = labelEnd(bytes, range) else { return false }
        return opensAddressingReader(bytes, text, range.upperBound)
    }

    /// Where the text after a label at the opening starts: one to three capitalized words, the last followed by a
    /// colon and a space ("Key Concepts: ", "Fast Facts: ", "Quiz: "), or nil.
    static func labelEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let end = range.upperBound
        var i = range.lowerBound
        for _ in 0..<3 {
            guard i < end, bytes[i] &- 0x41 < 26 else { return nil }
            while i < end, bytes[i] != 0x20, bytes[i] != 0x3A { i += 1 }
            guard i + 1 < end else { return nil }
            if bytes[i] == 0x3A { return bytes[i + 1] == 0x20 ? skipSpaces(bytes, i + 1, end: end) : nil }
            i += 1
        }
        return nil
    }

    /// ``addressesReader(_:_:)`` on the text from `start`.
    private static func opensAddressingReader(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard let w = word(bytes, at: start, end: end) else { return false }
        if w.end < end, bytes[w.end] == 0x2D { return false }   // "Take-off", "Look-alike"
        // Every order or address below opens with one of these words: one lookup passes over the other sentences.
        guard readerOpeners.contains(w.packed) else { return false }
        let n = word(bytes, at: skipSpaces(bytes, w.end, end: end), end: end)
        if w.packed == share { return !(n.map { sharePrices.contains($0.packed) } ?? false) }   // not "Share prices fell"
        // Packed words keep eight letters: "Remembering", "Described" are no orders ("Supposing" is one).
        if imperatives.contains(w.packed) { return w.length <= 8 || (w.length == 9 && w.packed == supposin) }
        guard let n else { return false }
        if conditionals.contains(w.packed) { return n.packed == you || n.packed == youre }
        return twoWordOrders.contains(w.packed) && orderSecondWords.contains(n.packed)
    }

    static let share: UInt64 = 0x6572616873   // pack("share")
    static let supposin: UInt64 = 0x6E69736F70707573   // pack("supposing"): its first eight letters
    static let you: UInt64 = 0x756F79   // pack("you")
    static let youre: UInt64 = 0x657227756F79   // pack("you're")
    static let sharePrices = packSet("price prices of in")
    static let imperativeList = """
        think imagine consider remember meet look take don't try picture join click visit keep enjoy forget say \
        suppose supposing you your yours let's you're you've you'll you'd identify explain describe discuss please
        """
    static let imperatives = packSet(imperativeList)
    static let conditionalList = "if when whether before as once unless"
    static let conditionals = packSet(conditionalList)
    static let twoWordOrderList = "check tell find make what do let feel"
    static let twoWordOrders = packSet(twoWordOrderList)
    /// The first words of every order or address of ``addressesReader(_:_:)``.
    static let readerOpeners = packSet(["share", imperativeList, conditionalList, twoWordOrderList].joined(separator: " "))
    static let orderSecondWords = packSet("out us sure if not free")

    /// Phrases of sentences about the page, the newsletter or the comments (lower case; ASCII letters compared
    /// case-insensitively).
    static let pagePhrases = PhraseSet(pagePhraseList)
    static let pagePhraseList = [
        "this page ", "this page.", "this page,", "this article", "this post ", "this post.", "this newsletter",
        "this gallery", "this slideshow", "this website", "this site ", "this site.", "this podcast",
        "top of the page", "bottom of the page", "comments section", "comment section", "comments below",
        "comment below", "leave a comment", "let us know", "send us ", "email us", "e-mail us", "share this",
        "share your", "for a chance to", "editor's note", "opinions expressed in this",
    ]

    // MARK: - Openers that point back

    /// Whether the text opens with a time relative to an earlier event or a word that points back: the openers
    /// that make an eligible sentence depend on the one before (``opensWithRelativeTime(_:_:)``,
    /// ``opensWithBackReference(_:_:)``).
    static func opensPointingBack(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        opensWithRelativeTime(bytes, range) || opensWithBackReference(bytes, range)
    }

    /// Whether the text opens with a word that points back to what the sentence before gave: "Such a ruling
    /// ...", "Others say ...", "Another man was hurt ...", "Both countries missed ..."; not "Another Democrat
    /// ...", "Both Washington and Moscow ..." (a name says who), nor "Another 20 people ..." (a number).
    static func opensWithBackReference(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let end = range.upperBound
        guard let w = word(bytes, at: range.lowerBound, end: end), w.capitalized else { return false }
        if w.end < end, bytes[w.end] == 0x2D { return false }   // "Such-and-such"
        if w.packed == such || w.packed == others { return true }
        guard w.packed == another || w.packed == both,
              let n = word(bytes, at: skipSpaces(bytes, w.end, end: end), end: end) else { return false }
        return !n.capitalized
    }

    /// The first words of ``opensWithBackReference(_:_:)``.
    static let backReferenceList = "such others another both"
    static let such: UInt64 = 0x68637573   // pack("such")
    static let others: UInt64 = 0x73726568746F   // pack("others")
    static let another: UInt64 = 0x726568746F6E61   // pack("another")
    static let both: UInt64 = 0x68746F62   // pack("both")

    // MARK: - Hypotheticals

    /// Whether the text opens, outside quotation marks, with a condition or a guess: "If the Senate approves it,
    /// ...", "Unless Congress acts, ...", "Maybe ...", "Perhaps ...": what might be, not what is. ("If you ..."
    /// addresses the reader: ``addressesReader(_:_:)``.)
    static func opensWithHypothetical(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let end = range.upperBound
        guard let w = word(bytes, at: range.lowerBound, end: end), w.capitalized else { return false }
        if w.end < end, bytes[w.end] == 0x2D { return false }
        return hypotheticalOpeners.contains(w.packed)
    }

    static let hypotheticalList = "if unless maybe perhaps"
    static let hypotheticalOpeners = packSet(hypotheticalList)

    // MARK: - Second choice

    /// Whether a sentence whose ``Candidates/voice(_:_:)`` is `voice` speaks in the writer's own voice (first
    /// person outside quotation marks) with no word of reported speech: an anecdote or an opinion, not a
    /// reported fact. (The caller scans the voice once, for this rule and the features.)
    static func isUnattributedFirstPerson(_ voice: (firstPerson: Bool, attribution: Bool)) -> Bool {
        voice.firstPerson && !voice.attribution
    }
}
