"""Spark in local mode, for real: `summarize_spark.summarize` over at least 10,000 records.

Every output record is compared with `summarize batch` run in one process on the same records:
byte for byte for summaries, and for error records after mapping the partition's line number back
to the line number in the whole file (the only thing that differs between the two runs).
"""

from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MAX_BYTES, REPO, run_batch, start_spark

import summarize_spark

PARTITIONS = 4


def to_file_line(result: dict, partition_start: list[int]) -> tuple[int, str]:
    """The record's line number in the whole file, and its output as the one-process run writes it."""
    local = result["line"]
    line = partition_start[result["partition"]] + local
    text = result["json"]
    if result["error_code"] is not None:
        text = re.sub(rf'^\{{"line":{local},', f'{{"line":{line},', text)
        text = re.sub(rf"\bLine {local}\b", f"Line {line}", text)
    return line, text


def test_pipe_partition_without_spark(records, summarize_bin):
    """The per-partition function alone: results in input order, and a consumer that stops early
    (as take() does) ends the process without an error."""
    lines = [json.dumps(r) for r in records[:200]]
    command = summarize_spark.batch_command(summarize_bin, text_field="article")
    assert command[1:] == ["batch", "--id-field", "id", "--text-field", "article", "--bullets", "3", "--jobs", "1", "-"]
    results = list(summarize_spark.pipe_partition(lines, command, partition=5))
    assert [r["id"] for r in results] == [r["id"] for r in records[:200]]
    assert [r["line"] for r in results] == list(range(1, 201)) and {r["partition"] for r in results} == {5}
    assert list(summarize_spark.pipe_partition([], command)) == []
    started = time.perf_counter()
    partial = summarize_spark.pipe_partition(iter(lines * 20), command)
    assert next(partial)["id"] == records[0]["id"]
    partial.close()
    assert time.perf_counter() - started < 30


def test_binary_is_shipped_to_executors(spark):
    from pyspark import SparkFiles

    paths = (spark.sparkContext.parallelize([0], 1)
             .map(lambda _: (summarize_spark.resolve_binary("summarize"), SparkFiles.getRootDirectory()))
             .collect())
    path, root = paths[0]
    assert path.startswith(root), f"the executor ran {path}, not the copy shipped with addFile under {root}"


def test_json_lines_through_four_partitions(spark, mixed, records, report):
    path, lines, expected_bad, reference = mixed
    sc = spark.sparkContext
    raw = sc.textFile(str(path), PARTITIONS)
    assert raw.getNumPartitions() == PARTITIONS
    # Where each partition starts in the file, to map its line numbers back.
    sizes = raw.mapPartitions(lambda items: [sum(1 for _ in items)]).collect()
    partition_start = [sum(sizes[:p]) for p in range(len(sizes))]
    assert sum(sizes) == len(lines)

    started = time.perf_counter()
    results = summarize_spark.summarize(raw, "summarize", text_field="article", max_bytes=MAX_BYTES).collect()
    elapsed = time.perf_counter() - started
    report(f"spark local[2], JSON Lines, {PARTITIONS} partitions: {len(lines):,} lines "
           f"({len(expected_bad)} bad) in {elapsed:.2f} s, collected to the driver")

    assert len(results) == len(lines), "exactly one result per input line"
    assert {r["partition"] for r in results} == set(range(PARTITIONS)), "every partition did work"
    seen_lines = collections.Counter()
    by_id = collections.Counter()
    for result in results:
        line, text = to_file_line(result, partition_start)
        seen_lines[line] += 1
        if result["id"] is not None:
            by_id[result["id"]] += 1
        assert text == reference[line - 1], f"line {line} differs from the one-process batch"
        if line in expected_bad:
            record_id, code = expected_bad[line]
            assert result["error_code"] == code, f"line {line}: {result['json'][:300]}"
            assert result["id"] == record_id
            assert result["key_points"] == []
            assert result["error_message"]
        else:
            assert result["error_code"] is None, f"line {line}: {result['json'][:300]}"
            assert result["key_points"] == [p["text"] for p in json.loads(text)["keyPoints"]]
            assert result["key_points"]
    assert sorted(seen_lines) == list(range(1, len(lines) + 1)) and set(seen_lines.values()) == {1}
    good_ids = {r["id"] for r in records}
    bad_ids = {record_id for record_id, _ in expected_bad.values() if record_id is not None}
    assert set(by_id) == good_ids | bad_ids
    assert set(by_id.values()) == {1}, "exactly one output record per input id"


def test_parquet_dataframe_through_four_partitions(spark, good_jsonl, records, workdir, summarize_bin):
    reference, status = run_batch(summarize_bin, good_jsonl, "--max-bytes", str(MAX_BYTES))
    assert status == 0
    expected = {r["id"]: line for r, line in zip(records, reference)}

    parquet = workdir / "articles.parquet"
    spark.read.json(str(good_jsonl)).write.mode("overwrite").parquet(str(parquet))
    articles = spark.read.parquet(str(parquet))
    # Rows a DataFrame can hold that the batch refuses (or summarizes to nothing).
    extra_rows = [
        {"id": "df-null-text", "article": None},
        {"id": None, "article": "A record whose id is null. It still has text."},
        {"id": "df-oversized", "article": "Too long. " * (MAX_BYTES // 10 + 10)},
        {"id": "df-empty", "article": ""},
        {"id": "df-line-breaks", "article": "First line.\r\nSecond line, with a \"quote\" and a tab\t.\n\nThird one."},
    ]
    extra = spark.createDataFrame(extra_rows, articles.schema)
    extra_file = workdir / "dataframe-extra.jsonl"
    extra_file.write_text("".join(json.dumps(r) + "\n" for r in extra_rows if r["article"] is not None))
    extra_reference, _ = run_batch(summarize_bin, extra_file, "--max-bytes", str(MAX_BYTES))
    expected_extra = {json.loads(line)["id"]: line for line in extra_reference if line.startswith('{"id":"df-')}
    frame = articles.unionByName(extra).repartition(PARTITIONS)

    out = summarize_spark.summarize(frame, "summarize", text_field="article", max_bytes=MAX_BYTES)
    assert out.columns == ["id", "key_points", "error_code", "error_message", "partition", "line", "json"]
    rows = out.collect()
    assert len(rows) == len(records) + 5
    assert {row.partition for row in rows} == set(range(PARTITIONS))
    counts = collections.Counter(row.id for row in rows)
    assert counts[None] == 1 and all(n == 1 for record_id, n in counts.items() if record_id is not None)
    by_id = {row.id: row for row in rows}
    for record_id, line in expected.items():
        row = by_id[record_id]
        assert row.json == line, f"{record_id} differs from the one-process batch"
        assert row.key_points == [p["text"] for p in json.loads(line)["keyPoints"]]
    assert by_id["df-null-text"].error_code == "invalid_record"
    assert by_id[None].error_code == "invalid_record" and "no \"id\" field" in by_id[None].error_message
    assert by_id["df-oversized"].error_code == "input_too_large"
    assert by_id["df-empty"].error_code is None and by_id["df-empty"].key_points == []
    assert by_id["df-empty"].json == expected_extra["df-empty"]
    assert by_id["df-line-breaks"].error_code is None and by_id["df-line-breaks"].key_points
    assert by_id["df-line-breaks"].json == expected_extra["df-line-breaks"]


def test_rdd_of_dicts_rows_and_bytes(spark, records, workdir, summarize_bin):
    from pyspark.sql import Row

    sample = records[:40]
    path = workdir / "sample.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in sample), encoding="utf-8")
    reference, _ = run_batch(summarize_bin, path)
    items = [dict(r) if i % 2 else Row(**r) for i, r in enumerate(sample)]
    items += [
        {"id": 7, "article": "A numeric id. It comes back as a number."},
        {"id": "no-text"},
        b'{"id": "bad-utf8", "article": "caf\xe9 au lait. Latin-1, not UTF-8."}',
        '{"id": "pretty",\n "article": "A pretty-printed object spans two lines."}',
    ]
    results = summarize_spark.summarize(spark.sparkContext.parallelize(items, 3), "summarize",
                                        text_field="article").collect()
    assert len(results) == len(items)
    for result, line in zip(results, reference):
        assert result["json"] == line
    numeric, no_text, bad_utf8, pretty = results[-4:]
    assert numeric["id"] == 7 and numeric["json"].startswith('{"id":7,') and numeric["error_code"] is None
    assert no_text["id"] == "no-text" and no_text["error_code"] == "invalid_record"
    assert bad_utf8["id"] == "bad-utf8" and bad_utf8["error_code"] == "invalid_utf8"
    assert pretty["id"] is None and pretty["error_code"] == "invalid_record"
    assert "line break" in pretty["error_message"]


def test_a_failing_binary_fails_the_task(spark):
    from pyspark.errors import PySparkException
    from py4j.protocol import Py4JJavaError

    rdd = spark.sparkContext.parallelize(['{"id": 1, "text": "One sentence."}'], 1)
    with pytest.raises((Py4JJavaError, PySparkException)) as failure:
        summarize_spark.summarize(rdd, "summarize", extra_args=["--no-such-option"]).collect()
    assert "exit status 64" in str(failure.value)
    with pytest.raises((Py4JJavaError, PySparkException)) as failure:
        summarize_spark.summarize(rdd, "/nonexistent/summarize").collect()
    assert "not found on this node" in str(failure.value)


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_spark_submit_runs_the_example_job(kind, spark, records, workdir, summarize_bin):
    """integrations/spark/summarize_job.py as docs/scale-out.md runs it: spark-submit --files --py-files."""
    sample = records[:300]
    source = workdir / f"job-input-{kind}.jsonl"
    lines = [json.dumps(r) for r in sample[:150]] + ["not JSON", '{"id": "job-no-text"}'] \
        + [json.dumps(r) for r in sample[150:]]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference, _ = run_batch(summarize_bin, source)
    expected = {json.loads(line).get("id"): line for line in reference if '"id":' in line[:6]}
    if kind == "parquet":
        parquet = workdir / "job-input.parquet"
        (spark.createDataFrame([{"id": r["id"], "article": r["article"]} for r in sample]
                               + [{"id": "job-no-text", "article": None}], "id string, article string")
         .write.mode("overwrite").parquet(str(parquet)))
        source = parquet
    output = workdir / f"job-output-{kind}"
    job = REPO / "integrations" / "spark" / "summarize_job.py"
    submit = Path(sys.executable).parent / "spark-submit"
    done = subprocess.run([str(submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                           "--files", summarize_bin, "--py-files", str(job.parent / "summarize_spark.py"),
                           str(job), "--text-field", "article", "--partitions", "3", str(source), str(output)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    if kind == "jsonl":
        assert f"{len(lines)} records, {len(lines) - 2} summarized, 2 failed".encode() in done.stdout
        parts = sorted(output.glob("part-*"))
        written = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
        assert len(written) == len(lines)
        with_ids = [line for line in written if line.startswith('{"id":')]
        assert len(with_ids) == len(lines) - 1
        for line in with_ids:
            if json.loads(line)["id"] == "job-no-text":
                assert '"code":"invalid_record"' in line and 'has no \\"article\\" field' in line
            else:
                assert line == expected[json.loads(line)["id"]]
    else:
        assert f"{len(sample) + 1} records, {len(sample)} summarized, 1 failed".encode() in done.stdout
        rows = spark.read.parquet(str(output)).collect()
        assert len(rows) == len(sample) + 1
        for row in rows:
            if row.id == "job-no-text":
                assert row.error_code == "invalid_record" and 'no "article" field' in row.error_message
            else:
                assert row.json == expected[row.id]


def test_throughput_with_one_and_two_cores(spark, good_jsonl, records, summarize_bin, report):
    """Records per second through Spark with 1 and 2 cores, best of three runs (printed, not
    asserted: speed is no unit test), beside one `summarize batch` process on the same file."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    report(f"throughput, best of 3 runs each; load average before: {load}")
    for jobs in (1, 2):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            lines, _ = run_batch(summarize_bin, good_jsonl, jobs=jobs)
            best = min(best, time.perf_counter() - started)
            assert len(lines) == len(records)
        report(f"one process, summarize batch --jobs {jobs}: {len(records):,} records in {best:.2f} s "
               f"= {len(records) / best:,.0f} records/s")
    spark.stop()
    for cores in (1, 2):
        session = start_spark(f"local[{cores}]", summarize_bin)
        best = float("inf")
        try:
            raw = session.sparkContext.textFile(str(good_jsonl), PARTITIONS)
            raw.count()   # warm up: start the Python workers, read the file once
            for _ in range(3):
                started = time.perf_counter()
                counts = (summarize_spark.summarize(raw, "summarize", text_field="article")
                          .map(lambda r: r["error_code"] is None).countByValue())
                best = min(best, time.perf_counter() - started)
                assert counts == {True: len(records)}
        finally:
            session.stop()
        report(f"spark local[{cores}], {PARTITIONS} partitions, --jobs 1 per task: {len(records):,} records "
               f"in {best:.2f} s = {len(records) / best:,.0f} records/s")
    report(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
