"""A complete PySpark job: key points for every record of a JSON Lines or Parquet input.

    spark-submit --files /path/to/summarize --py-files integrations/spark/summarize_spark.py \\
        integrations/spark/summarize_job.py --text-field article INPUT OUTPUT

- INPUT ending in ``.parquet`` (a file or a folder) is read as a DataFrame; OUTPUT is written as
  Parquet with the columns of :func:`summarize_spark.summarize` (id, key_points, error_code,
  error_message, partition, line, json).
- Any other INPUT is JSON Lines (gzip or not; a file, a folder or a glob), piped line by line, so
  a line that is not JSON still gives its error record; OUTPUT is a folder of JSON Lines part
  files holding the ``summarize batch`` output lines, in input order.

The job prints how many records were summarized and how many failed, and exits 0 either way:
failed records are in the output, with what is wrong.
"""

from __future__ import annotations

import argparse

from pyspark.sql import SparkSession

from summarize_spark import summarize


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--binary", default="summarize",
                        help="the summarize executable: a file name shipped with --files (default), "
                             "a path on every node, or a command on PATH")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--bullets", type=int, default=3)
    parser.add_argument("--max-bytes", type=int)
    parser.add_argument("--partitions", type=int, help="repartition the input into this many partitions")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("summarize key points").getOrCreate()
    options = dict(id_field=args.id_field, text_field=args.text_field, bullets=args.bullets,
                   max_bytes=args.max_bytes)
    if args.input.rstrip("/").endswith(".parquet"):
        articles = spark.read.parquet(args.input)
        if args.partitions:
            articles = articles.repartition(args.partitions)
        points = summarize(articles, args.binary, **options).cache()
        points.write.mode("overwrite").parquet(args.output)
        failed = points.where("error_code IS NOT NULL").count()
        total = points.count()
    else:
        lines = spark.sparkContext.textFile(args.input, args.partitions)
        points = summarize(lines, args.binary, **options).cache()
        points.map(lambda result: result["json"]).saveAsTextFile(args.output)
        failed = points.filter(lambda result: result["error_code"] is not None).count()
        total = points.count()
    print(f"summarize_job: {total} records, {total - failed} summarized, {failed} failed "
          f"(error records in {args.output})")
    spark.stop()


if __name__ == "__main__":
    main()
