#!/usr/bin/env python3
"""Opens the sealed files of a uea-screen SQLite store with an independent ChaCha20-Poly1305 (the
Python 'cryptography' package), from the format the README describes, not from uea-screen's code:
the store's data key (UEA-DATA-KEY+<origin>+<32 bytes in base64>) unwraps each file's key
(nonce 12 bytes, ciphertext, tag; additional data "uea-screen/file-key/1\\n" + SHA-256 hex), which
opens the file (additional data "uea-screen/sealed-file/1\\n" + SHA-256 hex), whose SHA-256 must
be the one it is kept under.

usage: open_sealed_files.py STORE KEY_FILE [--tamper COPY]
Prints "opened <n>" and exits 0 when every sealed file opens and has its SHA-256 and no source or
attached file is kept in clear; exits 1 with one line otherwise. With --tamper, first writes COPY: the store with one byte of one sealed file's
ciphertext flipped in the database file, and checks that copy instead.
"""
import base64
import hashlib
import shutil
import sqlite3
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305


def fail(message):
    print("invalid: " + message)
    sys.exit(1)


def main():
    store, key_file = sys.argv[1], sys.argv[2]
    if len(sys.argv) == 5 and sys.argv[3] == "--tamper":
        copy = sys.argv[4]
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
            sealed = db.execute("SELECT bytes FROM blobs WHERE wrapped_key IS NOT NULL LIMIT 1").fetchone()[0]
        shutil.copyfile(store, copy)
        data = bytearray(open(copy, "rb").read())
        at = data.find(sealed[16:48])
        if at < 0:
            fail("the sealed bytes are not in the main database file")
        data[at + 3] ^= 0x01
        open(copy, "wb").write(bytes(data))
        store = copy
    prefix, _origin, raw = open(key_file).read().strip().split("+", 2)
    store_key = base64.b64decode(raw)
    if prefix != "UEA-DATA-KEY" or len(store_key) != 32:
        fail("not a store data key")
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    opened = 0
    for sha, sealed, wrapped in db.execute("SELECT sha256, bytes, wrapped_key FROM blobs WHERE wrapped_key IS NOT NULL"):
        box = base64.b64decode(wrapped)
        try:
            file_key = ChaCha20Poly1305(store_key).decrypt(box[:12], box[12:], b"uea-screen/file-key/1\n" + sha.encode())
            plain = ChaCha20Poly1305(file_key).decrypt(sealed[:12], sealed[12:], b"uea-screen/sealed-file/1\n" + sha.encode())
        except InvalidTag:
            fail(f"file {sha[:16]} does not open")
        if hashlib.sha256(plain).hexdigest() != sha:
            fail(f"file {sha[:16]} does not have its SHA-256")
        opened += 1
    clear = [row[0] for row in db.execute(
        "SELECT DISTINCT f.sha256 FROM entry_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE b.wrapped_key IS NULL")]
    if clear:
        fail(f"{len(clear)} source or attached files are kept in clear, first {clear[0][:16]}")
    print(f"opened {opened}")


main()
