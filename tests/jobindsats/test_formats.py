"""Reading jobindsats v2/v3 JSON and CSV exports into tidy records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobtal.errors import InputError
from jobtal.jobindsats import formats

from .conftest import REFERENCE

V2 = [
    {
        "Variables": [
            {"Name": "area", "Label": "Område"},
            {"Name": "period", "Label": "Periode"},
            {"Name": "_kon", "Label": "Køn"},
            {"Name": "m1", "Label": "Antal personer"},
            {"Name": "m2", "Label": "Andel (pct.)"},
        ],
        "Data": [
            ["Gentofte", "2022M01", "Køn i alt", 1200, "5,80"],
            ["Gentofte", "2022M01", "Kvinder", None, "-0,06"],
        ],
    }
]
V3 = {
    "columns": ["Periode", "Område", "Ydelsesgrupper", "Antal fuldtidspersoner"],
    "rows": [
        ["2022M01", "Hele landet", "Ydelsesgrupper i alt", 1000.5],
        ["2022M02", "Hele landet", "Ydelsesgrupper i alt", None],
    ],
}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _values(parsed: formats.Parsed) -> list[tuple[object, ...]]:
    return [(r.area, r.period, r.measure, r.dimensions, r.value) for r in parsed.records]


def test_v2_numbers_with_decimal_comma_and_null_kept_as_missing(tmp_path: Path) -> None:
    path = _write(tmp_path, "y01a02_test.json", json.dumps(V2).encode())
    parsed = formats.read(path)
    assert parsed.format == "v2"
    assert _values(parsed) == [
        ("Gentofte", "2022M01", "Antal personer", '{"Køn": "Køn i alt"}', 1200.0),
        ("Gentofte", "2022M01", "Andel (pct.)", '{"Køn": "Køn i alt"}', 5.8),
        ("Gentofte", "2022M01", "Antal personer", '{"Køn": "Kvinder"}', None),
        ("Gentofte", "2022M01", "Andel (pct.)", '{"Køn": "Kvinder"}', -0.06),
    ]
    assert {r.source_table for r in parsed.records} == {"y01a02"}


def test_v3_reply_with_table_given(tmp_path: Path) -> None:
    path = _write(tmp_path, "reply.json", json.dumps(V3).encode())
    parsed = formats.read(path, table="Y01A02")
    assert parsed.format == "v3"
    assert [(r.source_table, r.period, r.value) for r in parsed.records] == [
        ("y01a02", "2022M01", 1000.5),
        ("y01a02", "2022M02", None),
    ]


def test_without_a_table_the_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "reply.json", json.dumps(V3).encode())
    with pytest.raises(InputError, match="angiv den med --table"):
        formats.read(path)


def test_csv_export_windows_1252_semicolon_decimal_comma(tmp_path: Path) -> None:
    text = "Område;Periode;Køn;Antal personer;Andel\r\nGentofte;2022Q04;Mænd;1.097;32,4\r\n"
    path = _write(tmp_path, "y01a02.csv", text.encode("cp1252"))
    parsed = formats.read(path)
    assert (parsed.format, parsed.encoding) == ("csv", "windows-1252")
    assert _values(parsed) == [
        ("Gentofte", "2022Q04", "Antal personer", '{"Køn": "Mænd"}', 1097.0),
        ("Gentofte", "2022Q04", "Andel", '{"Køn": "Mænd"}', 32.4),
    ]


def test_csv_utf8_with_bom_and_empty_cell_as_missing(tmp_path: Path) -> None:
    text = "Område;Periode;Antal personer\nGentofte;2022M12;\nGentofte;2022M11;7\n"
    path = _write(tmp_path, "y01a02.csv", b"\xef\xbb\xbf" + text.encode())
    parsed = formats.read(path)
    assert parsed.encoding == "utf-8-sig"
    assert [(r.period, r.value) for r in parsed.records] == [("2022M12", None), ("2022M11", 7.0)]


def test_utf16_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "y01a02.csv", "Område;Periode\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        formats.read(path)


def test_bad_rows_are_listed_with_row_field_and_reason(tmp_path: Path) -> None:
    text = (
        "Område;Periode;Antal personer\n"
        "Gentofte;2022M12;5\n"
        "Gentofte;2022M13;6\n"  # line 3: no such month
        ";2022M10;7\n"  # line 4: no area
        "Gentofte;2022M09;mange\n"  # line 5: not a number
        "Gentofte;2022M12;8\n"  # line 6: another value for line 2's series and period
        "Gentofte;2022M12;5\n"  # line 7: a repetition of line 2, counted once
    )
    parsed = formats.read(_write(tmp_path, "y01a02.csv", text.encode()))
    assert [(r.period, r.value) for r in parsed.records] == [("2022M12", 5.0)]
    assert [(b.row, b.field) for b in parsed.bad] == [
        (3, "Periode"),
        (4, "Område"),
        (5, "Antal personer"),
        (6, "Antal personer"),
    ]
    assert "som række 2" in parsed.bad[3].reason
    assert parsed.duplicates == 1
    assert str(parsed.problems()[0]).startswith(f"{tmp_path / 'y01a02.csv'}, række 3, felt")


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ({"Forkert nøgle eller nøglen er udløbet.": ""}, "Forkert nøgle"),
        ({"code": 422, "cause": "Unknown period type: M", "request_id": "x"}, "Unknown period"),
    ],
)
def test_error_replies_are_not_data(tmp_path: Path, reply: dict[str, object], words: str) -> None:
    path = _write(tmp_path, "y01a02.json", json.dumps(reply, ensure_ascii=False).encode())
    with pytest.raises(InputError, match=words):
        formats.read(path)


def test_real_replies_read_completely() -> None:
    """The real replies: Y30R21 (v2, rolling years, counts and decimal-comma shares) and the
    v3 activation reply, whose repeated identical rows count once."""
    y30 = formats.read(REFERENCE / "real" / "y30r21_v2.json")
    assert (y30.rows_read, len(y30.records), y30.bad) == (2352, 2352 * 7, [])
    gentofte = {
        r.measure.rsplit(": ", 1)[-1]: r.value
        for r in y30.records
        if r.area == "Gentofte" and r.period == "2020QMAT02" and "i alt" in r.dimensions
    }
    assert gentofte["Forventet antal"] == 2690.0
    assert gentofte["Forventet andel (pct.)"] == 5.8
    activation = formats.read(REFERENCE / "real" / "v3_activation.json", table="y01c01")
    assert activation.bad == []
    assert activation.duplicates == 56
    assert len(activation.records) == (418 - 56) * 3
