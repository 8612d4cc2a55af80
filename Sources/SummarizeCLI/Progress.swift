#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Progress of a batch run on standard error: a bar redrawn at most ten
/// times a second when standard error is a terminal (records, MB, MB/s and,
/// when the input size is known, a percentage and ETA), nothing otherwise;
/// and one summary line at the end in every case.
///
/// MB are 10^6 bytes of (decompressed) input.
struct Progress {
    /// Expected input bytes after decompression, when known.
    var totalBytes: Int?
    var enabled: Bool
    private let start: UInt64
    private var lastDraw: UInt64 = 0
    private(set) var records = 0
    private(set) var errors = 0
    private(set) var bytes = 0
    private var drawn = false

    init(totalBytes: Int?, enabled: Bool = IO.standardErrorIsTerminal) {
        self.totalBytes = totalBytes
        self.enabled = enabled
        start = Self.now()
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    var elapsedSeconds: Double { Double(Self.now() - start) / 1e9 }

    /// Counts one record; redraws the bar when it is due.
    mutating func record(bytes count: Int, failed: Bool) {
        records += 1
        bytes += count
        if failed { errors += 1 }
        guard enabled else { return }
        let now = Self.now()
        if now - lastDraw >= 100_000_000 {
            lastDraw = now
            draw()
        }
    }

    private mutating func draw() {
        let seconds = max(elapsedSeconds, 1e-9)
        let rate = Double(bytes) / 1e6 / seconds
        var line = ""
        if let total = totalBytes, total > 0 {
            let fraction = min(1, Double(bytes) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] "
            line += "\(Int(fraction * 100))%  "
        }
        line += "\(records) records  \(Self.megabytes(bytes)) MB  \(Self.decimal(rate, 1)) MB/s"
        if errors > 0 { line += "  \(errors) errors" }
        if let total = totalBytes, total > bytes, rate > 0 {
            line += "  ETA \(Self.clock(Double(total - bytes) / 1e6 / rate))"
        }
        IO.writeAll(2, "\r\u{1B}[K" + line)
        drawn = true
    }

    /// Clears the bar and prints the summary line.
    mutating func finish(jobs: Int) {
        if drawn { IO.writeAll(2, "\r\u{1B}[K") }
        let seconds = elapsedSeconds
        let rate = seconds > 0 ? Double(bytes) / 1e6 / seconds : 0
        IO.warn("batch: \(records) records, \(errors) errors, \(Self.megabytes(bytes)) MB in "
                + "\(Self.decimal(seconds, 2)) s (\(Self.decimal(rate, 1)) MB/s, \(jobs) \(jobs == 1 ? "job" : "jobs"))")
    }

    static func megabytes(_ bytes: Int) -> String { decimal(Double(bytes) / 1e6, 1) }

    static func decimal(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }

    /// The input size after decompression, when it can be known cheaply: the
    /// file size of a plain file, or a gzip file's ISIZE trailer (its length
    /// mod 2^32, so an estimate for a single-member file under 4 GiB).
    /// Nil for standard input that is not a regular file.
    static func expectedBytes(_ path: String) -> Int? {
        let descriptor = path == "-" ? dup(0) : open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var magic = [UInt8](repeating: 0, count: 2)
        guard size >= 18, pread(descriptor, &magic, 2, 0) == 2 else { return size }
        guard magic == [0x1F, 0x8B] else { return size }
        var trailer = [UInt8](repeating: 0, count: 4)
        guard pread(descriptor, &trailer, 4, off_t(size - 4)) == 4 else { return nil }
        let isize = Int(trailer[0]) | Int(trailer[1]) << 8 | Int(trailer[2]) << 16 | Int(trailer[3]) << 24
        return isize >= size ? isize : nil
    }
}
