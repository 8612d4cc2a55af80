/// ASCII byte classes, one byte at a time and eight at a time.
///
/// The eight-byte tests read a little-endian 64-bit word and answer with 0x80 in the bytes that
/// match ("SWAR": SIMD within a register), so a scan can skip a whole word when the answer is 0
/// and jump to the first match with `trailingZeroBitCount / 8`.
enum ByteClass {
    @inline(__always)
    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
    }

    /// 0x80 in every byte.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// For eight bytes: 0x80 in each byte that is an ASCII digit, 0 in the others.
    @inline(__always)
    static func digitMask(_ word: UInt64) -> UInt64 {
        let low = word & ~highBits
        return (low &+ ones &* (0x80 - 0x30)) & ~(low &+ ones &* (0x80 - 0x3A)) & ~word & highBits
    }

    /// For eight bytes: 0x80 in each byte that is an ASCII letter or digit, 0 in the others.
    @inline(__always)
    static func alphanumericMask(_ word: UInt64) -> UInt64 {
        // With the top bits cleared, adding at most 0x50 to a byte cannot carry into the next,
        // and the top bit of (x + 0x80 - c) is set iff x >= c.
        let low = word & ~highBits
        let folded = low | (ones &* 0x20)   // letters to lower case; digits already have 0x20
        let letter = (folded &+ ones &* (0x80 - 0x61)) & ~(folded &+ ones &* (0x80 - 0x7B))
        let digit = (low &+ ones &* (0x80 - 0x30)) & ~(low &+ ones &* (0x80 - 0x3A))
        return (letter | digit) & ~word & highBits   // bytes >= 0x80 are neither
    }

    /// For eight bytes: 0x80 in each byte that is an ASCII letter, 0 in the others.
    @inline(__always)
    static func letterMask(_ word: UInt64) -> UInt64 {
        let folded = (word & ~highBits) | (ones &* 0x20)   // as in `alphanumericMask`
        return (folded &+ ones &* (0x80 - 0x61)) & ~(folded &+ ones &* (0x80 - 0x7B)) & ~word & highBits
    }

    /// For eight bytes: 0x80 in each byte that is an ASCII capital letter, 0 in the others.
    @inline(__always)
    static func upperMask(_ word: UInt64) -> UInt64 {
        let low = word & ~highBits
        return (low &+ ones &* (0x80 - 0x41)) & ~(low &+ ones &* (0x80 - 0x5B)) & ~word & highBits
    }

    /// For eight bytes: 0x80 in each byte equal to `byte`, 0 in the others (exact, unlike ``mayEqual(_:_:)``).
    @inline(__always)
    static func equalMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        // A byte of x is zero iff adding 0x7F to its low seven bits leaves its top bit clear and x's is clear too.
        return ~(((x & ~highBits) &+ ones &* 0x7F) | x) & highBits
    }

    /// 0x01 in every byte.
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The little-endian word of the eight bytes at `offset`.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// Nonzero when some byte of `word` equals `byte`: 0x80 in the first such byte (the zero-byte
    /// test on `word ^ pattern`; a byte after a match may be flagged too, never one before it).
    @inline(__always)
    static func mayEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits
    }

    /// Nonzero when some byte of `word` is below `bound` (at most 0x80): 0x80 in the first such byte
    /// (later bytes may be flagged too).
    @inline(__always)
    static func mayBeBelow(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highBits
    }

    /// Whether any lane of `mask` is set: its two halves as integers (the standard library's `any` reduces the lanes
    /// one against another, in a call of its own).
    @inline(__always)
    static func any(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let halves = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] != 0
    }

    /// The first lane of `mask` that is set, or 16 when none is: a set lane is all ones, so it is the trailing zero
    /// bits of the half that holds it, over eight.
    @inline(__always)
    static func firstLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Int {
        let halves = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return halves[0] != 0 ? halves[0].trailingZeroBitCount >> 3 : 8 + halves[1].trailingZeroBitCount >> 3
    }

    /// Whether `bytes[range]` holds `a` or `b`: eight bytes at a time.
    @inline(__always)
    static func contains(_ a: UInt8, or b: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            let w = word(bytes, at: i)
            if mayEqual(w, a) | mayEqual(w, b) != 0 {
                // The lowest flag is a match (see `mayEqual`).
                return true
            }
            i += 8
        }
        while i < end {
            if bytes[i] == a || bytes[i] == b { return true }
            i += 1
        }
        return false
    }
}
