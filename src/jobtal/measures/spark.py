"""Apache Spark as an engine for the measures (DESIGN.md: the scale-out engine).

The measures are the same Ibis expressions as on DuckDB; only the backend differs. This
module opens a SparkSession (one per process, configured here and nowhere else) and gives
the measures the store's tables in it.

Route from the store to Spark: DuckDB opens the store read-only and copies
`benefit_segments` and `activation_spells` to Parquet files in a staging directory; Spark
reads those files as temporary views of the same names, and Ibis's PySpark backend compiles
the measure expressions to Spark SQL over them. Parquet rather than Arrow through the
driver, because Spark's executors then read the files in parallel and the driver never
holds the whole table. On a cluster, the staging directory must be on a file system that
every worker sees: set TMPDIR to such a path (the staging directory is made under it).

The master comes from the setting SPARK_MASTER (`local[2]` by default: two worker threads
in this process's JVM; `spark://host:7077` or `yarn` for a cluster). The session settings
suit small local runs (few shuffle partitions, no web UI); on a cluster, Spark's own
configuration (spark-defaults.conf) can override them.

`jobtal.measures.engine` registers `connect` as the engine "spark".
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
from ibis.backends.pyspark import Backend as PySparkBackend

from jobtal import settings

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ENGINE = "spark"
# The store tables the measures read.
TABLES: tuple[str, ...] = ("benefit_segments", "activation_spells")
# Small local runs: a shuffle partition per thread or two is enough, and the default of
# 200 partitions would cost far more in scheduling than the data takes to move.
LOCAL_SHUFFLE_PARTITIONS = 4


def session_config(master: str, warehouse: str) -> dict[str, str]:
    """The SparkSession settings, in one place.

    Time zone UTC: dates must not shift with the machine's zone. Adaptive execution
    coalesces the shuffle partitions further where they are small.
    """
    return {
        "spark.master": master,
        "spark.app.name": "jobtal",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": str(LOCAL_SHUFFLE_PARTITIONS),
        "spark.sql.adaptive.enabled": "true",
        "spark.sql.warehouse.dir": warehouse,
        "spark.driver.memory": "2g",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
    }


_WAREHOUSE: list[str] = []


def _scratch(prefix: str) -> Path:
    """A new temporary directory, removed at the latest when the process ends."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, True)
    return path


def session() -> SparkSession:
    """The process's SparkSession, started on first use with `session_config`."""
    from pyspark.sql import SparkSession

    if not _WAREHOUSE:
        _WAREHOUSE.append(str(_scratch("jobtal-spark-warehouse-")))
    builder: Any = SparkSession.builder
    for key, value in session_config(settings.get("SPARK_MASTER"), _WAREHOUSE[0]).items():
        builder = builder.config(key, value)
    spark: SparkSession = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def stop_session() -> None:
    """Stop the process's SparkSession, if one runs (the next `session()` starts anew)."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        active.stop()
    while _WAREHOUSE:
        shutil.rmtree(_WAREHOUSE.pop(), ignore_errors=True)


class StoreBackend(PySparkBackend):
    """Ibis's PySpark backend over a copy of a store's tables.

    `disconnect` drops the views and the staged files but leaves the session running: it
    is shared by the whole process and costs seconds to start (see `stop_session`).
    """

    staging: Path | None = None

    def disconnect(self) -> None:
        for name in TABLES:
            self._session.catalog.dropTempView(name)
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


def stage_tables(store: Path, directory: Path) -> dict[str, Path]:
    """Copy the store's measure tables to Parquet files in `directory` (via DuckDB)."""
    import duckdb

    if not store.exists():
        raise FileNotFoundError(f"databasen findes ikke: {store}")
    files = {name: directory / f"{name}.parquet" for name in TABLES}
    con = duckdb.connect(str(store), read_only=True)
    try:
        con.execute("SET enable_progress_bar = false")
        for name, file in files.items():
            con.execute(f"COPY {name} TO '{file}' (FORMAT parquet)")
    finally:
        con.close()
    return files


def connect(store: Path) -> StoreBackend:
    """An Ibis backend on Spark with the store's tables as temporary views."""
    staging = _scratch("jobtal-spark-")
    try:
        files = stage_tables(store, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    spark = session()
    # Loading the backend through `ibis.pyspark` registers its options, which the
    # compiler reads; a subclass alone would skip that.
    ibis.pyspark  # noqa: B018
    for name, file in files.items():
        spark.read.parquet(str(file)).createOrReplaceTempView(name)
    backend = StoreBackend().connect(spark)
    assert isinstance(backend, StoreBackend)
    backend.staging = staging
    return backend
