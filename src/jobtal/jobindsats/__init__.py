"""jobindsats.dk: the API client, the readers of its replies and exports, and the mapping of
its series to jobtal's appendix rows.

- `periods`: period codes by rule (`2022M12`, `2022Q04`, `2022Y01`, `2020QMAT02`, ...).
- `formats`: API v2 JSON, API v3 JSON and the CSV exports, read into tidy records.
- `mapping`: which jobindsats series fill which appendix row (declared data).
- `importer`: all-or-nothing import into `jobindsats_series` and `area_series`.
- `client`: fetching from the API (v2 and v3), saving every reply as received.
"""
