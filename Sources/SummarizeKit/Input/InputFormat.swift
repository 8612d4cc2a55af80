/// What a text holds: plain text (or Markdown), an HTML page, or either.
///
/// ```swift
/// let text = try InputFormat.auto.text(of: Document(page))   // the article, when `page` is HTML
/// let summary = try Summarizer().summarize(text)
/// ```
public enum InputFormat: String, Sendable, Hashable, CaseIterable {
    /// HTML when ``HTMLExtractor/looksLikeHTML(_:)`` says so, else text.
    case auto
    /// Plain text or Markdown, summarized as it is.
    case text
    /// An HTML page: only its article is summarized.
    case html

    /// The text to summarize from `document`: the document itself, or the
    /// article text ``HTMLExtractor`` extracts from it.
    ///
    /// - Throws: ``SummarizeError`` from ``HTMLExtractor/extract(_:)``.
    public func text(of document: Document) throws(SummarizeError) -> Document {
        switch self {
        case .text: return document
        case .html: return try HTMLExtractor().extract(document)
        case .auto: return HTMLExtractor.looksLikeHTML(document) ? try HTMLExtractor().extract(document) : document
        }
    }
}
