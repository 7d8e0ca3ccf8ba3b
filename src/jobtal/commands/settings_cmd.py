"""`jobtal settings`: list every setting with its environment variable, default and help."""

from __future__ import annotations

import argparse

from jobtal import settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "settings", help="vis alle indstillinger og deres standardværdier"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    for setting in settings.SETTINGS:
        default = "(hemmelig)" if setting.secret else repr(setting.default)
        print(f"{setting.env_var}  standard: {default}\n    {setting.help}")
    return 0
