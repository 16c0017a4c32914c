import Basics

/// A readable summary of one document, for `inspect --format text`.
public enum TextSummary {
    public static func render(_ document: ESPDDocument) -> String {
        var out: [String] = []
        out.append(document.source)
        var version = "ESPD \(document.generation.rawValue)"
        if let v = document.version {
            version += " (EDM \(v), from \(document.versionSource ?? "header"))"
        } else if let v = document.declared.versionID {
            version += " (VersionID \(v))"
        }
        out.append(
            "  \(version), \(document.kind.rawValue)\(document.profile.map { ", profile \($0)" } ?? ""), namespaces \(document.namespaces.rawValue)"
        )
        var ids: [String] = []
        if let v = document.id { ids.append("id \(v)") }
        if let v = document.contractFolderID { ids.append("procedure \(v)") }
        if let v = document.issueDate { ids.append("issued \(v)") }
        if !ids.isEmpty { out.append("  " + ids.joined(separator: ", ")) }
        if let ca = document.contractingAuthority, let name = ca.name {
            out.append("  Contracting authority: \(name)\(ca.country.map { " (\($0))" } ?? "")")
        }
        let p = document.procurement
        if p.name != nil || !p.cpv.isEmpty || p.typeCode != nil {
            var parts: [String] = []
            if let v = p.name { parts.append(v) }
            if let v = p.typeCode { parts.append(v) }
            if !p.cpv.isEmpty { parts.append("CPV " + p.cpv.joined(separator: ", ")) }
            out.append("  Project: " + parts.joined(separator: "; "))
        }
        if !p.lots.isEmpty { out.append("  Lots: " + p.lots.joined(separator: ", ")) }
        if let eo = document.economicOperator {
            var line = "  Economic operator: \(eo.name ?? "(no name)")"
            var details: [String] = []
            if let v = eo.country { details.append(v) }
            details += eo.identifiers.map { id in id.scheme.map { "\($0) \(id.value)" } ?? id.value }
            if let v = eo.role { details.append("role \(v)") }
            if let v = eo.sme { details.append(v ? "SME" : "not SME") }
            if !details.isEmpty { line += " (" + details.joined(separator: ", ") + ")" }
            out.append(line)
            if let group = eo.groupName { out.append("  Group: \(group)") }
            for r in eo.representatives {
                out.append("  Representative: \(r.fullName)\(r.role.map { ", \($0)" } ?? "")")
            }
        } else if document.kind == .response {
            out.append("  Economic operator: (not given)")
        }
        let counts = Dictionary(grouping: document.criteria, by: \.category).mapValues(\.count)
        let order: [CriterionCategory] = [.exclusion, .selection, .award, .other, .unknown]
        let breakdown = order.compactMap { c in counts[c].map { "\($0) \(c.rawValue)" } }.joined(separator: ", ")
        out.append("  Criteria: \(document.criteria.count)\(breakdown.isEmpty ? "" : " (\(breakdown))")")
        if document.kind == .response {
            for criterion in document.criteria where criterion.category == .exclusion {
                let label = criterion.ground ?? "—"
                let code = criterion.codeShort ?? criterion.code ?? criterion.uuid
                let answer: String =
                    switch criterion.answer {
                    case .some(true): "yes"
                    case .some(false): "no"
                    case .none: "not answered"
                    }
                var note = ""
                if criterion.polarity == .ambiguous && criterion.answer != nil {
                    note = " (polarity ambiguous: read the question)"
                } else if criterion.polarity == .trueMeansCompliant {
                    note = " (question asks for compliance)"
                }
                if criterion.groundApplies == true { note += " — ground applies" }
                if let sc = criterion.selfCleaning { note += sc ? ", self-cleaning claimed" : ", no self-cleaning" }
                if !criterion.conflicts.isEmpty {
                    note += " — \(criterion.conflicts.count == 1 ? "conflict" : "\(criterion.conflicts.count) conflicts"), see below"
                }
                out.append(
                    "    \(label.padding(toLength: 4, withPad: " ", startingAt: 0)) \(code.padding(toLength: 16, withPad: " ", startingAt: 0)) \(answer)\(note)  [line \(criterion.line)]"
                )
            }
            for criterion in document.criteria {
                for conflict in criterion.conflicts {
                    out.append(
                        "  conflict \(criterion.ground ?? criterion.codeShort ?? criterion.uuid) \(conflict.kind.rawValue): \(conflict.message) (line\(conflict.lines.count == 1 ? "" : "s") \(conflict.lines.map(String.init).joined(separator: ", ")))"
                    )
                }
            }
            let answered = document.criteria.reduce(0) { $0 + $1.answers.count }
            out.append("  Answers: \(answered) paired, \(document.unlinkedAnswers.count) unlinked")
        }
        for warning in document.warnings {
            out.append("  warning \(warning.code): \(warning.message)\(warning.line.map { " (line \($0))" } ?? "")")
        }
        // Each entry is one line: whatever a file put into a name cannot break or rewrite it.
        return out.map(DisplayText.oneLine).joined(separator: "\n")
    }
}
