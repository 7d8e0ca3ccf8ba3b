"""A deterministic synthetic population calibrated to the published figures."""
