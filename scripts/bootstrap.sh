#!/usr/bin/env bash
# Installs the system packages summarize needs on Debian or Ubuntu: utf8proc (Unicode
# normalization), pkg-config (to find it), zlib (gzip input for `summarize eval`), libxml2
# (the HTML parser under article extraction) and libstemmer (the Snowball stemmers).
# Safe to run again; does nothing when everything is present.
set -euo pipefail

needed=()
pkg-config --exists libutf8proc 2>/dev/null || needed+=(libutf8proc-dev)
command -v pkg-config >/dev/null 2>&1 || needed+=(pkg-config)
[ -f /usr/include/zlib.h ] || needed+=(zlib1g-dev)
pkg-config --exists libxml-2.0 2>/dev/null || needed+=(libxml2-dev)
[ -f /usr/include/libstemmer.h ] || needed+=(libstemmer-dev)

if [ ${#needed[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "bootstrap: installing ${needed[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${needed[@]}" pkg-config >/dev/null
fi
