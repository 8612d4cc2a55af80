import Foundation

/// One row per sentence: what a bullet made of it would show, whether it may be a bullet, and the
/// features the ``Scorer`` combines. Computed once, right after the graph is ranked; no later stage
/// reaches back into the text rules.
///
/// ```swift
/// let table = Candidates(document, spans, tokens, graph, centrality: TextRank().rank(graph))
/// table.isEligible[0]; table.shownRange[0]; table.feature(.position, 0)
/// ```
///
/// Every feature reads the sentence's content, its rank among the text's sentences and the similarity
/// graph. None reads paragraph breaks or line layout, so an article gives the same rows whether it
/// arrives in paragraphs or as one block (only where the segmenter splits differently do rows differ).
///
/// - Complexity: O(bytes + tokens + graph edges).
public struct Candidates: Sendable {
    /// The feature columns, in the order of ``Scorer/Weights``. A weight file lists them by `name`.
    public enum Feature: Int, Sendable, CaseIterable {
        /// 1 for the first sentence that has words, else 0.
        case first
        /// 1 for the second such sentence.
        case second
        /// 1 for the third such sentence.
        case third
        /// 1 / (rank + 1), rank counting the sentences that have words.
        case inverseRank
        /// ln(rank + 1).
        case logRank
        /// rank / (sentences with words − 1): 0 at the start, 1 at the end.
        case relativePosition
        /// TextRank score × sentence count (1 = an average sentence).
        case centrality
        /// Similarity to the sentences after this one (sum of edge weights), over the document's mean.
        case forwardSimilarity
        /// Similarity to the sentences before this one, over the document's mean.
        case backwardSimilarity
        /// Cosine of the sentence's content terms with the rest of the document's term counts.
        case centroid
        /// Jaccard overlap of content terms with the first sentence that has words (0 for that sentence).
        case leadOverlap
        /// ln(words shown).
        case logWords
        /// 1 when fewer than 10 words are shown.
        case short
        /// (words shown − 30) / 10 when positive, else 0.
        case overLength
        /// Share of the shown words that name something: capitalized after the first word, or with a digit.
        case specificity
        /// 1 when a shown word holds a digit.
        case hasNumber
        /// Share of the sentence's bytes inside double quotes.
        case quoteShare
        /// 1 when the shown text opens with a double quote.
        case opensWithQuote
        /// 1 when the shown text needs the sentence before it (``Candidates/opensDangling``, English only: "He",
        /// "This", "Hours later", a bare "The ...", a quotation a bare pronoun speaks).
        case danglingOpener
        /// ln(sentences with words), the same for every row of a document: lets position count
        /// differently in short and long texts together with the next two.
        case logSentenceCount
        /// inverseRank × logSentenceCount.
        case inverseRankByLength
        /// relativePosition × logSentenceCount.
        case relativePositionByLength
        /// ln(1 + capitalized content words after the first word).
        case logNames
        /// ln(1 + shown words holding a digit).
        case logNumbers
        /// Share of the shown words that are stop words.
        case stopwordShare
        /// Commas per shown word.
        case commaRate
        /// 1 when the first shown word is a capitalized content word (a name, not "The" or "In").
        case opensWithName
        /// The sentence's rank by centrality over the sentences with words (0 = the most central, 1 = the least).
        case centralityRank
        /// The largest edge weight to another sentence, over the document's largest.
        case maxSimilarity
        /// inverseRank × centrality.
        case inverseRankByCentrality
        /// first × ln(words shown): how long an opening sentence is.
        case firstLogWords
        /// 1 when the shown text has a word of reported speech of English news: "said", "says", "told", "according".
        case englishAttribution
        /// 1 when the shown text, outside quotation marks, speaks in the first person in English ("I", "my",
        /// "we", "our"): the writer's own voice, an anecdote or an opinion rather than a reported fact.
        case englishFirstPerson

        /// The name a weight file and a feature dump use.
        public var name: String { String(describing: self) }
    }

    /// How many rows (sentences).
    public let count: Int
    /// The bytes a bullet of the sentence would show (no list marker, dateline or trailing citation).
    public let shownRange: [Range<Int>]
    /// Whether the sentence may be a bullet at all (``BulletFilter`` rules, speaker labels, boilerplate blocks).
    public let isEligible: [Bool]
    /// Per row of a table built with its text rules deferred (the summarizer's own pipeline): a flag set where the
    /// rules that read the text (``BulletFilter/admitsText(_:_:refusingPagePhrases:mayHoldMarkup:)``, unbalanced
    /// quotation marks, an address to the reader) were not run, with what ``isEligible(_:_:)`` needs to run them;
    /// empty when none was deferred. Such a row has passed every other rule (`isEligible` holds true for it), its
    /// features are those it has whether it passes them or not (see the row loop), and `isSecondChoice` says whether
    /// it is a second choice if eligible. ``isEligible(_:_:)`` gives the answer.
    let deferredRules: [UInt8]
    /// The filter and the language the table was built with, for the deferred rules.
    let filter: BulletFilter
    let english: Bool
    /// Whether the shown text needs the sentence before it (English text only): it opens with a pronoun or
    /// connective ("He", "This", "However"), a relative time, a bare "The ..." or a quotation a bare pronoun
    /// speaks (``EnglishBulletRules``).
    public let opensDangling: [Bool]
    /// Whether the sentence is eligible only as a second choice: in English, the writer's own voice with no
    /// one it is attributed to, or a condition or a guess at its opening ("If ...", "Perhaps ..."). The
    /// ``Selector`` takes such a sentence only when a text has too few others.
    public let isSecondChoice: [Bool]
    /// For a sentence that needs the sentence before only because it opens with a bare "The ..." (in English),
    /// the term of that phrase's head noun, else nil: the ``Selector`` also takes it after an earlier bullet
    /// that holds the term ("Four soldiers were killed ..." introduces "The soldiers died when ...").
    public let definiteHead: [TermID?]
    /// Whether a leading "But", "And" or "However," (``EnglishBulletRules``) was dropped from the shown text (its first letter is then
    /// shown capitalized).
    public let droppedConjunction: [Bool]
    /// Words the bullet would show.
    public let shownWords: [Int]
    /// Per sentence, the sorted distinct terms of its shown words that name something or carry a number
    /// (a capitalized content word after the first word, or a word with a digit): sentence `s` has
    /// `specificTerms[specificTermStart[s]..<specificTermStart[s + 1]]`.
    public let specificTermStart: [Int32]
    public let specificTerms: [TermID]
    /// Row-major features: `features[s * Feature.allCases.count + f.rawValue]`.
    public let features: ContiguousArray<Float>

    /// The value of one feature for sentence `s`.
    public func feature(_ f: Feature, _ s: Int) -> Float { features[s * Self.width + f.rawValue] }

    /// The number of feature columns.
    public static let width = Feature.allCases.count

    /// Builds the table.
    /// - Parameters:
    ///   - centrality: TextRank scores of `graph` (one per sentence).
    ///   - filter: the rules a bullet must pass.
    ///   - english: whether the features named `english…` are read (they are 0 for other languages).
    public init(_ document: Document, _ spans: [SentenceSpan], _ tokens: TokenTable, _ graph: SimilarityGraph,
                centrality: [Double], filter: BulletFilter = BulletFilter(), english: Bool = true) {
        self.init(document, spans, tokens, graph, centrality: centrality, filter: filter, english: english,
                  deferringTextRules: false)
    }

    /// Builds the table; with `deferringTextRules`, the rules that read the text of a row are left for
    /// ``isEligible(_:_:)`` wherever the row's features do not depend on them (``deferredRules``). The ``Selector``
    /// asks for the rows it reaches, so most rows of a long text are never read for a phrase.
    init(_ document: Document, _ spans: [SentenceSpan], _ tokens: TokenTable, _ graph: SimilarityGraph,
         centrality: [Double], filter: BulletFilter, english: Bool, deferringTextRules: Bool) {
        let n = spans.count
        count = n
        self.filter = filter
        self.english = english
        // What each bullet would show, read by the eligibility rules of every sentence.
        // What each bullet shows; in English without a leading "But" or "However," (EnglishBulletRules).
        var dropped = [Bool](repeating: false, count: n)
        let shown: [Range<Int>] = document.withUTF8 { bytes in
            tokens.utf8Start.withUnsafeBufferPointer { starts in
            spans.indices.map { s in
                let words = UnsafeBufferPointer(rebasing: starts[tokens.tokens(inSentence: s)])
                let range = filter.bulletRange(spans[s], in: bytes, wordStarts: words)
                guard english, let start = EnglishBulletRules.leadingConjunctionEnd(bytes, range) else { return range }
                dropped[s] = true
                return start..<range.upperBound
            }
            }
        }
        var eligible = [Bool](repeating: false, count: n)
        var dangling = [Bool](repeating: false, count: n)
        var secondChoice = [Bool](repeating: false, count: n)
        var heads = [TermID?](repeating: nil, count: n)
        var seenEligible = false
        var words = [Int](repeating: 0, count: n)
        let width = Self.width
        // Written in full below, row by row (a row without words all zeros), so not zeroed first.
        var table = ContiguousArray<Float>(unsafeUninitializedCapacity: n * width) { _, count in count = n * width }
        var specificStart = [Int32](repeating: 0, count: n + 1)
        var specificIDs: [TermID] = []
        var deferred: [UInt8] = []
        guard n > 0 else {
            deferredRules = deferred
            shownRange = shown; isEligible = eligible; opensDangling = dangling; shownWords = words; features = table
            isSecondChoice = secondChoice; droppedConjunction = dropped; definiteHead = heads
            specificTermStart = specificStart; specificTerms = specificIDs
            return
        }
        // Rank among the sentences that have words; -1 for the others.
        // Rank among the sentences that have words (-1 for the others) at `ranks[s]`, and the rank of each sentence
        // with words by centrality (ties in document order) at `ranks[n + s]`: one array for the two.
        var ranks = [Int](repeating: -1, count: 2 * n)
        var ranked = 0
        for s in 0..<n where !tokens.tokens(inSentence: s).isEmpty { ranks[s] = ranked; ranked += 1 }
        var firstRanked: Int? = nil
        for s in 0..<n where ranks[s] == 0 { firstRanked = s; break }
        // forward, backward, strongest edge: `graphSums[s]`, `graphSums[n + s]`, `graphSums[2 * n + s]`.
        let graphSums = Self.directionalSimilarity(graph)
        if centrality.allSatisfy({ $0.isFinite }) {
            // The order of all sentences by one integer key each (``Selector/byScore(_:)``: descending, ties in
            // document order, a strict order on finite values), read for the sentences with words.
            var k = 0
            for s in Selector.byScore(centrality) where ranks[s] >= 0 { ranks[n + s] = k; k += 1 }
        } else {
            let order = (0..<n).filter { ranks[$0] >= 0 }
                .sorted { centrality[$0] != centrality[$1] ? centrality[$0] > centrality[$1] : $0 < $1 }
            for (k, s) in order.enumerated() { ranks[n + s] = k }
        }
        // One past the largest content term: the size of the per-term table of the two columns below.
        let termCount = Int(graph.sentenceTerms.max().map { $0 + 1 } ?? 0)
        // The centroid column at `termColumns[s]`, the lead overlap at `termColumns[n + s]`.
        let termColumns = Self.termColumns(graph, lead: firstRanked, termCount: termCount)
        let logCount = Float(log(Double(max(ranked, 1))))
        // The specific terms are written unconditionally, one slot past the last kept: room for two per token
        // (a number and a name), left uninitialized (no slot past the last kept is read), the list's length set
        // at the end.
        var sentenceTokenTotal = 0
        for s in 0..<n { sentenceTokenTotal += tokens.tokens(inSentence: s).count }
        var specificCount = 0
        if deferringTextRules { deferred = [UInt8](repeating: 0, count: n) }

        // The loop writes through buffer pointers: no exclusivity checks, no uniqueness checks per write.
        specificIDs = [TermID](unsafeUninitializedCapacity: 2 * sentenceTokenTotal + 2) { ids, initialized in
        document.withUTF8 { bytes in
        table.withUnsafeMutableBufferPointer { table in
        words.withUnsafeMutableBufferPointer { words in
        dangling.withUnsafeMutableBufferPointer { dangling in
        eligible.withUnsafeMutableBufferPointer { eligible in
        specificStart.withUnsafeMutableBufferPointer { specificStart in
        tokens.utf8Start.withUnsafeBufferPointer { tokenStart in
        tokens.utf8End.withUnsafeBufferPointer { tokenEnd in
        tokens.hasDigit.withUnsafeBufferPointer { tokenHasDigit in
        tokens.isStopword.withUnsafeBufferPointer { tokenIsStopword in
        tokens.termIDs.withUnsafeBufferPointer { termIDs in
        tokens.mayHoldVoiceWord.withUnsafeBufferPointer { tokenMayHoldVoice in
        Self.smallLogarithms.withUnsafeBufferPointer { smallLogarithms in
            /// `Float(log(Double(k)))` for k ≥ 1, from the table below 256.
            @inline(__always) func logOf(_ k: Int) -> Float {
                k < smallLogarithms.count ? smallLogarithms[k] : Float(log(Double(k)))
            }
            let (labelOf, labelCount) = Self.speakerLabels(spans, bytes)
            let boilerplateFrom = Self.aboutBlockParagraph(spans, bytes) ?? .max
            for s in 0..<n {
                let range = shown[s]
                var specific = 0, names = 0, numbers = 0, stops = 0, firstIsName = false
                let low = Int32(truncatingIfNeeded: range.lowerBound), high = Int32(truncatingIfNeeded: range.upperBound)
                // The voice, from the tokens that may hold one of its words (in English only), in order: a token the
                // range's start cuts, those inside it, one its end cuts.
                var reader = VoiceReader(range)
                let sentenceTokens = tokens.tokens(inSentence: s)
                // The tokens inside the shown range, `inFirst..<inEnd`: a run of the sentence's (their starts and their ends
                // ascend), after any the start of the range cuts or leaves out and before any its end does.
                var inFirst = sentenceTokens.lowerBound, inEnd = sentenceTokens.upperBound
                while inFirst < inEnd, tokenStart[inFirst] < low { inFirst += 1 }
                while inEnd > inFirst, tokenEnd[inEnd - 1] > high { inEnd -= 1 }
                var cutAtStart = -1
                if english, inFirst > sentenceTokens.lowerBound, case let t = inFirst - 1, tokenEnd[t] > low {
                    cutAtStart = t
                    reader.read(bytes, range.lowerBound..<min(Int(tokenEnd[t]), range.upperBound))
                }
                let w = inEnd - inFirst
                if w > 0 {
                    // The opening word: counted, but never a name (it is capitalized anyway).
                    if english, tokenMayHoldVoice[inFirst] { reader.read(bytes, Int(tokenStart[inFirst])..<Int(tokenEnd[inFirst])) }
                    let hasDigit = tokenHasDigit[inFirst], isStop = tokenIsStopword[inFirst]
                    firstIsName = bytes[Int(tokenStart[inFirst])] &- 0x41 < 26 && !isStop
                    numbers = hasDigit ? 1 : 0
                    stops = isStop ? 1 : 0
                    ids[specificCount] = termIDs[inFirst]
                    specificCount &+= hasDigit ? 1 : 0
                }
                for t in (inFirst + 1)..<max(inFirst + 1, inEnd) {
                    if english, tokenMayHoldVoice[t] { reader.read(bytes, Int(tokenStart[t])..<Int(tokenEnd[t])) }
                    // Counted in integers, without branches (a name or a stop word follows no pattern a predictor
                    // learns, and a condition joined by `&&` compiles to one).
                    let digitBit = tokenHasDigit[t] ? 1 : 0, stopBit = tokenIsStopword[t] ? 1 : 0
                    let nameBit = (bytes[Int(tokenStart[t])] &- 0x41 < 26 ? 1 : 0) & (stopBit ^ 1)
                    numbers &+= digitBit
                    stops &+= stopBit
                    let id = termIDs[t]
                    ids[specificCount] = id
                    specificCount &+= digitBit
                    ids[specificCount] = id
                    specificCount &+= nameBit
                    names &+= nameBit
                    specific &+= nameBit | digitBit
                }
                let digit = numbers > 0
                if english, inEnd < sentenceTokens.upperBound, case let t = inEnd, tokenStart[t] < high, tokenEnd[t] > high,
                   t != cutAtStart {
                    reader.read(bytes, max(Int(tokenStart[t]), range.lowerBound)..<range.upperBound)
                }
                words[s] = w
                // This sentence's specific terms, sorted and distinct (a handful: insertion sort in place).
                let from = Int(specificStart[s])
                if specificCount - from > 1 {
                    for k in (from + 1)..<specificCount {
                        let id = ids[k]
                        var j = k
                        while j > from, ids[j - 1] > id { ids[j] = ids[j - 1]; j -= 1 }
                        ids[j] = id
                    }
                    var write = from + 1
                    for k in (from + 1)..<specificCount where ids[k] != ids[write - 1] {
                        ids[write] = ids[k]; write += 1
                    }
                    specificCount = write
                }
                specificStart[s + 1] = Int32(specificCount)
                let voice = reader.voice   // for the second choice and the features
                // One pass over the sentence's bytes: the rules that look for quotation marks or markup skip a
                // sentence that has none (the bullet's bytes lie within the sentence's).
                let census = Self.census(bytes, spans[s].utf8Range)
                // English words: other languages skip the rule (their pronouns and connectives are not listed).
                let opener = english && BulletHygiene.opensWithEnglishDanglingWord(bytes, range)
                dangling[s] = opener
                // Whether the opening word is one that a relative time, a word pointing back, a bare "The ..." or a
                // condition opens with: when it is not, none of those rules holds, and they are not run.
                let listed = english && EnglishBulletRules.mayOpenDependent(bytes, range)
                // Whether the text rules of a row that passes the others are deferred (``deferredRules``).
                var deferRules = false
                // The English openers that make a row dangling when it is eligible (read once, when needed): a relative
                // time or a word that points back ("Such ...", "Others ..."), and a quotation's bare pronoun speaker.
                var relativeTime: Bool? = nil, barePronoun: Bool? = nil
                if spans[s].paragraphIndex < boilerplateFrom,
                   labelOf.isEmpty || labelOf[s] < 0 || labelCount[Int(labelOf[s])] < 2 {
                    // Judged as written: a bullet shown without its leading "But" is not a lower-case fragment.
                    // Its words are those the loop above counted, unless a leading "But" was dropped from them.
                    let judged = dropped[s] ? filter.bulletRange(spans[s], in: bytes) : range
                    let judgedWords = dropped[s]
                        ? filter.bulletWords(s, tokens, judged, bytes)
                        : BulletFilter.Words(words: w, content: w - stops, specific: specific > 0 || digit)
                    if filter.admitsCounts(spans[s], judged, judgedWords) {
                        // The text rules may wait when the row's features come out the same either way: after the
                        // first eligible row (the bare "The" rule reads whether one came before), and when the row
                        // is dangling whether it is eligible or not (it opens with "He", "But" ...), or is not
                        // dangling either way (no opener that counts only for an eligible row).
                        if deferringTextRules, seenEligible, !dropped[s] {
                            if !english || opener {
                                deferRules = true
                            } else {
                                relativeTime = listed && EnglishBulletRules.opensPointingBack(bytes, range)
                                if !relativeTime! {
                                    barePronoun = census.quoteBytes && EnglishBulletRules.quotesBarePronoun(bytes, range)
                                    deferRules = !barePronoun! && (!listed || EnglishBulletRules.bareDefiniteHead(bytes, range) == nil)
                                }
                            }
                        }
                        if deferRules {
                            eligible[s] = true
                            deferred[s] = Self.deferredFlag | (census.markupBytes ? Self.markupFlag : 0)
                                | (census.quoteBytes ? Self.quoteFlag : 0)
                            secondChoice[s] = english && (EnglishBulletRules.isUnattributedFirstPerson(voice)
                                || listed && EnglishBulletRules.opensWithHypothetical(bytes, range))
                        } else {
                            // English text refuses the phrases about the page too: in the same pass where the bullet
                            // shows what is judged (below otherwise).
                            eligible[s] = filter.admitsText(judged, bytes, refusingPagePhrases: english && !dropped[s],
                                                            mayHoldMarkup: census.markupBytes)
                                && !(census.quoteBytes && Self.quotesUnbalanced(bytes, range))
                        }
                    }
                }
                if english, eligible[s], !deferRules {
                    if EnglishBulletRules.addressesReader(bytes, range)
                        || (dropped[s] && EnglishBulletRules.pagePhrases.occurs(in: bytes, range)) {
                        eligible[s] = false
                    } else {
                        dangling[s] = opener || (relativeTime ?? (listed && EnglishBulletRules.opensPointingBack(bytes, range)))
                            || (barePronoun ?? (census.quoteBytes && EnglishBulletRules.quotesBarePronoun(bytes, range)))
                        // A bare "The ..." needs what it refers to, except in the text's opening sentence (the first
                        // that may be a bullet, after any title or heading), which introduces its own subject ("The
                        // county opened three new libraries on Monday.").
                        if !dangling[s], seenEligible, listed, let head = EnglishBulletRules.bareDefiniteHead(bytes, range) {
                            dangling[s] = true
                            for t in tokens.tokens(inSentence: s) where Int(tokenStart[t]) == head {
                                heads[s] = termIDs[t]
                            }
                        }
                        secondChoice[s] = EnglishBulletRules.isUnattributedFirstPerson(voice)
                            || listed && EnglishBulletRules.opensWithHypothetical(bytes, range)
                    }
                }
                if eligible[s] { seenEligible = true }
                let row = s * width
                guard ranks[s] >= 0 else {
                    (table.baseAddress! + row).initialize(repeating: 0, count: width)
                    continue
                }
                let r = ranks[s]
                func put(_ f: Feature, _ value: Float) { table[row + f.rawValue] = value }
                let inverse = 1 / Float(r + 1)
                let relative = ranked > 1 ? Float(r) / Float(ranked - 1) : 0
                put(.first, r == 0 ? 1 : 0)
                put(.second, r == 1 ? 1 : 0)
                put(.third, r == 2 ? 1 : 0)
                put(.inverseRank, inverse)
                put(.logRank, logOf(r + 1))
                put(.relativePosition, relative)
                put(.centrality, Float(centrality[s] * Double(n)))
                put(.forwardSimilarity, graphSums[s])
                put(.backwardSimilarity, graphSums[n + s])
                put(.centroid, Float(termColumns[s]))
                put(.leadOverlap, firstRanked != nil && firstRanked != s ? Float(termColumns[n + s]) : 0)
                put(.logWords, logOf(max(w, 1)))
                put(.short, w < 10 ? 1 : 0)
                put(.overLength, w > 30 ? Float(w - 30) / 10 : 0)
                put(.specificity, w > 0 ? Float(specific) / Float(w) : 0)
                put(.hasNumber, digit ? 1 : 0)
                put(.quoteShare, census.quoteBytes ? Float(Self.quotedShare(bytes, spans[s].utf8Range)) : 0)
                put(.opensWithQuote, BulletHygiene.opensWithQuote(bytes, range) ? 1 : 0)
                put(.danglingOpener, dangling[s] ? 1 : 0)
                put(.logSentenceCount, logCount)
                put(.inverseRankByLength, inverse * logCount)
                put(.relativePositionByLength, relative * logCount)
                put(.logNames, logOf(1 + names))
                put(.logNumbers, logOf(1 + numbers))
                put(.stopwordShare, w > 0 ? Float(stops) / Float(w) : 0)
                let commas = range == spans[s].utf8Range ? census.commas : Self.count(0x2C, bytes, range)
                put(.commaRate, w > 0 ? Float(commas) / Float(w) : 0)
                put(.opensWithName, firstIsName ? 1 : 0)
                put(.centralityRank, ranked > 1 ? Float(ranks[n + s]) / Float(ranked - 1) : 0)
                put(.maxSimilarity, graphSums[2 * n + s])
                put(.inverseRankByCentrality, inverse * Float(centrality[s] * Double(n)))
                put(.firstLogWords, r == 0 ? logOf(max(w, 1)) : 0)
                put(.englishAttribution, english && voice.attribution ? 1 : 0)
                put(.englishFirstPerson, english && voice.firstPerson ? 1 : 0)
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        initialized = specificCount
        }
        shownRange = shown
        isEligible = eligible
        deferredRules = deferred
        opensDangling = dangling
        isSecondChoice = secondChoice
        droppedConjunction = dropped
        definiteHead = heads
        shownWords = words
        features = table
        specificTermStart = specificStart
        specificTerms = specificIDs
    }

    /// The flags of ``deferredRules``: the rules wait; the sentence holds a `[` or `<`; it holds a `"` or a byte of
    /// 0xC0 or more (``ByteCensus``).
    static let deferredFlag: UInt8 = 1, markupFlag: UInt8 = 2, quoteFlag: UInt8 = 4

    /// Whether row `s` may be a bullet: ``isEligible`` with the deferred text rules of the row run (`bytes` are the
    /// document's). The same answer as a table built without deferring gives.
    func isEligible(_ s: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isEligible[s] else { return false }
        guard !deferredRules.isEmpty, case let flags = deferredRules[s], flags != 0 else { return true }
        return Self.admitsText(shownRange[s], bytes, flags: flags, filter: filter, english: english)
    }

    /// The deferred rules of a row showing `range` whose ``deferredRules`` are `flags` (a row without a dropped
    /// conjunction: it is judged as shown).
    @inline(never)
    static func admitsText(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, flags: UInt8, filter: BulletFilter,
                           english: Bool) -> Bool {
        filter.admitsText(range, bytes, refusingPagePhrases: english, mayHoldMarkup: flags & markupFlag != 0)
            && !(flags & quoteFlag != 0 && quotesUnbalanced(bytes, range))
            && !(english && EnglishBulletRules.addressesReader(bytes, range))
    }

    /// `Float(log(Double(k)))` for k below 256 (index 0 unused): the same values, computed once.
    static let smallLogarithms: [Float] = (0..<256).map { $0 == 0 ? 0 : Float(log(Double($0))) }

    // MARK: - Columns computed from the graph

    /// Per sentence, the summed weight of its edges to later and to earlier sentences, each over the mean
    /// summed weight per sentence (so the values do not depend on the weighting's scale or the text's length).
    /// Also each sentence's strongest edge, over the strongest edge of the graph. In one array of three columns:
    /// forward at `[s]`, backward at `[n + s]`, strongest at `[2n + s]` (n sentences).
    static func directionalSimilarity(_ graph: SimilarityGraph) -> [Float] {
        let n = graph.nodeCount
        var sums = [Float](repeating: 0, count: 3 * n)
        var total: Float = 0, top: Float = 0
        sums.withUnsafeMutableBufferPointer { sums in
        graph.rowStart.withUnsafeBufferPointer { rowStart in
        graph.weight.withUnsafeBufferPointer { weight in
        graph.neighbor.withUnsafeBufferPointer { neighbor in
            for i in 0..<n {
                var before: Float = 0, after: Float = 0, best: Float = 0
                for e in Int(rowStart[i])..<Int(rowStart[i + 1]) {
                    let w = weight[e]
                    best = max(best, w)
                    if Int(neighbor[e]) < i { before += w } else { after += w }
                }
                sums[i] = after; sums[n + i] = before; sums[2 * n + i] = best
                total += before + after
                top = max(top, best)
            }
            let mean = total / Float(max(n, 1))
            if mean > 0 {
                for i in 0..<(2 * n) { sums[i] /= mean }
            }
            if top > 0 {
                for i in (2 * n)..<(3 * n) { sums[i] /= top }
            }
        }
        }
        }
        }
        return sums
    }

    /// Whether a first-person word of English ("I", "I'm", "me", "my", "we", "our" in lower case, ...)
    /// stands outside double quotes in `range`, and whether a word of reported speech ("said", "says", "told",
    /// "according") stands anywhere. One pass over the bytes, words compared as packed integers: a word's
    /// extent is found eight bytes at a time (``ByteClass/letterMask(_:)``) and its first eight letters are
    /// the loaded word itself, masked.
    static func voice(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (firstPerson: Bool, attribution: Bool) {
        var firstPerson = false, attribution = false
        var inside = false
        var i = range.lowerBound
        let end = range.upperBound
        // Read once: the word table is a global, checked for initialization at every access.
        let voiceWords = Self.voiceWords
        while i < end {
            let b = bytes[i]
            guard (b | 0x20) &- 0x61 < 26 else {
                if b == 0x22 {
                    inside.toggle()
                } else if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D {
                    inside = bytes[i + 2] == 0x9C
                    i += 3; continue
                }
                i += 1; continue
            }
            // A word of ASCII letters: its first 8 letters packed little-endian; the opening word of the text
            // is lower-cased.
            var j = i, packed: UInt64 = 0
            if i + 8 <= end {
                let word = ByteClass.word(bytes, at: i)
                let others = ~ByteClass.letterMask(word) & ByteClass.highBits
                if others != 0 {
                    let letters = others.trailingZeroBitCount >> 3   // at least 1: bytes[i] is a letter
                    j = i + letters
                    packed = word & ((1 << UInt64(8 * letters)) - 1)
                } else {
                    j = i + 8
                    packed = word
                    while j < end, (bytes[j] | 0x20) &- 0x61 < 26 { j += 1 }
                }
            } else {
                while j < end, (bytes[j] | 0x20) &- 0x61 < 26 {
                    packed |= UInt64(bytes[j]) << (8 * UInt64(j - i))
                    j += 1
                }
            }
            if i == range.lowerBound { packed |= 0x20 }
            let length = j - i
            // "I", "I'm", "I've" (2 to 6 letters for the others).
            if !inside, !firstPerson {
                firstPerson = (length == 1 && b == 0x49) || (length >= 2 && length <= 6 && voiceWords.kind(of: packed) & 1 != 0)
            }
            // "said", "says", "told" (4 letters) or "according" (9).
            if !attribution, length == 4 || length == 9 { attribution = voiceWords.kind(of: packed) & 2 != 0 }
            if firstPerson && attribution { break }
            i = j
        }
        return (firstPerson, attribution)
    }

    /// What one pass over a sentence's bytes finds.
    struct ByteCensus {
        /// Whether a `"` or a byte of 0xC0 or more (the lead byte of a character of two bytes or more: “ ” « »
        /// 「 」 『 』 open with 0xE2, 0xC2, 0xE3) stands in the text. Without one, ``quotedShare(_:_:)`` is 0, and
        /// ``quotesUnbalanced(_:_:)`` and ``EnglishBulletRules/quotesBarePronoun(_:_:)`` are false.
        var quoteBytes = false
        /// Whether a `[` or `<` stands in the text (without one, nothing is markup only).
        var markupBytes = false
        /// The commas.
        var commas = 0
    }

    /// The ``ByteCensus`` of `bytes[range]`, sixteen bytes at a time (the last sixteen of a range that is not a
    /// multiple of sixteen long are read again, their commas counted only once).
    static func census(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ByteCensus {
        typealias Bytes = SIMD16<UInt8>
        var census = ByteCensus()
        guard range.count >= 16, let base = bytes.baseAddress else {
            for i in range {
                let b = bytes[i]
                if b == 0x22 || b >= 0xC0 { census.quoteBytes = true }
                else if b == 0x5B || b == 0x3C { census.markupBytes = true }
                else if b == 0x2C { census.commas += 1 }
            }
            return census
        }
        @inline(__always) func load(_ i: Int) -> Bytes { UnsafeRawPointer(base + i).loadUnaligned(as: Bytes.self) }
        let zero = Bytes(repeating: 0), one = Bytes(repeating: 1)
        var quotes = SIMDMask<SIMD16<Int8>>(repeating: false), markup = quotes
        // Per lane, the commas seen (at most 255 rounds between two sums: no lane wraps).
        var lanes = zero, rounds = 0, commas = 0
        var i = range.lowerBound
        let end = range.upperBound
        while i + 16 <= end {
            let v = load(i)
            quotes .|= (v .== Bytes(repeating: 0x22)) .| ((v & Bytes(repeating: 0xC0)) .== Bytes(repeating: 0xC0))
            markup .|= (v .== Bytes(repeating: 0x5B)) .| (v .== Bytes(repeating: 0x3C))
            lanes &+= zero.replacing(with: one, where: v .== Bytes(repeating: 0x2C))
            rounds += 1
            if rounds == 255 {
                commas += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
                lanes = zero; rounds = 0
            }
            i += 16
        }
        if i < end {
            // The last sixteen bytes; the lanes before `i` were read already.
            let v = load(end - 16)
            let fresh = SIMD16<UInt8>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
                .>= Bytes(repeating: UInt8(truncatingIfNeeded: 16 - (end - i)))
            quotes .|= (v .== Bytes(repeating: 0x22)) .| ((v & Bytes(repeating: 0xC0)) .== Bytes(repeating: 0xC0))
            markup .|= (v .== Bytes(repeating: 0x5B)) .| (v .== Bytes(repeating: 0x3C))
            lanes &+= zero.replacing(with: one, where: (v .== Bytes(repeating: 0x2C)) .& fresh)
        }
        census.quoteBytes = ByteClass.any(quotes)
        census.markupBytes = ByteClass.any(markup)
        census.commas = commas + Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        return census
    }

    /// How many bytes of `bytes[range]` equal `byte`: eight at a time.
    static func count(_ byte: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var i = range.lowerBound, total = 0
        while i + 8 <= range.upperBound {
            // The mask's flags moved to the low bit of each byte, summed into the top byte by the multiply
            // (at most 8: no carry).
            total += Int(((ByteClass.equalMask(ByteClass.word(bytes, at: i), byte) >> 7) &* ByteClass.ones) >> 56)
            i += 8
        }
        while i < range.upperBound {
            if bytes[i] == byte { total += 1 }
            i += 1
        }
        return total
    }

    /// ``voice(_:_:)`` read from the tokens that may hold a voice word (``TokenTable/mayHoldVoiceWord``) instead of
    /// from every byte: given the bytes within `range` of each such token and of each token that `range` cuts, in
    /// order, it reads their letter runs as the full scan does, and the quotation marks before a first-person word
    /// only when it meets one. Every ASCII letter of a sentence lies in one of its tokens, and a run of letters
    /// never crosses a token's edge, so the runs it reads are those of the full scan (a token cut by the range's
    /// edge may show a run its key does not hold: it is read whatever its flag).
    struct VoiceReader {
        let range: Range<Int>
        private(set) var firstPerson = false, attribution = false
        /// Whether the quotation marks read so far leave the text inside a quotation.
        private var inside = false
        /// The quotation marks before this position are read.
        private var marksRead: Int

        init(_ range: Range<Int>) {
            self.range = range
            marksRead = range.lowerBound
        }

        var voice: (firstPerson: Bool, attribution: Bool) { (firstPerson, attribution) }

        /// Reads the letter runs of `part` (a token's bytes, within `range`). Called for few tokens: kept out of
        /// the row loop.
        @inline(never)
        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, _ part: Range<Int>) {
            var i = part.lowerBound
            let end = part.upperBound
            while i < end {
                let b = bytes[i]
                guard (b | 0x20) &- 0x61 < 26 else { i += 1; continue }
                var j = i, packed: UInt64 = 0
                while j < end, (bytes[j] | 0x20) &- 0x61 < 26 {
                    if j - i < 8 { packed |= UInt64(bytes[j]) << (8 * UInt64(j - i)) }
                    j += 1
                }
                if i == range.lowerBound { packed |= 0x20 }
                let length = j - i
                if !firstPerson, (length == 1 && b == 0x49) || (length >= 2 && length <= 6 && Candidates.voiceWords.kind(of: packed) & 1 != 0) {
                    firstPerson = !isInsideQuotation(bytes, at: i)
                }
                if !attribution, length == 4 || length == 9 { attribution = Candidates.voiceWords.kind(of: packed) & 2 != 0 }
                i = j
            }
        }

        /// Whether position `i` (after every position read so far) stands inside a quotation, as ``voice(_:_:)``
        /// reads the marks: `"` toggles, “ opens, ” closes.
        private mutating func isInsideQuotation(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
            var k = marksRead
            let end = range.upperBound
            while true {
                k = Candidates.nextMark(bytes, k, i, 0xE2, 0xE2)
                guard k < i else { break }
                if bytes[k] == 0x22 {
                    inside.toggle(); k += 1
                } else if k + 2 < end, bytes[k + 1] == 0x80, bytes[k + 2] == 0x9C || bytes[k + 2] == 0x9D {
                    inside = bytes[k + 2] == 0x9C; k += 3
                } else {
                    k += 1
                }
            }
            marksRead = i   // a mark ends before the letter at i
            return inside
        }
    }

    /// The voice words (``EnglishVoiceWords/table``), read once per scan.
    static let voiceWords = EnglishVoiceWords.table

    /// Two columns read from the sentences' content terms, in one array: at `[s]`, each sentence's cosine
    /// similarity to the rest of the document (its binary content-term vector against the counts of those terms in
    /// the other sentences; zero for a sentence sharing nothing); at `[n + s]`, its Jaccard overlap of content
    /// terms with sentence `lead` (``Selector/jaccard(_:_:_:)`` of every sentence with `lead`, the same values; all
    /// zero without one). One table of per-term counts serves both: the lead's terms are marked in it by their
    /// sign once the counts are read, so each sentence counts its marked terms instead of merging two term lists.
    /// `termCount` is one past the largest of `graph.sentenceTerms`.
    static func termColumns(_ graph: SimilarityGraph, lead: Int?, termCount: Int) -> [Double] {
        let n = graph.nodeCount
        var out = [Double](repeating: 0, count: 2 * n)
        guard termCount > 0 else { return out }
        var frequency = [Int32](repeating: 0, count: termCount)
        // Through buffer pointers: the term IDs index the frequency table unchecked (each is below termCount).
        frequency.withUnsafeMutableBufferPointer { frequency in
        graph.sentenceTerms.withUnsafeBufferPointer { terms in
        graph.sentenceTermStart.withUnsafeBufferPointer { termStart in
        out.withUnsafeMutableBufferPointer { out in
            centroid: do {
                // The sums below add whole numbers. Up to 2^26 terms, every sum (at most the square of the term
                // count) stays below 2^53, where a Double holds every whole number: summed as integers, they give
                // the same Doubles as summed as Doubles, without a pass over the term table and a conversion per term.
                guard terms.count <= 1 << 26 else {
                    for t in terms { frequency[Int(t)] += 1 }
                    var norm = 0.0
                    for c in frequency where c > 0 { norm += Double(c) * Double(c) }
                    norm = norm.squareRoot()
                    guard norm > 0 else { break centroid }
                    for s in 0..<n {
                        let start = Int(termStart[s]), end = Int(termStart[s + 1])
                        guard end > start else { continue }
                        var dot = 0.0
                        for k in start..<end { dot += Double(frequency[Int(terms[k])] - 1) }
                        out[s] = dot / (Double(end - start).squareRoot() * norm)
                    }
                    break centroid
                }
                // The sum of the squared counts, as each count grows by one: (c + 1)² − c² = 2c + 1.
                var squares = 0
                for t in terms {
                    let c = Int(frequency[Int(t)])
                    squares += 2 &* c &+ 1   // c < 2^26: no overflow
                    frequency[Int(t)] = Int32(truncatingIfNeeded: c &+ 1)
                }
                let norm = Double(squares).squareRoot()
                guard norm > 0 else { break centroid }
                for s in 0..<n {
                    let start = Int(termStart[s]), end = Int(termStart[s + 1])
                    guard end > start else { continue }
                    var dot = 0
                    for k in start..<end { dot &+= Int(frequency[Int(terms[k])]) &- 1 }   // below 2^52: no overflow
                    out[s] = Double(dot) / (Double(end - start).squareRoot() * norm)
                }
            }
            // The lead overlap. Every term of the text counts at least 1 in the table now; the lead's (distinct)
            // terms are marked negative.
            guard let lead else { return }
            let leadStart = Int(termStart[lead]), leadEnd = Int(termStart[lead + 1])
            let sizeA = leadEnd - leadStart
            guard sizeA > 0 else { return }
            for k in leadStart..<leadEnd { frequency[Int(terms[k])] = -abs(frequency[Int(terms[k])]) }
            for s in 0..<n {
                let start = Int(termStart[s]), end = Int(termStart[s + 1])
                guard end > start else { continue }
                var shared = 0
                for k in start..<end where frequency[Int(terms[k])] < 0 { shared += 1 }
                out[n + s] = Double(shared) / Double(sizeA + (end - start) - shared)
            }
        }
        }
        }
        }
        return out
    }

    // MARK: - Text rules read once per document

    /// The share of a sentence's bytes between quotation marks (" “ ” « » 「 」 『 』), quote marks included. Only a `"`
    /// or a 0xE2 byte can be a mark: they are found eight bytes at a time, and the bytes between two of
    /// them are added in one step when they stand inside quotes.
    static func quotedShare(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
        guard !range.isEmpty else { return 0 }
        let end = range.upperBound
        var inside = false, quoted = 0
        var from = range.lowerBound   // the bytes from here to the next mark are not counted yet
        var i = range.lowerBound
        while true {
            // The next `"` or 0xE2 at or after i (the lowest flagged byte of a word is exact).
            var c = end
            while i + 8 <= end {
                let word = ByteClass.word(bytes, at: i)
                let flags = ByteClass.mayEqual(word, 0x22) | ByteClass.mayEqual(word, 0xE2)
                    | ByteClass.mayEqual(word, 0xC2) | ByteClass.mayEqual(word, 0xE3)
                if flags != 0 { c = i + flags.trailingZeroBitCount >> 3; break }
                i += 8
            }
            if c == end {
                while i < end, bytes[i] != 0x22, bytes[i] != 0xE2, bytes[i] != 0xC2, bytes[i] != 0xE3 { i += 1 }
                c = i
            }
            guard c < end else { break }
            // " toggles; “ « 「 『 open; ” » 」 』 close. Any other character opening with these bytes is plain text.
            var width = 0, opens = !inside
            switch bytes[c] {
            case 0x22: width = 1
            case 0xE2:
                if c + 2 < end, bytes[c + 1] == 0x80, bytes[c + 2] == 0x9C || bytes[c + 2] == 0x9D { width = 3; opens = bytes[c + 2] == 0x9C }
            case 0xC2:
                if c + 1 < end, bytes[c + 1] == 0xAB || bytes[c + 1] == 0xBB { width = 2; opens = bytes[c + 1] == 0xAB }
            default:   // 0xE3
                if c + 2 < end, bytes[c + 1] == 0x80, bytes[c + 2] &- 0x8C < 4 { width = 3; opens = bytes[c + 2] & 1 == 0 }
            }
            guard width > 0 else { i = c + 1; continue }
            if inside { quoted += c - from }
            inside = opens
            quoted += width   // the mark itself
            from = c + width
            i = from
        }
        if inside { quoted += end - from }
        return Double(quoted) / Double(range.count)
    }

    /// The first position at or after `i` (before `end`) holding `"`, `second` or `third` (eight bytes at a
    /// time), or `end`.
    @inline(__always)
    static func nextMark(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ second: UInt8, _ third: UInt8) -> Int {
        var i = i
        while i + 8 <= end {
            let word = ByteClass.word(bytes, at: i)
            let flags = ByteClass.mayEqual(word, 0x22) | ByteClass.mayEqual(word, second) | ByteClass.mayEqual(word, third)
            if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }   // the lowest flagged byte is exact
            i += 8
        }
        while i < end, bytes[i] != 0x22, bytes[i] != second, bytes[i] != third { i += 1 }
        return i
    }

    /// Whether quotation marks in the text fail to pair up: an odd number of straight double quotes, or a
    /// curly (“ ”) or angle (« ») quotation closed before it opens or never closed. A bullet showing half a
    /// quotation reads as broken text.
    static func quotesUnbalanced(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var straight = 0, curly = 0, angle = 0
        var i = nextMark(bytes, range.lowerBound, range.upperBound, 0xE2, 0xC2)
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x22 { straight += 1 }
            else if b == 0xE2, i + 2 < range.upperBound, bytes[i + 1] == 0x80 {
                if bytes[i + 2] == 0x9C { curly += 1 } else if bytes[i + 2] == 0x9D { curly -= 1; if curly < 0 { return true } }
            } else if b == 0xC2, i + 1 < range.upperBound {
                if bytes[i + 1] == 0xAB { angle += 1 } else if bytes[i + 1] == 0xBB { angle -= 1; if angle < 0 { return true } }
            }
            i = nextMark(bytes, i + 1, range.upperBound, 0xE2, 0xC2)
        }
        return straight % 2 == 1 || curly != 0 || angle != 0
    }

    /// The paragraph of the first paragraph-opening sentence in the second half of the text that opens with
    /// an "About <Name>" heading (where press releases put their boilerplate); nil when there is none.
    static func aboutBlockParagraph(_ spans: [SentenceSpan], _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var s = max(spans.count / 2, 1)
        while s < spans.count {
            if spans[s].paragraphIndex != spans[s - 1].paragraphIndex,
               BulletHygiene.opensWithAboutHeading(bytes, spans[s].utf8Range) { return spans[s].paragraphIndex }
            s += 1
        }
        return nil
    }

    /// Interview transcripts: a "Name: ..." label whose last word ("Scotty McCreery:", then "McCreery:")
    /// opens two or more sentences of the text is a speaker, and the lines it opens are answers or
    /// questions, never key points. Per sentence, its interned speaker label (-1 = none), and how many
    /// sentences each label opens; both empty when no sentence has a label.
    static func speakerLabels(_ spans: [SentenceSpan], _ bytes: UnsafeBufferPointer<UInt8>) -> ([Int32], [Int]) {
        var labels: Vocabulary? = nil
        var labelCount: [Int] = []
        var labelOf: [Int32] = []
        for s in spans.indices where spans[s].kind == .prose {
            guard let label = BulletHygiene.speakerLabel(bytes, spans[s].utf8Range) else { continue }
            var lastWord = label.lowerBound
            for k in label where bytes[k] == 0x20 { lastWord = k + 1 }
            if labels == nil {
                labels = Vocabulary(minimumCapacity: 16)
                labelOf = [Int32](repeating: -1, count: spans.count)
            }
            let id = Int(labels!.intern(UnsafeBufferPointer(rebasing: bytes[lastWord..<label.upperBound])))
            if id == labelCount.count { labelCount.append(0) }
            labelOf[s] = Int32(id)
            labelCount[id] += 1
        }
        return (labelOf, labelCount)
    }
}
