/// The procedures of the Inkoopkader, from the lightest to the heaviest (the thresholds of
/// thresholds.yaml name them; a tender file says which one was used).
public enum ProcedureKind: String, Codable, Sendable, CaseIterable, Comparable {
    case enkelvoudig = "enkelvoudig-onderhands"
    case meervoudig = "meervoudig-onderhands"
    case nationaal, europees
    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}
