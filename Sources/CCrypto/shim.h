// SHA-256 from the system's libcrypto (OpenSSL 3): no package to compile. Only the header is used
// at build time; the library is opened with dlopen when the command line starts (SHA256.unavailable),
// so a missing library is one clear line. The algorithm is fetched on the first hash, on the thread
// that hashes first: fetching initialises OpenSSL (configuration, default provider), which then
// overlaps with parsing the bid instead of delaying it.
#ifndef UEA_CCRYPTO_SHIM_H
#define UEA_CCRYPTO_SHIM_H
#include <dlfcn.h>
#include <stddef.h>
#include <openssl/evp.h>

typedef struct uea_sha256_api {
    __typeof__(&EVP_MD_fetch) fetch;
    __typeof__(&EVP_Digest) digest;
    /// SHA-256 fetched from the default provider once; an EVP_MD is immutable and may be shared by threads.
    EVP_MD *md;
} uea_sha256_api;

/// Opens libcrypto and fills the functions of `api`. Returns NULL on success, otherwise what went wrong.
static inline const char *uea_sha256_load(uea_sha256_api *api) {
    void *handle = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return dlerror();
    api->fetch = (__typeof__(&EVP_MD_fetch))dlsym(handle, "EVP_MD_fetch");
    api->digest = (__typeof__(&EVP_Digest))dlsym(handle, "EVP_Digest");
    api->md = NULL;
    return api->fetch != NULL && api->digest != NULL ? NULL : "libcrypto.so.3 lacks EVP_MD_fetch/EVP_Digest";
}

/// Fetches SHA-256 from the default provider into `api->md`. Returns NULL on success.
static inline const char *uea_sha256_fetch(uea_sha256_api *api) {
    api->md = api->fetch(NULL, "SHA256", NULL);
    return api->md != NULL ? NULL : "libcrypto.so.3 offers no SHA-256 (default provider not loaded)";
}

/// Writes the 32-byte SHA-256 of `data` to `digest`; returns 1 on success.
static inline int uea_sha256(const uea_sha256_api *api, const void *data, size_t length, unsigned char *digest) {
    unsigned int size = 0;
    return api->digest(data, length, digest, &size, api->md, NULL) == 1 && size == 32;
}
#endif
