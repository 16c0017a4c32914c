/// Pairs a response's own copy of an exclusion criterion with the official structure of its
/// release (`OfficialStructure`), so that, without a request of the same release, the official
/// gates, question texts, value types and meanings decide what every answer means.
extension CriterionAssembly {
    /// The releases tried for a response of `generation` that declares `declared`: the declared one
    /// first, then every other release of the same generation.
    static func candidateReleases(declared: String?, generation: Generation) -> [String] {
        let known = OfficialStructure.knownReleases.filter { release in
            switch generation {
            case .v1: return false
            case .v2_0: return release.hasPrefix("2.0.")
            case .v2_1: return release.hasPrefix("2.1.")
            case .v3: return release.hasPrefix("3.")
            case .v4: return release.hasPrefix("4.")
            }
        }
        guard let declared, known.contains(declared) else { return known.reversed() }
        return [declared] + known.filter { $0 != declared }.reversed()
    }

    /// The authority's questions from the official structure, with this response's property ids:
    /// each own question found at the same group path and place gets the official text, type,
    /// meaning and gates (the gate's controller is the response's property at the official
    /// indicator's place). The release that places the most questions is used, the declared one
    /// on a tie. Questions that no official group holds are reported (`unknown-structure`).
    mutating func officialAuthority(declared: String?, generation: Generation) -> AuthorityQuestions? {
        guard let ground = criterion.ground else { return nil }
        let own = questions.filter { !$0.inSubCriterion }
        var best: (release: String, placed: [QuestionInfo], unplaced: [QuestionInfo])?
        for release in Self.candidateReleases(declared: declared, generation: generation)
        where OfficialStructure.has(release: release, ground: ground) {
            let (placed, unplaced) = Self.align(own, release: release, ground: ground)
            if best == nil || placed.count > best!.placed.count { best = (release, placed, unplaced) }
        }
        guard let best, !best.placed.isEmpty else { return nil }
        if !best.unplaced.isEmpty {
            let lines = best.unplaced.map(\.line)
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .unknownStructure, property: best.unplaced[0].id,
                    message:
                        "\(best.unplaced.count == 1 ? "a question" : "\(best.unplaced.count) questions") of \(ground) (line\(lines.count == 1 ? "" : "s") \(EDMDocumentReader.lineList(lines))) \(best.unplaced.count == 1 ? "sits" : "sit") where the official ESPD-EDM \(best.release) structure has none; their answers are read, their meaning is not established",
                    lines: lines))
        }
        let source = "the official ESPD-EDM \(best.release) criteria"
        return AuthorityQuestions(source: source, questions: best.placed, description: nil, line: 0, questionSource: source)
    }

    /// Pairs the questions of each group element with the official properties at its path: by
    /// place when the group has as many properties as the official one (a renamed or retyped
    /// question is then still the official question at that place), otherwise by text, and only
    /// where exactly one question of the group has the official text (a second "Your answer"
    /// inserted into the group leaves both unplaced and named).
    static func align(_ own: [QuestionInfo], release: String, ground: String) -> (placed: [QuestionInfo], unplaced: [QuestionInfo]) {
        var placed: [QuestionInfo] = []
        var unplaced: [QuestionInfo] = []
        var groups: [Int: [QuestionInfo]] = [:]
        var order: [Int] = []
        for question in own {
            if groups[question.group] == nil { order.append(question.group) }
            groups[question.group, default: []].append(question)
        }
        for group in order {
            let members = groups[group]!
            let path = members[0].structurePath
            let officialCount = OfficialStructure.shape(release: release, ground: ground, path: path).count
            let byPlace = members.count == officialCount
            let memberTexts = byPlace ? [] : members.map { Self.comparable($0.description) }
            for (slot, question) in members.enumerated() {
                var candidate = question
                if !byPlace {
                    // The official place whose text this question has, if no other question of the group has it too.
                    let text = memberTexts[slot]
                    let places = (0..<officialCount).filter { index in
                        OfficialStructure.properties(release: release, ground: ground, path: path, position: index + 1)!.contains {
                            $0.comparableDescription == text
                        }
                    }
                    let rivals = memberTexts.filter { $0 == text }.count
                    guard places.count == 1, rivals == 1 else {
                        unplaced.append(question)
                        continue
                    }
                    candidate.position = places[0] + 1
                }
                if let official = Self.place(candidate, release: release, ground: ground) {
                    placed.append(official)
                } else {
                    unplaced.append(question)
                }
            }
        }
        // Gates once every place is known; positions back to the response's own.
        var placedAt: [String: String] = [:]
        for question in placed where placedAt["\(question.group)#\(question.position)"] == nil {
            placedAt["\(question.group)#\(question.position)"] = question.id
        }
        let ownPosition = Dictionary(own.map { ($0.id + "#\($0.group)", $0.position) }, uniquingKeysWith: { first, _ in first })
        placed = placed.map { question in
            var question = question
            question.gates = officialGates(question, release: release, ground: ground, placedAt: placedAt)
            question.position = ownPosition[question.id + "#\(question.group)"] ?? question.position
            return question
        }
        return (placed, unplaced)
    }

    /// `question` as the official structure of `release` asks it, or nil when no official group or
    /// place holds it.
    static func place(_ question: QuestionInfo, release: String, ground: String) -> QuestionInfo? {
        var path = ""
        for step in question.steps {
            path = path.isEmpty ? step.key : path + "/" + step.key
            guard OfficialStructure.gates(release: release, ground: ground, path: path) != nil else { return nil }
        }
        guard let candidates = OfficialStructure.properties(release: release, ground: ground, path: path, position: question.position)
        else { return nil }
        let normalised = Self.comparable(question.description)
        // Where official sources of the release differ (REGULATED and SELFCONTAINED type the exclusion
        // period differently), the one the response follows.
        let official =
            candidates.first {
                $0.comparableDescription == normalised && $0.valueType == (question.valueType ?? "")
                    && $0.typeCode == question.typeCode
            }
            ?? candidates.first { $0.comparableDescription == normalised } ?? candidates[0]
        var placed = question
        placed.description = official.description
        placed.typeCode = official.typeCode
        placed.valueType = official.valueType.isEmpty ? nil : official.valueType
        placed.meaning = official.meaning
        return placed
    }

    /// The official gates of a placed question: for every group it sits in that the official
    /// structure gates ONTRUE/ONFALSE, the response's property placed at the official indicator of
    /// the parent group. `placedAt` maps (group element, official place) to the response's id.
    static func officialGates(_ question: QuestionInfo, release: String, ground: String, placedAt: [String: String]) -> [Gate] {
        var gates: [Gate] = []
        var path = ""
        var parentPath = ""
        for (depth, step) in question.steps.enumerated() {
            path = path.isEmpty ? step.key : path + "/" + step.key
            let codes = OfficialStructure.gates(release: release, ground: ground, path: path) ?? []
            let code = codes.contains(step.code) ? step.code : (codes.first ?? step.code)
            if code == "ONTRUE" || code == "ONFALSE" {
                let indicator = OfficialStructure.shape(release: release, ground: ground, path: parentPath).indicator
                let parentElement = depth == 0 ? 0 : question.steps[depth - 1].element
                if let controller = placedAt["\(parentElement)#\(indicator)"] {
                    gates.append(Gate(controller: controller, expected: code == "ONTRUE"))
                }
            }
            parentPath = path
        }
        return gates
    }

    /// A question text for comparison: case, white space and closing punctuation ignored.
    static func comparable(_ text: String?) -> String {
        guard let text else { return "" }
        return text.utf8.allSatisfy({ $0 < 0x80 }) ? comparableASCII(text) : comparableUnicode(text)
    }

    /// `comparable` of ASCII text on its bytes (it runs for every question against every candidate
    /// release; through `lowercased` and `split` it cost ~45 M instructions for a v4 response).
    static func comparableASCII(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            // Character.isWhitespace in ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace { bytes.append(0x20) }
            pendingSpace = false
            bytes.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte)
        }
        while let last = bytes.last, last == UInt8(ascii: "?") || last == UInt8(ascii: ":") || last == UInt8(ascii: ".") || last == 0x20 {
            bytes.removeLast()
        }
        bytes.removeAll { $0 == UInt8(ascii: "\"") }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func comparableUnicode(_ text: String) -> String {
        var text = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = text.last, "?:.".contains(last) || last == " " { text.removeLast() }
        return String(text.filter { $0 != "\"" })
    }
}
