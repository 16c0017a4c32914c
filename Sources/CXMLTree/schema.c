// XML Schema validation for SafeXML: libxml2's own validator, with schemas compiled only from the
// repository's files (see uea_refusing_entity_loader) and documents parsed without network, DTD
// loading or entity substitution. Only SafeXML calls these.
#include "uea_xml_tree.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

void uea_xml_allow_schema_root(const char *root);

static void uea_copy_message(char *out, size_t size, const char *message) {
    if (size == 0) return;
    if (message == NULL) message = "";
    strncpy(out, message, size - 1);
    out[size - 1] = 0;
    size_t length = strlen(out);
    while (length > 0 && (out[length - 1] == '\n' || out[length - 1] == ' ')) out[--length] = 0;
}

typedef struct { char *message; size_t size; int seen; } uea_first_error;

static void uea_keep_first(void *userData, xmlErrorPtr error) {
    uea_first_error *first = (uea_first_error *)userData;
    if (first->seen || error == NULL || error->level < XML_ERR_ERROR) return;
    first->seen = 1;
    uea_copy_message(first->message, first->size, error->message);
}

void *uea_schema_compile(const char *path, char *message, size_t messageSize) {
    char resolved[PATH_MAX];
    if (realpath(path, resolved) == NULL) { uea_copy_message(message, messageSize, "the schema file cannot be found"); return NULL; }
    char root[PATH_MAX];
    strcpy(root, resolved);
    // The schema set's folder: two levels up from maindoc/X.xsd (its imports are in ../common).
    for (int up = 0; up < 2; up++) { char *slash = strrchr(root, '/'); if (slash != NULL && slash != root) *slash = 0; }
    uea_first_error first = { message, messageSize, 0 };
    if (messageSize > 0) message[0] = 0;
    uea_xml_allow_schema_root(root);
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(resolved);
    xmlSchemaPtr schema = NULL;
    if (parser != NULL) {
        xmlSchemaSetParserStructuredErrors(parser, uea_keep_first, &first);
        schema = xmlSchemaParse(parser);
        xmlSchemaFreeParserCtxt(parser);
    }
    uea_xml_allow_schema_root(NULL);
    if (schema == NULL && !first.seen) uea_copy_message(message, messageSize, "the schema cannot be compiled");
    return schema;
}

void uea_schema_free(void *schema) { if (schema != NULL) xmlSchemaFree((xmlSchemaPtr)schema); }

static void uea_collect_validity(void *userData, xmlErrorPtr error) {
    uea_schema_errors *errors = (uea_schema_errors *)userData;
    if (error == NULL || error->level < XML_ERR_ERROR) return;
    errors->total++;
    if (errors->count >= errors->keep) return;
    if (errors->count == errors->capacity) {
        int capacity = errors->capacity == 0 ? 16 : errors->capacity * 2;
        uea_schema_error *grown = realloc(errors->errors, (size_t)capacity * sizeof(uea_schema_error));
        if (grown == NULL) return;
        errors->errors = grown;
        errors->capacity = capacity;
    }
    uea_schema_error *entry = &errors->errors[errors->count++];
    entry->line = error->line;
    entry->domain = error->domain;
    const char *text = error->message != NULL ? error->message : "";
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == ' ')) length--;
    entry->message = strndup(text, length);
}

int uea_schema_validate(void *schema, const char *bytes, int length, const char *name, uea_schema_errors *errors) {
    // The same parse as `xmllint --nonet --schema`: libxml2's tree, line numbers beyond 65535,
    // no network, no DTD loading, no entity substitution (documents with a DOCTYPE never get here).
    xmlDocPtr document = xmlReadMemory(bytes, length, name, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
    if (document == NULL) return -1;
    xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt((xmlSchemaPtr)schema);
    if (context == NULL) { xmlFreeDoc(document); return -1; }
    xmlSchemaSetValidStructuredErrors(context, uea_collect_validity, errors);
    int result = xmlSchemaValidateDoc(context, document);
    xmlSchemaFreeValidCtxt(context);
    xmlFreeDoc(document);
    return result;
}

void uea_schema_errors_free(uea_schema_errors *errors) {
    for (int index = 0; index < errors->count; index++) free(errors->errors[index].message);
    free(errors->errors);
    errors->errors = NULL;
    errors->count = errors->capacity = 0;
}
