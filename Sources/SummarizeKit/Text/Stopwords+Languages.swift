extension Stopwords {
    /// Derived stopword lists by language (filled by scripts/derive_stopwords.py).
    static let derived: [Language: Stopwords] = [:]
}
