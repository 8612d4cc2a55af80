/// A term's integer identity inside one ``Vocabulary``.
public typealias TermID = UInt32

/// Interns byte strings as dense integer IDs (0, 1, 2, ... in order of first
/// appearance), so later stages compare integers instead of strings.
///
/// Keys live in one flat byte arena; the table is open addressing over a
/// fixed, seed-free hash function (64-bit words, multiply-mix), so IDs and iteration never depend on a
/// per-process hash seed.
///
/// ```swift
/// var vocabulary = Vocabulary()
/// let id = vocabulary.intern("market")    // 0
/// vocabulary.term(id)                      // "market"
/// ```
///
/// - Complexity: `intern` and `id(of:)` are O(key length) on average and do
///   not allocate except when the table or arena grows.
public struct Vocabulary: Sendable {
    private var arena: ContiguousArray<UInt8> = []
    private var keyStart: ContiguousArray<Int32> = [0]
    /// Open addressing: `Self.empty`, or the key's hash in the high 32 bits and its TermID in the
    /// low 32, so a probe compares hashes without touching the key arrays.
    private var slots: ContiguousArray<UInt64>
    private var mask: Int

    private static let empty = UInt64.max

    public init(minimumCapacity: Int = 64) {
        // Any capacity is accepted: clamped so the sizes below cannot overflow or go negative.
        let minimumCapacity = Swift.min(Swift.max(minimumCapacity, 1), 1 << 24)
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = ContiguousArray(repeating: Self.empty, count: size)
        mask = size - 1
        keyStart.reserveCapacity(minimumCapacity + 1)
        arena = ContiguousArray(repeating: 0, count: minimumCapacity * 8)
    }

    /// The terms `ids` of `source`, in that order (ID `i` here is `ids[i]` there), built in one
    /// pass; `hashes[id]` is the hash of `source`'s term `id`. The table is sized and laid out as
    /// if the terms had been interned one by one into `Vocabulary(minimumCapacity:)`.
    init(selecting ids: UnsafeBufferPointer<UInt32>, of source: Vocabulary, hashes: UnsafeBufferPointer<UInt32>,
         minimumCapacity: Int) {
        // The table size `init(minimumCapacity:)` starts with, doubled as interning would.
        let minimumCapacity = Swift.min(Swift.max(minimumCapacity, 1), 1 << 24)
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        while ids.count * 2 > size { size <<= 1 }
        mask = size - 1
        var bytes = 0
        source.keyStart.withUnsafeBufferPointer { starts in
            for id in ids { bytes += Int(starts[Int(id) + 1] - starts[Int(id)]) }
        }
        // Exactly the keys' bytes: the arena's count is its capacity (see `append`), so a later
        // intern grows it.
        let capacity = bytes
        var starts = ContiguousArray<Int32>()
        starts.reserveCapacity(Swift.max(ids.count + 1, minimumCapacity + 1))
        starts.append(0)
        var table = ContiguousArray<UInt64>(repeating: Self.empty, count: size)
        let mask = size - 1
        arena = source.arena.withUnsafeBufferPointer { from in
            source.keyStart.withUnsafeBufferPointer { sourceStarts in
                table.withUnsafeMutableBufferPointer { table in
                    // Eight bytes of slack past the keys, so a key is copied in whole words (the
                    // bytes written past it lie in the slack or are overwritten by the next key).
                    ContiguousArray<UInt8>(unsafeUninitializedCapacity: capacity + 8) { to, initialized in
                        var used = 0
                        for (newID, id) in ids.enumerated() {
                            let start = Int(sourceStarts[Int(id)]), count = Int(sourceStarts[Int(id) + 1]) - start
                            if count > 0 {
                                let source = from.baseAddress! + start, target = to.baseAddress! + used
                                if start + count + 8 <= from.count {
                                    // Whole words: reads stay inside the source arena, writes inside the slack.
                                    var k = 0
                                    while k < count {
                                        UnsafeMutableRawPointer(target).storeBytes(
                                            of: UnsafeRawPointer(source).loadUnaligned(fromByteOffset: k, as: UInt64.self),
                                            toByteOffset: k, as: UInt64.self)
                                        k += 8
                                    }
                                } else {
                                    target.initialize(from: source, count: count)
                                }
                            }
                            used += count
                            starts.append(Int32(used))
                            let h = hashes[Int(id)]
                            var slot = Int(h) & mask
                            while table[slot] != Self.empty { slot = (slot + 1) & mask }
                            table[slot] = UInt64(h) << 32 | UInt64(newID)
                        }
                        initialized = used
                    }
                }
            }
        }
        keyStart = starts
        slots = table
    }

    /// The number of distinct terms.
    public var count: Int { keyStart.count - 1 }

    // The hash: the key read as little-endian 64-bit words (the last one zero-padded), each
    // mixed in by xor and multiply, then finalized so the low bits (the slot) depend on every
    // byte. Fixed constants, no seed: the slot layout is the same in every process. The
    // tokenizer computes the same hash while it case-folds a word (`hashStart`, `mix`, `finish`).

    /// The hash state before any word of a key of `count` bytes.
    @inline(__always)
    static func hashStart(count: Int) -> UInt64 {
        0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
    }

    /// Mixes one 8-byte word (little-endian, zero-padded) into the hash state.
    @inline(__always)
    static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let m = (h ^ word) &* 0xBF58_476D_1CE4_E5B9   // wrapping multiply is the mixing step
        return m ^ (m >> 31)
    }

    /// The 32-bit hash from the final state.
    @inline(__always)
    static func finish(_ h: UInt64) -> UInt32 {
        let m = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB   // wrapping multiply is the mixing step
        return UInt32(truncatingIfNeeded: m >> 32)
    }

    /// The little-endian word of the 1...7 bytes at `p`, zero-padded.
    @inline(__always)
    static func tailWord(_ p: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        if count >= 4 {
            // Two overlapping 4-byte loads; the overlap holds the same bytes, so OR is exact.
            let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return low | high &<< UInt64(truncatingIfNeeded: 8 &* (count &- 4))   // count <= 7: shift < 64
        }
        // 1...3 bytes: first, middle and last (for count 1 and 2 they coincide with the others).
        let middle = count &>> 1
        return UInt64(p[0]) | UInt64(p[middle]) &<< UInt64(truncatingIfNeeded: 8 &* middle)
            | UInt64(p[count &- 1]) &<< UInt64(truncatingIfNeeded: 8 &* (count &- 1))
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let n = key.count
        var h = hashStart(count: n)
        guard let base = key.baseAddress else { return finish(h) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            h = mix(h, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < n { h = mix(h, tailWord(base + i, count: n - i)) }
        return finish(h)
    }

    /// Whether the `count` bytes at `a` and `b` are equal (8 bytes at a time, then the rest).
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i &+ 8 <= count {
            if UnsafeRawPointer(a).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != UnsafeRawPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i &+= 8
        }
        // The last 1...7 bytes as one zero-padded word each.
        return i == count || tailWord(a + i, count: count &- i) == tailWord(b + i, count: count &- i)
    }

    /// Probes for `key`: its ID when present, else nil and the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> (id: Int?, slot: Int) {
        let tag = UInt64(h) << 32
        return slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                keyStart.withUnsafeBufferPointer { ks in
                    var slot = Int(h) & mask
                    while true {
                        let entry = s[slot]
                        if entry == Self.empty { return (nil, slot) }
                        if entry & 0xFFFF_FFFF_0000_0000 == tag {
                            let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
                            let start = Int(ks[id]), end = Int(ks[id + 1])
                            if end - start == key.count {
                                if key.count == 0 || Self.equal(a.baseAddress! + start, key.baseAddress!, count: key.count) {
                                    return (id, slot)
                                }
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// The first ID, in probe order, whose hash is `h` and for which `matches` holds: a lookup
    /// for a caller that compares keys its own way (`matches` must be true exactly for the
    /// ID of the key hashed to `h`).
    @inline(__always)
    func firstID(hash h: UInt32, where matches: (Int) -> Bool) -> Int? {
        let tag = UInt64(h) << 32
        return slots.withUnsafeBufferPointer { s in
            var slot = Int(h) & mask
            while true {
                let entry = s[slot]
                if entry == Self.empty { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
                    if matches(id) { return id }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The ID of `key`, or nil when it was never interned.
    public func id(of key: UnsafeBufferPointer<UInt8>) -> TermID? {
        find(key, hash: Self.hash(key)).id.map { TermID($0) }
    }

    /// The ID of `key`, or nil when it was never interned; `h` must be `Self.hash(key)`.
    @inline(__always)
    func id(of key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> TermID? {
        find(key, hash: h).id.map { TermID($0) }
    }

    /// The ID of `key`, adding it when new.
    @discardableResult
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> TermID {
        intern(key, hash: Self.hash(key))
    }

    /// The ID of `key`, adding it when new; `h` must be `Self.hash(key)`.
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> TermID {
        let (found, slot) = find(key, hash: h)
        if let found { return TermID(found) }
        return append(key, hash: h, slot: slot)
    }

    /// Adds `key`, which must not be in the table yet; `h` must be `Self.hash(key)`. Probes for the empty slot
    /// without comparing keys: the slot and the ID are those ``intern(_:hash:)`` would give.
    @inline(__always)
    @discardableResult
    mutating func insertAbsent(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> TermID {
        var slot = Int(h) & mask
        slots.withUnsafeBufferPointer { s in
            while s[slot] != Self.empty { slot = (slot + 1) & mask }
        }
        return append(key, hash: h, slot: slot)
    }

    /// Stores `key` as the next ID in the empty `slot`.
    @inline(__always)
    private mutating func append(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32, slot: Int) -> TermID {
        let newID = count
        // The arena's count is its capacity; the bytes in use end at keyStart.last.
        let used = Int(keyStart[newID])
        if used + key.count > arena.count { growArena(toHold: used + key.count) }
        if let source = key.baseAddress {
            arena.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: used).update(from: source, count: key.count) }
        }
        keyStart.append(Int32(used + key.count))
        slots[slot] = UInt64(h) << 32 | UInt64(newID)
        if count * 2 > slots.count { grow() }
        return TermID(newID)
    }

    /// The ID of `key`, adding it when new.
    @discardableResult
    public mutating func intern(_ key: String) -> TermID {
        var key = key
        return key.withUTF8 { intern($0) }
    }

    /// The ID of `key`, or nil when it was never interned.
    public func id(of key: String) -> TermID? {
        var key = key
        return key.withUTF8 { id(of: $0) }
    }

    /// The bytes of a term.
    public func withTerm<R>(_ id: TermID, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = Int(keyStart[Int(id)]), end = Int(keyStart[Int(id) + 1])
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// A term as a string.
    public func term(_ id: TermID) -> String {
        withTerm(id) { String(decoding: $0, as: UTF8.self) }
    }

    @inline(never)
    private mutating func growArena(toHold bytes: Int) {
        arena.append(contentsOf: repeatElement(0, count: max(bytes, 2 * arena.count, 256) - arena.count))
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = ContiguousArray(repeating: Self.empty, count: size)
        let newMask = size - 1
        // Re-insert in ID order, as before: the layout depends only on the keys.
        var byID = ContiguousArray<UInt64>(repeating: 0, count: count)
        for entry in slots where entry != Self.empty { byID[Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)] = entry }
        for entry in byID {
            var slot = Int(truncatingIfNeeded: entry >> 32) & newMask
            while newSlots[slot] != Self.empty { slot = (slot + 1) & newMask }
            newSlots[slot] = entry
        }
        slots = newSlots
        mask = newMask
    }
}
