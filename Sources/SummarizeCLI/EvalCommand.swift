import ArgumentParser
import Foundation
import SummarizeKit
import SummarizeEvaluation

/// `summarize eval DATA.jsonl[.gz]`: ROUGE of our key points and of baselines against reference summaries.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score key points against reference summaries with ROUGE-1, ROUGE-2 and ROUGE-Lsum.",
        discussion: """
            Each input line is a JSON object {"id": ..., "article": "...", "highlights": ["...", ...]}. Every \
            system summarizes each article; bullets and highlights are joined by newlines and scored as \
            Google's rouge-score package does (use_stemmer=True; rougeLsum). Scores are F1 means over \
            documents, in points (0-100). docs/s times summarization only, on one thread.

            Systems: default (our default configuration), lead3 (the first sentences), textrank (plain \
            Mihalcea & Tarau TextRank). --set changes the default system's configuration for experiments, \
            e.g. --set weight.centrality=0.5 --set redundancyThreshold=0.5 (see docs/quality.md for the keys).

            --check-hygiene also counts bullets that break a rule of HygieneCheck (docs/quality.md): \
            cleanliness rules (dateline, byline, caption, boilerplate, question, quote fragment, dangling \
            opener, over-long, citation) and editorial ones (relative time, unintroduced reference, address \
            to the reader, run-in heading, hypothetical, no information, about the page, restatement, unbalanced or unattributed quote, \
            first-person opinion). The exit status is then 1 when a system other than lead3 and textrank \
            breaks a cleanliness rule, or more than 2 % of its bullets break any rule.
            """
    )

    @Argument(help: ArgumentHelp("JSON Lines file (.jsonl or .jsonl.gz); '-' reads standard input.", valueName: "data"))
    var data: String

    @Option(help: ArgumentHelp("Score only the first N records.", valueName: "n"))
    var limit: Int?

    @Option(help: ArgumentHelp("Skip the first N records (tune on one slice, report on another).", valueName: "n"))
    var skip: Int = 0

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("System to score; repeat or comma-separate (default, lead3, textrank).", valueName: "name"))
    var system: [String] = []

    @Option(help: ArgumentHelp("Bullets per document: a number, or 'reference' for as many as the reference has sentences.",
                               valueName: "n|reference"))
    var bullets: String = "3"

    @Option(help: "Output format (text or json).")
    var format: EvalFormat = .text

    @Option(help: ArgumentHelp("Write one JSON line per document and system (id, candidate, reference, scores).",
                               valueName: "file"))
    var dump: String?

    @Option(help: ArgumentHelp("Write the scorer's feature rows and per-sentence ROUGE labels of the default system, "
                               + "one JSON line per document (input of scripts/fit_scorer.py).", valueName: "file"))
    var dumpFeatures: String?

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override a setting of the default system's configuration.", valueName: "key=value"))
    var settings: [String] = []

    @Flag(help: "Count bullets that break the cleanliness rules, per rule.")
    var checkHygiene = false

    @Option(help: ArgumentHelp("Field holding the article text.", valueName: "name"))
    var articleField = "article"

    @Option(help: ArgumentHelp("Field holding the reference sentences (an array of strings, or one string).",
                               valueName: "name"))
    var referenceField = "highlights"

    @Option(help: LanguageOption.help)
    var language: LanguageOption = .auto

    @Option(help: ArgumentHelp(
        "ROUGE tokenizer: auto (english for English records, unicode otherwise, from the record's \"lang\" field or "
            + "the identified language), english (rouge-score's default, Porter-stemmed) or unicode (NFKC, lower case, "
            + "letter and digit runs, one token per CJK character, no stemming).", valueName: "kind"))
    var rougeTokenizer: RougeTokenizerOption = .auto

    enum RougeTokenizerOption: String, ExpressibleByArgument, CaseIterable { case auto, english, unicode }

    enum EvalFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    mutating func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        guard skip >= 0 else { throw ValidationError("--skip must be zero or more.") }
        if bullets != "reference" {
            guard let n = Int(bullets), n >= 1, n <= 1000 else {
                throw ValidationError("--bullets must be a number from 1 to 1000, or 'reference'.")
            }
        }
        for name in systemNames where EvaluationSystem.named(name) == nil {
            throw ValidationError("Unknown system '\(name)'. Known: \(EvaluationSystem.builtInNames.joined(separator: ", ")).")
        }
    }

    var systemNames: [String] {
        let names = system.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
        return names.isEmpty ? ["default", "lead3", "textrank"] : names
    }

    func makeSystems() throws -> [EvaluationSystem] {
        var configuration = Summarizer.Configuration()
        for setting in settings {
            do { try configuration.apply(setting: setting) } catch {
                throw ValidationError(error.message)
            }
        }
        do { try configuration.validate() } catch { throw ValidationError(error.message) }
        return systemNames.map { name in
            var system = EvaluationSystem.named(name)!
            system.language = language.language
            if case .summarizer = system.kind {
                system.kind = .summarizer(configuration)
                if !settings.isEmpty { system.name += "*" }
            }
            return system
        }
    }

    func run() throws {
        let systems = try makeSystems()
        let fixedCount = Int(bullets)
        let reader: LineReader
        do { reader = try LineReader(path: data) } catch {
            IO.warn(error.message)
            throw ExitCode(error.status)
        }
        var dumpDescriptor: Int32?
        if let dump {
            let descriptor = open(dump, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                IO.warn("\(dump): cannot be created. Check the folder exists and is writable.")
                throw ExitCode(ExitStatus.noInput)
            }
            dumpDescriptor = descriptor
        }
        defer { if let dumpDescriptor { close(dumpDescriptor) } }
        let parser = JSONRecordParser(idField: "id", textField: articleField, extraFields: [referenceField, "lang"])
        var featureHandle: FileHandle?
        if let dumpFeatures {
            guard FileManager.default.createFile(atPath: dumpFeatures, contents: nil),
                  let handle = FileHandle(forWritingAtPath: dumpFeatures) else {
                IO.warn("\(dumpFeatures): cannot be created. Check the folder exists and is writable.")
                throw ExitCode(ExitStatus.noInput)
            }
            featureHandle = handle
            handle.write(Data(FeatureDump.header.utf8))
        }
        defer { try? featureHandle?.close() }
        let featureDump: FeatureDump? = featureHandle == nil ? nil : {
            var configuration = Summarizer.Configuration(language: language.language)
            for setting in settings { try? configuration.apply(setting: setting) }
            return FeatureDump(configuration: configuration)
        }()

        let englishROUGE = ROUGE(), unicodeROUGE = ROUGE(tokenizer: .unicode)
        var tokenizersUsed: Set<ROUGE.Tokenizer> = []
        let hygiene = HygieneCheck()
        var totals = systems.map { _ in SystemTotals() }
        var documents = 0
        var skipped = 0
        var dumpBuffer = ""
        while limit.map({ documents < $0 }) ?? true {
            let line: [UInt8]?
            do { line = try reader.nextLine() } catch {
                IO.warn(error.message)
                throw ExitCode(error.status)
            }
            guard let line else { break }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if reader.lineNumber <= skip { continue }
            guard let record = EvalRecord(line, parser: parser) else {
                IO.warn("line \(reader.lineNumber): not a JSON object with a string \"\(articleField)\" and "
                        + "\"\(referenceField)\"; skipped.")
                skipped += 1
                continue
            }
            documents += 1
            let document = Document(record.article)
            if let featureDump, let featureHandle {
                featureHandle.write(Data(featureDump.line(id: record.id, document: document, reference: record.reference).utf8))
            }
            let count = fixedCount ?? max(1, record.reference.count)
            let rouge: ROUGE
            switch rougeTokenizer {
            case .english: rouge = englishROUGE
            case .unicode: rouge = unicodeROUGE
            case .auto:
                let recordLanguage = record.language.flatMap(Language.init(code:)) ?? language.resolved(for: document)
                rouge = recordLanguage == .english ? englishROUGE : unicodeROUGE
            }
            tokenizersUsed.insert(rouge.tokenizer)
            for (k, system) in systems.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                let points: [KeyPoint]
                do { points = try system.keyPoints(for: document, count: count) } catch {
                    IO.warn("\(record.id): \(system.name): \(error.message)")
                    throw ExitCode(ExitStatus.of(error))
                }
                totals[k].seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let candidate = points.map(\.text)
                let scores = rouge.score(candidate: candidate, reference: record.reference)
                totals[k].add(scores)
                if checkHygiene {
                    let violations = hygiene.violations(points, in: document)
                    totals[k].dirtyBullets += Set(violations.map(\.keyPoint)).count
                    for violation in violations {
                        totals[k].violations[violation.rule, default: 0] += 1
                        if totals[k].examples[violation.rule, default: []].count < 3 {
                            totals[k].examples[violation.rule, default: []].append("\(record.id): \(points[violation.keyPoint].text)")
                        }
                    }
                    totals[k].bulletCount += points.count
                }
                if dumpDescriptor != nil {
                    dumpBuffer += Self.dumpLine(id: record.id, system: system.name, candidate: candidate,
                                                reference: record.reference, scores: scores)
                }
            }
            if let dumpDescriptor, let dump, dumpBuffer.utf8.count > 1 << 16 {
                IO.writeAll(dumpDescriptor, dumpBuffer, name: dump)
                dumpBuffer.removeAll(keepingCapacity: true)
            }
        }
        if let dumpDescriptor, let dump { IO.writeAll(dumpDescriptor, dumpBuffer, name: dump) }
        guard documents > 0 else {
            IO.warn("\(data): no usable records.")
            throw ExitCode(ExitStatus.dataError)
        }

        let bulletsLabel = fixedCount.map(String.init) ?? "reference"
        switch format {
        case .text: IO.write(textReport(systems, totals, documents: documents, bulletsLabel: bulletsLabel,
                                        tokenizers: tokenizersUsed))
        case .json: IO.write(jsonReport(systems, totals, documents: documents, bulletsLabel: bulletsLabel))
        }
        if skipped > 0 { IO.warn("\(skipped) line(s) skipped.") }
        if checkHygiene {
            let dirty = zip(systems, totals).contains { system, total in
                if case .summarizer = system.kind { return !total.meetsHygieneTargets }
                return false
            }
            if dirty { throw ExitCode(1) }
        }
    }

    // MARK: - Reports

    struct SystemTotals {
        var rouge1 = 0.0, rouge2 = 0.0, rougeLsum = 0.0
        var documents = 0
        var seconds = 0.0
        var bulletCount = 0
        /// Bullets breaking at least one rule.
        var dirtyBullets = 0
        var violations: [HygieneCheck.Rule: Int] = [:]
        var examples: [HygieneCheck.Rule: [String]] = [:]

        mutating func add(_ scores: ROUGE.Scores) {
            rouge1 += scores.rouge1.f1
            rouge2 += scores.rouge2.f1
            rougeLsum += scores.rougeLsum.f1
            documents += 1
        }
        func mean(_ sum: Double) -> Double { documents > 0 ? 100 * sum / Double(documents) : 0 }
        /// Bullets breaking a rule of the cleanliness group.
        var cleanlinessViolations: Int {
            violations.filter { $0.key.group == .cleanliness }.values.reduce(0, +)
        }
        /// The share of the bullets that break any rule, in [0, 1].
        var dirtyShare: Double { bulletCount > 0 ? Double(dirtyBullets) / Double(bulletCount) : 0 }
        /// Whether the hygiene targets hold: no cleanliness violation, and at most the editorial budget of
        /// the bullets breaking any rule.
        var meetsHygieneTargets: Bool {
            cleanlinessViolations == 0 && dirtyShare <= HygieneCheck.editorialBudget
        }
        var docsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }
    }

    func textReport(_ systems: [EvaluationSystem], _ totals: [SystemTotals], documents: Int, bulletsLabel: String,
                    tokenizers: Set<ROUGE.Tokenizer>) -> String {
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
        func num(_ x: Double) -> String { String(format: "%7.2f", x) }
        let nameWidth = max(10, (systems.map(\.name.count).max() ?? 0) + 2)
        let kind = tokenizers == [.unicode] ? "Unicode tokens, not stemmed"
            : tokenizers.contains(.unicode) ? "stemmed for English records, Unicode tokens for others" : "stemmed"
        var out = "ROUGE F1 (rouge-score compatible, \(kind)), \(documents) documents, bullets: \(bulletsLabel)\n"
        out += pad("system", nameWidth) + "    R-1     R-2  R-Lsum   docs/s\n"
        for (system, total) in zip(systems, totals) {
            out += pad(system.name, nameWidth) + num(total.mean(total.rouge1)) + " " + num(total.mean(total.rouge2))
                + " " + num(total.mean(total.rougeLsum)) + " " + String(format: "%8.0f", total.docsPerSecond) + "\n"
        }
        if !settings.isEmpty { out += "* with " + settings.joined(separator: " ") + "\n" }
        if checkHygiene {
            out += "\nHygiene violations (bullets breaking each rule)\n"
            out += pad("rule", 24) + systems.map { pad($0.name, nameWidth) }.joined() + "\n"
            for group in HygieneCheck.Group.allCases {
                for rule in HygieneCheck.Rule.allCases where rule.group == group {
                    out += pad("\(group == .cleanliness ? "clean" : "editor") \(rule.rawValue)", 24)
                        + totals.map { pad(String($0.violations[rule] ?? 0), nameWidth) }.joined() + "\n"
                }
            }
            out += pad("total", 24) + totals.map { pad(String($0.violations.values.reduce(0, +)), nameWidth) }.joined()
                + "\n" + pad("bullets", 24) + totals.map { pad(String($0.bulletCount), nameWidth) }.joined()
                + "\n" + pad("bullets breaking a rule", 24)
                + totals.map { pad(String(format: "%d (%.1f%%)", $0.dirtyBullets, 100 * $0.dirtyShare), nameWidth) }.joined() + "\n"
            for (system, total) in zip(systems, totals) {
                guard case .summarizer = system.kind else { continue }
                for rule in HygieneCheck.Rule.allCases {
                    for example in total.examples[rule] ?? [] { out += "  \(system.name) \(rule.rawValue): \(example)\n" }
                }
            }
        }
        return out
    }

    func jsonReport(_ systems: [EvaluationSystem], _ totals: [SystemTotals], documents: Int, bulletsLabel: String) -> String {
        var rows: [[String: Any]] = []
        for (system, total) in zip(systems, totals) {
            var row: [String: Any] = [
                "name": system.name,
                "rouge1": Self.round(total.mean(total.rouge1)),
                "rouge2": Self.round(total.mean(total.rouge2)),
                "rougeLsum": Self.round(total.mean(total.rougeLsum)),
                "docsPerSecond": Self.round(total.docsPerSecond),
            ]
            if checkHygiene {
                var counts: [String: Int] = [:]
                for rule in HygieneCheck.Rule.allCases { counts[rule.rawValue] = total.violations[rule] ?? 0 }
                row["hygieneViolations"] = counts
                row["bullets"] = total.bulletCount
                row["bulletsBreakingARule"] = total.dirtyBullets
            }
            rows.append(row)
        }
        let object: [String: Any] = ["documents": documents, "bullets": bulletsLabel, "settings": settings, "systems": rows]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func round(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }

    static func dumpLine(id: String, system: String, candidate: [String], reference: [String], scores: ROUGE.Scores) -> String {
        let object: [String: Any] = [
            "id": id, "system": system,
            "candidate": candidate.joined(separator: "\n"),
            "reference": reference.joined(separator: "\n"),
            "rouge1": scores.rouge1.f1, "rouge2": scores.rouge2.f1, "rougeLsum": scores.rougeLsum.f1,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// One evaluation record: an article and its reference sentences.
struct EvalRecord {
    var id: String
    var article: String
    var reference: [String]
    /// The record's "lang" field, when it has one.
    var language: String?

    /// Reads a record with the project's one JSON record reader (``JSONRecordParser``:
    /// the same rules as `summarize batch` and the server); `parser.extraFields[0]` is the reference field.
    init?(_ line: [UInt8], parser: JSONRecordParser) {
        guard let record = try? parser.parse(line), let text = record.text,
              let value = record.extras.first ?? nil,
              let reference = JSONRecordParser.strings(in: value) else { return nil }
        self.reference = reference
        article = String(decoding: text, as: UTF8.self)
        switch record.id {
        case .string(let s): id = s
        case .raw(let json): id = json
        default: id = "?"
        }
        // `parser.extraFields[1]`, when given, is the language field.
        if record.extras.count > 1, let value = record.extras[1], let lang = JSONRecordParser.strings(in: value)?.first {
            language = lang
        } else {
            language = nil
        }
    }
}
