"""Fixtures of the Spark and shell scale-out tests (run by scripts/spark-test.sh).

- ``summarize_bin``: the release binary (``SUMMARIZE_BIN``, else ``.build/release/summarize``).
- ``records``: at least 10,000 ``{"id", "article"}`` records: the CNN dev set from
  ``../shared/corpora/cnndm-dev`` (6,933 articles; ``SUMMARIZE_SHARED_CORPORA`` names another
  corpora folder), repeated under new ids; when that is absent,
  the texts of the repository's ``corpora/`` repeated the same way (the output says so).
- ``spark``: a local SparkSession (``local[2]``) with the binary shipped through
  ``SparkContext.addFile`` and the helper through ``addPyFile``, as on a cluster.

Figures the tests measure are printed at the end of the run (``report``).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
HELPER = REPO / "integrations" / "spark" / "summarize_spark.py"
# ../shared/corpora beside the repository, or SUMMARIZE_SHARED_CORPORA (as for scripts/bench-check.sh).
SHARED_CORPORA = Path(os.environ.get("SUMMARIZE_SHARED_CORPORA", REPO.parent / "shared" / "corpora"))
SHARED_CNN = SHARED_CORPORA / "cnndm-dev" / "cnn_stories_dev.jsonl.gz"
RECORD_COUNT = int(os.environ.get("SPARK_TEST_RECORDS", "10000"))

sys.path.insert(0, str(HELPER.parent))

_report: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if _report:
        terminalreporter.section("scale-out figures")
        for line in _report:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def report():
    """Append a line to the figures printed after the tests."""
    return _report.append


@pytest.fixture(scope="session")
def summarize_bin() -> str:
    path = Path(os.environ.get("SUMMARIZE_BIN", REPO / ".build" / "release" / "summarize"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path} is not an executable: build it with "
                    f"'swift build -c release --product summarize' (scripts/spark-test.sh does), "
                    f"or set SUMMARIZE_BIN.")
    return str(path)


def _load_articles(report) -> list[tuple[str, str]]:
    if SHARED_CNN.is_file():
        articles = []
        with gzip.open(SHARED_CNN, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                articles.append((record["id"], record["article"]))
        report(f"corpus: {SHARED_CNN} ({len(articles):,} articles)")
        return articles
    texts = sorted((REPO / "corpora").glob("*.txt"))
    articles = [(f"corpora/{p.name}", p.read_text(encoding="utf-8")) for p in texts]
    report(f"corpus: {SHARED_CNN} is absent; FALLING BACK to the repository's corpora/ "
           f"({len(articles)} texts, repeated)")
    return articles


@pytest.fixture(scope="session")
def records(report) -> list[dict]:
    """RECORD_COUNT records ``{"id", "article"}`` with unique ids, the articles repeated as needed."""
    articles = _load_articles(report)
    out = []
    round_ = 0
    while len(out) < RECORD_COUNT:
        for article_id, text in articles:
            if len(out) == RECORD_COUNT:
                break
            out.append({"id": article_id if round_ == 0 else f"{article_id}#repeat{round_}", "article": text})
        round_ += 1
    assert len({r["id"] for r in out}) == len(out)
    return out


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("scale-out")


@pytest.fixture(scope="session")
def good_jsonl(records, workdir) -> Path:
    """The records as one JSON Lines file."""
    path = workdir / "good.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


MAX_BYTES = 200_000   # above every CNN article (the largest is about 11 kB); the oversized record is above it


def bad_lines() -> list[tuple[str, str | None, str]]:
    """(line, id or None, expected error code) for records that must come back as errors."""
    oversized = "The harbour reopened on Monday after the storm. " * (MAX_BYTES // 48 + 100)
    return [
        ("this line is not JSON at all", None, "invalid_record"),
        ("", None, "invalid_record"),
        ("   ", None, "invalid_record"),
        ('{"article": "A record without an id. It has two sentences."}', None, "invalid_record"),
        ('{"id": "bad-number", "article": 42}', "bad-number", "invalid_record"),
        ('{"id": "bad-null", "article": null}', "bad-null", "invalid_record"),
        ('{"id": "bad-missing-text", "title": "No article field here."}', "bad-missing-text", "invalid_record"),
        ('{"id": "bad-truncated", "article": "The line ends before the string', "bad-truncated", "invalid_record"),
        ('[{"id": "bad-array", "article": "An array, not an object."}]', None, "invalid_record"),
        (json.dumps({"id": "bad-oversized", "article": oversized}), "bad-oversized", "input_too_large"),
    ]


@pytest.fixture(scope="session")
def mixed(records, workdir, summarize_bin):
    """A JSON Lines file of the records with the bad lines spread through it, and its one-process output."""
    bad = bad_lines()
    step = len(records) // (len(bad) + 1)
    lines: list[str] = []
    expected_bad: dict[int, tuple[str | None, str]] = {}    # 1-based line number -> (id, code)
    for index, record in enumerate(records):
        if index and index % step == 0 and index // step <= len(bad):
            line, record_id, code = bad[index // step - 1]
            lines.append(line)
            expected_bad[len(lines)] = (record_id, code)
        lines.append(json.dumps(record, ensure_ascii=False))
    path = workdir / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference, status = run_batch(summarize_bin, path, "--max-bytes", str(MAX_BYTES))
    assert status == 65, "the one-process batch must report the bad records (exit 65)"
    assert len(reference) == len(lines)
    return path, lines, expected_bad, reference


def run_batch(binary: str, path: Path, *extra: str, jobs: int = 1) -> tuple[list[str], int]:
    """`summarize batch --text-field article` in one process: (output lines, exit status)."""
    done = subprocess.run([binary, "batch", "--text-field", "article", "--jobs", str(jobs), *extra, str(path)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    assert done.returncode in (0, 65), done.stderr.decode(errors="replace")
    return done.stdout.decode("utf-8").split("\n")[:-1], done.returncode


@pytest.fixture(scope="session")
def spark(summarize_bin):
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = start_spark("local[2]", summarize_bin)
    yield session
    SparkSession.getActiveSession() and SparkSession.getActiveSession().stop()


def start_spark(master: str, summarize_bin: str):
    """A local SparkSession with the binary and the helper shipped as on a cluster."""
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master(master).appName("summarize-scale-out-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.driver.memory", "2g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.addFile(summarize_bin)        # executors find it with SparkFiles.get("summarize")
    session.sparkContext.addPyFile(str(HELPER))        # executors import summarize_spark
    return session
