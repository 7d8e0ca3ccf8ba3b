"""The subcommands of the `jobtal` command. Each module has `register(subparsers)`; commands
only parse their arguments and call library code."""
