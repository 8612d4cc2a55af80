"""Run `summarize batch` as a step of a PySpark pipeline.

One function, :func:`summarize`, takes a DataFrame (or an RDD) of records
with an id and a text, pipes each partition through one
``summarize batch -`` process on its executor, and gives back one result
per record, errors included::

    from pyspark import SparkFiles
    from summarize_spark import summarize

    spark.sparkContext.addFile("/opt/summarize/bin/summarize")   # or spark-submit --files
    articles = spark.read.parquet("s3://bucket/articles/")          # columns: id, text, ...
    points = summarize(articles, binary="summarize")                 # a file name: looked up in SparkFiles
    points.write.parquet("s3://bucket/key-points/")

The result has one row per input row, in no particular order across
partitions (in input order within one):

====================  =====================================================
column                meaning
====================  =====================================================
``<id column>``       the input id, with its input type
``key_points``        the bullets' texts (an empty list on error)
``error_code``        null, or the batch error code (``invalid_record``,
                      ``input_too_large``, ``invalid_utf8``, ...)
``error_message``     null, or what is wrong and how to fix it
``partition``         the Spark partition the record was in
``line``              its 1-based line in that partition's batch input (the
                      ``"line"`` that an error record without an id names)
``json``              the output line of ``summarize batch``, verbatim: the
                      full schema-1 JSON (scores, sentence indices, UTF-8
                      ranges) or the error record
====================  =====================================================

An RDD of ``str`` is taken as raw JSON Lines (for example from
``sc.textFile``) and piped verbatim; an RDD of ``dict`` or ``Row`` is
written as JSON Lines first. Both give an RDD of ``dict`` with the keys
above (``id`` for the id). A record that cannot be summarized (not JSON, no
id or text, text not a string, over ``max_bytes``, invalid UTF-8, an empty
line) is such a result with ``error_code`` set: it is never dropped, and the
other records of its partition are summarized as usual.

A task fails (and Spark retries it) only when the binary cannot run: it is
missing, is given a bad option, crashes, or gives a different number of
lines than it was given.

The binary is the ``summarize`` executable of this repository (Linux,
built with ``swift build -c release --product summarize``). ``binary`` is
an absolute path that exists on every node, a file name shipped with
``spark-submit --files`` or ``SparkContext.addFile`` (found through
``SparkFiles.get``), or a command on every node's ``PATH``.

Only the Python standard library and PySpark are used.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import stat
import subprocess
import tempfile
import threading
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

__all__ = ["summarize", "batch_command", "pipe_partition", "resolve_binary", "RESULT_FIELDS"]

#: The keys of each result (the id key is named after the id field for DataFrames).
RESULT_FIELDS = ("id", "key_points", "error_code", "error_message", "partition", "line", "json")

#: Exit codes of `summarize batch` after which every record has its output line.
_BATCH_OK = (0, 65)

_NO_ID = object()


def batch_command(binary: str, *, id_field: str = "id", text_field: str = "text",
                  bullets: int = 3, jobs: int = 1, max_bytes: Optional[int] = None,
                  language: Optional[str] = None, extra_args: Sequence[str] = ()) -> List[str]:
    """The argument list of the ``summarize batch`` process run for each partition.

    >>> batch_command("/usr/local/bin/summarize", text_field="article")
    ['/usr/local/bin/summarize', 'batch', '--id-field', 'id', '--text-field', 'article', '--bullets', '3', '--jobs', '1', '-']
    """
    command = [binary, "batch", "--id-field", id_field, "--text-field", text_field,
               "--bullets", str(bullets), "--jobs", str(jobs)]
    if max_bytes is not None:
        command += ["--max-bytes", str(max_bytes)]
    if language is not None:
        command += ["--language", language]
    command += list(extra_args)
    command.append("-")
    return command


def resolve_binary(binary: str) -> str:
    """The path of the executable on this node (run on the executor).

    An absolute path is used as it is. Otherwise, in this order: a file
    shipped with ``--files``/``addFile`` under that name, a relative path
    that exists, a command on ``PATH``.

    :raises FileNotFoundError: when none of these exists on this node.
    """
    advice = ("give an absolute path that exists on every node, ship the file with spark-submit --files "
              "(or SparkContext.addFile) and pass its file name, or put it on PATH.")
    if os.path.isabs(binary):
        if os.path.isfile(binary):
            return binary
        raise FileNotFoundError(f"summarize binary {binary!r} not found on this node: {advice}")
    shipped = None
    if os.sep not in binary:
        try:
            from pyspark import SparkFiles
            shipped = SparkFiles.get(binary)
        except Exception:  # no SparkContext files on this node (plain Python)
            shipped = None
    if shipped and os.path.isfile(shipped):
        if not os.access(shipped, os.X_OK):
            # Files shipped to executors do not always keep their mode bits.
            os.chmod(shipped, os.stat(shipped).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return shipped
    if os.sep in binary and os.path.isfile(binary):
        return os.path.abspath(binary)
    found = shutil.which(binary)
    if found:
        return found
    raise FileNotFoundError(f"summarize binary {binary!r} not found on this node: {advice}")


def _encode(item: Any, id_field: str, text_field: str) -> Tuple[Any, bytes, Optional[str]]:
    """(input id or _NO_ID, one JSON Lines line without its newline, a message overriding the batch error)."""
    if isinstance(item, (bytes, bytearray)):
        line, record_id = bytes(item), _NO_ID
    elif isinstance(item, str):
        line, record_id = item.encode("utf-8", "surrogatepass"), _NO_ID
    else:
        # A dict or a Row: the two fields, written as one JSON object. A missing field stays missing,
        # so the batch reports it as such.
        record = {}
        record_id = _NO_ID
        for field in (id_field, text_field):
            try:
                value = item[field]
            except (KeyError, IndexError, ValueError, TypeError):
                continue
            record[field] = value
            if field == id_field:
                record_id = value
        line = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if b"\n" in line:
        # One record per line: a line break would split it in two. Send a blank line in its
        # place so that the count and the line numbers stay aligned, and say what happened.
        return record_id, b"", ("The record contains a line break; each JSON Lines record must be one line "
                                "(JSON escapes line breaks inside strings as \\n).")
    return record_id, line, None


def pipe_partition(items: Iterable[Any], command: Sequence[str], *, id_field: str = "id",
                   text_field: str = "text", partition: int = 0,
                   pairs: bool = False) -> Iterator[Dict[str, Any]]:
    """Pipes one partition through one ``summarize batch`` process; yields one result per item.

    ``items`` are JSON Lines strings (or bytes), dicts or Rows; with
    ``pairs=True`` they are ``(id, json_line)`` tuples whose id is reported
    as given. Results come in input order. Used by :func:`summarize` on each
    partition; callable without Spark (it needs only the binary).

    :raises RuntimeError: when the binary fails as a whole (exit status other
        than 0 or 65) or gives a different number of lines than it was given.
    """
    iterator = iter(items)
    try:
        first = next(iterator)
    except StopIteration:
        return  # no records: no process

    pending: collections.deque = collections.deque()   # (input id, override message), one per line sent
    written = [0]
    writer_error: List[BaseException] = []
    stderr = tempfile.TemporaryFile()
    process = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)

    def feed() -> None:
        try:
            chunk: List[bytes] = []
            size = 0

            def flush() -> None:
                nonlocal size
                process.stdin.write(b"".join(chunk))
                chunk.clear()
                size = 0

            for item in _chain(first, iterator):
                if pairs:
                    record_id, raw_line = item
                    _, line, note = _encode(raw_line, id_field, text_field)
                else:
                    record_id, line, note = _encode(item, id_field, text_field)
                pending.append((record_id, note))
                chunk.append(line)
                chunk.append(b"\n")
                size += len(line) + 1
                written[0] += 1
                if size >= 1 << 16:
                    flush()
            flush()
        except BrokenPipeError:
            pass  # the process ended early: reported below from its exit status and line count
        except BaseException as error:  # noqa: BLE001 (re-raised in the reading thread)
            writer_error.append(error)
        finally:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, name="summarize-batch-stdin", daemon=True)
    writer.start()
    read = 0
    finished = False
    try:
        for raw in process.stdout:
            read += 1
            if not pending:  # each line is queued before it is written, so this is a surplus line
                raise RuntimeError(f"summarize batch wrote more lines than it was given ({read} so far).")
            record_id, note = pending.popleft()
            yield _result(raw, record_id, note, id_field, partition, read)
        writer.join()
        status = process.wait()
        finished = True
        if writer_error:
            raise writer_error[0]
        if status not in _BATCH_OK or read != written[0]:
            stderr.seek(0)
            tail = stderr.read()[-2000:].decode("utf-8", "replace").strip()
            raise RuntimeError(
                f"summarize batch failed in partition {partition}: exit status {status}, "
                f"{read} output lines for {written[0]} input lines. Command: {' '.join(command)}. "
                f"Its standard error: {tail or '(empty)'}")
    finally:
        if not finished:  # the consumer stopped early (take, limit) or an error was raised
            process.kill()
            process.wait()
            writer.join(timeout=5)
        process.stdout.close()
        stderr.close()


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _result(raw: bytes, record_id: Any, note: Optional[str], id_field: str,
            partition: int, line: int) -> Dict[str, Any]:
    text = raw.rstrip(b"\n").decode("utf-8")
    parsed = json.loads(text)
    error = parsed.get("error")
    if record_id is _NO_ID:
        record_id = parsed.get(id_field)
    if error is not None:
        key_points: List[str] = []
        code, message = error.get("code"), error.get("message")
        if note is not None:
            message = note
    else:
        key_points = [point["text"] for point in parsed.get("keyPoints", [])]
        code = message = None
    return {"id": record_id, "key_points": key_points, "error_code": code, "error_message": message,
            "partition": partition, "line": line, "json": text}


def summarize(data: Any, binary: str = "summarize", *, id_field: str = "id", text_field: str = "text",
              bullets: int = 3, jobs: Optional[int] = None, max_bytes: Optional[int] = None,
              language: Optional[str] = None, extra_args: Sequence[str] = ()) -> Any:
    """Key points for every record of a DataFrame or RDD, one ``summarize batch`` process per partition.

    :param data: a DataFrame with columns ``id_field`` and ``text_field``
        (others are ignored), or an RDD of JSON Lines strings, dicts or Rows.
    :param binary: the ``summarize`` executable: a path on every node, a file
        name shipped with ``--files``/``addFile``, or a command on ``PATH``.
    :param jobs: threads per process (``--jobs``). Default: the
        ``spark.task.cpus`` setting (1 unless set), so that one task uses the
        cores Spark reserved for it.
    :param max_bytes: largest text accepted per record (``--max-bytes``).
    :returns: a DataFrame for a DataFrame (id column named and typed as the
        input's, then ``key_points``, ``error_code``, ``error_message``,
        ``partition``, ``line``, ``json``), an RDD of dicts for an RDD.
    """
    from pyspark import RDD

    context = data.rdd.context if not isinstance(data, RDD) else data.context
    if jobs is None:
        jobs = int(context.getConf().get("spark.task.cpus", "1"))
    command = batch_command(binary, id_field=id_field, text_field=text_field, bullets=bullets, jobs=jobs,
                            max_bytes=max_bytes, language=language, extra_args=extra_args)

    def run(partition: int, items: Iterable[Any], pairs: bool) -> Iterator[Dict[str, Any]]:
        local = [resolve_binary(binary)] + command[1:]
        return pipe_partition(items, local, id_field=id_field, text_field=text_field,
                              partition=partition, pairs=pairs)

    if isinstance(data, RDD):
        return data.mapPartitionsWithIndex(lambda index, items: run(index, items, False))

    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    for column in (id_field, text_field):
        if column not in data.columns:
            raise ValueError(f"the DataFrame has no column {column!r} (columns: {', '.join(data.columns)}); "
                             f"name the id and text columns with id_field= and text_field=.")
    id_type = data.schema[id_field].dataType
    # The JVM writes each record as one JSON line (nulls are left out, so a null text is reported as missing).
    lines = data.select(F.col(id_field),
                        F.to_json(F.struct(F.col(id_field).alias(id_field), F.col(text_field).alias(text_field))))
    rows = lines.rdd.map(lambda row: (row[0], row[1]))
    results = rows.mapPartitionsWithIndex(lambda index, items: run(index, items, True))
    schema = T.StructType([
        T.StructField(id_field, id_type, True),
        T.StructField("key_points", T.ArrayType(T.StringType(), False), False),
        T.StructField("error_code", T.StringType(), True),
        T.StructField("error_message", T.StringType(), True),
        T.StructField("partition", T.IntegerType(), False),
        T.StructField("line", T.LongType(), False),
        T.StructField("json", T.StringType(), False),
    ])
    fields = RESULT_FIELDS
    return data.sparkSession.createDataFrame(results.map(lambda r: tuple(r[f] for f in fields)), schema)
