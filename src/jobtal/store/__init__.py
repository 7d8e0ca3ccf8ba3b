"""The analytical store: schemas, importers and validation."""
