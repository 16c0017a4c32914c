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
    if (error->code == XML_SCHEMAV_INTERNAL) errors->internal = 1;
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

// MARK: - Validating the tree SafeXML already built

/// The line the validator reports for an error: that of the element being started, ended or
/// given text (in a tree, libxml2 reports an element's start line the same way).
typedef struct { long line; } uea_replay_position;

static int uea_replay_locator(void *context, const char **file, unsigned long *line) {
    if (file != NULL) *file = NULL;
    if (line != NULL) *line = (unsigned long)((uea_replay_position *)context)->line;
    return 0;
}

/// Feeds the text segments before `end` (the next element's first segment, or the closing
/// element's end) to the validator, each as a text event of its owner.
static void uea_replay_text(const uea_tree *tree, int32_t *next, int32_t end, xmlSAXHandlerPtr sax, void *user,
                            uea_replay_position *position) {
    for (; *next < end; (*next)++) {
        const uea_segment *segment = &tree->segments[*next];
        position->line = tree->elements[segment->owner].line;
        sax->characters(user, (const xmlChar *)tree->text + segment->offset, (int)segment->length);
    }
}

int uea_schema_validate_tree(void *schema, const uea_tree *tree, uea_schema_errors *errors) {
    if (tree == NULL || tree->elementCount == 0) return -1;
    xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt((xmlSchemaPtr)schema);
    if (context == NULL) return -1;
    xmlSchemaSetValidStructuredErrors(context, uea_collect_validity, errors);
    // With no handler of our own, the plug hands back libxml2's validating SAX2 handler and its
    // user data: the events below go straight to the validator.
    xmlSAXHandlerPtr sax = NULL;
    void *user = NULL;
    xmlSchemaSAXPlugPtr plug = xmlSchemaSAXPlug(context, &sax, &user);
    uea_replay_position position = { 0 };
    size_t depthLimit = (size_t)(tree->maxDepth > 0 ? tree->maxDepth : 1) + 1;
    int32_t *open = malloc(depthLimit * sizeof(int32_t));
    const xmlChar **namespaces = NULL, **attributes = NULL;
    int32_t namespaceRoom = 0, attributeRoom = 0;
    char *escaped = NULL;
    size_t escapedRoom = 0;
    int failed = plug == NULL || sax == NULL || open == NULL;
    if (!failed) xmlSchemaValidateSetLocator(context, uea_replay_locator, &position);
    int32_t depth = 0, nextSegment = 0;
    for (int32_t index = 0; !failed && index < tree->elementCount; index++) {
        const uea_element *element = &tree->elements[index];
        // Close the elements this one is not inside, then replay the text before it.
        while (depth > 0 && index >= tree->elements[open[depth - 1]].subtreeEnd) {
            const uea_element *closing = &tree->elements[open[--depth]];
            uea_replay_text(tree, &nextSegment, closing->endSegment, sax, user, &position);
            position.line = closing->line;
            sax->endElementNs(user, (const xmlChar *)closing->localName, (const xmlChar *)closing->prefix, (const xmlChar *)closing->uri);
        }
        uea_replay_text(tree, &nextSegment, element->firstSegment, sax, user, &position);
        if ((size_t)depth >= depthLimit) { failed = 1; break; }
        // Namespace declarations as prefix/URI pairs; attributes as libxml2's SAX2 hands them over:
        // localname, prefix, URI, value, end, with an ampersand in a value written as &#38;.
        if (element->namespaceCount * 2 > namespaceRoom) {
            namespaceRoom = element->namespaceCount * 2;
            const xmlChar **grown = realloc(namespaces, (size_t)namespaceRoom * sizeof(xmlChar *));
            if (grown == NULL) { failed = 1; break; }
            namespaces = grown;
        }
        for (int32_t slot = 0; slot < element->namespaceCount; slot++) {
            const uea_namespace *declared = &tree->namespaces[element->firstNamespace + slot];
            namespaces[2 * slot] = (const xmlChar *)declared->prefix;
            namespaces[2 * slot + 1] = (const xmlChar *)(declared->uri != NULL ? declared->uri : "");
        }
        size_t needed = 0;
        for (int32_t slot = 0; slot < element->attributeCount; slot++) {
            const uea_attribute *attribute = &tree->attributes[element->firstAttribute + slot];
            needed += attribute->length;
            for (uint32_t at = 0; at < attribute->length; at++) if (tree->text[attribute->offset + at] == '&') needed += 4;
        }
        if (needed + 1 > escapedRoom) {
            char *grown = realloc(escaped, needed + 1);
            if (grown == NULL) { failed = 1; break; }
            escaped = grown;
            escapedRoom = needed + 1;
        }
        if (element->attributeCount * 5 > attributeRoom) {
            attributeRoom = element->attributeCount * 5;
            const xmlChar **grown = realloc(attributes, (size_t)attributeRoom * sizeof(xmlChar *));
            if (grown == NULL) { failed = 1; break; }
            attributes = grown;
        }
        size_t used = 0;
        for (int32_t slot = 0; slot < element->attributeCount; slot++) {
            const uea_attribute *attribute = &tree->attributes[element->firstAttribute + slot];
            attributes[5 * slot] = (const xmlChar *)attribute->localName;
            attributes[5 * slot + 1] = NULL;
            attributes[5 * slot + 2] = (const xmlChar *)attribute->uri;
            attributes[5 * slot + 3] = (const xmlChar *)escaped + used;
            for (uint32_t at = 0; at < attribute->length; at++) {
                char byte = tree->text[attribute->offset + at];
                if (byte == '&') { memcpy(escaped + used, "&#38;", 5); used += 5; } else escaped[used++] = byte;
            }
            attributes[5 * slot + 4] = (const xmlChar *)escaped + used;
        }
        position.line = element->line;
        sax->startElementNs(user, (const xmlChar *)element->localName, (const xmlChar *)element->prefix, (const xmlChar *)element->uri,
                            element->namespaceCount, namespaces, element->attributeCount, 0, attributes);
        open[depth++] = index;
    }
    while (!failed && depth > 0) {
        const uea_element *closing = &tree->elements[open[--depth]];
        uea_replay_text(tree, &nextSegment, closing->endSegment, sax, user, &position);
        position.line = closing->line;
        sax->endElementNs(user, (const xmlChar *)closing->localName, (const xmlChar *)closing->prefix, (const xmlChar *)closing->uri);
    }
    int valid = !failed && xmlSchemaIsValid(context) == 1 && errors->total == 0;
    if (plug != NULL) xmlSchemaSAXUnplug(plug);
    xmlSchemaFreeValidCtxt(context);
    free(open);
    free(namespaces);
    free(attributes);
    free(escaped);
    if (failed || errors->internal) return -1;
    return valid ? 0 : 1;
}

void uea_schema_errors_free(uea_schema_errors *errors) {
    for (int index = 0; index < errors->count; index++) free(errors->errors[index].message);
    free(errors->errors);
    errors->errors = NULL;
    errors->count = errors->capacity = 0;
}
