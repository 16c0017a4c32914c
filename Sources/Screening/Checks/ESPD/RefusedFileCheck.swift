import DossierModel

/// A file in the bidder's folder that was not read because it may not be: a backup copy by its
/// name (`uea.xml.bak`, `uea - kopie.xml`), a symbolic link or a pipe beside the bid's own files,
/// a folder nested too deep. Which version the bidder meant to hand in, and whether the bid is
/// complete without it, is for a jurist: the screening reads only the files handed in as final,
/// and the dossier's `folder` lists every entry as read, refused or not read.
struct RefusedFileCheck: Check {
    let id = "espd.refused-file"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.55"
    let summary = "A file of the bidder's folder was not read: a backup copy, a link or a special file, or nested too deep"
    let dataFiles: [String] = []
    let dutchSummary =
        "Een bestand in de map van de inschrijver is niet gelezen: een reservekopie, een koppeling, een bijzonder bestand of te diep in submappen"
    let dutchLegalEffect =
        "aandacht: de screening heeft het bestand niet gelezen; een jurist stelt vast welke documenten de inschrijver als inschrijving heeft ingediend"
    let legalEffect =
        "attention: the screening did not read the file; a jurist establishes which documents the bidder handed in as its bid"

    func run(_ context: ScreeningContext) -> [Finding] {
        context.submission.folder.filter { $0.status == .refused }.map { entry in
            finding(
                nl:
                    "Het bestand '\(entry.path)' in de map van de inschrijver is niet gelezen: \(Self.dutch(entry.reason)). Stel vast welke stukken de inschrijver als inschrijving heeft ingediend; alleen die worden beoordeeld.",
                en:
                    "The file '\(entry.path)' in the bidder's folder was not read: \(entry.reason ?? "it cannot be read"). Establish which documents the bidder handed in as its bid; only those are assessed.",
                evidence: [EvidencePointer(file: PathText.child(context.submission.location, entry.path))],
                details: ["file": entry.path, "reason": entry.reason ?? ""])
        }
    }

    /// The manifest's reasons are English data; the finding says them in Dutch.
    static func dutch(_ reason: String?) -> String {
        guard let reason else { return "niet leesbaar" }
        if reason.hasPrefix("a backup copy") { return "een reservekopie (naar de naam)" }
        if reason.hasPrefix("is a symbolic link") { return "een symbolische koppeling, geen bestand" }
        if reason.hasPrefix("is not a regular file") { return "geen gewoon bestand (een pijp of apparaat)" }
        if reason.hasPrefix("nested more than") { return "te diep in submappen" }
        return "niet leesbaar"
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a backup copy of the ESPD beside it", at: "uea.xml.bak:") {
                    $0.submission.folder.append(
                        FolderEntry(
                            path: "uea.xml.bak", status: .refused,
                            reason: "a backup copy by its name; only the files handed in as final are read"))
                },
                .fires("a link and a copy in a subfolder", at: "chain.csv:", "uea - kopie.xml:") {
                    $0.submission.folder += [
                        FolderEntry(path: "leden/chain.csv", status: .refused, reason: "is a symbolic link; hand in the file itself"),
                        FolderEntry(
                            path: "leden/uea - kopie.xml", status: .refused,
                            reason: "a backup copy by its name; only the files handed in as final are read"),
                    ]
                },
            ],
            nonTriggering: [
                .quiet("a PDF beside the ESPD (not read, listed)") {
                    $0.submission.folder.append(
                        FolderEntry(
                            path: "gva.pdf", status: .notRead, reason: "not an ESPD (XML), bidder.yaml or the supply-chain declaration"))
                },
                .quiet("an ESPD of a member in a subfolder (read)") {
                    $0.submission.folder += [FolderEntry(path: "leden/", status: .read), FolderEntry(path: "leden/lid.xml", status: .read)]
                },
            ])
    }
}
