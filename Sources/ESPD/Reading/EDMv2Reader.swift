import SafeXML

/// EDM v2.0.x (UBL 2.2 pre-award draft namespaces) and v2.1.x (final OASIS namespaces):
/// long `CRITERION.*` type codes, UUID property ids regenerated per release, repeated
/// groups copied with new property ids, REGULATED/SELFCONTAINED or Basic/Extended profiles.
/// The two share one structure; the generation is set from the detected minor version.
public enum EDMv2Reader: GenerationReader {
    public static func accepts(_ header: DocumentHeader) -> Bool {
        !header.declared.rootElement.hasPrefix("ESPD") && header.version?.major == 2
    }

    public static func read(_ root: XMLElement, header: DocumentHeader, request: XMLElement?) -> ESPDDocument {
        let generation: Generation = (header.version?.minor ?? 0) >= 1 ? .v2_1 : .v2_0
        return EDMDocumentReader.read(root, header: header, generation: generation, conventions: conventions, request: request)
    }

    /// EORoleType (EDM 2.1.1): SC sole contractor, LE lead entity, GM group member,
    /// OERON other entity relied upon, OENRON other entity not relied upon, SCLE deprecated.
    static let conventions = EDMConventions(
        instances: .repeatedGroupCopies,
        roleNames: ["SC": "sole", "SCLE": "sole", "LE": "lead", "GM": "member", "OERON": "relied-upon", "OENRON": "subcontractor"])
}
