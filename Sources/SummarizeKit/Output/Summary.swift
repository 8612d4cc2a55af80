/// One bullet of a summary: a sentence of the article, verbatim.
public struct KeyPoint: Sendable, Hashable {
    /// The bullet text: the sentence with white space runs collapsed to one
    /// space, without a list marker or trailing source citations.
    public var text: String
    /// The index of the sentence in the document (0-based).
    public var sentenceIndex: Int
    /// The bytes of the bullet's text in the original input.
    public var utf8Range: Range<Int>
    /// The sentence's centrality score (scores of all sentences sum to 1).
    public var score: Double

    public init(text: String, sentenceIndex: Int, utf8Range: Range<Int>, score: Double) {
        self.text = text
        self.sentenceIndex = sentenceIndex
        self.utf8Range = utf8Range
        self.score = score
    }
}

/// A sentence of the document with its score, for inspection.
public struct RankedSentence: Sendable, Hashable {
    public var sentenceIndex: Int
    public var utf8Range: Range<Int>
    public var kind: SentenceSpan.Kind
    public var score: Double
}

/// The result of summarizing one text: its key points in document order.
///
/// ```swift
/// let summary = try Summarizer().summarize(article)
/// print(summary.rendered())          // "Key points\n- ...\n- ...\n- ...\n"
/// ```
public struct Summary: Sendable, Hashable, CustomDebugStringConvertible {
    /// The key points, in the order their sentences appear in the text.
    public var keyPoints: [KeyPoint]
    /// Every sentence with its score, in document order.
    public var sentences: [RankedSentence]
    /// The language the text was summarized as: the configured one, or the one ``LanguageIdentifier`` found.
    public var language: Language

    public init(keyPoints: [KeyPoint], sentences: [RankedSentence], language: Language = .undetermined) {
        self.keyPoints = keyPoints
        self.sentences = sentences
        self.language = language
    }

    /// The number of sentences the text was split into.
    public var sentenceCount: Int { sentences.count }

    /// The "Key points" header in the given format.
    public func rendered(_ format: KeyPointsRenderer.Format = .text) -> String {
        KeyPointsRenderer(format: format).render(self)
    }

    public var debugDescription: String {
        var out = "Summary (\(sentenceCount) sentences, \(keyPoints.count) key points)\n"
        for point in keyPoints {
            out += "├─ [\(point.sentenceIndex)] \(point.utf8Range.lowerBound)..<\(point.utf8Range.upperBound) "
            out += "score \(SummaryJSON.formatScore(point.score))\n│  \(point.text)\n"
        }
        return out
    }
}
