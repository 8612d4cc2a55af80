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
