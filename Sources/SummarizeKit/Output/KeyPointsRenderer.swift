/// Renders a ``Summary`` as the "Key points" header.
///
/// ```swift
/// KeyPointsRenderer(format: .markdown).render(summary)
/// ```
///
/// Formats:
/// - `text`: `Key points` then one `- sentence` line per key point.
/// - `markdown`: a `## Key points` heading, a blank line, then the list.
/// - `json`: ``SummaryJSON`` schema version 1, one line.
public struct KeyPointsRenderer: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable, Codable {
        case text, markdown, json
    }

    public var format: Format

    public init(format: Format = .text) {
        self.format = format
    }

    /// The header, ending with a newline.
    public func render(_ summary: Summary) -> String {
        switch format {
        case .text:
            var out = "Key points\n"
            for point in summary.keyPoints { out += "- \(point.text)\n" }
            return out
        case .markdown:
            var out = "## Key points\n\n"
            for point in summary.keyPoints { out += "- \(point.text)\n" }
            return out
        case .json:
            return SummaryJSON.encode(summary) + "\n"
        }
    }
}
