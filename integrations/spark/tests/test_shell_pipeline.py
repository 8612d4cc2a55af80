"""The route without a cluster: scripts/parallel-batch.sh (GNU parallel --pipe, or split files and xargs -P).

Its whole output must be byte-identical to one `summarize batch` process on the same input,
bad records included (their line numbers are counted in the whole input, as one process counts).
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import time

import pytest

from conftest import MAX_BYTES, REPO, run_batch

SCRIPT = REPO / "scripts" / "parallel-batch.sh"


def run_script(summarize_bin, *args, stdin=None):
    return subprocess.run([str(SCRIPT), "-b", summarize_bin, *args], input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)


@pytest.mark.parametrize("tool", ["xargs", "parallel"])
def test_chunks_give_the_one_process_output(tool, mixed, summarize_bin, report):
    if tool == "parallel" and shutil.which("parallel") is None:
        pytest.skip("GNU parallel is not installed (scripts/spark-test.sh installs it): apt-get install parallel")
    path, lines, expected_bad, reference = mixed
    expected = ("\n".join(reference) + "\n").encode()
    for jobs in (1, 2):
        started = time.perf_counter()
        done = run_script(summarize_bin, "-t", tool, "-j", str(jobs), "-n", "1000", str(path),
                          "--text-field", "article", "--max-bytes", str(MAX_BYTES))
        seconds = time.perf_counter() - started
        assert done.returncode == 65, done.stderr.decode(errors="replace")
        assert done.stdout == expected, f"{tool} -j {jobs}: the output differs from one summarize batch process"
        report(f"scripts/parallel-batch.sh -t {tool} -j {jobs} -n 1000: {len(lines):,} lines in {seconds:.2f} s "
               f"= {len(lines) / seconds:,.0f} records/s")


def test_gzip_on_standard_input_and_a_clean_exit(good_jsonl, summarize_bin, workdir):
    reference, status = run_batch(summarize_bin, good_jsonl)
    assert status == 0
    compressed = gzip.compress(good_jsonl.read_bytes(), compresslevel=1)
    done = run_script(summarize_bin, "-t", "xargs", "-j", "2", "-n", "3001", "-", "--text-field", "article",
                      stdin=compressed)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stdout == ("\n".join(reference) + "\n").encode()
    assert b"4 chunks of up to 3001 lines" in done.stderr


def test_errors_are_reported_with_their_exit_codes(summarize_bin, workdir):
    missing = run_script(summarize_bin, str(workdir / "no-such-file.jsonl"))
    assert missing.returncode == 66 and b"no such file" in missing.stderr
    usage = run_script(summarize_bin, "-j", "zero", str(SCRIPT))
    assert usage.returncode == 64 and b"-j must be a positive whole number" in usage.stderr
    (workdir / "one.jsonl").write_text('{"id": 1, "text": "One sentence."}\n')
    bad_option = run_script(summarize_bin, "-t", "xargs", str(workdir / "one.jsonl"), "--no-such-option")
    assert bad_option.returncode == 64, bad_option.stderr.decode(errors="replace")
    assert b"exited with status 64" in bad_option.stderr
