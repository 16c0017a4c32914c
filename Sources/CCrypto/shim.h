// SHA-256 from the system's libcrypto (OpenSSL 3): no package to compile. Only the header is used
// at build time; the library is opened with dlopen on the first hash. Linking it would load and
// initialise OpenSSL at every start (~0.8 ms, before main); opened on first use it is loaded on a
// helper thread (the one hashing the first bid, or the rule-data thread once the rules are read)
// while the main thread parses the bid.
#ifndef UEA_CCRYPTO_SHIM_H
#define UEA_CCRYPTO_SHIM_H
// SHA256_Init/Update/Final run the (SHA-NI/AVX2-dispatched) block function directly. EVP_Digest
// and, in OpenSSL 3, the one-shot SHA256() fetch the algorithm from a provider on every call and
// load the configuration on the first: ~5 M instructions before the first byte is hashed, more
// than hashing the 16 kB of rule data it was called for. Deprecated in OpenSSL 3, not removed.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <dlfcn.h>
#include <stddef.h>
#include <openssl/sha.h>

typedef struct uea_sha256_api {
    __typeof__(&SHA256_Init) init;
    __typeof__(&SHA256_Update) update;
    __typeof__(&SHA256_Final) final;
} uea_sha256_api;

/// Opens libcrypto and fills `api`. Returns NULL on success, otherwise what went wrong.
static inline const char *uea_sha256_load(uea_sha256_api *api) {
    void *handle = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return dlerror();
    api->init = (__typeof__(&SHA256_Init))dlsym(handle, "SHA256_Init");
    api->update = (__typeof__(&SHA256_Update))dlsym(handle, "SHA256_Update");
    api->final = (__typeof__(&SHA256_Final))dlsym(handle, "SHA256_Final");
    return api->init && api->update && api->final ? NULL : "libcrypto.so.3 lacks SHA256_Init/Update/Final";
}

/// Writes the 32-byte SHA-256 of `data` to `digest`; returns 1 on success.
static inline int uea_sha256(const uea_sha256_api *api, const void *data, size_t length, unsigned char *digest) {
    SHA256_CTX context;
    return api->init(&context) && api->update(&context, data, length) && api->final(digest, &context);
}
#endif
