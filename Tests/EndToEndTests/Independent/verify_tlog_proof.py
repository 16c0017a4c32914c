#!/usr/bin/env python3
"""An independent verifier of a uea-screen bundle proof, written from the specifications only
(C2SP signed-note, tlog-checkpoint, tlog-proof@v1; RFC 6962 / RFC 9162), not from uea-screen's code.

usage: verify_tlog_proof.py VKEY PROOF_FILE ENTRY_HASH_HEX
       verify_tlog_proof.py consistency VKEY KEPT_CHECKPOINT_FILE PROOF_FILE
The second form checks a consistency proof written as a C2SP tlog-witness add-checkpoint body
("old N", base64 proof lines, an empty line, the signed checkpoint) against a checkpoint kept earlier.
Exit 0 and prints "ok <index> <size>" (or "ok <old size> <new size>") when the proof is valid; exit 1
with one line otherwise.
"""
import base64
import hashlib
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def fail(message):
    print("invalid: " + message)
    sys.exit(1)


def parse_vkey(vkey):
    # <name>+<hex key id>+<base64(0x01 || 32-byte public key)>; the base64 may itself hold '+'.
    name, key_id, rest = vkey.strip().split("+", 2)
    raw = base64.b64decode(rest, validate=True)
    if len(raw) != 33 or raw[0] != 0x01:
        fail("not an Ed25519 vkey")
    expected = hashlib.sha256(name.encode() + b"\n" + b"\x01" + raw[1:]).digest()[:4]
    if expected.hex() != key_id:
        fail("vkey id mismatch")
    return name, expected, Ed25519PublicKey.from_public_bytes(raw[1:])


def open_note(note, name, key_id, public_key):
    if not note.endswith("\n"):
        fail("note does not end in a newline")
    cut = note.rfind("\n\n")
    if cut < 0:
        fail("no blank line before the signatures")
    text = note[: cut + 1]
    verified = False
    for line in note[cut + 2 :].split("\n")[:-1]:
        dash, key_name, sig = line.split(" ")
        if dash != "\u2014":
            fail("bad signature line")
        raw = base64.b64decode(sig, validate=True)
        if key_name != name or raw[:4] != key_id:
            continue  # unknown keys are ignored
        try:
            public_key.verify(raw[4:], text.encode())
        except InvalidSignature:
            fail("signature does not verify")
        verified = True
    if not verified:
        fail("no signature by the trusted key")
    return text


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_inclusion(index, size, leaf, proof):
    # RFC 9162, section 2.1.3.2
    if index >= size:
        fail("index outside the tree")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            fail("proof too long")
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        fail("proof too short")
    return r


def consistent(first, second, first_hash, second_hash, proof):
    # RFC 9162, section 2.1.4.2
    if first > second:
        fail("the earlier tree is larger")
    if first == second:
        if proof or first_hash != second_hash:
            fail("same size, other tree")
        return
    if first == 0 or not proof:
        fail("no proof")
    if first & (first - 1) == 0:
        proof = [first_hash] + proof
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            fail("proof too long")
        if fn & 1 or fn == sn:
            fr = node(c, fr)
            sr = node(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        fail("proof too short")
    if fr != first_hash or sr != second_hash:
        fail("the proof does not lead to both roots")


def checkpoint_of(note, name, key_id, public_key):
    lines = open_note(note, name, key_id, public_key).split("\n")
    if lines[0] != name:
        fail("checkpoint origin is not the key's name")
    return int(lines[1]), base64.b64decode(lines[2], validate=True)


def main_consistency(vkey, kept_path, proof_path):
    name, key_id, public_key = parse_vkey(vkey)
    with open(kept_path, encoding="utf-8") as handle:
        old_size, old_root = checkpoint_of(handle.read(), name, key_id, public_key)
    with open(proof_path, encoding="utf-8") as handle:
        text = handle.read()
    head, _, note = text.partition("\n\n")
    lines = head.split("\n")
    if not lines[0].startswith("old ") or int(lines[0][4:]) != old_size:
        fail("the proof does not start at the kept checkpoint's size")
    proof = [base64.b64decode(line, validate=True) for line in lines[1:]]
    new_size, new_root = checkpoint_of(note, name, key_id, public_key)
    consistent(old_size, new_size, old_root, new_root, proof)
    print("ok %d %d" % (old_size, new_size))


def main():
    if sys.argv[1] == "consistency":
        main_consistency(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    vkey, proof_path, entry_hash = sys.argv[1], sys.argv[2], sys.argv[3]
    name, key_id, public_key = parse_vkey(vkey)
    with open(proof_path, encoding="utf-8") as handle:
        text = handle.read()
    head, _, note = text.partition("\n\n")
    lines = head.split("\n")
    if lines[0] != "c2sp.org/tlog-proof@v1":
        fail("not a tlog-proof@v1")
    lines = lines[1:]
    if lines and lines[0].startswith("extra "):
        lines = lines[1:]
    if not lines[0].startswith("index "):
        fail("no index line")
    index = int(lines[0][6:])
    proof = [base64.b64decode(line, validate=True) for line in lines[1:]]
    checkpoint = open_note(note, name, key_id, public_key).split("\n")
    if checkpoint[0] != name:
        fail("checkpoint origin is not the key's name")
    size, root = int(checkpoint[1]), base64.b64decode(checkpoint[2], validate=True)
    leaf = hashlib.sha256(b"\x00" + bytes.fromhex(entry_hash)).digest()
    if root_from_inclusion(index, size, leaf, proof) != root:
        fail("the proof does not lead to the checkpoint's root")
    print("ok %d %d" % (index, size))


main()
