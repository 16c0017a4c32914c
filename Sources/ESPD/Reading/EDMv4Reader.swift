import SafeXML

/// EDM v4.0.0–v4.1.0: like v3, but property ids are paths (`C1_EG_crime-org/QG1/QSG1/Q4`)
/// shared by all instances, the instance is in the response id (`…/Q4/R2/R1`), and the
/// "other / EO data" criteria have ids like `C59_OT_eo-group`.
public enum EDMv4Reader: GenerationReader {
    public static func accepts(_ header: DocumentHeader) -> Bool {
        !header.declared.rootElement.hasPrefix("ESPD") && header.version?.major == 4
    }

    public static func read(_ root: XMLElement, header: DocumentHeader, request: XMLElement?) -> ESPDDocument {
        EDMDocumentReader.read(root, header: header, generation: .v4, conventions: conventions, request: request)
    }

    static let conventions = EDMConventions(instances: .responseIDSuffix, roleNames: EDMv3Reader.roleNames)
}
