"""The reuse job on Apache Spark: the links `corpus reindex` computes, for corpora past
one machine.

    resdiff corpus export --parquet IN      # documents, paragraphs, keys (`exchange`)
    resdiff-spark reindex IN OUT [--master local[2]]
    resdiff corpus import-links OUT

`corpus reindex` runs the job of `detect` document by document in the order documents
were added: a document's paragraphs look up the postings of the documents before it,
and a key held by more than its cap of paragraphs is saturated from then on. Stated
over the whole corpus at once, with ``rank`` a key's holders ranked by document:

* a paragraph is indexed when it is the first with its words (its text hash's
  smallest paragraph id); only those hold postings and links;
* probe p (document D) finds holder q of key k when q's document is before D and no
  more than the cap of holders of k lie before D, i.e. ``rank(p) <= cap + 1``;
  ``rank(p) - 1`` is the posting count the lookup read, which decides whether the
  fingerprint is rare (`detect.candidates`);
* the postings kept are each key's first ``cap`` holders by paragraph id, then the
  sentinel (paragraph -1) where there were more;
* a document's own pairs (`detect.intra_links`) come from keys held by 2 to
  ``INTRA_CAP`` of its distinct paragraphs, and count where both are indexed.

These are Spark SQL joins, windows and aggregates. Python runs only in the
verification map (``mapInPandas``), which calls `verify.verify_all`, the code the
SQLite path runs, with the same thresholds, the probe as first argument (the LCS
alignment's tie-breaking depends on it) and the pair stored lower id first. The output
is the store's three index tables, sorted on their keys; `corpus import-links` loads
them. Spark keeps its scratch files inside one temporary folder it removes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ResdiffError
from .detect import BAND_CAP, DF_CAP, INTRA_CAP, RARE, partial_run
from .exchange import EXPORT_TABLES, LINK_TABLES, MANIFEST, read_manifest

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["LINK_SCHEMA", "main", "reindex", "spark_session"]

LINK_SCHEMA = (
    "a long, b long, similarity double, matched long, run long, a_start long, b_start long"
)
# Log4j 2 settings: errors only, so a job's output is its own summary. Spark's own
# loggers are named too: unless they have the root's level, the launcher prints a notice.
_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.apache.name = org.apache
logger.apache.level = error
"""


class JobError(Exception):
    """Input the job cannot run on: reported in one line."""


@contextmanager
def spark_session(
    master: str = "local[2]", conf: Sequence[tuple[str, str]] = (), java_options: str = ""
) -> Iterator[SparkSession]:
    """A quiet Spark session whose scratch files (shuffle, spill, logs' config, Derby)
    all live in one temporary folder, removed afterwards. `java_options` go to the
    driver's and executors' JVMs beside our own."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise JobError("the Spark job needs pyspark: pip install 'resdiff[spark]'") from exc
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        raise JobError("the Spark job needs Java 17 (Debian: openjdk-17-jre-headless)")
    scratch = Path(tempfile.mkdtemp(prefix="resdiff-spark-"))
    java = f"-Djava.io.tmpdir={scratch} {java_options}".strip()
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.local.dir": str(scratch / "local"),
        "spark.sql.warehouse.dir": str(scratch / "warehouse"),
        "spark.driver.extraJavaOptions": java,
        "spark.executor.extraJavaOptions": java,
        "spark.driver.memory": "2g",
        "spark.sql.shuffle.partitions": "8",
        "spark.sql.session.timeZone": "UTC",
        **dict(conf),
    }
    # Settings the driver JVM must start with, and the logging, as a configuration
    # folder of our own (spark-submit reads both from it; builder options come too late).
    (scratch / "log4j2.properties").write_text(_LOG4J, encoding="utf-8")
    (scratch / "spark-defaults.conf").write_text(
        "".join(f"{key} {value}\n" for key, value in settings.items()), encoding="utf-8"
    )
    saved = {k: os.environ.get(k) for k in ("SPARK_CONF_DIR", "PYSPARK_PYTHON", "SPARK_LOCAL_IP")}
    os.environ["SPARK_CONF_DIR"] = str(scratch)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        session = SparkSession.builder.master(master).appName("resdiff-reindex").getOrCreate()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        _stop_gateway()
        shutil.rmtree(scratch, ignore_errors=True)


def _stop_gateway() -> None:
    """End the JVM pyspark started for the session (`stop` leaves it running, holding
    memory and files in the scratch folder), so the next session starts a new one."""
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    if gateway is None:
        return
    process = getattr(gateway, "proc", None)
    gateway.shutdown()
    if process is not None:
        process.terminate()
        process.wait(timeout=30)
    SparkContext._gateway = None
    SparkContext._jvm = None


def _indexed(paragraphs: DataFrame) -> DataFrame:
    """(paragraph): the first paragraph with its words represents them (`ingest._store`);
    only it is indexed and linked."""
    from pyspark.sql import functions as F

    return (
        paragraphs.where(F.col("text_hash").isNotNull())
        .groupBy("text_hash")
        .agg(F.min("id").alias("paragraph"))
        .select("paragraph")
    )


def _ranked(keys: DataFrame, column: str, cap: int) -> DataFrame:
    """Rows of indexed paragraphs whose lookup of `column` was not saturated: a key's
    holders ranked by document, kept up to rank cap + 1 (a window group limit: Spark
    drops the rest before the shuffle, so boilerplate keys cost no more than others)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    window = Window.partitionBy(column).orderBy("document")
    return keys.withColumn("r", F.rank().over(window)).where(F.col("r") <= cap + 1)


def _earlier_pairs(ranked: DataFrame, column: str) -> DataFrame:
    """(p, q, r): probe p, holder q of an earlier document sharing the key, and the
    rank of p's row (its lookup read r - 1 postings)."""
    from pyspark.sql import functions as F

    a, b = ranked.alias("a"), ranked.alias("b")
    return a.join(
        b,
        (F.col(f"a.{column}") == F.col(f"b.{column}"))
        & (F.col("b.document") < F.col("a.document")),
    ).select(F.col("a.paragraph").alias("p"), F.col("b.paragraph").alias("q"), F.col("a.r"))


def _own_pairs(keys: DataFrame, column: str) -> DataFrame:
    """(i, j, shared): a document's distinct paragraphs i < j sharing keys held by 2 to
    INTRA_CAP of them, and how many such keys."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    sized = keys.withColumn(
        "n", F.count(F.lit(1)).over(Window.partitionBy("document", column))
    ).where(F.col("n").between(2, INTRA_CAP))
    a, b = sized.alias("a"), sized.alias("b")
    return (
        a.join(
            b,
            (F.col(f"a.{column}") == F.col(f"b.{column}"))
            & (F.col("a.document") == F.col("b.document"))
            & (F.col("a.paragraph") < F.col("b.paragraph")),
        )
        .groupBy(F.col("a.paragraph").alias("i"), F.col("b.paragraph").alias("j"))
        .agg(F.count(F.lit(1)).alias("shared"))
    )


def candidates(spark: SparkSession, src: Path) -> DataFrame:
    """Steps 1-3 of `detect` over the whole corpus: (x, y, passage) pairs to verify,
    x the probe (the later paragraph across documents, the earlier within one)."""
    from pyspark.sql import functions as F

    paragraphs = spark.read.parquet(str(src / "paragraphs"))
    fingerprints = spark.read.parquet(str(src / "fingerprints"))
    bands = spark.read.parquet(str(src / "bands"))
    fresh = _indexed(paragraphs)
    n_fps = paragraphs.select(F.col("id").alias("paragraph"), "n_fps")
    fresh_fps = fingerprints.join(fresh, "paragraph")
    fresh_bands = bands.join(fresh, "paragraph")

    # Across documents: a shared fingerprint counts if rare (or the probe holds fewer
    # than two), else a second one must be shared; a band alone makes a candidate that
    # can only be near-verbatim (passage false).
    by_fp = (
        _earlier_pairs(_ranked(fresh_fps, "fp", DF_CAP), "fp")
        .groupBy("p", "q")
        .agg(
            F.sum(F.when(F.col("r") - 1 <= RARE, 1).otherwise(0)).alias("rare"),
            F.sum(F.when(F.col("r") - 1 > RARE, 1).otherwise(0)).alias("common"),
        )
        .join(n_fps.withColumnRenamed("paragraph", "p"), "p")
        .where((F.col("n_fps") < 2) | (F.col("rare") >= 1) | (F.col("common") >= 2))
        .select("p", "q", F.lit(True).alias("passage"))
    )
    by_band = (
        _earlier_pairs(_ranked(fresh_bands, "key", BAND_CAP), "key")
        .select("p", "q", F.lit(False).alias("passage"))
        .distinct()
    )
    across = (
        by_fp.unionByName(by_band)
        .groupBy("p", "q")
        .agg(F.max("passage").alias("passage"))
        .select(F.col("p").alias("x"), F.col("q").alias("y"), "passage")
    )

    # Within a document: pairs sharing two such fingerprints (or one, where either
    # holds fewer than two), or a band; both must be indexed.
    own_fp = (
        _own_pairs(fingerprints, "fp")
        .join(n_fps.withColumnRenamed("paragraph", "i").withColumnRenamed("n_fps", "ni"), "i")
        .join(n_fps.withColumnRenamed("paragraph", "j").withColumnRenamed("n_fps", "nj"), "j")
        .where((F.col("shared") >= 2) | (F.least("ni", "nj") < 2))
        .select("i", "j")
    )
    fresh_ids = fresh.select(F.col("paragraph").alias("i"))
    within = (
        own_fp.unionByName(_own_pairs(bands, "key").select("i", "j"))
        .distinct()
        .join(fresh_ids, "i")
        .join(fresh_ids.withColumnRenamed("i", "j"), "j")
        .select(F.col("i").alias("x"), F.col("j").alias("y"), F.lit(True).alias("passage"))
    )
    return across.unionByName(within)


def _verify(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The verification map, in the executors: `verify.verify_all` over each batch of
    pairs, stored lower id first as `ingest` stores them."""
    import pandas as pd

    from .verify import may_match, verify_all

    columns = LINK_TABLES["links"]
    for frame in frames:
        rows: list[tuple[int, ...] | tuple[Any, ...]] = []
        for min_run, group in frame.groupby("min_run", sort=True):
            keep = [
                (int(x), int(y), a, b, bool(passage))
                for x, y, a, b, passage in zip(
                    group["x"],
                    group["y"],
                    group["x_codes"],
                    group["y_codes"],
                    group["passage"],
                    strict=True,
                )
                if may_match(len(a), len(b), bool(passage), int(min_run))
            ]
            matches = verify_all([(a, b, passage) for _, _, a, b, passage in keep], int(min_run))
            for (x, y, _, _, _), m in zip(keep, matches, strict=True):
                if m is None:
                    continue
                if x < y:
                    rows.append((x, y, m.similarity, m.matched, m.run, m.a_start, m.b_start))
                else:
                    rows.append((y, x, m.similarity, m.matched, m.run, m.b_start, m.a_start))
        yield pd.DataFrame(rows, columns=list(columns))


def links(spark: SparkSession, src: Path, pairs: DataFrame) -> DataFrame:
    """Step 4: the pairs of one language, their words joined on, through `_verify`."""
    from pyspark.sql import functions as F

    paragraphs = spark.read.parquet(str(src / "paragraphs"))
    languages = [r[0] for r in paragraphs.select("language").distinct().collect()]
    runs = F.create_map(
        *[F.lit(v) for lang in sorted(languages) for v in (lang, partial_run(lang))]
    )
    side = paragraphs.select("id", "language", "text_hash", "codes")
    x = side.select([F.col(c).alias(f"x_{c}") for c in side.columns])
    y = side.select([F.col(c).alias(f"y_{c}") for c in side.columns])
    ready = (
        pairs.join(x, pairs["x"] == x["x_id"])
        .join(y, pairs["y"] == y["y_id"])
        .where(
            (F.col("x_language") == F.col("y_language"))
            & (F.col("x_text_hash") != F.col("y_text_hash"))
        )
        .select(
            "x", "y", "passage", runs[F.col("x_language")].alias("min_run"), "x_codes", "y_codes"
        )
    )
    return ready.mapInPandas(_verify, LINK_SCHEMA)


def postings(keys: DataFrame, column: str, cap: int) -> DataFrame:
    """What the index keeps of a key: its first `cap` indexed holders by paragraph id,
    then the sentinel -1 where there were more (`CorpusStore.insert_index`)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    window = Window.partitionBy(column).orderBy("paragraph")
    ranked = keys.withColumn("n", F.row_number().over(window)).where(F.col("n") <= cap + 1)
    return ranked.select(
        column,
        F.when(F.col("n") == cap + 1, F.lit(-1)).otherwise(F.col("paragraph")).alias("paragraph"),
    )


def check_paths(src: Path, out: Path) -> dict[str, Any]:
    """The export's manifest, once `src` is an export and `out` new or empty."""
    try:
        manifest = read_manifest(src)
    except ResdiffError as exc:
        raise JobError(str(exc)) from exc
    for name in EXPORT_TABLES:
        if not (src / name).is_dir():
            raise JobError(f"{src / name}: missing (not a 'resdiff corpus export --parquet')")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise JobError(f"{out}: exists and is not an empty folder")
    return manifest


def reindex(
    spark: SparkSession, src: Path, out: Path, timings: dict[str, float] | None = None
) -> dict[str, int]:
    """The whole job from an export in `src` to the three tables in `out`; row counts.
    `timings` receives the seconds of each stage (candidates, verify, postings)."""

    manifest = check_paths(src, out)
    out.mkdir(parents=True, exist_ok=True)
    times = timings if timings is not None else {}
    counts: dict[str, int] = {}

    started = time.perf_counter()
    staged = out / "_candidates"
    candidates(spark, src).write.parquet(str(staged))
    pairs = spark.read.parquet(str(staged))
    counts["candidates"] = pairs.count()
    times["candidates"] = time.perf_counter() - started

    started = time.perf_counter()
    # Staged before the sort: a sort's range partitioning first samples its input, which
    # computed from the pairs would run the verification map twice.
    verified = out / "_links"
    links(spark, src, pairs).write.parquet(str(verified))
    spark.read.parquet(str(verified)).orderBy("a", "b").write.parquet(str(out / "links"))
    counts["links"] = spark.read.parquet(str(out / "links")).count()
    times["verify"] = time.perf_counter() - started

    started = time.perf_counter()
    paragraphs = spark.read.parquet(str(src / "paragraphs"))
    fresh = _indexed(paragraphs)
    for name, column, cap in (("shingles", "fp", DF_CAP), ("bands", "key", BAND_CAP)):
        keys = spark.read.parquet(str(src / ("fingerprints" if name == "shingles" else "bands")))
        table = postings(keys.join(fresh, "paragraph"), column, cap).orderBy(column, "paragraph")
        table.write.parquet(str(out / name))
        counts[name] = spark.read.parquet(str(out / name)).count()
    times["postings"] = time.perf_counter() - started
    shutil.rmtree(staged)
    shutil.rmtree(verified)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="resdiff-spark", description="The corpus reuse job on Apache Spark."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    job = commands.add_parser(
        "reindex", help="links, shingle and band postings from a 'corpus export --parquet'"
    )
    job.add_argument("input", type=Path, help="folder written by 'resdiff corpus export'")
    job.add_argument("output", type=Path, help="new folder for 'resdiff corpus import-links'")
    job.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    job.add_argument(
        "--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting"
    )
    args = parser.parse_args(argv)
    try:
        conf = []
        for item in args.conf:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise JobError(f"--conf {item}: expected KEY=VALUE")
            conf.append((key.strip(), value.strip()))
        check_paths(args.input, args.output)
        timings: dict[str, float] = {}
        with spark_session(args.master, conf) as spark:
            counts = reindex(spark, args.input, args.output, timings)
    except (JobError, OSError) as exc:
        print(f"resdiff-spark: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # Spark's own, as one line
        print(f"resdiff-spark: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
    print(
        f"{counts['candidates']} candidate pairs, {counts['links']} links, "
        f"{counts['shingles']} shingle and {counts['bands']} band postings ({stages})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    # Run the module under its own name: the verification map is pickled by reference
    # to it, and a function of `__main__` would be pickled by value, without its package.
    from diffcore.corpus.spark import main as _main

    sys.exit(_main())
