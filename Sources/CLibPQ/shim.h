// libpq, the PostgreSQL client library (libpq-dev), for the team store.
#ifndef UEA_CLIBPQ_SHIM_H
#define UEA_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
