import ArgumentParser
import DossierModel
import DossierStore
import Foundation
import Transparency

struct DossierKey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print the store's verifier key (C2SP signed-note vkey): what checks every checkpoint and bundle proof.",
        discussion: """
            The store signs a checkpoint of its transparency log after every command, with an Ed25519 key \
            kept outside the store: $UEA_SCREEN_STORE_KEY (the key, or a file holding it, for a team), \
            else ~/.config/uea-screen/keys/<origin>.key, made 0600 by the store's first writer. This \
            command prints the matching public key. Record it where the store's writers cannot change \
            it (the case file, the auditor's file): verify --vkey and bundle verify check against it.

            Examples:
              uea-screen dossier key > store.vkey
              uea-screen dossier verify --vkey "$(cat store.vkey)"

            Exit codes: 0 printed, 2 the store has no key yet and none can be made here.
            """)
    @OptionGroup var options: StoreOptions

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            if let registered = try store.registeredVerifier() {
                print(registered.vkey)
                return
            }
            // No checkpoint yet: the first one registers the key (made here if there is none).
            guard StoreOptions.sign(store) != nil, let registered = try store.registeredVerifier() else {
                throw CommandFailure.refused("\(options.location): the store has no signing key yet and none could be made here")
            }
            print(registered.vkey)
        }
    }
}

struct DossierCheckpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign a checkpoint of the store now and print it (C2SP tlog-checkpoint), to keep outside the store.",
        discussion: """
            A checkpoint names the number of entries and the Merkle root over them (RFC 6962), and the \
            same for the access log, signed with the store's key. Kept in the case file or handed to an \
            auditor, it makes any later removal or change of what it covers detectable: \
            `uea-screen dossier verify --vkey KEY --expect-checkpoint FILE`.

            With --since FILE (a checkpoint kept earlier), prints instead a consistency proof from it to \
            the checkpoint signed now (the body of a C2SP tlog-witness add-checkpoint request: `old N`, \
            the RFC 6962 proof hashes, an empty line, the signed checkpoint). Whoever kept FILE checks \
            it without the store: `uea-screen dossier verify --consistency PROOF --expect-checkpoint FILE \
            --vkey KEY`, or any tool that implements RFC 9162 §2.1.4.2.

            With --tsq FILE, also writes an RFC 3161 time-stamp request for the printed checkpoint (its \
            SHA-256) to FILE. Send it to a time-stamp authority and keep its response beside the \
            checkpoint: `uea-screen dossier verify --expect-checkpoint FILE --tsr RESPONSE --tsa-chain \
            CHAIN.pem` proves, offline, that the checkpoint (and so every entry it covers) existed at \
            the response's time.

            Examples:
              uea-screen dossier checkpoint > PFL-2026-017.checkpoint
              uea-screen dossier checkpoint --tsq PFL-2026-017.tsq > PFL-2026-017.checkpoint
              curl --data-binary @PFL-2026-017.tsq -H 'Content-Type: application/timestamp-query' https://tsa.example/ > PFL-2026-017.tsr
              uea-screen dossier checkpoint --since PFL-2026-017.checkpoint > PFL-2026-017.consistency

            Exit codes: 0 printed, 2 no checkpoint could be signed (no key on this machine, or the store is damaged), \
            or the kept checkpoint is not this store's or does not match its entries.
            """)
    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp("A checkpoint kept earlier: print a consistency proof from it.", valueName: "file"))
    var since: String?
    @Option(help: ArgumentHelp("Also write an RFC 3161 time-stamp request for the printed checkpoint to this file.", valueName: "file"))
    var tsq: String?

    func validate() throws {
        if since != nil && tsq != nil { throw ValidationError("--tsq stamps a checkpoint, --since prints a proof: give one of them") }
    }

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            guard let checkpoint = StoreOptions.sign(store) else {
                throw CommandFailure.refused("\(options.location): no checkpoint was signed (see the line above)")
            }
            guard let since else {
                if let tsq {
                    do { try AtomicFile.write(try TimeStamp.request(for: Data(checkpoint.note.utf8)), to: tsq) } catch {
                        throw CommandFailure.refused("\(tsq): no time-stamp request was written (\(error))")
                    }
                }
                FileHandle.standardOutput.write(Data(checkpoint.note.utf8))
                return
            }
            guard let kept = try? String(contentsOfFile: since, encoding: .utf8) else {
                throw CommandFailure.refused("\(since): cannot be read; give the file `uea-screen dossier checkpoint` wrote")
            }
            do {
                let proof = try store.consistencyProof(from: kept)
                FileHandle.standardOutput.write(Data(proof.text.utf8))
            } catch let error as StoreError {
                throw CommandFailure.refused("\(since): \(error)")
            }
        }
    }
}
