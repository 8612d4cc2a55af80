import CUTF8Proc
import Foundation

/// The tokens of a document: where each word is, its interned term, and
/// which sentence it belongs to, in flat arrays.
///
/// Token `t` covers `utf8Start[t]..<utf8End[t]` of the original text and has
/// the term `termIDs[t]` (its normalized, stemmed key in ``terms``). The
/// tokens of sentence `s` are `sentenceTokenStart[s]..<sentenceTokenStart[s + 1]`.
public struct TokenTable: Sendable {
    /// The interned stems (or normalized keys, when stemming is off).
    ///
    /// Inside the summarizer's own pipeline the table is built without them (``termCount`` is what
    /// the graph needs, and the term text costs about 4 % of the pipeline); every table handed out by
    /// ``Tokenizer/tokenize(_:_:)`` has them.
    public internal(set) var terms: Vocabulary
    /// The number of distinct terms: term IDs run from 0 to `termCount - 1`.
    public internal(set) var termCount: Int
    /// First byte of each token in the original text.
    public internal(set) var utf8Start: ContiguousArray<Int32>
    /// One past the last byte of each token.
    public internal(set) var utf8End: ContiguousArray<Int32>
    /// The term of each token.
    public internal(set) var termIDs: ContiguousArray<TermID>
    /// Whether each token is a stopword (kept for inspection, skipped by similarity).
    public internal(set) var isStopword: ContiguousArray<Bool>
    /// Whether each token's bytes hold an ASCII digit (0-9), noted while the token was keyed so
    /// that later stages need not scan its bytes again.
    var hasDigit: ContiguousArray<Bool>
    /// Whether each token may hold an English voice word (``EnglishVoiceWords/mayHold(_:)``; every token with a
    /// byte outside ASCII may), noted from its key so that ``Candidates`` reads the bytes of these tokens only.
    var mayHoldVoiceWord: ContiguousArray<Bool>
    /// Token index where each sentence starts, plus one final entry: the token count.
    public internal(set) var sentenceTokenStart: ContiguousArray<Int32>
    init(expectedTokens: Int, sentenceCount: Int) {
        terms = Vocabulary(minimumCapacity: max(64, expectedTokens / 4))
        termCount = 0
        utf8Start = []; utf8End = []; termIDs = []; isStopword = []; hasDigit = []; mayHoldVoiceWord = []
        utf8Start.reserveCapacity(expectedTokens)
        utf8End.reserveCapacity(expectedTokens)
        termIDs.reserveCapacity(expectedTokens)
        isStopword.reserveCapacity(expectedTokens)
        hasDigit.reserveCapacity(expectedTokens)
        mayHoldVoiceWord.reserveCapacity(expectedTokens)
        sentenceTokenStart = [0]
        sentenceTokenStart.reserveCapacity(sentenceCount + 1)
    }

    init(terms: Vocabulary, termCount: Int, utf8Start: ContiguousArray<Int32>, utf8End: ContiguousArray<Int32>,
         termIDs: ContiguousArray<TermID>, isStopword: ContiguousArray<Bool>, hasDigit: ContiguousArray<Bool>,
         mayHoldVoiceWord: ContiguousArray<Bool>, sentenceTokenStart: ContiguousArray<Int32>) {
        self.terms = terms
        self.termCount = termCount
        self.utf8Start = utf8Start
        self.utf8End = utf8End
        self.termIDs = termIDs
        self.isStopword = isStopword
        self.hasDigit = hasDigit
        self.mayHoldVoiceWord = mayHoldVoiceWord
        self.sentenceTokenStart = sentenceTokenStart
    }

    /// The number of sentences.
    public var sentenceCount: Int { sentenceTokenStart.count - 1 }
    /// The number of tokens.
    public var tokenCount: Int { termIDs.count }

    /// The token indices of sentence `index`.
    public func tokens(inSentence index: Int) -> Range<Int> {
        Int(sentenceTokenStart[index])..<Int(sentenceTokenStart[index + 1])
    }

    /// The bytes of token `index` in the original text.
    public func utf8Range(ofToken index: Int) -> Range<Int> {
        Int(utf8Start[index])..<Int(utf8End[index])
    }
}

/// Splits sentences into word tokens by Unicode rules and keys each one:
/// normalized (NFKC + case fold), checked against stopwords, and stemmed.
///
/// A word is a run of letters, marks and digits; an apostrophe (' or ’) or
/// hyphen between two word characters stays inside it (`don't`,
/// `well-known`; in French and Italian an apostrophe splits, `l'état` is
/// `l` and `état`), and `.` or `,` between digits too (`1,250.75`). Han and
/// Hiragana characters are one token each, or one per overlapping pair with
/// ``Configuration/characterBigrams``, since those scripts do not separate
/// words with spaces. Keys are stemmed with the ``Stemmer`` of
/// ``Configuration/language``.
///
/// ```swift
/// let table = Tokenizer().tokenize(document, spans)
/// table.terms.term(table.termIDs[0])
/// ```
///
/// - Complexity: O(n) in the bytes of the sentences. ASCII words never reach
///   utf8proc; each distinct normalized form is stemmed once per thread (a
///   lexicon kept across documents, started afresh past 200,000 forms), so a
///   token costs one hash lookup. Nothing is allocated per token.
public struct Tokenizer: Sendable {
    public struct Configuration: Sendable {
        /// How token keys are normalized.
        public var normalizer: Normalizer
        /// The words marked as stopwords.
        public var stopwords: Stopwords
        /// Whether to stem keys with the Snowball stemmer of ``language`` (``Stemmer``); a language without
        /// one is not stemmed.
        public var stemming: Bool
        /// The language of the text: its stemmer, and whether an apostrophe splits an elided article
        /// from its word (French "l'état" is "l" and "état"). Default `.english`.
        public var language: Language
        /// Whether runs of Han and Hiragana characters are keyed by overlapping character pairs ("新闻报道"
        /// gives "新闻", "闻报", "报道"; a lone character is keyed by itself) rather than one token per character:
        /// text written without spaces then shares words, not just characters, between sentences.
        public var characterBigrams: Bool

        public init(normalizer: Normalizer = Normalizer(), stopwords: Stopwords = .english, stemming: Bool = true,
                    language: Language = .english, characterBigrams: Bool = false) {
            self.normalizer = normalizer
            self.stopwords = stopwords
            self.stemming = stemming
            self.language = language
            self.characterBigrams = characterBigrams
        }

        /// The configuration for text in `language`: its stopwords (``Stopwords/init(language:)``; for Chinese and
        /// Japanese the most frequent characters) and its Snowball stemmer. ``Language/undetermined`` gives the
        /// language-neutral keys: no stopwords, no stemming. Han and Hiragana stay one key per character:
        /// ``characterBigrams`` ranked Chinese news worse (`lcsts-zh` records 301-600, R-1 20.51 against 21.01).
        public init(language: Language) {
            self.init(stopwords: Stopwords(language: language), stemming: Stemmer(language: language) != nil,
                      language: language, characterBigrams: false)
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Tokenizes the sentences `spans` of `document`.
    public func tokenize(_ document: Document, _ spans: [SentenceSpan]) -> TokenTable {
        tokenize(document, spans, termText: true)
    }

    /// The shared empty vocabulary of tables built without term text (no allocation per document).
    private static let noTermText = Vocabulary(minimumCapacity: 1)

    /// Tokenizes the sentences `spans` of `document`; with `termText` false the table's ``TokenTable/terms``
    /// stay empty (only ``TokenTable/termCount`` is set), for callers that need the term IDs alone.
    func tokenize(_ document: Document, _ spans: [SentenceSpan], termText: Bool) -> TokenTable {
        var state = KeyState(configuration: configuration, expectedTerms: document.byteCount / 16 + 64)
        defer { state.release() }
        // The four token columns are filled through raw pointers (no per-token uniqueness
        // checks), then copied once into the table's arrays.
        var sink = TokenSink(capacity: document.byteCount / 5 + 16)
        defer { sink.release() }
        var sentenceTokenStart = ContiguousArray<Int32>()
        sentenceTokenStart.reserveCapacity(spans.count + 1)
        sentenceTokenStart.append(0)
        document.withUTF8 { bytes in
            for span in spans {
                scan(bytes, span.utf8Range, into: &sink, state: &state)
                sentenceTokenStart.append(Int32(sink.count))
            }
        }
        state.numberTerms(sink.termIDs, count: sink.count)
        let (isStopword, hasDigit, mayHoldVoiceWord) = sink.flagColumns()
        return TokenTable(terms: termText ? state.vocabulary() : Self.noTermText,
                               termCount: state.documentTerms.count,
                               utf8Start: ContiguousArray(UnsafeBufferPointer(start: sink.utf8Start, count: sink.count)),
                               utf8End: ContiguousArray(UnsafeBufferPointer(start: sink.utf8End, count: sink.count)),
                               termIDs: ContiguousArray(UnsafeBufferPointer(start: sink.termIDs, count: sink.count)),
                               isStopword: isStopword, hasDigit: hasDigit, mayHoldVoiceWord: mayHoldVoiceWord,
                               sentenceTokenStart: sentenceTokenStart)
    }

    /// Growable token columns over raw memory; `release()` frees them.
    struct TokenSink {
        var utf8Start: UnsafeMutablePointer<Int32>
        var utf8End: UnsafeMutablePointer<Int32>
        var termIDs: UnsafeMutablePointer<TermID>
        /// Per token: `voice` (may hold a voice word), `stopword` and `digit` bits, one column for all. The first
        /// two are the lexicon's bits of the surface (``Lexicon/voiceBit`` and ``Lexicon/stopBit``) shifted down.
        var flags: UnsafeMutablePointer<UInt8>
        var count = 0
        static let voice: UInt8 = 1, stopword: UInt8 = 2, digit: UInt8 = 4
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            utf8Start = .allocate(capacity: self.capacity)
            utf8End = .allocate(capacity: self.capacity)
            termIDs = .allocate(capacity: self.capacity)
            flags = .allocate(capacity: self.capacity)
        }

        /// The tokens' stopword, digit and voice flags, as three table columns. Each is written into raw memory
        /// and copied into its array (an array filled in place is allocated through the standard library's
        /// unspecialized path, which looks its type up at run time: several times the cost of the copy).
        func flagColumns() -> (stopword: ContiguousArray<Bool>, digit: ContiguousArray<Bool>, voice: ContiguousArray<Bool>) {
            let column = UnsafeMutablePointer<Bool>.allocate(capacity: max(count, 1))
            defer { column.deallocate() }
            func copy(_ flag: UInt8) -> ContiguousArray<Bool> {
                for t in 0..<count { column[t] = flags[t] & flag != 0 }
                return ContiguousArray(UnsafeBufferPointer(start: column, count: count))
            }
            return (copy(TokenSink.stopword), copy(TokenSink.digit), copy(TokenSink.voice))
        }

        @inline(__always)
        mutating func append(start: Int, end: Int, key: Tokenizer.Key) {
            if count == capacity { grow() }
            utf8Start[count] = Int32(truncatingIfNeeded: start)
            utf8End[count] = Int32(truncatingIfNeeded: end)
            termIDs[count] = key.term
            flags[count] = key.flags
            count += 1
        }

        @inline(never)
        mutating func grow() {
            let newCapacity = capacity * 2
            utf8Start = utf8Start.movedToNewAllocation(count: count, capacity: newCapacity)
            utf8End = utf8End.movedToNewAllocation(count: count, capacity: newCapacity)
            termIDs = termIDs.movedToNewAllocation(count: count, capacity: newCapacity)
            flags = flags.movedToNewAllocation(count: count, capacity: newCapacity)
            capacity = newCapacity
        }

        func release() {
            utf8Start.deallocate(); utf8End.deallocate(); termIDs.deallocate(); flags.deallocate()
        }
    }

    /// What keying one token gives: its global term (the lexicon's; ``KeyState/numberTerms(_:count:)`` turns
    /// the sink's column of them into the document's IDs), and its ``TokenSink`` flags (whether it is a stopword,
    /// holds a digit, may hold an English voice word).
    struct Key {
        var term: TermID
        var flags: UInt8
    }

    /// Per-call working state: the thread's lexicon, this document's terms and reusable buffers.
    struct KeyState {
        let configuration: Configuration
        /// Normalized surface -> (stem, stopword), kept across documents; owned by this call
        /// until `release()` gives it back.
        var lexicon: Lexicon
        /// This document's terms as global terms, in order of first appearance: local ID `i` is
        /// `documentTerms[i]` (the table's ``TokenTable/terms`` are built from it at the end).
        var documentTerms: TermList
        let expectedTerms: Int
        var key: [UInt8] = []
        var scratch = Normalizer.Scratch()
        /// The current key's bytes (case-folded ASCII, or a copy of a Unicode key); `release()` frees it.
        var keyBuffer: UnsafeMutablePointer<UInt8>
        var keyCapacity = 64

        init(configuration: Configuration, expectedTerms: Int) {
            self.configuration = configuration
            lexicon = LexiconPool.checkOut(for: configuration)
            lexicon.beginDocument()
            self.expectedTerms = expectedTerms
            documentTerms = TermList(capacity: expectedTerms)
            key.reserveCapacity(64)
            keyBuffer = .allocate(capacity: keyCapacity)
        }

        func release() {
            keyBuffer.deallocate()
            documentTerms.release()
            LexiconPool.checkIn(lexicon)
        }

        @inline(__always)
        mutating func reserveKey(_ n: Int) {
            if n > keyCapacity {
                keyBuffer.deallocate()
                keyCapacity = max(n, keyCapacity * 2)
                keyBuffer = .allocate(capacity: keyCapacity)
            }
        }

        /// Keys the token `bytes[start..<end]`; returns its global term, whether it is a stopword and
        /// whether its bytes hold an ASCII digit. Inlined into the scan for the common case (an ASCII word of
        /// at most eight bytes, not at the text's last eight); the others call ``otherKey(_:_:_:ascii:)``.
        @inline(__always)
        mutating func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, ascii: Bool) -> Key {
            let n = end - start
            if ascii, n <= 8, start &+ 8 <= bytes.count {
                // The key buffer holds at least 64 bytes (`keyCapacity` only grows): the folded word fits.
                let source = UnsafeRawPointer(bytes.baseAddress! + start)
                let target = UnsafeMutableRawPointer(keyBuffer)
                // Most words: one load (the bytes past the word are masked off), one hash step, and
                // the lexicon compares the folded word itself.
                let loaded = UInt64(littleEndian: source.loadUnaligned(as: UInt64.self))
                // The low n bytes (n = 8: all of them; the two shifts keep 64 in range).
                let raw = loaded & ~((~UInt64(0) &<< UInt64(truncatingIfNeeded: 8 &* n &- 1)) &<< 1)
                let word = Tokenizer.foldASCII(raw)
                target.storeBytes(of: word.littleEndian, as: UInt64.self)
                let h = Vocabulary.finish(Vocabulary.mix(Vocabulary.hashStart(count: n), word))
                let entry = lexicon.shortEntry(UnsafeBufferPointer(start: keyBuffer, count: n), word: word, hash: h)
                let term = TermID(truncatingIfNeeded: entry.term)
                let digit = raw & ~(raw >> 2) & (ByteClass.ones &* 0x10) != 0
                return Key(term: term, flags: entry.flags | (digit ? TokenSink.digit : 0))
            }
            return otherKey(bytes, start, end, ascii: ascii)
        }

        /// ``key(_:_:_:ascii:)`` of a longer ASCII word, one at the text's end, or a word outside ASCII.
        @inline(never)
        mutating func otherKey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, ascii: Bool) -> Key {
            let n = end - start
            if ascii {
                // ASCII: NFKC is the identity and case folding is A-Z -> a-z. Eight bytes
                // at a time: fold, store into the key buffer and mix into the vocabulary's hash in
                // one pass (the same words `Vocabulary.hash` would read from the folded key).
                reserveKey(n + 8)   // the last word is stored whole; its padding lies past the key
                let source = UnsafeRawPointer(bytes.baseAddress! + start)
                let target = UnsafeMutableRawPointer(keyBuffer)
                // Digits too: the bytes of an ASCII word are letters (0x40 bit set), digits (0x40 clear,
                // 0x10 set), joiners ' - . , (both clear) or the last word's zero padding, so bit 4 of
                // `raw & ~(raw >> 2)` (bit 6 shifted onto bit 4) marks exactly the digits.
                var h = Vocabulary.hashStart(count: n)
                var digits: UInt64 = 0
                var i = 0
                while i + 8 <= n {
                    let raw = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    digits |= raw & ~(raw >> 2)
                    let word = Tokenizer.foldASCII(raw)
                    target.storeBytes(of: word.littleEndian, toByteOffset: i, as: UInt64.self)
                    h = Vocabulary.mix(h, word)
                    i += 8
                }
                if i < n {
                    let raw = Vocabulary.tailWord(bytes.baseAddress! + start + i, count: n - i)
                    digits |= raw & ~(raw >> 2)
                    let word = Tokenizer.foldASCII(raw)
                    target.storeBytes(of: word.littleEndian, toByteOffset: i, as: UInt64.self)
                    h = Vocabulary.mix(h, word)
                }
                var key = lookup(UnsafeBufferPointer(start: keyBuffer, count: n), hash: Vocabulary.finish(h))
                if digits & (ByteClass.ones &* 0x10) != 0 { key.flags |= TokenSink.digit }
                return key
            }
            return unicodeKey(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }

        @inline(never)
        mutating func unicodeKey(_ raw: UnsafeBufferPointer<UInt8>) -> Key {
            configuration.normalizer.normalize(raw, into: &key, scratch: &scratch)
            Tokenizer.foldApostrophes(&key)
            let n = key.count
            reserveKey(n)
            let target = keyBuffer
            key.withUnsafeBufferPointer { k in
                if let base = k.baseAddress { target.update(from: base, count: n) }
            }
            let folded = UnsafeBufferPointer(start: keyBuffer, count: n)
            var key = lookup(folded, hash: Vocabulary.hash(folded))
            for b in raw where b &- 0x30 < 10 { key.flags |= TokenSink.digit; break }
            // Its normalized key need not show the letters of its bytes (a combining mark composed with the
            // letter before it): a token outside ASCII may hold a voice word.
            key.flags |= TokenSink.voice
            return key
        }

        /// The key of a normalized key (no `digit` flag); `h` is `Vocabulary.hash(key)`.
        @inline(__always)
        mutating func lookup(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Key {
            let entry = lexicon.entry(key, hash: h, configuration: configuration)
            return Key(term: TermID(truncatingIfNeeded: entry.term), flags: entry.flags)
        }

        /// Replaces the global terms `terms[0..<count]` (the document's tokens in order, as the scan keyed them)
        /// by the document's own IDs, numbered by first appearance. Done in a pass of its own, not token by
        /// token during the scan: each token's stamp lookup then depends on no earlier token's (the next ID
        /// depends on whether the term was new), so the processor overlaps their cache misses, and those of the
        /// scan's surface lookups too.
        mutating func numberTerms(_ terms: UnsafeMutablePointer<TermID>, count: Int) {
            for t in 0..<count { terms[t] = lexicon.localTerm(Int(terms[t]), in: &documentTerms) }
        }

        /// The document's vocabulary: its terms in local-ID order.
        func vocabulary() -> Vocabulary {
            lexicon.vocabulary(of: UnsafeBufferPointer(start: documentTerms.base, count: documentTerms.count),
                               minimumCapacity: expectedTerms)
        }
    }

    /// A growable list of global term IDs over raw memory (written at every token, counted once per term
    /// new to a document, without the uniqueness check of an array append); `release()` frees it.
    struct TermList {
        private(set) var base: UnsafeMutablePointer<UInt32>
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        /// Writes `term` at the end and counts it when `keep` (no branch on `keep`).
        @inline(__always)
        mutating func appendIf(_ keep: Bool, _ term: UInt32) {
            if count == capacity {
                capacity *= 2
                base = base.movedToNewAllocation(count: count, capacity: capacity)
            }
            base[count] = term
            count &+= keep ? 1 : 0
        }

        func release() { base.deallocate() }
    }

    /// Raw memory for the lexicon's per-term stamps, freed with the last reference. Reads and writes go
    /// straight to memory (an array would check its uniqueness on every write). A lexicon is used by
    /// one tokenize call at a time (see ``LexiconPool``), so its column is never written from two places.
    final class StampColumn: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt64>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
            base.initialize(repeating: 0, count: capacity)
        }

        /// A column of twice the capacity holding the first `count` stamps of this one.
        func grown(count: Int) -> StampColumn {
            let column = StampColumn(capacity: capacity * 2)
            column.base.update(from: base, count: count)
            return column
        }

        deinit { base.deallocate() }
    }

    /// The lexicon's surface forms, in two open-addressing tables whose slots hold the keys themselves: keys of
    /// at most eight bytes (nearly every token) in 16-byte slots (the key and its packed global term), the others
    /// in 32-byte slots holding their first sixteen bytes, so that a key of up to sixteen bytes is found by reading
    /// its slots alone: one cache line, where a table of IDs, a column of entries and (for a key of more than
    /// eight bytes) a key arena took two to four dependent loads, each often a cache miss. Keys of more than sixteen bytes are compared with a record
    /// holding their length and bytes together. Freed with the last reference; used by one tokenize call at a
    /// time (see ``LexiconPool``), like ``StampColumn``.
    final class SurfaceTable: @unchecked Sendable {
        /// A key of at most eight bytes whose last byte is not zero (``isWhole(_:count:)``): `word`, zero-padded.
        struct ShortSlot {
            var word: UInt64
            /// The surface's global term with its stop and voice bits (``Lexicon/stopBit``, ``Lexicon/voiceBit``).
            var packed: UInt32
            /// 0: an empty slot, 1: a key.
            var link: UInt32
        }

        /// Any other key: its first sixteen bytes, zero-padded.
        struct LongSlot {
            var first: UInt64
            var second: UInt64
            var packed: UInt32
            /// 0: an empty slot; 1: a key of nine to sixteen bytes whose last byte is not zero (`first` and
            /// `second` are all of it); `k` >= 2: a key whose record starts at `records[k - 2]`.
            var link: UInt32
            /// Pads the slot to 32 bytes, so that no slot straddles a cache line.
            var padding: UInt64 = 0
        }

        private var short: UnsafeMutablePointer<ShortSlot>
        private var shortMask: Int
        private var shortCount = 0
        private var long: UnsafeMutablePointer<LongSlot>
        private var longMask: Int
        private var longCount = 0
        /// The keys of more than sixteen bytes, and the few others not kept whole, one record each: the key's
        /// length and hash (four bytes each, native order), then its bytes.
        private var records: UnsafeMutableRawPointer
        private var recordsUsed = 0
        private var recordsCapacity = 4096

        /// The number of surfaces.
        var count: Int { shortCount + longCount }

        /// A table that holds `capacity` short keys and half as many others before it first grows.
        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            short = .allocate(capacity: size)
            short.initialize(repeating: ShortSlot(word: 0, packed: 0, link: 0), count: size)
            shortMask = size - 1
            let longSize = max(size / 2, 16)
            long = .allocate(capacity: longSize)
            long.initialize(repeating: LongSlot(first: 0, second: 0, packed: 0, link: 0), count: longSize)
            longMask = longSize - 1
            records = .allocate(byteCount: recordsCapacity, alignment: 8)
        }

        deinit { short.deallocate(); long.deallocate(); records.deallocate() }

        /// Whether a key of `count` bytes whose zero-padded first word is `word` goes to the short table: at most
        /// eight bytes, the last one not zero (so no two such keys have the same word).
        @inline(__always)
        static func isWhole(_ word: UInt64, count: Int) -> Bool {
            count >= 1 && count <= 8 && word >> UInt64(truncatingIfNeeded: 8 &* (count &- 1)) != 0
        }

        /// The packed term of the short key `word` (``isWhole(_:count:)``) hashed to `h`, or nil when absent.
        @inline(__always)
        func packedTerm(ofWhole word: UInt64, hash h: UInt32) -> UInt32? {
            var slot = Int(truncatingIfNeeded: h) & shortMask
            while true {
                let entry = short[slot]
                if entry.word == word && entry.link != 0 { return entry.packed }
                if entry.link == 0 { return nil }
                slot = (slot &+ 1) & shortMask
            }
        }

        /// The zero-padded second word of `key` (bytes 8..<16; zero for a key of at most eight bytes), and whether
        /// a long slot holds `key` whole.
        @inline(__always)
        private static func second(of key: UnsafeBufferPointer<UInt8>) -> (word: UInt64, whole: Bool) {
            let n = key.count
            guard n > 8 else { return (0, false) }
            let word = n >= 16
                ? UInt64(littleEndian: UnsafeRawPointer(key.baseAddress! + 8).loadUnaligned(as: UInt64.self))
                : Vocabulary.tailWord(key.baseAddress! + 8, count: n &- 8)
            return (word, n <= 16 && key[n &- 1] != 0)
        }

        /// The packed term of `key` (not short; its zero-padded first word is `word`) hashed to `h`, or nil
        /// when absent.
        func packedTerm(of key: UnsafeBufferPointer<UInt8>, word: UInt64, hash h: UInt32) -> UInt32? {
            let (second, whole) = Self.second(of: key)
            var slot = Int(truncatingIfNeeded: h) & longMask
            while true {
                let entry = long[slot]
                if entry.link == 0 { return nil }
                if entry.first == word && entry.second == second {
                    if whole {
                        if entry.link == 1 { return entry.packed }
                    } else if entry.link >= 2 {
                        let record = records + Int(entry.link &- 2)
                        if Int(record.load(as: UInt32.self)) == key.count,
                           key.count == 0 || Vocabulary.equal(record.assumingMemoryBound(to: UInt8.self) + 8,
                                                              key.baseAddress!, count: key.count) {
                            return entry.packed
                        }
                    }
                }
                slot = (slot &+ 1) & longMask
            }
        }

        /// Adds `key` (absent; zero-padded first word `word`, hash `h`) with its packed term.
        func insertAbsent(_ key: UnsafeBufferPointer<UInt8>, word: UInt64, hash h: UInt32, packed: UInt32) {
            if Self.isWhole(word, count: key.count) {
                place(ShortSlot(word: word, packed: packed, link: 1), hash: h)
                shortCount += 1
                if shortCount * 2 > shortMask + 1 { growShort() }
                return
            }
            let (second, whole) = Self.second(of: key)
            var link: UInt32 = 1
            if !whole {
                let size = 8 + (key.count + 7) & ~7   // records stay 8-byte aligned
                if recordsUsed + size > recordsCapacity { growRecords(toHold: recordsUsed + size) }
                let record = records + recordsUsed
                record.storeBytes(of: UInt32(key.count), as: UInt32.self)
                record.storeBytes(of: h, toByteOffset: 4, as: UInt32.self)
                if let base = key.baseAddress { (record + 8).copyMemory(from: base, byteCount: key.count) }
                link = UInt32(recordsUsed + 2)
                recordsUsed += size
            }
            place(LongSlot(first: word, second: second, packed: packed, link: link), hash: h)
            longCount += 1
            if longCount * 2 > longMask + 1 { growLong() }
        }

        private func place(_ entry: ShortSlot, hash h: UInt32) {
            var slot = Int(truncatingIfNeeded: h) & shortMask
            while short[slot].link != 0 { slot = (slot &+ 1) & shortMask }
            short[slot] = entry
        }

        private func place(_ entry: LongSlot, hash h: UInt32) {
            var slot = Int(truncatingIfNeeded: h) & longMask
            while long[slot].link != 0 { slot = (slot &+ 1) & longMask }
            long[slot] = entry
        }

        /// The number of bytes of a zero-padded word with its last byte not zero.
        @inline(__always)
        private static func length(_ word: UInt64) -> Int { (64 - word.leadingZeroBitCount + 7) / 8 }

        @inline(never)
        private func growShort() {
            let old = short, oldSize = shortMask + 1
            short = .allocate(capacity: oldSize * 2)
            short.initialize(repeating: ShortSlot(word: 0, packed: 0, link: 0), count: oldSize * 2)
            shortMask = oldSize * 2 - 1
            for i in 0..<oldSize where old[i].link != 0 {
                let h = Vocabulary.finish(Vocabulary.mix(Vocabulary.hashStart(count: Self.length(old[i].word)), old[i].word))
                place(old[i], hash: h)
            }
            old.deallocate()
        }

        @inline(never)
        private func growLong() {
            let old = long, oldSize = longMask + 1
            long = .allocate(capacity: oldSize * 2)
            long.initialize(repeating: LongSlot(first: 0, second: 0, packed: 0, link: 0), count: oldSize * 2)
            longMask = oldSize * 2 - 1
            for i in 0..<oldSize where old[i].link != 0 {
                let entry = old[i]
                let h = entry.link >= 2
                    ? (records + Int(entry.link - 2) + 4).load(as: UInt32.self)
                    : Vocabulary.finish(Vocabulary.mix(Vocabulary.mix(
                        Vocabulary.hashStart(count: 8 + Self.length(entry.second)), entry.first), entry.second))
                place(entry, hash: h)
            }
            old.deallocate()
        }

        @inline(never)
        private func growRecords(toHold bytes: Int) {
            let capacity = max(bytes, recordsCapacity * 2)
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            grown.copyMemory(from: records, byteCount: recordsUsed)
            records.deallocate()
            records = grown
            recordsCapacity = capacity
        }
    }

    /// A thread's memory of the words it has keyed: each normalized surface form's stem (its
    /// global term) and stopword flag, kept across documents, since stemming and the stopword
    /// test are pure functions of the key and most words of an article were seen in earlier
    /// ones. A token then costs one hash lookup; a word new to the document one array check and
    /// an append to the document's vocabulary; only a word new to the thread is stemmed.
    ///
    /// Global terms never leak into a ``TokenTable``: each document numbers its terms from 0 in
    /// order of first appearance (``localTerm(_:in:)``), so the output does not depend on what
    /// the thread saw before. Used by one tokenize call at a time (see ``LexiconPool``).
    struct Lexicon {
        /// Past this many surface forms the lexicon starts afresh at the next document.
        static let limit = 200_000
        /// The surfaces and terms the tables hold before they first grow.
        static let initialCapacity = 32_768
        static let stopBit: UInt32 = 1 << 31
        /// Set in a surface's packed term when it may hold an English voice word (``EnglishVoiceWords/mayHold(_:)``).
        static let voiceBit: UInt32 = 1 << 30

        /// The configuration the entries were computed with.
        let stemming: Bool
        let stopwords: Stopwords
        let language: Language
        /// The language's stemmer, with its working state (used by one tokenize call at a time).
        private let stemmer: Stemmer.Session?
        private var stem: [UInt8] = []

        /// Every surface form with its packed global term (``SurfaceTable``).
        private var surfaces: SurfaceTable
        /// The stems (or keys, without stemming) of every surface, interned.
        private var globalTerms: Vocabulary
        /// Per global term: its hash, so a document's vocabulary takes it without rehashing.
        private var globalHash: ContiguousArray<UInt32> = []
        /// Per global term: its stamp (high 32 bits) and its ID in the current document (low 32),
        /// the ID valid when the stamp equals `generation`; one word, so one load and one store.
        private var local: StampColumn
        /// How many global terms `local` holds stamps for.
        private var localCount = 0
        private var generation: UInt32 = 0

        init(stemming: Bool, stopwords: Stopwords, language: Language) {
            self.stemming = stemming
            self.language = language
            stemmer = stemming ? Stemmer(language: language).map { Stemmer.Session($0) } : nil
            self.stopwords = stopwords
            // Sized for the words of a few hundred news articles, so that a batch does not rehash its tables
            // while the lexicon fills (about 3 MB per lexicon: 1 MB for each surface table).
            surfaces = SurfaceTable(capacity: Self.initialCapacity)
            globalTerms = Vocabulary(minimumCapacity: Self.initialCapacity)
            globalHash.reserveCapacity(Self.initialCapacity)
            local = StampColumn(capacity: Self.initialCapacity)
            stem.reserveCapacity(64)
        }

        /// Whether entries computed for `configuration` are the ones this lexicon holds.
        func serves(_ configuration: Configuration) -> Bool {
            configuration.stemming == stemming && configuration.stopwords == stopwords && configuration.language == language
        }

        /// Starts a document: forgets the previous document's numbering (and, past ``limit``,
        /// every entry).
        mutating func beginDocument() {
            if surfaces.count >= Self.limit {
                self = Lexicon(stemming: stemming, stopwords: stopwords, language: language)
            }
            generation &+= 1
            if generation == 0 {
                // Wrapped around: clear the stamps so no stale one can match.
                local.base.update(repeating: 0, count: localCount)
                generation = 1
            }
        }

        /// The global term and stopword flag of a normalized key; `h` is `Vocabulary.hash(key)`.
        /// The eight bytes at the key's start must be readable (the tokenizer's key buffer).
        @inline(__always)
        mutating func entry(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32,
                            configuration: Configuration) -> Entry {
            let n = key.count
            let loaded = UInt64(littleEndian: UnsafeRawPointer(key.baseAddress!).loadUnaligned(as: UInt64.self))
            // The first eight bytes, zero-padded (n < 8: shift < 64).
            let word = n >= 8 ? loaded : loaded & ((1 &<< UInt64(truncatingIfNeeded: 8 &* n)) &- 1)
            if SurfaceTable.isWhole(word, count: n) { return shortEntry(key, word: word, hash: h) }
            return resolve(surfaces.packedTerm(of: key, word: word, hash: h), key, hash: h, word: word)
        }

        /// ``entry(_:hash:configuration:)`` of a key of at most eight bytes whose zero-padded
        /// little-endian word is `word` and whose last byte is not zero (``SurfaceTable/isWhole(_:count:)``).
        @inline(__always)
        mutating func shortEntry(_ key: UnsafeBufferPointer<UInt8>, word: UInt64, hash h: UInt32) -> Entry {
            resolve(surfaces.packedTerm(ofWhole: word, hash: h), key, hash: h, word: word)
        }

        /// A surface's global term, and its stopword and voice bits as ``TokenSink`` flags.
        struct Entry {
            var term: Int
            var flags: UInt8
        }

        /// The entry of a surface whose packed term is `found`, or of `key` added as a new surface when it was
        /// not found.
        @inline(__always)
        private mutating func resolve(_ found: UInt32?, _ key: UnsafeBufferPointer<UInt8>, hash h: UInt32,
                                      word: UInt64) -> Entry {
            let packed = found ?? addSurface(key, hash: h, word: word)
            // stopBit and voiceBit shifted down are TokenSink.stopword and TokenSink.voice.
            return Entry(term: Int(packed & ~(Self.stopBit | Self.voiceBit)), flags: UInt8(truncatingIfNeeded: packed >> 30))
        }

        @inline(never)
        private mutating func addSurface(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32, word: UInt64) -> UInt32 {
            let stop = stopwords.contains(key, hash: h)
            let before = globalTerms.count
            let term: TermID
            if let stemmer {
                stemmer.stem(key, into: &stem)
                term = stem.withUnsafeBufferPointer { stemmed in
                    let stemHash = Vocabulary.hash(stemmed)
                    let id = globalTerms.intern(stemmed, hash: stemHash)
                    if globalTerms.count > before { globalHash.append(stemHash) }
                    return id
                }
            } else {
                term = globalTerms.intern(key, hash: h)
                if globalTerms.count > before { globalHash.append(h) }
            }
            if globalTerms.count > before {
                if localCount == local.capacity { local = local.grown(count: localCount) }
                local.base[localCount] = 0
                localCount += 1
            }
            let packed = term | (stop ? Self.stopBit : 0) | (EnglishVoiceWords.mayHold(key) ? Self.voiceBit : 0)
            surfaces.insertAbsent(key, word: word, hash: h, packed: packed)   // not found by the caller
            return packed
        }

        /// The document's ID for global term `term`, appending the term to `documentTerms` on its
        /// first use in this document.
        @inline(__always)
        mutating func localTerm(_ term: Int, in documentTerms: inout TermList) -> TermID {
            let stamps = local.base
            let entry = stamps[term]
            // Whether the term is new to the document is unpredictable (nearly half the tokens are), so
            // both outcomes are computed and one is selected: the list and the stamp are always written.
            let new = UInt32(truncatingIfNeeded: entry >> 32) != generation
            let id = new ? TermID(truncatingIfNeeded: documentTerms.count) : TermID(truncatingIfNeeded: entry)
            documentTerms.appendIf(new, UInt32(truncatingIfNeeded: term))
            stamps[term] = UInt64(generation) << 32 | UInt64(id)
            return id
        }

        /// A vocabulary holding the global terms `ids`, in that order (built in one pass, with the
        /// hashes already known).
        func vocabulary(of ids: UnsafeBufferPointer<UInt32>, minimumCapacity: Int) -> Vocabulary {
            globalHash.withUnsafeBufferPointer { hashes in
                Vocabulary(selecting: ids, of: globalTerms, hashes: hashes, minimumCapacity: minimumCapacity)
            }
        }
    }

    /// The idle lexicons, behind one lock. A tokenize call takes one for its whole run and gives
    /// it back, so each is used by one thread at a time and there are never more lexicons than
    /// calls running at once. (A lock-protected pool instead of `Thread.threadDictionary`, whose
    /// string-keyed lookup and dynamic cast cost about 5% of the whole pipeline on news articles.)
    /// A thread gets back the lexicon it used last when it is idle: a lexicon is a few MB of
    /// tables, and moving it to the other core's cache each document cost the two-job batch
    /// about a tenth of its speed-up.
    final class LexiconPool: @unchecked Sendable {
        private static let shared = LexiconPool()
        private let lock = NSLock()
        private var idle: [(lexicon: Lexicon, thread: UInt)] = []

        /// A lexicon for `configuration`, for the caller's exclusive use (give it back with
        /// ``checkIn(_:)``). Idle lexicons built for another configuration are left for others.
        static func checkOut(for configuration: Configuration) -> Lexicon {
            let thread = currentThread
            shared.lock.lock()
            defer { shared.lock.unlock() }
            if let index = shared.idle.lastIndex(where: { $0.thread == thread && $0.lexicon.serves(configuration) })
                ?? shared.idle.lastIndex(where: { $0.lexicon.serves(configuration) }) {
                return shared.idle.remove(at: index).lexicon
            }
            return Lexicon(stemming: configuration.stemming, stopwords: configuration.stopwords, language: configuration.language)
        }

        static func checkIn(_ lexicon: Lexicon) {
            let thread = currentThread
            shared.lock.lock()
            defer { shared.lock.unlock() }
            // Bounded: a process that alternates many configurations keeps the newest few.
            if shared.idle.count >= 16 { shared.idle.removeFirst() }
            shared.idle.append((lexicon, thread))
        }

        /// An identity of the calling thread (only compared for equality).
        private static var currentThread: UInt {
            #if canImport(Darwin)
            UInt(bitPattern: pthread_self())
            #else
            UInt(pthread_self())
            #endif
        }
    }

    /// Replaces U+2019 (’, 0xE2 0x80 0x99) by an ASCII apostrophe in a key.
    static func foldApostrophes(_ key: inout [UInt8]) {
        guard key.count >= 3 else { return }
        var out = 0, i = 0
        let n = key.count
        while i < n {
            if key[i] == 0xE2, i + 2 < n, key[i + 1] == 0x80, key[i + 2] == 0x99 || key[i + 2] == 0x98 {
                key[out] = 0x27; out += 1; i += 3
            } else {
                key[out] = key[i]; out += 1; i += 1
            }
        }
        key.removeLast(n - out)
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into table: inout TokenSink,
                      state: inout KeyState) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                guard ByteClass.isAlphanumeric(b) else { i += 1; continue }
            } else {
                let (scalar, width) = UTF8Scalars.decode(bytes, at: i)
                let kind = WordClass.of(scalar)
                if kind == .ideograph {
                    if configuration.characterBigrams {
                        i = appendBigrams(bytes, from: i, width: width, end: end, into: &table, state: &state)
                    } else {
                        append(bytes, i, i + width, ascii: false, into: &table, state: &state)
                        i += width
                    }
                    continue
                }
                guard kind == .word else { i += width; continue }
            }
            let (wordEnd, ascii) = scanWord(bytes, from: i, end: end)
            append(bytes, i, wordEnd, ascii: ascii, into: &table, state: &state)
            i = wordEnd
        }
    }

    /// Appends the overlapping character pairs of the run of ideographs starting at `start` (whose first
    /// character is `width` bytes), or the character alone when the run has one; returns the run's end.
    @inline(never)
    private func appendBigrams(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, width: Int, end: Int,
                               into table: inout TokenSink, state: inout KeyState) -> Int {
        var first = start, second = start + width
        var pairs = 0
        while second < end, bytes[second] >= 0x80 {
            let (scalar, nextWidth) = UTF8Scalars.decode(bytes, at: second)
            guard WordClass.of(scalar) == .ideograph else { break }
            append(bytes, first, second + nextWidth, ascii: false, into: &table, state: &state)
            pairs += 1
            first = second
            second += nextWidth
        }
        if pairs == 0 { append(bytes, start, second, ascii: false, into: &table, state: &state) }
        return second
    }

    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, ascii: Bool,
                        into table: inout TokenSink, state: inout KeyState) {
        table.append(start: start, end: end, key: state.key(bytes, start, end, ascii: ascii))
    }

    /// Scans one word starting at a word character; returns its end and whether it is all ASCII.
    @inline(__always)
    private func scanWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> (Int, Bool) {
        var i = start
        var ascii = true
        let elides = configuration.language.elidesAtApostrophe
        while i < end {
            // Letters and digits eight bytes at a time; the byte checks below see the first other byte.
            if i + 8 <= end {
                let letters = ByteClass.alphanumericMask(ByteClass.word(bytes, at: i))
                if letters == ByteClass.highBits { i += 8; continue }
                i += (~letters & ByteClass.highBits).trailingZeroBitCount &>> 3
            } else if bytes[i] < 0x80 && ByteClass.isAlphanumeric(bytes[i]) {
                i += 1
                continue
            }
            let b = bytes[i]
            if b < 0x80 {
                // Joiners inside a word: ' and - between word characters, . and , between digits.
                // (A joiner is only taken when a word character follows, so the byte before a
                // stop is the word's last character: an ASCII digit or not.)
                if b == 0x2D || (b == 0x27 && !elides) {
                    if i + 1 < end, startsWord(bytes, at: i + 1, end: end) { i += 1; continue }
                } else if b == 0x2E || b == 0x2C, i > start, bytes[i - 1] &- 0x30 < 10 {
                    if i + 1 < end, bytes[i + 1] &- 0x30 < 10 { i += 1; continue }
                }
                break
            }
            // U+2019 right single quotation mark used as an apostrophe.
            if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 {
                if !elides, i + 3 < end, startsWord(bytes, at: i + 3, end: end) { ascii = false; i += 3; continue }
                break
            }
            let (scalar, width) = UTF8Scalars.decode(bytes, at: i)
            if WordClass.of(scalar) != .word { break }
            ascii = false
            i += width
        }
        return (i, ascii)
    }

    @inline(__always)
    private func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return ByteClass.isAlphanumeric(b) }
        return WordClass.of(UTF8Scalars.decode(bytes, at: i).scalar) == .word
    }
}

extension Tokenizer {
    /// Case-folds eight ASCII bytes (each below 0x80) at once: A-Z -> a-z, others unchanged.
    @inline(__always)
    static func foldASCII(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Each byte is below 0x80, so adding at most 0x3F never carries into the next byte:
        // the top bit of a byte of `atLeastA` is set iff the byte is >= 0x41 ('A'), of
        // `pastZ` iff it is >= 0x5B (one past 'Z').
        let atLeastA = word &+ ones &* 0x3F
        let pastZ = word &+ ones &* 0x25
        let upper = atLeastA & ~pastZ & (ones &* 0x80)
        return word | (upper >> 2)   // 0x80 >> 2 = 0x20, the case bit
    }
}

/// How the tokenizer treats a non-ASCII scalar.
enum WordClass {
    case word, ideograph, other

    @inline(__always)
    static func of(_ scalar: UInt32) -> WordClass {
        // Han (CJK unified ideographs and extensions, compatibility ideographs) and Hiragana.
        if (scalar >= 0x4E00 && scalar <= 0x9FFF) || (scalar >= 0x3400 && scalar <= 0x4DBF)
            || (scalar >= 0x3040 && scalar <= 0x309F) || (scalar >= 0xF900 && scalar <= 0xFAFF)
            || (scalar >= 0x20000 && scalar <= 0x3FFFF) {
            return .ideograph
        }
        let category = utf8proc_category(Int32(bitPattern: scalar)).rawValue
        // Letters (Lu Ll Lt Lm Lo), marks (Mn Mc Me) and numbers (Nd Nl No).
        if category >= UTF8PROC_CATEGORY_LU.rawValue && category <= UTF8PROC_CATEGORY_NO.rawValue { return .word }
        return .other
    }
}

extension UnsafeMutablePointer {
    /// Moves the first `count` elements into a new allocation of `capacity` (at least `count`)
    /// and frees this one: growing a raw column by doubling.
    func movedToNewAllocation(count: Int, capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let moved = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        moved.moveInitialize(from: self, count: count)
        deallocate()
        return moved
    }
}
