import Foundation

/// Sentence boundaries that no punctuation marks.
///
/// E-mail, forum posts and other pasted text often reach us with their line breaks gone (a
/// message joined into one line, a record flattened for JSON). Their greetings, closings,
/// header time stamps and separator lines then run into the sentence next to them:
/// `Regards, Debra Perlingiere`, `Christa Winfrey 08/08/2000 11:36 AM have you heard…`,
/// `*** Bush also nominated…`. The segmenter hands each sentence it found to ``firstCut``,
/// which finds where such a part ends. Every rule keys on a pattern that running prose does not
/// use in that position, so news and books are segmented as before.
enum UnmarkedBoundaries {
    /// Where the first sentence of `p[start..<end]` (a trimmed sentence) ends when it is one of
    /// the unpunctuated parts above, else nil. The result lies strictly between `start` and `end`.
    /// `paragraphStart`: the sentence opens its paragraph (where a bare "Louise," is a greeting).
    /// `mayHoldLink`: false when the caller knows the text has no period glued to a letter, so no
    /// web or e-mail address ("example.org") to look for. `english`: the labels of English text
    /// (captions, a leading "--", source tags) apply; "-- " opens dialogue in Portuguese.
    static func firstCut(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, paragraphStart: Bool,
                         mayHoldLink: Bool = true, english: Bool = true) -> Int? {
        guard end - start >= 4 else { return nil }
        var best = formulaEnd(p, start, end, paragraphStart: paragraphStart)
            ?? (english ? labelEnd(p, start, end) : nil) ?? Int.max
        // Separators: at the start of any sentence, and anywhere in one that does not end like
        // prose (a terminator, a closing quote or bracket) — where flattened lines pile up. The
        // full scan costs five memchr passes, so prose sentences skip it (callgrind on 300 CNN
        // articles: +2.0 % instructions for the full scan everywhere, +0.1 % gated).
        if isRule(p[start]), let cut = separatorToken(p, start, p[start], start, end).0 { best = min(best, cut) }
        let last = p[end - 1]
        if last != 0x2E && last != 0x21 && last != 0x3F && last != 0x22 && last != 0x29 && last < 0x80,
           let cut = separatorCut(p, start, min(end, best)) { best = min(best, cut) }
        if let cut = timestampCut(p, start, min(end, best)) { best = min(best, cut) }
        if mayHoldLink, let cut = linkCut(p, start, min(end, best)) { best = min(best, cut) }
        if mayHoldLink, let cut = attachmentCut(p, start, min(end, best)) { best = min(best, cut) }
        if mayHoldLink, let cut = fileListCut(p, start, min(end, best)) { best = min(best, cut) }
        return best > start && best < end ? best : nil
    }

    // MARK: Greetings and closings

    /// Closings that may stand without a comma before the name: "Kind regards Ruth".
    private static let closingsWithoutComma: [[UInt8]] = [
        "regards", "best regards", "kind regards", "kindest regards", "warm regards", "warmest regards",
        "with regards", "sincerely", "respectfully", "yours sincerely", "yours truly",
    ].map { Array($0.utf8) }

    /// Closings that end at a comma or "!" before the name: "Thanks, Sean".
    private static let closings: [[UInt8]] = [
        "thanks", "thank you", "thanks again", "many thanks", "cheers", "best", "all the best",
        "best wishes", "take care", "yours", "thx",
    ].map { Array($0.utf8) } + closingsWithoutComma

    /// Words that open a greeting: "Dear All,", "Hi David:", "Good Morning Debra -".
    private static let greetings: [[UInt8]] = [
        "dear", "hi", "hello", "hey", "greetings", "good morning", "good afternoon", "good evening",
    ].map { Array($0.utf8) }

    /// Lower-case words a greeting may hold after its first word.
    private static let greetingWords: [[UInt8]] = [
        "all", "everyone", "everybody", "there", "guys", "folks", "team", "sir", "madam", "or", "and", "friends",
    ].map { Array($0.utf8) }

    /// Capitalized words that open prose with a comma after them and are not names:
    /// "Yesterday, I …", "However, We …", "Monday, I …".
    private static let notNames: [[UInt8]] = [
        "yesterday", "today", "tonight", "tomorrow", "meanwhile", "however", "also", "again", "still", "now",
        "then", "later", "instead", "indeed", "besides", "otherwise", "therefore", "thus", "hence", "moreover",
        "furthermore", "nevertheless", "nonetheless", "sometimes", "often", "finally", "first", "second",
        "third", "next", "last", "overall", "anyway", "anyhow", "please", "sorry", "thanks", "here", "there",
        "plus", "well", "oh", "ok", "okay", "yes", "no", "so", "sure", "fine", "right", "great", "good",
        "alright", "and", "but", "or", "yet", "once", "since", "while", "after", "before", "when", "if",
        "though", "although", "because", "like", "unlike", "in", "on", "at", "by", "for", "of",
        "with", "without", "from", "to", "as", "despite", "afterwards", "earlier", "elsewhere", "nearby",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "together", "alone", "ahead", "abroad", "inside", "outside", "downstairs", "upstairs",
        "until", "unless", "me", "regardless", "understand", "shocking", "folks", "yeah", "yep", "nope",
        "look", "listen", "god", "wow", "man", "dude", "boy", "gosh", "hmm", "um", "this", "that", "which",
        "what", "it",
    ].map { Array($0.utf8) }   // (words ending in "-ly" are refused by their ending)

    /// Words that open the first sentence of a message after a bare name: "Louise, There are …",
    /// "Ed, Here is …", "Vince, We are …", "Greg, I faxed …" (the asides "Me, I'd …", "Shocking,
    /// I know" and "This, I think, …" are kept whole by ``notNames`` and the comma check).
    private static let messageOpeners: [[UInt8]] = [
        "i", "we", "you", "here", "there", "please", "thanks", "thank", "attached", "just", "hope", "can",
        "could", "would", "will", "are", "do", "did", "have", "let", "sorry", "yes", "fyi", "per",
        "following", "enclosed", "sure", "welcome", "glad", "any", "what", "how", "as",
        "a", "if", "we're", "we've", "we'll", "got", "is", "regarding",
    ].map { Array($0.utf8) }

    /// What a word may open or be, by its key (``wordKey(_:_:_:)``).
    private struct Role: OptionSet {
        let rawValue: UInt8
        static let closing = Role(rawValue: 1), greeting = Role(rawValue: 2), notName = Role(rawValue: 4)
        static let opener = Role(rawValue: 8), greetingWord = Role(rawValue: 16)
    }

    /// The role of each word the lists above name, so that a sentence is looked up once by its
    /// first word instead of being compared with every phrase: an open-addressing table of
    /// ``wordKey(_:_:_:)`` keys (512 slots for about 200 words; 0 marks an empty slot).
    private static let roleTable: (keys: [UInt64], roles: [Role]) = {
        var keys = [UInt64](repeating: 0, count: roleSlots)
        var roles = [Role](repeating: [], count: roleSlots)
        func add(_ list: [[UInt8]], _ role: Role, firstWordOnly: Bool) {
            for phrase in list {
                let word = firstWordOnly ? Array(phrase.prefix { $0 != 0x20 }) : phrase
                let key = word.withUnsafeBufferPointer { wordKey($0, 0, $0.count).key }
                guard key != 0 else { continue }
                var slot = roleSlot(key)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (roleSlots - 1) }
                keys[slot] = key
                roles[slot].insert(role)
            }
        }
        add(closings, .closing, firstWordOnly: true)
        add(greetings, .greeting, firstWordOnly: true)
        add(notNames, .notName, firstWordOnly: false)
        add(messageOpeners, .opener, firstWordOnly: false)
        add(greetingWords, .greetingWord, firstWordOnly: false)
        return (keys, roles)
    }()

    private static let roleSlots = 512

    @inline(__always)
    private static func roleSlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 55)   // top 9 bits
    }

    /// The ASCII letters at `k` folded to lower case, five bits each, and where they end; the key
    /// is 0 when there are none or more than 12.
    @inline(__always)
    private static func wordKey(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> (key: UInt64, end: Int) {
        var key: UInt64 = 0
        var j = k
        while j < end {
            let c = p[j] | 0x20
            guard c &- 0x61 < 26 else { break }
            key = key << 5 | UInt64(c &- 0x60)
            j += 1
        }
        return (j - k <= 12 ? key : 0, j)
    }

    @inline(__always)
    private static func role(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> (role: Role, end: Int) {
        let (key, wordEnd) = wordKey(p, k, end)
        guard key != 0 else { return ([], wordEnd) }
        let table = roleTable
        var slot = roleSlot(key)
        while true {
            let found = table.keys[slot]
            if found == key { return (table.roles[slot], wordEnd) }
            if found == 0 { return ([], wordEnd) }
            slot = (slot + 1) & (roleSlots - 1)
        }
    }

    /// A greeting or closing at `start` followed by a capitalized word: where it ends.
    private static func formulaEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, paragraphStart: Bool) -> Int? {
        guard p[start] &- 0x41 < 26 else { return nil }   // starts with an ASCII capital
        let (first, firstEnd) = role(p, start, end)
        // Closings: "Best regards, Debra", "Thanks, Sean", "Kind regards Ruth".
        if first.contains(.closing), let phrase = longestPhrase(closings, p, start, end) {
            var k = phrase
            var marked = false
            if k < end, p[k] == 0x2C || p[k] == 0x21 { k += 1; marked = true }   // , !
            let plain = closingsWithoutComma.contains { $0.count == phrase - start && matches($0, p, start, end) }
            if (marked || plain), capitalAfterSpace(p, k, end) { return k }
            return nil
        }
        // Greetings: "Dear All,", "Hi,", "Hi David:", "Good Morning Debra -".
        if first.contains(.greeting), let phrase = longestPhrase(greetings, p, start, end) {
            var k = phrase
            var words = 0
            while words <= 4 {
                if k < end, p[k] == 0x2C || p[k] == 0x3A || p[k] == 0x21 {   // , : !
                    guard capitalAfterSpace(p, k + 1, end) else { return nil }
                    // A bare "Hi," or "Hey," greets only before a message's first words
                    // ("Hi, Yes storage …"), not before a name ("Hey, New York Mets fans") or "I"
                    // ("Hey, I'm down with that" is prose).
                    if words == 0, k + 2 < end {
                        let (next, nextEnd) = role(p, k + 2, end)
                        if !next.contains(.opener) || (p[k + 2] == 0x49 && nextEnd == k + 3) { return nil }
                    }
                    return k + 1
                }
                // " -" or " --" ends a greeting too.
                if k + 2 < end, p[k] == 0x20, p[k + 1] == 0x2D {
                    let dashEnd = p[k + 2] == 0x2D ? k + 3 : k + 2
                    return capitalAfterSpace(p, dashEnd, end) ? dashEnd : nil
                }
                guard k + 1 < end, p[k] == 0x20 else { return nil }
                let wordStart = k + 1
                let wordEnd = nameEnd(p, wordStart, end)
                guard wordEnd > wordStart else { return nil }
                guard p[wordStart] &- 0x41 < 26 || role(p, wordStart, end).role.contains(.greetingWord) else { return nil }
                k = wordEnd
                words += 1
            }
            return nil
        }
        // A bare name opening a message: "Louise, There are …", "Greg, I faxed …" (first sentence
        // of a paragraph only).
        guard paragraphStart, first.isEmpty else { return nil }
        let k = firstEnd
        let length = k - start
        guard length >= 2, length <= 15, k + 2 < end, p[k] == 0x2C, p[k + 1] == 0x20 else { return nil }
        for j in (start + 1)..<k where p[j] &- 0x61 >= 26 { return nil }   // "Greg", not "GREG"
        if length > 3, p[k - 2] == 0x6C, p[k - 1] == 0x79 { return nil }   // "Sadly,"
        let next = k + 2
        guard p[next] &- 0x41 < 26 else { return nil }
        let (opener, nextEnd) = role(p, next, end)
        guard opener.contains(.opener), nextEnd == end || p[nextEnd] == 0x20 || p[nextEnd] == 0x27 else { return nil }
        // "Mandela, I pointed out, was …": a comma within the next few words makes it an aside.
        var spaces = 0
        var j = nextEnd
        while j < end, spaces < 4 {
            if p[j] == 0x2C { return nil }
            if p[j] == 0x20 { spaces += 1 }
            j += 1
        }
        return k + 1
    }

    /// The end of a name-like word at `k`: ASCII letters, with inner `.`, `'` and `-`.
    private static func nameEnd(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Int {
        var j = k
        while j < end {
            let c = p[j]
            if (c | 0x20) &- 0x61 < 26 { j += 1; continue }
            if (c == 0x2E || c == 0x27 || c == 0x2D) && j > k && j + 1 < end && (p[j + 1] | 0x20) &- 0x61 < 26 { j += 1; continue }
            if c == 0x2E && j > k { j += 1; break }   // "Mr."
            break
        }
        return j
    }

    /// Whether white space and then an ASCII capital letter (or a digit) follow at `k`.
    private static func capitalAfterSpace(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Bool {
        guard k + 1 < end, p[k] == 0x20 || p[k] == 0x09 else { return false }
        let j = skipSpaces(p, k, end)
        return j < end && (p[j] &- 0x41 < 26 || p[j] &- 0x30 < 10)
    }

    /// The end of the longest phrase of `list` at `start` (ASCII, any case), ending at a word boundary.
    private static func longestPhrase(_ list: [[UInt8]], _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var best: Int? = nil
        for phrase in list where matches(phrase, p, start, end) {
            let after = start + phrase.count
            if after < end, (p[after] | 0x20) &- 0x61 < 26 { continue }
            if best == nil || after > best! { best = after }
        }
        return best
    }

    /// Whether `p[start...]` begins with `phrase` (lower-case ASCII), ignoring case.
    @inline(__always)
    private static func matches(_ phrase: [UInt8], _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= phrase.count else { return false }
        for (j, c) in phrase.enumerated() {
            let b = p[start + j]
            if b != c && (b | 0x20) != c { return false }
        }
        return true
    }

    // MARK: Labels

    /// Words that name a numbered figure or table in a caption: "Figure 1.5 Residents of …".
    private static let captionWords: [[UInt8]] = ["figure", "fig.", "table", "chart", "exhibit", "plate"].map { Array($0.utf8) }

    /// A label opening the sentence and followed by a capitalized word: where it ends. Three kinds,
    /// each told by its first byte, so other sentences pay one comparison:
    /// - a caption's number, "Figure 1.5 Residents of …", "Table 2 Sales by region" (a lower-case
    ///   word after it is prose: "Table 3 shows the results.");
    /// - the double hyphen that opens a signature or a dash-led line, "-- Posted by Ann at 9:14";
    /// - a source tag in parentheses of one to four capitalized words, "(Space.com) Astronauts
    ///   will …", "(Daily Courier) The mayor …" (a host name after a terminator is already kept
    ///   with the sentence before it; "(CNN) -- The …" goes on with a dash).
    private static func labelEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        switch p[start] {
        case 0x46, 0x54, 0x43, 0x45, 0x50:   // F T C E P
            // The first two letters first: "Fi", "Ta", "Ch", "Ex", "Pl" ("The …" stops here).
            let pair = UInt16(p[start] | 0x20) << 8 | UInt16(p[start + 1] | 0x20)
            guard pair == 0x6669 || pair == 0x7461 || pair == 0x6368 || pair == 0x6578 || pair == 0x706C,
                  let word = longestPhrase(captionWords, p, start, end), word < end, p[word] == 0x20 else { return nil }
            var k = word + 1
            let number = k
            while k < end, p[k] &- 0x30 < 10 || (p[k] == 0x2E && k > number && k + 1 < end && p[k + 1] &- 0x30 < 10) { k += 1 }
            guard k > number else { return nil }
            if k < end, p[k] &- 0x61 < 26 { k += 1 }   // "2a"
            return k + 1 < end && p[k] == 0x20 && p[k + 1] &- 0x41 < 26 ? k : nil
        case 0x2D:   // -
            return p[start + 1] == 0x2D && p[start + 2] == 0x20 && p[start + 3] &- 0x41 < 26 ? start + 2 : nil
        case 0x28:   // (
            return sourceTagEnd(p, start, end)
        default:
            return nil
        }
    }

    /// "(Word Word)" at `open`, one to four words that each start with an ASCII capital, followed by
    /// white space and a capital (after an optional opening quote): the end of the tag.
    private static func sourceTagEnd(_ p: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int) -> Int? {
        var k = open + 1
        var words = 0
        while k < end, k - open <= 48 {
            guard p[k] &- 0x41 < 26, words < 4 else { return nil }
            words += 1
            while k < end, (p[k] | 0x20) &- 0x61 < 26 || p[k] &- 0x30 < 10 || p[k] == 0x2E || p[k] == 0x26
                || p[k] == 0x27 || p[k] == 0x2D { k += 1 }   // letters, digits . & ' -
            guard k < end else { return nil }
            if p[k] == 0x29 { break }   // )
            guard p[k] == 0x20 else { return nil }
            k += 1
        }
        guard k < end, p[k] == 0x29, k - open >= 3 else { return nil }
        // "(II) The …" is a list's Roman numeral, not a source.
        if (open + 1..<k).allSatisfy({ p[$0] == 0x49 || p[$0] == 0x56 || p[$0] == 0x58 }) { return nil }
        let close = k + 1
        guard close + 1 < end, p[close] == 0x20 else { return nil }
        var next = close + 1
        if p[next] == 0x22 { next += 1 }   // "
        else if next + 3 < end, p[next] == 0xE2, p[next + 1] == 0x80, p[next + 2] == 0x9C { next += 3 }   // “
        return next < end && p[next] &- 0x41 < 26 ? close : nil
    }

    // MARK: Separator lines

    /// A token of one character repeated: three or more `*`, `_`, `=` or `~`, or ten or more `-`
    /// (a separator line whose line breaks are gone: "*** Bush also …"), or a word framed by five
    /// or more of them ("*****NOTICE*****"), is a sentence of its own: the cut before it, or
    /// after it when it opens the sentence. ("---" alone is a dash in prose.)
    private static func separatorCut(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        var best: Int? = nil
        // One memchr pass per character: they are rare in prose, so each pass runs at memory speed.
        for c: UInt8 in [0x2A, 0x5F, 0x3D, 0x7E, 0x2D] {   // * _ = ~ -
            var from = start
            let limit = min(end, best ?? end)
            while from + 3 <= limit, let found = memchr(base + from, Int32(c), limit - from) {
                let k = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                from = k + 1
                guard k + 2 < end, p[k + 1] == c, p[k + 2] == c, k == start || p[k - 1] == 0x20 else { continue }
                let (cut, tokenEnd) = separatorToken(p, k, c, start, end)
                if let cut { best = min(best ?? cut, cut); break }
                from = tokenEnd
            }
        }
        return best
    }

    /// For a token opening at `k` with three `c`: the cut it makes (nil when it is not a separator
    /// or a sentence does not follow) and where the token ends.
    private static func separatorToken(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ c: UInt8, _ start: Int, _ end: Int) -> (Int?, Int) {
        var run = k
        while run < end, p[run] == c { run += 1 }
        var tokenEnd = run
        while tokenEnd < end, p[tokenEnd] > 0x20 { tokenEnd += 1 }
        let shortest = c == 0x2D ? 10 : 3
        var framed = run - k >= shortest && run == tokenEnd
        if !framed, run - k >= 5 {
            var trailing = tokenEnd
            while trailing > run, p[trailing - 1] == c { trailing -= 1 }
            framed = tokenEnd - trailing >= 5 && (run..<trailing).allSatisfy { (p[$0] | 0x20) &- 0x61 < 26 }
        }
        guard framed else { return (nil, tokenEnd) }
        // What follows the separator (and any more like it) must open a sentence, or the run is
        // a censored word: "my boss is a ******* **** who …".
        var next = tokenEnd
        while next < end {
            while next < end, p[next] == 0x20 { next += 1 }
            guard next + 2 < end, isRule(p[next]), p[next + 1] == p[next], p[next + 2] == p[next] else { break }
            while next < end, p[next] > 0x20 { next += 1 }
        }
        guard next >= end || p[next] &- 0x41 < 26 || p[next] &- 0x30 < 10 else { return (nil, tokenEnd) }
        if k > start { return (k, tokenEnd) }
        return (tokenEnd < end ? tokenEnd : nil, tokenEnd)
    }

    @inline(__always)
    private static func isRule(_ c: UInt8) -> Bool {
        c == 0x2A || c == 0x5F || c == 0x3D || c == 0x7E || c == 0x2D
    }

    // MARK: Links

    /// A web address (`http://…`, `https://…`, `www.…`) or an e-mail address followed by a
    /// capitalized word or another address ends its sentence: "… at www.example.org The latest …",
    /// "Email: Jo <jo@example.com> Groups: …". Bare host names ("Amazon.com Inc") are left alone.
    private static func linkCut(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        var best: Int? = nil
        // "://" and "@" mark the candidates, then "www."
        for mark: UInt8 in [0x3A, 0x40] {
            var from = start
            while from < end, let found = memchr(base + from, Int32(mark), end - from) {
                let k = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                from = k + 1
                if mark == 0x3A {
                    guard k + 2 < end, p[k + 1] == 0x2F, p[k + 2] == 0x2F else { continue }
                } else {
                    // An address: a letter before '@' and a host with a dot after it.
                    guard k > start, p[k - 1] > 0x20, let dot = memchr(base + k, 0x2E, min(end, k + 64) - k),
                          base.distance(to: dot.assumingMemoryBound(to: UInt8.self)) < tokenEnd(p, k, end) else { continue }
                }
                if let cut = cutAfterLink(p, k, end), cut > start { best = min(best ?? cut, cut); break }
            }
        }
        var from = start + 3
        while from < end, let found = memchr(base + from, 0x2E, end - from) {   // the '.' of "www."
            let dot = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = dot + 1
            let k = dot - 3
            guard p[k] == 0x77, p[k + 1] == 0x77, p[k + 2] == 0x77,
                  k == start || p[k - 1] <= 0x20 || p[k - 1] == 0x2F || p[k - 1] == 0x3C else { continue }
            if let cut = cutAfterLink(p, k, end), cut > start { best = min(best ?? cut, cut); break }
        }
        return best
    }

    /// An e-mail client's attachment marker, "<< File: notes.doc >>", followed by a capital ends
    /// its sentence: "… the notes. << File: notes.doc >> I was thinking …". (A marker names a file,
    /// so only sentences that may hold a link are searched.)
    private static func attachmentCut(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        var from = start
        while from + 4 < end, let found = memchr(base + from, 0x3C, end - from) {   // '<'
            let k = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = k + 1
            guard k + 1 < end, p[k + 1] == 0x3C else { continue }
            // The closing ">>" within the next 200 bytes.
            var j = k + 2
            let limit = min(end, k + 200)
            while j + 1 < limit, !(p[j] == 0x3E && p[j + 1] == 0x3E) { j += 1 }
            guard j + 1 < limit else { continue }
            let close = j + 2
            // White space, then a capital letter.
            let next = skipSpaces(p, close, end)
            if next > close, next < end, p[next] &- 0x41 < 26 { return close }
            from = close
        }
        return nil
    }

    /// Document extensions that end an attached file's name.
    private static let fileExtensions: [[UInt8]] = [
        "doc", "docx", "xls", "xlsx", "pdf", "ppt", "pptx", "txt", "htm", "html", "jpg", "jpeg", "gif", "png",
        "zip", "rtf", "csv", "wpd", "vcf", "tif", "msg",
    ].map { Array($0.utf8) }

    /// A list of attached files whose line breaks are gone, " - notes.doc - budget.xls - …", is one
    /// item per sentence: a file name (a known document extension, maybe closed by ")" or by an
    /// attachment marker's ">>") before " - " and another file name ends its sentence. ("Amazon.com
    /// - the retailer" goes on: ".com" names no document; so does "He saved report.pdf - then left".)
    private static func fileListCut(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        var from = start + 1
        while from + 2 < end, let found = memchr(base + from, 0x2D, end - from - 1) {   // '-'
            let k = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = k + 1
            guard k >= start + 5, p[k - 1] == 0x20, p[k + 1] == 0x20 else { continue }
            var name = k - 1
            if p[name - 1] == 0x3E, p[name - 2] == 0x3E, p[name - 3] == 0x20 { name -= 3 }   // " >>"
            if name > start, p[name - 1] == 0x29 { name -= 1 }   // ")"
            guard endsWithFileName(p, start, name) else { continue }
            // The next item names a file too, within its first words.
            var j = k + 2
            let limit = min(end, k + 2 + 80)
            while j < limit {
                let tokenStart = j
                while j < limit, p[j] > 0x20 { j += 1 }
                var tokenEnd = j
                if tokenEnd > tokenStart, p[tokenEnd - 1] == 0x29 { tokenEnd -= 1 }
                if endsWithFileName(p, tokenStart, tokenEnd) { return k - 1 }
                if j + 2 < end, p[j + 1] == 0x2D, p[j + 2] == 0x20 { break }   // the item ends at " - "
                j += 1
            }
        }
        return nil
    }

    /// Whether `p[start..<end]` ends in ".ext", a known document extension after a name.
    private static func endsWithFileName(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var dot = end
        while dot > start, (p[dot - 1] | 0x20) &- 0x61 < 26, end - dot < 5 { dot -= 1 }
        guard dot > start + 1, p[dot - 1] == 0x2E, p[dot - 2] > 0x20, p[dot - 2] != 0x2E else { return false }
        let extensionLength = end - dot
        return fileExtensions.contains { $0.count == extensionLength && matches($0, p, dot, end) }
    }

    @inline(__always)
    private static func skipSpaces(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Int {
        var j = k
        while j < end, p[j] == 0x20 || p[j] == 0x09 { j += 1 }
        return j
    }

    /// The end of the non-space token holding `k`.
    @inline(__always)
    private static func tokenEnd(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Int {
        var j = k
        while j < end, p[j] > 0x20 { j += 1 }
        return j
    }

    /// For a link token holding `k`: its end when white space and then a capital letter, a digit
    /// or another link follow.
    private static func cutAfterLink(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Int? {
        let linkEnd = tokenEnd(p, k, end)
        // "[http://example.org/page The page's title]": a labelled link continues to its "]"
        // (a link bracketed alone, "[http://example.org/page]", ends with its token).
        var first = k
        while first > 0, p[first - 1] > 0x20, p[linkEnd - 1] != 0x5D {
            first -= 1
            if p[first] == 0x5B { return nil }
        }
        // "at www.fema.gov, Paulison said": punctuation after the address continues the sentence.
        let last = p[linkEnd - 1]
        guard (last | 0x20) &- 0x61 < 26 || last &- 0x30 < 10 || last == 0x2F || last == 0x3E || last == 0x5D || last == 0x29
        else { return nil }
        var next = linkEnd
        while next < end, p[next] == 0x20 || p[next] == 0x09 { next += 1 }
        guard next > linkEnd, next < end else { return nil }
        if p[next] &- 0x41 < 26 {
            // "Inc", "Corp" after an address is a company name, not a new sentence.
            let word = tokenEnd(p, next, end)
            if word - next <= 4, matchesAny(["inc", "inc.", "corp", "ltd", "co.", "llc", "plc"], p, next, word) { return nil }
            return linkEnd
        }
        if end - next >= 4, p[next] == 0x68, p[next + 1] == 0x74, p[next + 2] == 0x74, p[next + 3] == 0x70 { return linkEnd }   // http
        if end - next >= 4, p[next] == 0x77, p[next + 1] == 0x77, p[next + 2] == 0x77, p[next + 3] == 0x2E { return linkEnd }   // www.
        return nil
    }

    private static func matchesAny(_ words: [StaticString], _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for word in words where word.utf8CodeUnitCount == end - start {
            let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            if (0..<bytes.count).allSatisfy({ p[start + $0] | 0x20 == bytes[$0] }) { return true }
        }
        return false
    }

    // MARK: E-mail header time stamps

    /// An e-mail header's "MM/DD/YY[YY] HH:MM[:SS][ AM|PM]" stands alone: "Christa Winfrey
    /// 08/08/2000 11:36 AM have you heard …" is three sentences. The cut before the stamp needs a
    /// name before it (two capitalized words, or an address); the cut after it needs a capital
    /// letter next, or a stamp that opens its sentence. "Sent 04/26/2001 07:17 AM by the clerk"
    /// and "on 08/16/2000 03:14 PM" stay whole.
    private static func timestampCut(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        var from = start
        while from < end, let found = memchr(base + from, 0x2F, end - from) {   // '/'
            let slash = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = slash + 1
            guard let stamp = timestamp(p, slash, start, end) else { continue }
            if stamp.lowerBound > start, nameBefore(p, start, stamp.lowerBound) { return stamp.lowerBound }
            let after = stamp.upperBound + 1
            if after < end, p[after] &- 0x41 < 26 || (stamp.lowerBound == start && (p[after] | 0x20) &- 0x61 < 26) {
                return stamp.upperBound
            }
            from = stamp.upperBound
        }
        return nil
    }

    /// Whether the text before `k` ends in a name: two capitalized words ("Kay Mann"), or a word
    /// holding `@`, `>` or `"` (an address).
    private static func nameBefore(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ k: Int) -> Bool {
        var wordEnd = k
        for word in 0..<2 {
            while wordEnd > start, p[wordEnd - 1] == 0x20 { wordEnd -= 1 }
            var wordStart = wordEnd
            while wordStart > start, p[wordStart - 1] > 0x20 { wordStart -= 1 }
            guard wordStart < wordEnd else { return false }
            if word == 0 {
                for j in wordStart..<wordEnd where p[j] == 0x40 || p[j] == 0x3E || p[j] == 0x22 { return true }
            }
            guard p[wordStart] &- 0x41 < 26 else { return false }
            wordEnd = wordStart
        }
        return true
    }

    /// The stamp whose first '/' is at `slash`, when one is there.
    private static func timestamp(_ p: UnsafeBufferPointer<UInt8>, _ slash: Int, _ start: Int, _ end: Int) -> Range<Int>? {
        @inline(__always) func digits(_ i: Int, _ lo: Int, _ hi: Int) -> Int? {
            var k = i
            while k < end, k - i < hi, p[k] &- 0x30 < 10 { k += 1 }
            return k - i >= lo && (k == end || p[k] &- 0x30 >= 10) ? k : nil
        }
        // One or two digits before the slash, at a word start.
        var month = slash
        while month > start, slash - month < 2, p[month - 1] &- 0x30 < 10 { month -= 1 }
        guard month < slash, month == start || p[month - 1] == 0x20 else { return nil }
        guard let day = digits(slash + 1, 1, 2), day < end, p[day] == 0x2F,
              let year = digits(day + 1, 2, 4), year - day - 1 != 3,
              year < end, p[year] == 0x20,
              let hour = digits(year + 1, 1, 2), hour < end, p[hour] == 0x3A,
              var time = digits(hour + 1, 2, 2) else { return nil }
        if time + 2 < end, p[time] == 0x3A, let seconds = digits(time + 1, 2, 2) { time = seconds }
        if time + 3 <= end, p[time] == 0x20, p[time + 1] == 0x41 || p[time + 1] == 0x50, p[time + 2] == 0x4D,
           time + 3 == end || p[time + 3] == 0x20 {
            time += 3   // " AM" / " PM"
        }
        guard time == end || p[time] == 0x20 else { return nil }
        return month..<time
    }
}
