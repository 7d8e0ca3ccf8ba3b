"""jobtal: labour-market figures, reports and meetings for a municipal employment committee."""

__version__ = "0.1.0"
