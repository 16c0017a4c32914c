// The compact element tree (see include/uea_xml_tree.h): libxml2 parses, these SAX2 callbacks
// record elements, text and attributes into flat arrays.
#include "uea_xml_tree.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/dict.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>

typedef struct {
    uea_tree *tree;
    uea_parse_state *state;
    int32_t *lastChild;  // per open element: its last child element so far
    int32_t elementsAtLastSegment;  // elementCount when the last text segment was added
    /* uea_tree_parse_records: each element at recordDepth is handed to onRecord when it closes,
       then taken out of the tree again */
    int32_t recordDepth;             // -1: no records
    uea_record_callback onRecord;
    void *recordContext;
    size_t recordText;               // textLength when the current record started
    int stopped;                     // onRecord asked to stop
} uea_builder;

// MARK: - Refusals and errors

/// While this thread compiles an XML Schema from the repository's own files: the folder those
/// files must be in (resolved). NULL at every other time.
static __thread const char *uea_schema_root = NULL;

void uea_xml_allow_schema_root(const char *root) { uea_schema_root = root; }

/// External entities, external DTDs, XIncludes and schema imports all go through this loader. It
/// never opens a socket, and opens a file only while a schema is compiled on this thread, and then
/// only a regular file inside that schema's folder: never because a bid asked for it.
static xmlParserInputPtr uea_refusing_entity_loader(const char *URL, const char *ID, xmlParserCtxtPtr ctxt) {
    (void)ID;
    if (uea_schema_root == NULL || URL == NULL) return NULL;
    const char *path = URL;
    if (strncmp(path, "file://", 7) == 0) path += 7;
    if (strstr(path, "://") != NULL) return NULL;
    char resolved[PATH_MAX];
    if (realpath(path, resolved) == NULL) return NULL;
    size_t length = strlen(uea_schema_root);
    if (strncmp(resolved, uea_schema_root, length) != 0 || resolved[length] != '/') return NULL;
    struct stat status;
    if (stat(resolved, &status) != 0 || !S_ISREG(status.st_mode)) return NULL;
    return xmlNewInputFromFile(ctxt, resolved);
}

void uea_xml_initialize(void) {
    xmlInitParser();
    // libxml2 2.9 builds its table of XML Schema built-in types on the first schema compile,
    // without a lock (xmlSchemaInitTypes; 2.11 moved it into xmlInitParser). Schemas compile on
    // threads of their own, several at once in a batch of mixed releases: built here, once,
    // before any of them starts (a race there failed every bid's validation in one run).
    xmlSchemaInitTypes();
    xmlSetExternalEntityLoader(uea_refusing_entity_loader);
}

/// A bid never needs a DTD. Refusing every DOCTYPE at its start removes XXE, external DTD
/// fetches, billion laughs and quadratic blow-up in one place.
static void uea_refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *externalID, const xmlChar *systemID) {
    (void)name; (void)externalID; (void)systemID;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    uea_builder *builder = (uea_builder *)ctxt->_private;
    if (!builder->state->doctypeSeen) {
        builder->state->doctypeSeen = 1;
        builder->state->doctypeLine = ctxt->input != NULL ? ctxt->input->line : 0;
    }
    xmlStopParser(ctxt);
}

static void uea_refuse_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId, const xmlChar *systemId, xmlChar *content) {
    (void)name; (void)type; (void)publicId; (void)systemId; (void)content;
    uea_refuse_doctype(ctx, NULL, NULL, NULL);
}

/// Records the first error (libxml2 keeps only the last one) and prints nothing.
static void uea_collect_error(void *userData, xmlErrorPtr error) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)userData;
    if (ctxt == NULL || error == NULL || error->level < XML_ERR_ERROR) return;
    uea_parse_state *state = ((uea_builder *)ctxt->_private)->state;
    if (state->errorSeen) return;
    state->errorSeen = 1;
    state->errorCode = error->code;
    state->errorLine = error->line;
    state->errorColumn = error->int2;
    if (error->message != NULL) {
        strncpy(state->errorMessage, error->message, sizeof(state->errorMessage) - 1);
        state->errorMessage[sizeof(state->errorMessage) - 1] = 0;
    }
}

// MARK: - Growing arrays

static int uea_reserve(void **array, int32_t *capacity, int32_t needed, size_t size) {
    if (needed <= *capacity) return 1;
    int32_t grown = *capacity < 64 ? 64 : *capacity;
    while (grown < needed) {
        if (grown > INT32_MAX / 2) return 0;
        grown *= 2;
    }
    void *resized = realloc(*array, (size_t)grown * size);
    if (resized == NULL) return 0;
    *array = resized;
    *capacity = grown;
    return 1;
}

static int uea_append_text(uea_tree *tree, const char *bytes, size_t length) {
    if (tree->textLength + length > tree->textCapacity) {
        size_t grown = tree->textCapacity < 4096 ? 4096 : tree->textCapacity;
        while (grown < tree->textLength + length) grown *= 2;
        char *resized = realloc(tree->text, grown);
        if (resized == NULL) return 0;
        tree->text = resized;
        tree->textCapacity = grown;
    }
    memcpy(tree->text + tree->textLength, bytes, length);
    tree->textLength += length;
    return 1;
}

static void uea_fail(xmlParserCtxtPtr ctxt, uea_tree *tree) {
    tree->failed = 1;
    xmlStopParser(ctxt);
}

/// Appends an attribute value with its character references decoded. Without entity
/// substitution libxml2 hands `&amp;` over as `&#38;` (its tree builder decodes it the same way);
/// no other entity can occur, since a DOCTYPE is refused.
static int uea_append_attribute_value(uea_tree *tree, const xmlChar *value, const xmlChar *end) {
    const xmlChar *run = value;
    for (const xmlChar *p = value; p < end; p++) {
        if (*p != '&') continue;
        const xmlChar *semicolon = p + 1;
        while (semicolon < end && *semicolon != ';') semicolon++;
        if (semicolon >= end) break;
        unsigned long code = 0;
        int valid = 0;
        if (p[1] == '#') {
            const xmlChar *digit = p + 2;
            int hex = digit < semicolon && (*digit == 'x' || *digit == 'X');
            if (hex) digit++;
            valid = digit < semicolon;
            for (; digit < semicolon && valid; digit++) {
                int digitValue = -1;
                if (*digit >= '0' && *digit <= '9') digitValue = *digit - '0';
                else if (hex && *digit >= 'a' && *digit <= 'f') digitValue = *digit - 'a' + 10;
                else if (hex && *digit >= 'A' && *digit <= 'F') digitValue = *digit - 'A' + 10;
                if (digitValue < 0 || code > 0x10FFFF) valid = 0;
                else code = code * (hex ? 16 : 10) + (unsigned long)digitValue;
            }
            if (code > 0x10FFFF) valid = 0;
        } else {
            size_t length = (size_t)(semicolon - p - 1);
            static const struct { const char *name; char value; } predefined[] = {
                {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
            };
            for (size_t i = 0; i < sizeof(predefined) / sizeof(predefined[0]); i++) {
                if (strlen(predefined[i].name) == length && memcmp(p + 1, predefined[i].name, length) == 0) {
                    code = (unsigned char)predefined[i].value;
                    valid = 1;
                }
            }
        }
        if (!valid) continue;
        if (!uea_append_text(tree, (const char *)run, (size_t)(p - run))) return 0;
        char utf8[4];
        int count = xmlCopyCharMultiByte((xmlChar *)utf8, (int)code);
        if (count <= 0 || !uea_append_text(tree, utf8, (size_t)count)) return 0;
        run = semicolon + 1;
        p = semicolon;
    }
    return uea_append_text(tree, (const char *)run, (size_t)(end - run));
}

// MARK: - SAX2 callbacks

static void uea_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                              int namespaceCount, const xmlChar **namespaces, int attributeCount, int defaulted,
                              const xmlChar **attributes) {
    (void)defaulted;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    uea_builder *builder = (uea_builder *)ctxt->_private;
    uea_tree *tree = builder->tree;
    if (tree->failed) return;
    int line = ctxt->input != NULL ? ctxt->input->line : 0;
    if (tree->depth >= tree->maxDepth) {
        builder->state->depthExceeded = 1;
        builder->state->depthLine = line;
        xmlStopParser(ctxt);
        return;
    }
    int32_t index = tree->elementCount;
    if (!uea_reserve((void **)&tree->elements, &tree->elementCapacity, index + 1, sizeof(uea_element))
        || !uea_reserve((void **)&tree->namespaces, &tree->namespaceCapacity, tree->namespaceCount + namespaceCount, sizeof(uea_namespace))
        || !uea_reserve((void **)&tree->attributes, &tree->attributeCapacity, tree->attributeCount + attributeCount, sizeof(uea_attribute))) {
        uea_fail(ctxt, tree);
        return;
    }
    uea_element *element = &tree->elements[index];
    element->localName = (const char *)localname;
    element->prefix = (const char *)prefix;
    element->uri = (const char *)URI;
    element->parent = tree->depth > 0 ? tree->stack[tree->depth - 1] : -1;
    element->firstChild = -1;
    element->nextSibling = -1;
    element->previousSibling = -1;
    element->line = line;
    element->subtreeEnd = index + 1;
    element->firstSegment = tree->segmentCount;
    element->endSegment = tree->segmentCount;
    if (element->parent >= 0) {
        int32_t previous = builder->lastChild[tree->depth - 1];
        if (previous >= 0) {
            tree->elements[previous].nextSibling = index;
            element->previousSibling = previous;
        } else {
            tree->elements[element->parent].firstChild = index;
        }
        builder->lastChild[tree->depth - 1] = index;
    }
    element->firstNamespace = tree->namespaceCount;
    element->namespaceCount = namespaceCount;
    for (int i = 0; i < namespaceCount; i++) {
        tree->namespaces[tree->namespaceCount].prefix = (const char *)namespaces[2 * i];
        tree->namespaces[tree->namespaceCount].uri = (const char *)namespaces[2 * i + 1];
        tree->namespaceCount++;
    }
    if (tree->depth == builder->recordDepth) builder->recordText = tree->textLength;
    element->firstAttribute = tree->attributeCount;
    element->attributeCount = attributeCount;
    for (int i = 0; i < attributeCount; i++) {
        uea_attribute *attribute = &tree->attributes[tree->attributeCount];
        attribute->localName = (const char *)attributes[5 * i];
        attribute->uri = (const char *)attributes[5 * i + 2];
        size_t start = tree->textLength;
        if (!uea_append_attribute_value(tree, attributes[5 * i + 3], attributes[5 * i + 4])) {
            uea_fail(ctxt, tree);
            return;
        }
        attribute->offset = (uint32_t)start;
        attribute->length = (uint32_t)(tree->textLength - start);
        tree->attributeCount++;
    }
    tree->elementCount++;
    tree->stack[tree->depth] = index;
    builder->lastChild[tree->depth] = -1;
    tree->depth++;
    if (tree->elementLimit > 0 && tree->elementCount >= tree->elementLimit) {
        builder->state->headComplete = 1;
        xmlStopParser(ctxt);
    }
}

static void uea_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI) {
    (void)localname; (void)prefix; (void)URI;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    uea_builder *builder = (uea_builder *)ctxt->_private;
    uea_tree *tree = builder->tree;
    if (tree->failed || tree->depth == 0 || builder->stopped) return;
    tree->depth--;
    int32_t index = tree->stack[tree->depth];
    uea_element *element = &tree->elements[index];
    element->subtreeEnd = tree->elementCount;
    element->endSegment = tree->segmentCount;
    if (tree->depth != builder->recordDepth || builder->onRecord == NULL) return;
    // A whole record: handed over, then its rows, text and links are taken back, so that memory
    // holds one record at a time however long the list is.
    if (builder->onRecord(tree, index, builder->recordContext) != 0) {
        builder->stopped = 1;
        xmlStopParser(ctxt);
        return;
    }
    element = &tree->elements[index];
    int32_t previous = element->previousSibling;
    int32_t parent = element->parent;
    tree->segmentCount = element->firstSegment;
    tree->attributeCount = element->firstAttribute;
    tree->namespaceCount = element->firstNamespace;
    tree->textLength = builder->recordText;
    tree->elementCount = index;
    if (previous >= 0) tree->elements[previous].nextSibling = -1;
    else if (parent >= 0) tree->elements[parent].firstChild = -1;
    if (tree->depth > 0) builder->lastChild[tree->depth - 1] = previous;
    builder->elementsAtLastSegment = -1;
}

/// Text and CDATA alike (a CDATA section is text, as with XML_PARSE_NOCDATA).
static void uea_characters(void *ctx, const xmlChar *bytes, int length) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    uea_builder *builder = (uea_builder *)ctxt->_private;
    uea_tree *tree = builder->tree;
    if (tree->failed || tree->depth == 0 || length <= 0) return;
    int32_t owner = tree->stack[tree->depth - 1];
    size_t offset = tree->textLength;
    if (!uea_append_text(tree, (const char *)bytes, (size_t)length)) {
        uea_fail(ctxt, tree);
        return;
    }
    // libxml2 reports one run in pieces (buffer ends, references): keep it one segment. Not across
    // a child element, though (text before and after it stay two segments, so that the text and
    // the elements can be replayed in document order: uea_schema_validate_tree).
    if (tree->segmentCount > 0 && builder->elementsAtLastSegment == tree->elementCount) {
        uea_segment *last = &tree->segments[tree->segmentCount - 1];
        if (last->owner == owner && last->offset + last->length == offset) {
            last->length += (uint32_t)length;
            return;
        }
    }
    if (!uea_reserve((void **)&tree->segments, &tree->segmentCapacity, tree->segmentCount + 1, sizeof(uea_segment))) {
        uea_fail(ctxt, tree);
        return;
    }
    tree->segments[tree->segmentCount].owner = owner;
    tree->segments[tree->segmentCount].offset = (uint32_t)offset;
    tree->segments[tree->segmentCount].length = (uint32_t)length;
    tree->segmentCount++;
    builder->elementsAtLastSegment = tree->elementCount;
}

// MARK: - Parsing

/// The document in memory, handed to libxml2 a chunk at a time.
typedef struct {
    const char *next;
    size_t left;
} uea_memory_reader;

static int uea_read_chunk(void *context, char *buffer, int length) {
    uea_memory_reader *reader = (uea_memory_reader *)context;
    size_t count = length < 0 ? 0 : (size_t)length;
    if (count > reader->left) count = reader->left;
    memcpy(buffer, reader->next, count);
    reader->next += count;
    reader->left -= count;
    return (int)count;
}

static int uea_close_reader(void *context) {
    (void)context;
    return 0;
}

static uea_tree *uea_tree_parse_limited(const char *buffer, int size, int maxDepth, int elementLimit, uea_parse_state *state,
                                         int recordDepth, uea_record_callback onRecord, void *recordContext);

uea_tree *uea_tree_parse(const char *buffer, int size, int maxDepth, uea_parse_state *state) {
    return uea_tree_parse_limited(buffer, size, maxDepth, 0, state, -1, NULL, NULL);
}

uea_tree *uea_tree_parse_records(const char *buffer, int size, int maxDepth, int recordDepth, uea_record_callback onRecord,
                                 void *context, uea_parse_state *state) {
    return uea_tree_parse_limited(buffer, size, maxDepth, 0, state, recordDepth, onRecord, context);
}

uea_tree *uea_tree_parse_head(const char *buffer, int size, int elements, uea_parse_state *state) {
    return uea_tree_parse_limited(buffer, size, 64, elements > 0 ? elements : 1, state, -1, NULL, NULL);
}

static uea_tree *uea_tree_parse_limited(const char *buffer, int size, int maxDepth, int elementLimit, uea_parse_state *state,
                                         int recordDepth, uea_record_callback onRecord, void *recordContext) {
    memset(state, 0, sizeof(*state));
    if (maxDepth < 1) maxDepth = 1;
    uea_tree *tree = calloc(1, sizeof(uea_tree));
    int32_t *lastChild = calloc((size_t)maxDepth + 1, sizeof(int32_t));
    if (tree != NULL) tree->stack = calloc((size_t)maxDepth + 1, sizeof(int32_t));
    // Read through a callback, as xmllint reads a file: libxml2 keeps a few kilobytes of input
    // at a time. xmlCreateMemoryParserCtxt would first copy the whole document into a buffer of
    // its own (its static-buffer variant is not usable with the pull parser in 2.9).
    uea_memory_reader reader = { buffer, size < 0 ? 0 : (size_t)size };
    xmlParserCtxtPtr ctxt = tree != NULL && lastChild != NULL && tree->stack != NULL
        ? xmlCreateIOParserCtxt(NULL, NULL, uea_read_chunk, uea_close_reader, &reader, XML_CHAR_ENCODING_NONE) : NULL;
    if (ctxt == NULL || ctxt->sax == NULL) {
        if (ctxt != NULL) xmlFreeParserCtxt(ctxt);
        free(lastChild);
        uea_tree_free(tree);
        return NULL;
    }
    tree->maxDepth = maxDepth;
    tree->elementLimit = elementLimit;
    // Room for a typical bid up front (corpus responses run 60-120 bytes per element), so the
    // arrays rarely move while growing; pages not written to are never touched. Text and
    // attribute values are at most the document's size unless a conversion to UTF-8 widens them.
    // Capped, so that a huge document allowed by a raised --max-bytes reserves no more than this
    // and grows as before.
    int32_t elementGuess = size / 64 + 64;
    if (elementGuess > (1 << 20)) elementGuess = 1 << 20;
    size_t textGuess = (size_t)size + 1;
    if (textGuess > ((size_t)64 << 20)) textGuess = (size_t)64 << 20;
    if (!uea_reserve((void **)&tree->elements, &tree->elementCapacity, elementGuess, sizeof(uea_element))
        || !uea_reserve((void **)&tree->segments, &tree->segmentCapacity, elementGuess, sizeof(uea_segment))
        || (tree->text = malloc(textGuess)) == NULL) {
        xmlFreeParserCtxt(ctxt);
        free(lastChild);
        uea_tree_free(tree);
        return NULL;
    }
    tree->textCapacity = textGuess;
    // NONET: never touch the network. Deliberately absent: RECOVER, NOENT (entity substitution),
    // DTDLOAD, DTDATTR, XINCLUDE, HUGE (libxml2 keeps its own 256-level and size limits).
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    // Only these callbacks: nothing builds libxml2's tree, resolves an entity or reads a DTD.
    memset(ctxt->sax, 0, sizeof(xmlSAXHandler));
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    ctxt->sax->startElementNs = uea_start_element;
    ctxt->sax->endElementNs = uea_end_element;
    ctxt->sax->characters = uea_characters;
    ctxt->sax->cdataBlock = uea_characters;
    ctxt->sax->ignorableWhitespace = uea_characters;
    ctxt->sax->internalSubset = uea_refuse_doctype;
    ctxt->sax->externalSubset = uea_refuse_doctype;
    ctxt->sax->entityDecl = uea_refuse_entity_decl;
    ctxt->sax->serror = uea_collect_error;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    uea_builder builder = { tree, state, lastChild, 0, recordDepth, onRecord, recordContext, 0, 0 };
    ctxt->_private = &builder;
    ctxt->userData = ctxt;
    // A record handed over while parsing looks names up in the parser's dictionary (borrowed
    // here; referenced below once the parse is over).
    tree->dictionary = ctxt->dict;

    xmlParseDocument(ctxt);

    state->wellFormed = ctxt->wellFormed && !tree->failed;
    const xmlChar *encoding = ctxt->encoding != NULL ? ctxt->encoding : (ctxt->input != NULL ? ctxt->input->encoding : NULL);
    if (encoding != NULL) tree->encoding = strdup((const char *)encoding);
    tree->dictionary = ctxt->dict;
    xmlDictReference(ctxt->dict);
    xmlFreeParserCtxt(ctxt);
    free(lastChild);
    free(tree->stack);
    tree->stack = NULL;
    if (elementLimit > 0) {
        // A head: complete when the limit stopped the parse (or the whole document was shorter),
        // with no error before it.
        int complete = state->headComplete || (state->wellFormed && tree->elementCount > 0);
        if (!complete || state->doctypeSeen || state->errorSeen || state->depthExceeded || tree->failed) {
            uea_tree_free(tree);
            return NULL;
        }
        return tree;
    }
    if (builder.stopped) state->recordStopped = 1;
    if (!state->wellFormed || state->doctypeSeen || state->errorSeen || state->depthExceeded || tree->elementCount == 0
        || builder.stopped) {
        uea_tree_free(tree);
        return NULL;
    }
    return tree;
}

void uea_tree_free(uea_tree *tree) {
    if (tree == NULL) return;
    free(tree->elements);
    free(tree->segments);
    free(tree->attributes);
    free(tree->namespaces);
    free(tree->text);
    free(tree->encoding);
    free(tree->stack);
    if (tree->dictionary != NULL) xmlDictFree((xmlDictPtr)tree->dictionary);
    free(tree);
}

const char *uea_tree_intern(const uea_tree *tree, const char *name) {
    return (const char *)xmlDictExists((xmlDictPtr)tree->dictionary, (const xmlChar *)name, -1);
}
