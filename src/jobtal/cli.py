"""The `jobtal` command. Subcommands live in jobtal.commands, one module each."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from jobtal.errors import InputError

# Modules in jobtal.commands that register subcommands, in the order `--help` lists them.
COMMAND_MODULES = (
    "demo",
    "imports",
    "jobindsats",
    "series",
    "keyfigures",
    "report",
    "verify",
    "settings_cmd",
    "serve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jobtal",
        description="Beskæftigelsestal, kvartalsrapport og møder for kommunens "
        "beskæftigelsesudvalg.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"jobtal.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand. Bad input exits with status 2 and a message naming file, row, field."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.handler(args)
    except InputError as error:
        print(f"Fejl i input:\n{error}", file=sys.stderr)
        return 2
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
