"""The open API: OParl 1.1, read-only, the public's data only (see docs/web.md, "OParl")."""
