"""Key figures on the web: the appendix *Nøgletal* from the analytical store as pages with
charts and tables, and the published quarterly reports (see docs/web.md)."""
