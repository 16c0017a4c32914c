// RFC 3161 time stamps through OpenSSL's TS functions (libcrypto), for checkpoints an auditor keeps
// with a time no writer of the store can set. libcrypto is opened with dlopen on first use, as
// libpq is: a command that never touches a time stamp does not load it. Only this target holds
// OpenSSL pointers; each function frees what it made before it returns.
#ifndef UEA_CTIMESTAMP_H
#define UEA_CTIMESTAMP_H
#include <stddef.h>
#include <stdint.h>

/// A DER TimeStampReq (RFC 3161 §2.4.1, version 1) for the SHA-256 `digest`, with `nonce` and
/// certReq true. Returns 0 and a malloc'ed buffer in `out` (free it with free()), else writes
/// what went wrong into `error` and returns -1.
int uea_ts_request(const uint8_t digest[32], uint64_t nonce, uint8_t **out, size_t *out_length, char *error, size_t error_size);

/// Verifies a DER TimeStampResp (RFC 3161 §2.4.2) offline: granted, its token signed by a
/// certificate that chains to the PEM certificates in `chain` as they were valid at the token's
/// own genTime, and its message imprint the SHA-256 `digest`. On success returns 0 and writes the
/// genTime as seconds since 1970 into `time`, the GeneralizedTime text into `time_text` and the
/// TSA's name (when the token names it) into `tsa`; else writes what went wrong into `error` and
/// returns -1 (not a response, not granted, wrong digest, bad signature or chain).
int uea_ts_verify(
    const uint8_t *response, size_t response_length, const uint8_t digest[32], const char *chain, size_t chain_length,
    int64_t *time, char *time_text, size_t time_text_size, char *tsa, size_t tsa_size, char *error, size_t error_size);
#endif
