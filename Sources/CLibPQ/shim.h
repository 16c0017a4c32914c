// libpq, the PostgreSQL client library, for the team store. Only its header is used at build
// time: the library itself is opened with dlopen the first time a PostgreSQL store is used, so
// the dozen libraries libpq pulls in (Kerberos, LDAP, GnuTLS...) are not loaded, relocated and
// initialised on every run of a command that never talks to PostgreSQL (bench/README.md).
#ifndef UEA_CLIBPQ_SHIM_H
#define UEA_CLIBPQ_SHIM_H
#include <dlfcn.h>
#include <stddef.h>
#include <postgresql/libpq-fe.h>  // Debian libpq-dev; its own includes are relative

#define UEA_PQ_FUNCTIONS(X) \
    X(connectdb) X(status) X(errorMessage) X(finish) X(exec) X(execParams) X(clear) \
    X(resultStatus) X(resultErrorMessage) X(ntuples) X(nfields) X(getisnull) X(getvalue) X(ftype)

/// The libpq functions the store calls, resolved from the shared library at run time.
typedef struct uea_libpq {
#define UEA_PQ_FIELD(name) __typeof__(&PQ##name) name;
    UEA_PQ_FUNCTIONS(UEA_PQ_FIELD)
#undef UEA_PQ_FIELD
} uea_libpq;

/// Opens libpq and fills `api`. Returns NULL on success, otherwise what went wrong.
static inline const char *uea_libpq_load(uea_libpq *api) {
#if defined(__APPLE__)
    // Homebrew's libpq (keg-only) and the system search path.
    void *handle = dlopen("libpq.5.dylib", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) handle = dlopen("/opt/homebrew/opt/libpq/lib/libpq.5.dylib", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) handle = dlopen("/usr/local/opt/libpq/lib/libpq.5.dylib", RTLD_NOW | RTLD_LOCAL);
#else
    void *handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
#endif
    if (handle == NULL) return dlerror();
#define UEA_PQ_RESOLVE(name) \
    api->name = (__typeof__(&PQ##name))dlsym(handle, "PQ" #name); \
    if (api->name == NULL) return "libpq lacks PQ" #name;
    UEA_PQ_FUNCTIONS(UEA_PQ_RESOLVE)
#undef UEA_PQ_RESOLVE
    return NULL;
}
#endif
