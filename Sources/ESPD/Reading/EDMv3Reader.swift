import SafeXML

/// EDM v3.0.0–v3.3.0 (UBL 2.3): EU-vocabulary short type codes (`crime-org`), alpha-3
/// country codes, eo-role-type codes, UUID property ids with repeated groups copied.
public enum EDMv3Reader: GenerationReader {
    public static func accepts(_ header: DocumentHeader) -> Bool {
        !header.declared.rootElement.hasPrefix("ESPD") && header.version?.major == 3
    }

    public static func read(_ root: XMLElement, header: DocumentHeader, request: XMLElement?) -> ESPDDocument {
        EDMDocumentReader.read(root, header: header, generation: .v3, conventions: conventions, request: request)
    }

    /// eo-role-type (EU Vocabularies, 20211208-0).
    static let roleNames = [
        "sole-tenderer": "sole", "group-lead": "lead", "group-mem": "member", "oeron": "relied-upon", "subcont": "subcontractor",
    ]

    static let conventions = EDMConventions(instances: .repeatedGroupCopies, roleNames: roleNames)
}
