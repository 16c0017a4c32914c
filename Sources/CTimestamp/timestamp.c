#include "ctimestamp.h"

#include <dlfcn.h>
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// Every libcrypto function used, resolved by name at first use with the header's own type.
#define UEA_TS_FUNCTIONS(X)                                                                            \
    X(TS_REQ_new) X(TS_REQ_free) X(TS_REQ_set_version) X(TS_REQ_set_msg_imprint) X(TS_REQ_set_nonce)     \
    X(TS_REQ_set_cert_req) X(i2d_TS_REQ) X(TS_MSG_IMPRINT_new) X(TS_MSG_IMPRINT_free)                  \
    X(TS_MSG_IMPRINT_set_algo) X(TS_MSG_IMPRINT_set_msg) X(TS_MSG_IMPRINT_get_algo) X(X509_ALGOR_new)  \
    X(X509_ALGOR_free) X(X509_ALGOR_set0) X(X509_ALGOR_get0) X(OBJ_nid2obj) X(OBJ_obj2nid)              \
    X(ASN1_INTEGER_new) X(ASN1_INTEGER_free) X(ASN1_INTEGER_set_uint64) X(ASN1_INTEGER_get)            \
    X(ASN1_TIME_to_tm) X(ASN1_STRING_get0_data) X(ASN1_STRING_length) X(d2i_TS_RESP) X(TS_RESP_free)   \
    X(TS_RESP_get_tst_info) X(TS_RESP_get_status_info) X(TS_STATUS_INFO_get0_status)                    \
    X(TS_TST_INFO_get_time) X(TS_TST_INFO_get_msg_imprint) X(TS_TST_INFO_get_tsa) X(X509_STORE_new)    \
    X(X509_STORE_free) X(X509_STORE_add_cert) X(X509_STORE_get0_param) X(X509_VERIFY_PARAM_set_time)   \
    X(BIO_new_mem_buf) X(BIO_free) X(PEM_read_bio_X509) X(X509_free) X(X509_NAME_oneline)               \
    X(TS_VERIFY_CTX_new) X(TS_VERIFY_CTX_free) X(TS_VERIFY_CTX_set_flags) X(TS_VERIFY_CTX_set_imprint) \
    X(TS_VERIFY_CTX_set_store) X(TS_RESP_verify_response) X(CRYPTO_malloc) X(CRYPTO_free)              \
    X(ERR_get_error_all) X(ERR_error_string_n) X(ERR_clear_error)

static struct {
#define UEA_TS_FIELD(name) __typeof__(&name) name;
    UEA_TS_FUNCTIONS(UEA_TS_FIELD)
#undef UEA_TS_FIELD
} api;
static const char *load_failure = NULL;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
#if defined(__APPLE__)
    void *handle = dlopen("libcrypto.3.dylib", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) handle = dlopen("/opt/homebrew/opt/openssl@3/lib/libcrypto.3.dylib", RTLD_NOW | RTLD_LOCAL);
#else
    void *handle = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
#endif
    if (handle == NULL) {
        load_failure = "libcrypto (OpenSSL 3) cannot be opened: install the package libssl3";
        return;
    }
#define UEA_TS_RESOLVE(name)                                            \
    api.name = (__typeof__(&name))dlsym(handle, #name);                 \
    if (api.name == NULL) {                                             \
        load_failure = "libcrypto lacks " #name " (OpenSSL 3 is needed)"; \
        return;                                                         \
    }
    UEA_TS_FUNCTIONS(UEA_TS_RESOLVE)
#undef UEA_TS_RESOLVE
}

/// Writes `message` and, when OpenSSL queued one, its own reason into `error`; returns -1.
static int fail(char *error, size_t size, const char *message) {
    char reason[256] = "";
    const char *data = NULL;
    int flags = 0;
    unsigned long code = load_failure == NULL ? api.ERR_get_error_all(NULL, NULL, NULL, &data, &flags) : 0;
    if (code != 0) api.ERR_error_string_n(code, reason, sizeof reason);
    // OpenSSL's own words after its code (for a chain: "Verify error:certificate has expired").
    const char *detail = code != 0 && (flags & ERR_TXT_STRING) && data != NULL ? data : "";
    snprintf(error, size, "%s%s%s%s%s", message, code != 0 ? ": " : "", reason, *detail ? " (" : "", detail);
    if (*detail) strncat(error, ")", size - strlen(error) - 1);
    if (load_failure == NULL) api.ERR_clear_error();
    return -1;
}

int uea_ts_request(const uint8_t digest[32], uint64_t nonce, uint8_t **out, size_t *out_length, char *error, size_t error_size) {
    pthread_once(&load_once, load);
    if (load_failure != NULL) return fail(error, error_size, load_failure);
    int result = -1;
    TS_REQ *request = api.TS_REQ_new();
    TS_MSG_IMPRINT *imprint = api.TS_MSG_IMPRINT_new();
    X509_ALGOR *algorithm = api.X509_ALGOR_new();
    ASN1_INTEGER *number = api.ASN1_INTEGER_new();
    unsigned char *der = NULL;
    if (request == NULL || imprint == NULL || algorithm == NULL || number == NULL) {
        fail(error, error_size, "out of memory");
        goto done;
    }
    if (!api.X509_ALGOR_set0(algorithm, api.OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL) ||
        !api.TS_MSG_IMPRINT_set_algo(imprint, algorithm) || !api.TS_MSG_IMPRINT_set_msg(imprint, (unsigned char *)digest, 32) ||
        !api.TS_REQ_set_version(request, 1) || !api.TS_REQ_set_msg_imprint(request, imprint) ||
        !api.ASN1_INTEGER_set_uint64(number, nonce) || !api.TS_REQ_set_nonce(request, number) ||
        !api.TS_REQ_set_cert_req(request, 1)) {
        fail(error, error_size, "the time-stamp request could not be made");
        goto done;
    }
    int length = api.i2d_TS_REQ(request, &der);
    if (length <= 0 || (*out = malloc((size_t)length)) == NULL) {
        fail(error, error_size, "the time-stamp request could not be encoded");
        goto done;
    }
    memcpy(*out, der, (size_t)length);
    *out_length = (size_t)length;
    result = 0;
done:
    if (der != NULL) api.CRYPTO_free(der, __FILE__, __LINE__);
    if (number != NULL) api.ASN1_INTEGER_free(number);
    if (algorithm != NULL) api.X509_ALGOR_free(algorithm);
    if (imprint != NULL) api.TS_MSG_IMPRINT_free(imprint);
    if (request != NULL) api.TS_REQ_free(request);
    return result;
}

int uea_ts_verify(
    const uint8_t *response, size_t response_length, const uint8_t digest[32], const char *chain, size_t chain_length,
    int64_t *time, char *time_text, size_t time_text_size, char *tsa, size_t tsa_size, char *error, size_t error_size) {
    pthread_once(&load_once, load);
    if (load_failure != NULL) return fail(error, error_size, load_failure);
    if (response_length > 1 << 20 || chain_length > 1 << 20) return fail(error, error_size, "more than 1 MB: not a time stamp");
    int result = -1;
    X509_STORE *store = NULL;
    TS_VERIFY_CTX *context = NULL;
    BIO *certificates = NULL;
    const unsigned char *cursor = response;
    TS_RESP *parsed = api.d2i_TS_RESP(NULL, &cursor, (long)response_length);
    if (parsed == NULL || cursor != response + response_length) {
        fail(error, error_size, "not a DER time-stamp response (RFC 3161 TimeStampResp), or bytes after it");
        goto done;
    }
    TS_TST_INFO *info = api.TS_RESP_get_tst_info(parsed);
    if (info == NULL) {
        long status = api.ASN1_INTEGER_get(api.TS_STATUS_INFO_get0_status(api.TS_RESP_get_status_info(parsed)));
        snprintf(error, error_size, "the time-stamp authority did not grant the request (PKIStatus %ld)", status);
        goto done;
    }
    // The token's own time: the moment its signer's chain must have been valid.
    const ASN1_GENERALIZEDTIME *generated = api.TS_TST_INFO_get_time(info);
    struct tm when;
    memset(&when, 0, sizeof when);
    if (generated == NULL || !api.ASN1_TIME_to_tm(generated, &when)) {
        fail(error, error_size, "the time stamp has no readable genTime");
        goto done;
    }
    *time = (int64_t)timegm(&when);
    int text_length = api.ASN1_STRING_length(generated);
    snprintf(time_text, time_text_size, "%.*s", text_length, (const char *)api.ASN1_STRING_get0_data(generated));
    const ASN1_OBJECT *algorithm = NULL;
    api.X509_ALGOR_get0(&algorithm, NULL, NULL, api.TS_MSG_IMPRINT_get_algo(api.TS_TST_INFO_get_msg_imprint(info)));
    if (algorithm == NULL || api.OBJ_obj2nid(algorithm) != NID_sha256) {
        fail(error, error_size, "the time stamp is not over a SHA-256 imprint");
        goto done;
    }
    tsa[0] = 0;
    GENERAL_NAME *name = api.TS_TST_INFO_get_tsa(info);
    if (name != NULL && name->type == GEN_DIRNAME) api.X509_NAME_oneline(name->d.directoryName, tsa, (int)tsa_size);
    store = api.X509_STORE_new();
    certificates = api.BIO_new_mem_buf(chain, (int)chain_length);
    if (store == NULL || certificates == NULL) {
        fail(error, error_size, "out of memory");
        goto done;
    }
    int count = 0;
    X509 *certificate;
    while ((certificate = api.PEM_read_bio_X509(certificates, NULL, NULL, NULL)) != NULL) {
        int added = api.X509_STORE_add_cert(store, certificate);
        api.X509_free(certificate);
        if (!added) {
            fail(error, error_size, "a certificate of the chain could not be used");
            goto done;
        }
        count += 1;
    }
    api.ERR_clear_error();  // the end of the PEM data
    if (count == 0) {
        fail(error, error_size, "the TSA chain file holds no PEM certificate");
        goto done;
    }
    api.X509_VERIFY_PARAM_set_time(api.X509_STORE_get0_param(store), (time_t)*time);
    context = api.TS_VERIFY_CTX_new();
    unsigned char *expected = api.CRYPTO_malloc(32, __FILE__, __LINE__);
    if (context == NULL || expected == NULL) {
        if (expected != NULL) api.CRYPTO_free(expected, __FILE__, __LINE__);
        fail(error, error_size, "out of memory");
        goto done;
    }
    memcpy(expected, digest, 32);
    api.TS_VERIFY_CTX_set_flags(context, TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT);
    api.TS_VERIFY_CTX_set_imprint(context, expected, 32);  // owned by the context from here
    api.TS_VERIFY_CTX_set_store(context, store);            // likewise
    store = NULL;
    if (api.TS_RESP_verify_response(context, parsed) != 1) {
        fail(error, error_size, "the time stamp does not verify");
        goto done;
    }
    result = 0;
done:
    if (context != NULL) api.TS_VERIFY_CTX_free(context);
    if (store != NULL) api.X509_STORE_free(store);
    if (certificates != NULL) api.BIO_free(certificates);
    if (parsed != NULL) api.TS_RESP_free(parsed);
    return result;
}
