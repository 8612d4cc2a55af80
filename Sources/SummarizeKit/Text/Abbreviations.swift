// Abbreviation and sentence-starter tables for ``SentenceSegmenter``.
//
// The lists below were written for this project (they are not copied from
// another segmenter's data files). Each word is stored without its final
// period, lowercased, and packed into a `UInt64` (at most 8 UTF-8 bytes), so a
// lookup is a binary search over integers and never allocates.

/// How an abbreviation behaves when a period follows it.
enum _AbbreviationClass: UInt8 {
    /// A title or prefix written before a name (`Mr.`, `Dr.`, `St.`): the
    /// period never ends a sentence.
    case title = 1
    /// An abbreviation normally followed by a number (`No. 5`, `p. 55`): not a
    /// boundary before a digit, otherwise treated like ``general``.
    case beforeNumber
    /// An abbreviation that is always followed by more of the sentence
    /// (`e.g.`, `cf.`, `vs.`).
    case neverEnds
    /// Any other abbreviation (`Inc.`, `etc.`, `Jan.`): a boundary only when a
    /// capitalized word follows.
    case general
}

/// Static per-language abbreviation tables, looked up by packed lowercase key.
enum _Abbreviations {
    /// Packs up to 8 bytes, lowercasing ASCII letters. Returns 0 when the word
    /// is empty or longer than 8 bytes (0 is never a valid key).
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        let length = end - start
        if length <= 0 || length > 8 { return 0 }
        var key: UInt64 = 0
        var shift: UInt64 = 0
        var i = start
        while i < end {
            var b = bytes[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            key |= UInt64(b) << shift
            shift += 8
            i += 1
        }
        return key
    }

    /// Packs the first (at most) 8 bytes of a word, lowercasing ASCII letters,
    /// for tables of long words stored by prefix.
    @inline(__always)
    static func prefixKey(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        key(bytes, from: start, to: min(end, start + 8))
    }

    /// The key of a word given as a string (table construction only).
    static func key(_ word: String) -> UInt64 {
        var word = word
        return word.withUTF8 { key($0, from: 0, to: $0.count) }
    }

    /// A sorted table of keys with one value per key.
    struct Table: Sendable {
        var keys: ContiguousArray<UInt64> = []
        var values: ContiguousArray<UInt8> = []

        init(_ entries: [(String, UInt8)]) {
            // Later entries override earlier ones (language lists override the shared list).
            var merged: [UInt64: UInt8] = [:]
            for (word, value) in entries {
                let k = _Abbreviations.key(word)
                precondition(k != 0, "abbreviation table word too long: \(word)")
                merged[k] = value
            }
            // Sorting by key makes the table independent of dictionary order.
            for (k, v) in merged.sorted(by: { $0.key < $1.key }) {
                keys.append(k)
                values.append(v)
            }
        }

        @inline(__always)
        func value(for key: UInt64) -> UInt8? {
            if key == 0 { return nil }
            return keys.withUnsafeBufferPointer { k -> UInt8? in
                var low = 0
                var high = k.count
                while low < high {
                    let mid = (low + high) >> 1
                    let m = k[mid]
                    if m == key { return values[mid] }
                    if m < key { low = mid + 1 } else { high = mid }
                }
                return nil
            }
        }
    }

    // MARK: Word lists

    private static func entries(_ words: String, _ cls: _AbbreviationClass) -> [(String, UInt8)] {
        words.split(separator: " ").map { (String($0), cls.rawValue) }
    }

    /// Abbreviations shared by every language (Latin and international forms).
    private static let shared: [(String, UInt8)] =
        entries("e.g i.e cf vs viz approx ca cca resp esp", .neverEnds)
        + entries("etc al et.al", .general)
        + entries("no nos nr n° nº vol vols p pp fig figs art", .beforeNumber)

    private static let english: [(String, UInt8)] =
        entries("""
        mr mrs ms messrs mssrs mmes dr drs prof profs st mt gen sen sens rep reps gov govs \
        lt col capt cpt sgt cpl pvt pfc spc maj adm cmdr cdr rev hon pres supt insp det atty brig \
        amb fr
        """, .title)
        + entries("v w.r.t a.k.a p.s", .neverEnds)
        + entries("ch chap sec sect para pt tab eq eqs ref refs apt rm ste ext tel op rs pop", .beforeNumber)
        + entries("""
        inc ltd co corp llc plc bros jr sr esq dept univ assn assoc est ft yr yrs mo mos \
        wk wks hr hrs min mins max oz lb lbs gal qt sq cu misc govt intl natl div mfg \
        med jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri \
        ave blvd rd hwy ln pl sq ph.d m.d b.a m.a b.sc ed eds trans repr a.m p.m sat sun \
        ala ariz ark calif colo conn fla kan mich minn mont neb nev okla tenn tex wis wyo
        """, .general)

    private static let german: [(String, UInt8)] =
        entries("hr hrn fr frl dr prof st", .title)
        + entries("z d u bzw vgl evtl ggf inkl sog bspw gem zzgl abzgl z.b d.h u.a o.g s.o s.u", .neverEnds)
        + entries("s abs bd ziff nr", .beforeNumber)
        + entries("usw u.s.w etc jh jhd mio mrd tsd str ca", .general)

    private static let french: [(String, UInt8)] =
        entries("m mm mme mmes mlle mlles me dr pr st ste", .title)
        + entries("env c.-à-d", .neverEnds)
        + entries("chap éd", .beforeNumber)
        + entries("av bd etc", .general)

    private static let spanish: [(String, UInt8)] =
        entries("sr sra srta sres sras dr dra dres d dña ud uds lic ing", .title)
        + entries("aprox", .neverEnds)
        + entries("núm pág págs cap", .beforeNumber)
        + entries("cía etc av avda", .general)

    private static let italian: [(String, UInt8)] =
        entries("sig sigg dott prof avv ing arch geom on", .title)
        + entries("pag cap", .beforeNumber)
        + entries("ecc", .general)

    /// The table of `language`. Each table is built on first use (a process that segments one language builds
    /// one table, not the eight: English, Chinese, Japanese and other text share theirs).
    static func table(_ language: SentenceSegmenter.Language) -> Table {
        switch language {
        case .english, .chinese, .japanese, .other: return englishTable
        case .german: return germanTable
        case .french: return frenchTable
        case .spanish: return spanishTable
        case .italian: return italianTable
        }
    }

    private static let englishTable = Table(shared + english)
    private static let germanTable = Table(shared + german)
    private static let frenchTable = Table(shared + french)
    private static let spanishTable = Table(shared + spanish)
    private static let italianTable = Table(shared + italian)

    /// Capitalized words that very often begin an English sentence. After an
    /// initialism such as `U.S.` (or an initial such as `E.`), a period is a
    /// boundary only when one of these follows: `in the U.S. How about you?`
    /// splits, `the U.S. Government` does not.
    static let sentenceStarters = Table(entries("""
        a an the this that these those there here then it its he she we they i you his her \
        their our my your what when where who whom whose why how however but and or so yet \
        also in on at for if as after before since although though while did does do is are \
        was were can could will would should may might must many most some such thus hence \
        one each every all both not to by with from being more now please let still even \
        only today later finally instead indeed overall yes no millions billions hundreds dozens \
        during any remember come despite unlike because once unless until whether perhaps maybe \
        never always nobody everyone someone nothing people imagine consider look
        """, .general))

    /// Pronouns that go on with the speech after an exclamation: "Leave me alone! he yelled."
    static let speechPronouns = Table(entries("he she they we you it", .general))

    /// Interjections whose `!` runs on into the sentence: "… but, alas! either the locks were …".
    static let interjections = Table(entries("alas oh ah aha ha hey hurrah hush ouch wow lo ahoy", .general))

    /// Time-zone abbreviations that follow a clock time: after `5 p.m.` a
    /// capitalized `ET` or `GMT` continues the sentence (`at 5 p.m. ET on Friday`).
    static let timeZones = Table(entries("""
        et est edt ct cst cdt mt mst mdt pt pst pdt akst akdt hst gmt utc bst cet cest eet eest \
        wet west ist jst kst aest aedt awst nzst nzdt msk sgt hkt
        """, .general))

    /// German words after which `<1-2 digits>.` is an ordinal, not an ending
    /// (`vom 12. Juni`, `im 19. Jahrhundert`).
    static let germanOrdinalNouns = Table(entries("""
        januar jänner februar märz april mai juni juli august septembe oktober november dezember \
        jan feb mär apr jun jul aug sep sept okt nov dez jahrhund jahrtaus jahresta jahrgang \
        platz stock klasse kapitel runde spieltag etappe lebensja
        """, .general))
}
