import DossierModel
import ESPD

/// One bidder, one bid: two folders of the same run whose bidder is the same party (the same KvK
/// number, or the same name) are two bids of one economic operator, or one bid filed twice. The
/// overview keeps one dossier per bidder, so without this finding one of them would disappear from
/// it without a word. The later folder in input order carries the finding and names the earlier one.
struct DuplicateBidderCheck: Check {
    let id = "espd.duplicate-bidder"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 1.8, 2.84"
    let summary = "Two bidder folders of one run are the same party (same KvK number or name): two bids, or one bid filed twice"
    let dataFiles: [String] = []
    let dutchSummary =
        "Twee inschrijversmappen in één screening zijn dezelfde partij (hetzelfde KvK-nummer of dezelfde naam): twee inschrijvingen, of één inschrijving die twee keer is ingediend"
    let dutchLegalEffect =
        "twee inschrijversmappen in één screening zijn dezelfde partij (hetzelfde KvK-nummer of dezelfde naam): twee inschrijvingen van één ondernemer, of één inschrijving die twee keer is ingediend; gemeld bij de latere map in de volgorde van invoer, met de naam van de eerdere (Aw 2012 art. 1.8, 2.84)"
    let legalEffect =
        "two bidder folders of one run are the same party (same KvK number or name): two bids of one operator, or one bid filed twice; on the later folder in input order, naming the earlier (Aw 2012 art. 1.8, 2.84)"

    func run(_ context: ScreeningContext) -> [Finding] {
        context.sameBidderEarlier.map { earlier in
            let shared =
                earlier.sharedKey.hasPrefix("kvk ")
                ? (
                    nl: "hetzelfde KvK-nummer (\(earlier.sharedKey.dropFirst(4)))",
                    en: "the same KvK number (\(earlier.sharedKey.dropFirst(4)))"
                )
                : (nl: "dezelfde naam", en: "the same name")
            return finding(
                nl: "Deze inschrijver heeft \(shared.nl) als de inschrijver in \(earlier.location) (\(earlier.name)). "
                    + "Stel vast of het twee inschrijvingen van één partij zijn of één inschrijving die twee keer is ingediend.",
                en: "This bidder has \(shared.en) as the bidder in \(earlier.location) (\(earlier.name)). "
                    + "Establish whether these are two bids of one party or one bid filed twice.",
                evidence: [
                    EvidencePointer(file: context.submission.location, line: nil, path: nil, excerpt: earlier.sharedKey),
                    EvidencePointer(file: earlier.location, line: nil, path: nil, excerpt: earlier.sharedKey),
                ],
                details: ["earlierBidder": earlier.location])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("an earlier folder with the same KvK number", at: "1-zonnebouw-flevoland:") {
                    $0.sameBidderEarlier = [
                        DuplicateBidder(location: "bidders/0-zonnebouw", name: "Zonnebouw Flevoland B.V.", sharedKey: "kvk 68452193")
                    ]
                },
                .fires("two earlier folders with the same name", at: "1-zonnebouw-flevoland:", "1-zonnebouw-flevoland:") {
                    $0.sameBidderEarlier = [
                        DuplicateBidder(location: "bidders/a", name: "Zonnebouw Flevoland B.V.", sharedKey: "name zonnebouwflevolandbv"),
                        DuplicateBidder(location: "bidders/b", name: "Zonnebouw Flevoland BV", sharedKey: "name zonnebouwflevolandbv"),
                    ]
                },
            ],
            nonTriggering: [
                .quiet("the bidder alone in its run, with another KvK number in bidder.yaml") {
                    $0.sameBidderEarlier = []
                    $0.submission.bidder.kvk = "12345678"
                },
                .quiet("another bidder's folder with another name and number") { $0.submission.bidder.name = "Zonnebouw Noord B.V." },
            ])
    }
}
