/// A term's integer identity inside one ``Vocabulary``.
public typealias TermID = UInt32

/// Interns byte strings as dense integer IDs (0, 1, 2, ... in order of first
/// appearance), so later stages compare integers instead of strings.
///
/// Keys live in one flat byte arena; the table is open addressing over a
/// fixed hash function (FNV-1a), so IDs and iteration never depend on a
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
    private var keyHash: ContiguousArray<UInt32> = []
    private var slots: ContiguousArray<Int32>   // -1 empty, else TermID
    private var mask: Int

    public init(minimumCapacity: Int = 64) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = ContiguousArray(repeating: -1, count: size)
        mask = size - 1
        keyHash.reserveCapacity(minimumCapacity)
        keyStart.reserveCapacity(minimumCapacity + 1)
    }

    /// The number of distinct terms.
    public var count: Int { keyHash.count }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in key { h = (h ^ UInt32(b)) &* 16_777_619 }  // FNV-1a; wrapping multiply is the algorithm
        return h
    }

    @inline(__always)
    private func matches(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(keyStart[id]), end = Int(keyStart[id + 1])
        guard end - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            var i = 0
            while i < key.count {
                if a[start + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// The ID of `key`, or nil when it was never interned.
    public func id(of key: UnsafeBufferPointer<UInt8>) -> TermID? {
        let h = Self.hash(key)
        var slot = Int(h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if keyHash[Int(id)] == h, matches(Int(id), key) { return TermID(id) }
            slot = (slot + 1) & mask
        }
    }

    /// The ID of `key`, adding it when new.
    @discardableResult
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> TermID {
        let h = Self.hash(key)
        var slot = Int(h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if keyHash[Int(id)] == h, matches(Int(id), key) { return TermID(id) }
            slot = (slot + 1) & mask
        }
        let newID = keyHash.count
        arena.append(contentsOf: key)
        keyStart.append(Int32(arena.count))
        keyHash.append(h)
        slots[slot] = Int32(newID)
        if keyHash.count * 2 > slots.count { grow() }
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

    private mutating func grow() {
        let size = slots.count * 2
        slots = ContiguousArray(repeating: -1, count: size)
        mask = size - 1
        for id in 0..<keyHash.count {
            var slot = Int(keyHash[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}
