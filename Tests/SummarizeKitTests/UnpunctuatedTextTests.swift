import Testing
@testable import SummarizeKit

@Suite("Text without sentence punctuation, and reStructuredText markup")
struct UnpunctuatedTextTests {
    static func sentences(_ text: String) -> [String] {
        let document = Document(text)
        return MarkdownCleaner.sentences(SentenceSegmenter().segment(document), in: document)
            .map { document.collapsedString(in: $0.utf8Range) }
    }

    static let transcript = """
        SPEAKER 1 okay so welcome everyone to the show today
        SPEAKER 2 thanks for having me it is great to be here
        SPEAKER 1 so tell us about the new bridge project in the city
        SPEAKER 2 well the council approved it on tuesday after a long debate
        SPEAKER 1 and when does construction start
        SPEAKER 2 in the spring and it will take about two years to finish
        """

    @Test("each line of a transcript is its own sentence, so no bullet is the whole transcript")
    func transcriptLines() throws {
        let lines = Self.transcript.split(separator: "\n").map(String.init)
        #expect(Self.sentences(Self.transcript) == lines)
        let summary = try Summarizer().summarize(Self.transcript)
        #expect(summary.keyPoints.count == 3)
        for point in summary.keyPoints { #expect(lines.contains(point.text)) }
    }

    @Test("a man page's unpunctuated lines are boundaries; punctuated prose still runs across line breaks")
    func manPage() {
        let text = """
            NAME
                   ls - list directory contents

            DESCRIPTION
                   List information about the FILEs (the current directory by default)
                   Sort entries alphabetically if none of the options is specified
            """
        #expect(Self.sentences(text) == [
            "NAME", "ls - list directory contents", "DESCRIPTION",
            "List information about the FILEs (the current directory by default)",
            "Sort entries alphabetically if none of the options is specified",
        ])
        let wrapped = "The council approved the bridge on Tuesday after a long\ndebate about its cost. Work starts soon."
        #expect(Self.sentences(wrapped) == ["The council approved the bridge on Tuesday after a long debate about its cost.", "Work starts soon."])
    }

    @Test("list items without punctuation stay one item each")
    func listItems() {
        #expect(Self.sentences("Shopping list\napples\npears and plums\nbread") == ["Shopping list", "apples", "pears and plums", "bread"])
    }

    static let rst = """
        ==================
        The bridge project
        ==================

        The council approved the `river bridge <https://example.org/bridge>`_ on Tuesday after a long debate about the cost.
        Construction will begin in the spring, according to Smith_ and the ``city-plan`` document.

        Budget
        ------

        +------------+-----------+
        | Item       | Cost      |
        +============+===========+
        | Steel      | 4 million |
        +------------+-----------+

        The bridge will carry cyclists and trams, as `the plan`_ says, and the :ref:`budget` section explains each cost.
        """

    @Test("reStructuredText adornments and table rows are not sentences")
    func rstLines() {
        let sentences = Self.sentences(Self.rst)
        for sentence in sentences {
            #expect(!sentence.contains("===") && !sentence.contains("---") && !sentence.contains("|") && !sentence.contains("+--"), "\(sentence)")
        }
        #expect(sentences.first == "The bridge project")
        #expect(sentences.contains("Budget"))
    }

    @Test("reStructuredText references and literals show as their text in bullets")
    func rstBullets() throws {
        let summary = try Summarizer().summarize(Self.rst)
        #expect(summary.keyPoints.map(\.text) == [
            "The council approved the river bridge on Tuesday after a long debate about the cost.",
            "Construction will begin in the spring, according to Smith and the city-plan document.",
            "The bridge will carry cyclists and trams, as the plan says, and the budget section explains each cost.",
        ])
    }

    @Test("inline markup removal leaves identifiers and prose alone", arguments: [
        ("snake_case_name stays", "snake_case_name stays"),
        ("__init__ stays", "__init__ stays"),
        ("see Python_ docs", "see Python docs"),
        ("anonymous `link`__ here", "anonymous link here"),
        ("`<https://example.org>`_", "https://example.org"),
        ("a ``literal`` and :func:`name`", "a literal and name"),
        ("time: 10:30 `x`", "time: 10:30 x"),
    ])
    func inline(text: String, shown: String) {
        let document = Document(text)
        #expect(MarkdownCleaner.displayText(0..<document.byteCount, in: document) == shown)
    }
}
