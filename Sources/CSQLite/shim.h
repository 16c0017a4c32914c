// The system SQLite (libsqlite3-dev). SQLITE_TRANSIENT is a cast macro Swift cannot import.
#ifndef UEA_CSQLITE_SHIM_H
#define UEA_CSQLITE_SHIM_H
#include <sqlite3.h>

static inline int uea_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text) {
    return sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT);
}
static inline int uea_sqlite_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int count) {
    return sqlite3_bind_blob(statement, index, bytes, count, SQLITE_TRANSIENT);
}
#endif
