"""Pure domain knowledge: target groups, municipalities and periods. No I/O beyond package data."""
