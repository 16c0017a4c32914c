// What Swift cannot import or express safely from libxml2 lives here: the
// refusing external-entity loader, the DOCTYPE refusal and a quiet error
// collector. Only the SafeXML module includes this target.
#ifndef UEA_CLIBXML2_SHIM_H
#define UEA_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// libxml2's encoding.h pulls in the system ICU headers when ICU support is compiled in;
// they clash with the ICU copy inside Foundation. We never touch the ICU-only members
// (they sit in xmlCharEncodingHandler, reached only through pointers), so hide them.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <string.h>

/// Per-parse state: the first error libxml2 reported and whether a DOCTYPE was seen.
typedef struct {
    int doctypeSeen;
    int doctypeLine;
    int errorSeen;
    int errorCode;
    int errorLine;
    int errorColumn;
    char errorMessage[512];
} uea_parse_state;

/// External entities, external DTDs and XIncludes all go through this loader:
/// it never opens a file or a socket.
static xmlParserInputPtr uea_refusing_entity_loader(const char *URL, const char *ID, xmlParserCtxtPtr ctxt) {
    (void)URL; (void)ID; (void)ctxt;
    return NULL;
}

static inline void uea_install_refusing_entity_loader(void) {
    xmlSetExternalEntityLoader(uea_refusing_entity_loader);
}

/// A bid never needs a DTD. Refusing every DOCTYPE at its start removes
/// XXE, external DTD fetches, billion laughs and quadratic blow-up in one place.
static void uea_refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *externalID, const xmlChar *systemID) {
    (void)name; (void)externalID; (void)systemID;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    uea_parse_state *state = (uea_parse_state *)ctxt->_private;
    if (state != NULL && !state->doctypeSeen) {
        state->doctypeSeen = 1;
        state->doctypeLine = ctxt->input != NULL ? ctxt->input->line : 0;
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
    uea_parse_state *state = (uea_parse_state *)ctxt->_private;
    if (state == NULL || state->errorSeen) return;
    state->errorSeen = 1;
    state->errorCode = error->code;
    state->errorLine = error->line;
    state->errorColumn = error->int2;
    if (error->message != NULL) {
        strncpy(state->errorMessage, error->message, sizeof(state->errorMessage) - 1);
        state->errorMessage[sizeof(state->errorMessage) - 1] = 0;
    }
}

/// Creates a parser context over `buffer` with the strict SAX hooks in place.
static inline xmlParserCtxtPtr uea_new_strict_context(const char *buffer, int size, int options, uea_parse_state *state) {
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return NULL;
    xmlCtxtUseOptions(ctxt, options);
    ctxt->_private = state;
    ctxt->userData = ctxt;
    if (ctxt->sax != NULL) {
        ctxt->sax->internalSubset = uea_refuse_doctype;
        ctxt->sax->externalSubset = uea_refuse_doctype;
        ctxt->sax->entityDecl = uea_refuse_entity_decl;
        ctxt->sax->serror = uea_collect_error;
        ctxt->sax->error = NULL;
        ctxt->sax->warning = NULL;
    }
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    return ctxt;
}

static inline int uea_context_well_formed(xmlParserCtxtPtr ctxt) { return ctxt->wellFormed; }
static inline xmlDocPtr uea_context_take_document(xmlParserCtxtPtr ctxt) {
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    return doc;
}

/// xmlFree is a global function pointer; calling it through a function keeps Swift's
/// strict concurrency checking satisfied.
static inline void uea_free(void *pointer) { xmlFree(pointer); }

static inline int uea_is_element(xmlNodePtr node) { return node != NULL && node->type == XML_ELEMENT_NODE; }

#endif
