import ArgumentParser

/// A whole-number option value that is checked in `validate()`, not by the
/// argument parser, so that an out-of-range value gets a message saying the
/// allowed range: `--jobs -1` is "must be at least 1", not "Missing value",
/// and a 23-digit `--bullets` is "must be at most 1000", not "not a whole number".
///
/// Declare the option with `parsing: .unconditional` so that a value starting
/// with `-` is taken as the value rather than as the next option.
struct WholeNumber: ExpressibleByArgument, Sendable, Hashable {
    /// The value, clamped to `Int.min...Int.max` when the digits overflow.
    var value: Int
    /// The value as the user wrote it (shown in messages).
    var text: String

    init(_ value: Int) {
        self.value = value
        text = String(value)
    }

    init?(argument: String) {
        var digits = Substring(argument)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        text = argument
        if let magnitude = Int(digits) {
            value = negative ? -magnitude : magnitude
        } else {
            value = negative ? Int.min : Int.max
        }
    }

    var defaultValueDescription: String { text }

    /// Throws unless the value is in `range`, naming the option and the value given.
    func check(_ option: String, in range: ClosedRange<Int>) throws {
        guard value >= range.lowerBound else {
            throw ValidationError("\(option) must be at least \(range.lowerBound) (got \(text)).")
        }
        guard value <= range.upperBound else {
            throw ValidationError("\(option) must be at most \(range.upperBound) (got \(text)).")
        }
    }
}

/// The bullet count of `summarize` and `summarize batch`: 1 to 1000.
typealias BulletCount = WholeNumber

extension BulletCount {
    static let allowed = 1...1000
}

extension LanguageOption {
    /// ISO 639-1 codes accepted for each language name (`--language fr` as well as `--language french`).
    static let isoCodes: [(code: String, language: LanguageOption)] = [
        ("en", .english), ("fr", .french), ("de", .german), ("es", .spanish),
        ("it", .italian), ("zh", .chinese), ("ja", .japanese),
    ]

    /// A language name or its ISO 639-1 code, in any letter case ("fr", "FR", "French").
    init?(argument: String) {
        let key = argument.lowercased()
        if let named = LanguageOption(rawValue: key) {
            self = named
        } else if let coded = Self.isoCodes.first(where: { $0.code == key }) {
            self = coded.language
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { allCases.map(\.rawValue) + isoCodes.map(\.code) }
}
