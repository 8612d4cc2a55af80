// Debian's libutf8proc-dev installs utf8proc.h in /usr/include.
#include <utf8proc.h>
