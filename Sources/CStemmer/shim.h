// Debian's libstemmer-dev (the Snowball project's C library, 2.2.0 in bookworm) installs
// libstemmer.h in /usr/include; it ships no pkg-config file.
#include <libstemmer.h>
