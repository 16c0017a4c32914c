// libxml2 for SafeXML: the parser (through CXMLTree) and, for the equivalence test, its own tree.
#ifndef UEA_CLIBXML2_SHIM_H
#define UEA_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// libxml2's encoding.h pulls in the system ICU headers when ICU support is compiled in;
// they clash with the ICU copy inside Foundation. We never touch the ICU-only members
// (they sit in xmlCharEncodingHandler, reached only through pointers), so hide them.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
// XPath, for the tests' independent reading of eForms notices (the product does not use it).
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

/// xmlFree is a global function pointer; calling it through a function keeps Swift's
/// strict concurrency checking satisfied.
static inline void uea_free(void *pointer) { xmlFree(pointer); }

#endif
