// A compact, read-only element tree built from libxml2's SAX2 events.
//
// Why not libxml2's own tree (xmlReadMemory): it allocates a 120-byte node per element, per text
// run (the white space between elements included) and per attribute, and looks up namespaces for
// each; building and freeing it cost about as much as the parse itself. Here elements are rows of
// one array, text and attribute values are byte ranges in one buffer, names are libxml2's interned
// dictionary strings (compared by pointer). Only SafeXML uses this header.
//
// The parser is as strict as before: no RECOVER, no NOENT/DTDLOAD, a DOCTYPE stops the parse at
// its start, the external-entity loader refuses everything, the first error is kept quietly.
#ifndef UEA_XML_TREE_H
#define UEA_XML_TREE_H

#include <stddef.h>
#include <stdint.h>

/// Per-parse outcome: the first error libxml2 reported and whether a DOCTYPE was seen.
typedef struct {
    int wellFormed;
    int doctypeSeen;
    int doctypeLine;
    int errorSeen;
    int errorCode;
    int errorLine;
    int errorColumn;
    int depthExceeded;
    int depthLine;
    int headComplete;   // uea_tree_parse_head: the element limit was reached (the tree is the document's head)
    int recordStopped;  // uea_tree_parse_records: the callback stopped the parse
    char errorMessage[512];
} uea_parse_state;

typedef struct {
    const char *localName;  // interned; compare by pointer
    const char *prefix;     // interned or NULL
    const char *uri;        // interned or NULL
    int32_t parent;         // element index, -1 for the root
    int32_t firstChild, nextSibling, previousSibling;  // -1 when none
    int32_t line;
    int32_t subtreeEnd;     // one past the last descendant (elements are stored in document order)
    int32_t firstSegment, endSegment;   // text segments of this element and its descendants
    int32_t firstAttribute, attributeCount;
    int32_t firstNamespace, namespaceCount;
} uea_element;

/// A run of character data (text or CDATA) inside `owner`, as bytes of `text`.
typedef struct {
    int32_t owner;
    uint32_t offset, length;
} uea_segment;

typedef struct {
    const char *localName;
    const char *uri;        // NULL for an attribute in no namespace
    uint32_t offset, length;  // the value in `text`, entity references already decoded
} uea_attribute;

typedef struct {
    const char *prefix;     // NULL for the default namespace
    const char *uri;
} uea_namespace;

typedef struct uea_tree {
    uea_element *elements; int32_t elementCount;
    uea_segment *segments; int32_t segmentCount;
    uea_attribute *attributes; int32_t attributeCount;
    uea_namespace *namespaces; int32_t namespaceCount;
    char *text; size_t textLength;
    char *encoding;         // the declared encoding, or NULL
    void *dictionary;       // libxml2's xmlDictPtr holding every interned name
    /* building state */
    int32_t *stack; int32_t depth; int32_t maxDepth;
    int32_t elementCapacity, segmentCapacity, attributeCapacity, namespaceCapacity;
    size_t textCapacity;
    int failed;             // out of memory
    int32_t elementLimit;   // stop after this many elements (0: none); see uea_tree_parse_head
} uea_tree;

/// Installs the refusing external-entity loader; call once per process before parsing.
void uea_xml_initialize(void);

/// Parses `size` bytes. Returns the tree, or NULL with `state` saying why (not well-formed,
/// DOCTYPE, deeper than `maxDepth`, out of memory when all of `state` is zero).
uea_tree *uea_tree_parse(const char *buffer, int size, int maxDepth, uea_parse_state *state);

/// The first `elements` elements of a document (its root and header), parsed as strictly as
/// `uea_tree_parse` from the start of `buffer` (which may be a prefix of the document). NULL unless
/// that many elements (or a whole, shorter document) were read without an error.
uea_tree *uea_tree_parse_head(const char *buffer, int size, int elements, uea_parse_state *state);

/// Called with each element at the record depth once it is complete (its subtree, text and
/// attributes readable through `tree`, which may have moved since the last call); nonzero stops
/// the parse. After it returns, the element and its subtree are taken out of the tree again.
typedef int (*uea_record_callback)(uea_tree *tree, int32_t element, void *context);

/// `uea_tree_parse`, but each element at `recordDepth` (the root is 0) is handed to `onRecord` as
/// soon as it closes and then forgotten: memory holds the document's other elements and one
/// record. Returns what is left (the root and the elements outside the records), or NULL as
/// `uea_tree_parse` does, or when `onRecord` stopped the parse (`state->recordStopped`).
uea_tree *uea_tree_parse_records(const char *buffer, int size, int maxDepth, int recordDepth, uea_record_callback onRecord,
                                 void *context, uea_parse_state *state);

void uea_tree_free(uea_tree *tree);

/// The interned form of `name` in this document, or NULL when no name in it is spelled so.
const char *uea_tree_intern(const uea_tree *tree, const char *name);

// MARK: - XML Schema validation (schema.c)

typedef struct {
    int line;
    int domain;
    char *message;  // owned (strdup); freed by uea_schema_errors_free
} uea_schema_error;

/// Validity errors: the first `keep` are kept, `total` counts them all.
typedef struct {
    uea_schema_error *errors;
    int count, capacity, keep, total;
    int internal;   // libxml2 reported an internal error: the verdict cannot be trusted
} uea_schema_errors;

/// Compiles the schema at `path`; its imports are read only from its own set's folder (two levels up).
/// NULL with `message` filled when it cannot be compiled.
void *uea_schema_compile(const char *path, char *message, size_t messageSize);
void uea_schema_free(void *schema);
/// 0 valid, > 0 invalid (errors filled), -1 the document could not be parsed for validation.
int uea_schema_validate(void *schema, const char *bytes, int length, const char *name, uea_schema_errors *errors);
/// The same verdict and problems for a tree SafeXML has already built, without parsing again: its
/// elements, attributes, namespace declarations and text are replayed, in document order, as the
/// SAX2 events libxml2's streaming validator (xmlSchemaSAXPlug) takes, each problem at the line of
/// its element (as libxml2 reports it when validating its own tree).
/// 0 valid, > 0 invalid, -1 the validator failed internally.
int uea_schema_validate_tree(void *schema, const uea_tree *tree, uea_schema_errors *errors);
void uea_schema_errors_free(uea_schema_errors *errors);

#endif
