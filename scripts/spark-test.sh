#!/usr/bin/env bash
# The scale-out test (docs/scale-out.md): Apache Spark in local mode, for real, and the shell
# route beside it. Installs what is missing, so it runs on a fresh Debian machine, and does
# nothing again when everything is there:
#   - a Java runtime, 17 or later (pyspark 4 needs it): openjdk-17-jre-headless, else default-jre-headless;
#   - GNU parallel, for scripts/parallel-batch.sh -t parallel;
#   - PySpark and pytest from PyPI, in a venv of their own (default .build-spark-venv, git-ignored);
#   - the release binary, `swift build -c release --product summarize` (up to date: a no-op).
# Then runs the pytest suite in integrations/spark/tests: 10,000 records (the CNN dev set of
# ../shared/corpora, repeated; the repository's corpora/ when that is absent) through four
# partitions on local[2], compared with one `summarize batch` process, bad records included,
# and records per second with 1 and 2 cores. Exits non-zero on any failure.
#
# Environment:
#   SPARK_TEST_VENV   Python venv for PySpark (default .build-spark-venv)
#   SUMMARIZE_BIN     the binary to test (default .build/release/summarize, built here)
#   extra arguments go to pytest (for example -k shell, or -x).
set -euo pipefail
cd "$(dirname "$0")/.."

PYSPARK_VERSION=4.3.0
VENV=${SPARK_TEST_VENV:-.build-spark-venv}

fail() { echo "spark-test: FAILED: $*" >&2; exit 1; }
apt_install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
        || fail "$* missing, and it cannot be installed here (needs root and apt-get)."
    echo "spark-test: installing $* with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    if [ -z "${SPARK_TEST_APT_UPDATED:-}" ]; then apt-get update -qq || true; SPARK_TEST_APT_UPDATED=1; fi
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
java_major() { java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1; }

# 1. Java 17 or later.
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ] 2>/dev/null || [ -z "$(java_major)" ]; then
    apt_install openjdk-17-jre-headless 2>/dev/null || apt_install default-jre-headless \
        || fail "no Java runtime could be installed (openjdk-17-jre-headless, default-jre-headless)."
    hash -r
    [ "$(java_major)" -ge 17 ] 2>/dev/null || fail "java on PATH is not version 17 or later: $(java -version 2>&1 | head -1)"
fi

# 2. GNU parallel.
command -v parallel >/dev/null || apt_install parallel || fail "apt-get install parallel failed."

# 3. PySpark and pytest in a venv.
if [ ! -x "$VENV/bin/python" ]; then
    python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv || fail "apt-get install python3-venv failed."
    python3 -m venv "$VENV" || fail "could not create a Python venv at $VENV."
fi
if ! "$VENV/bin/python" -c "import pyspark, pytest; assert pyspark.__version__ == '$PYSPARK_VERSION'" 2>/dev/null; then
    echo "spark-test: installing pyspark==$PYSPARK_VERSION and pytest into $VENV" >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION" 'pytest>=8,<10' \
        || fail "pip could not install pyspark==$PYSPARK_VERSION and pytest."
fi

# 4. The release binary.
if [ -z "${SUMMARIZE_BIN:-}" ]; then
    scripts/bootstrap.sh
    swift build -c release --product summarize >&2 || fail "swift build -c release --product summarize failed."
    export SUMMARIZE_BIN="$PWD/.build/release/summarize"
fi

echo "spark-test: $(java -version 2>&1 | head -1); pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)'); $(parallel --version | head -1); binary $SUMMARIZE_BIN" >&2
export PYSPARK_PYTHON="$PWD/$VENV/bin/python"
[[ "$VENV" = /* ]] && export PYSPARK_PYTHON="$VENV/bin/python"
timeout 1200 "$VENV/bin/python" -m pytest integrations/spark/tests -p no:cacheprovider -q -ra "$@"
