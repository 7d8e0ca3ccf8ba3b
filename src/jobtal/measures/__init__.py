"""The figures of DOMAIN.md as pure functions from Ibis tables to tidy Ibis tables."""
