#include <libxml/xmlversion.h>
/* libxml2 is built with ICU here; its UErrorCode clashes with Foundation's ICU on a clean build. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>
#include <libxml/HTMLparser.h>
/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void cxml_free(void *p) { xmlFree(p); }
