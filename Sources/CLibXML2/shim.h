// Debian's libxml2-dev installs its headers in /usr/include/libxml2 (pkg-config libxml-2.0).
// SummarizeKit uses only the HTML parser, through its SAX callbacks.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and encoding.h then includes the system ICU headers, whose
// definitions clash with the ICU copy inside Foundation. Nothing here uses libxml2's ICU
// converters (they only add fields at the end of a struct reached through pointers), so the
// headers are read without them.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
