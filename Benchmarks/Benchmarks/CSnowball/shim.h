// The Snowball project's C library (Debian's libstemmer-dev, as the main package's CStemmer), linked
// here directly so the stemmer benchmark can call it without SummarizeKit's per-call wrapper.
#include <libstemmer.h>
