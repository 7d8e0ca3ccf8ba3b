"""Where the measures run: an Ibis backend for a store.

The measures are Ibis expressions and do not know the engine. This module opens the engine
for a store: "duckdb" (the embedded default) or "spark" (Apache Spark, see
`jobtal.measures.spark`). Another engine is added by registering a factory under a name;
callers then pass its name and nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ibis
from ibis.backends import BaseBackend

BackendFactory = Callable[[Path], BaseBackend]


def _duckdb(path: Path) -> BaseBackend:
    if not path.exists():
        raise FileNotFoundError(f"databasen findes ikke: {path}")
    # Read-only, so several readers (web, report) can share the file with no locking issue.
    con = ibis.duckdb.connect(database=str(path), read_only=True)
    # DuckDB's progress bar would otherwise appear in the output of the command line.
    con.raw_sql("SET enable_progress_bar = false")
    return con


def _spark(path: Path) -> BaseBackend:
    # Imported on use: PySpark is slow to import and the session starts a JVM.
    from jobtal.measures import spark

    return spark.connect(path)


_FACTORIES: dict[str, BackendFactory] = {"duckdb": _duckdb}


def register_engine(name: str, factory: BackendFactory) -> None:
    """Make an engine available to `connect` under `name`."""
    _FACTORIES[name] = factory


def unregister_engine(name: str) -> None:
    """Remove an engine registered with `register_engine`."""
    _FACTORIES.pop(name, None)


def engines() -> tuple[str, ...]:
    """The names of the registered engines."""
    return tuple(sorted(_FACTORIES))


def connect(store: str | Path, engine: str = "duckdb") -> BaseBackend:
    """An Ibis backend on the store at `store` (read-only).

    The backend has the store's tables (`benefit_segments`, `activation_spells`, ...).
    """
    try:
        factory = _FACTORIES[engine]
    except KeyError:
        raise ValueError(f"ukendt motor: {engine!r} (kendte: {', '.join(engines())})") from None
    return factory(Path(store))


register_engine("spark", _spark)
