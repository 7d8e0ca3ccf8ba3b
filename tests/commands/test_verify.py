"""`jobtal verify` on the transcribed seed, on a folder copy of it, on changed copies, and on
bad folders. The reviewed list in tests/published/expected_disagreements.json is the truth."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from jobtal.cli import main

NAME = "gentofte-2023-02"
EXPECTED = Path(__file__).parents[1] / "published" / "expected_disagreements.json"
SEED = Path(str(resources.files("jobtal.published").joinpath("data", NAME)))

# tabel 4, "Oprettede rekrutteringsanmodninger i alt": 2020 is printed as the sum of one cell
# (the closed requests, 103); 2022 as open + closed = 70 + 230 = 300, and stated as 300 in a
# sentence. Nothing else refers to either cell.
TOTAL_2020 = "tabel 4;Oprettede rekrutteringsanmodninger i alt;2020;103;"
TOTAL_2022 = "tabel 4;Oprettede rekrutteringsanmodninger i alt;2022;300;"
STATED_2022 = "I 2022 er der oprettet 300 rekrutteringsanmodninger;300;"
WHERE_2020 = "Kvartalsrapportering, side 7, tabel 4, Oprettede rekrutteringsanmodninger i alt, 2020"
WHERE_2022 = "Kvartalsrapportering, side 7, tabel 4, Oprettede rekrutteringsanmodninger i alt, 2022"


def expected() -> list[dict[str, object]]:
    disagreements: list[dict[str, object]] = json.loads(EXPECTED.read_text("utf-8"))[
        "disagreements"
    ]
    return disagreements


def key(item: dict[str, object]) -> tuple[object, ...]:
    return (item["where"], item["kind"], item["printed"], item["computed"])


def verify_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["verify", *args, "--format", "json"]) == 0
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return found


def copy_seed(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SEED, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def replace_line(path: Path, old: str, new: str) -> None:
    """Replace the one line of `path` that contains `old` (a changed printed figure)."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")


def test_json_of_the_seed_is_the_reviewed_list(capsys: pytest.CaptureFixture[str]) -> None:
    found = verify_json(capsys, "--published", NAME)
    assert [key(item) for item in found] == [key(item) for item in expected()]
    assert [item["reference"] for item in found] == [item["reference"] for item in expected()]
    assert all(item["explained_by_rounding"] is False for item in found)
    assert set(found[0]) == {
        "where",
        "printed",
        "computed",
        "kind",
        "explained_by_rounding",
        "reference",
    }


def test_text_names_every_disagreement_in_danish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--published", NAME]) == 0
    text = capsys.readouterr().out
    for item in expected():
        assert str(item["where"]) in text
    # Printed and recomputed the Danish way: I alt 2020 printed 4.415, its groups add to 4.436.
    assert "Trykt: 4.415" in text and "Følger af de trykte tal: 4.436" in text
    assert "ikke defineret (division med 0)" in text  # Jobafklaringsforløb 0 + 0 → 2 + 0
    assert "Art: tal i teksten mod tabellen" in text
    assert text.count("Afrunding kan ikke forklare forskellen.") == len(expected())
    assert "Afrunding kan forklare" not in text
    last = text.strip().splitlines()[-1]
    assert last == (
        f"I alt {len(expected())} uoverensstemmelser, som afrunding ikke forklarer, "
        f"i den publicerede rapport {NAME}."
    )


def test_a_folder_copy_gives_the_same_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seed(tmp_path)
    from_folder = verify_json(capsys, "--dir", str(folder))
    assert from_folder == verify_json(capsys, "--published", NAME)
    assert [key(item) for item in from_folder] == [key(item) for item in expected()]


def test_a_changed_total_is_exactly_one_more_disagreement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seed(tmp_path)
    replace_line(folder / "report_tables.csv", TOTAL_2020, TOTAL_2020.replace(";103;", ";113;"))
    found = verify_json(capsys, "--dir", str(folder))
    added = [item for item in found if item["where"] == WHERE_2020]
    # By hand: printed 113 against the 103 closed requests it consists of, which as a rounded
    # count stand for [102,5; 103,5): rounding cannot explain 113.
    assert [key(item) for item in added] == [(WHERE_2020, "total", 113.0, 103.0)]
    assert added[0]["explained_by_rounding"] is False
    assert [key(item) for item in found if item is not added[0]] == [
        key(item) for item in expected()
    ]
    assert main(["verify", "--dir", str(folder), "--strict"]) == 1


def test_a_total_off_only_by_rounding_is_listed_only_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seed(tmp_path)
    seed_with_rounding = verify_json(capsys, "--published", NAME, "--include-rounding")
    assert WHERE_2022 not in {item["where"] for item in seed_with_rounding}
    # 70 + 230 printed as 301 (and stated as 301): open and closed requests rounded from
    # e.g. 70,4 and 230,4 add up to 300,8, which prints 301, so rounding explains it.
    replace_line(folder / "report_tables.csv", TOTAL_2022, TOTAL_2022.replace(";300;", ";301;"))
    replace_line(folder / "statements.csv", STATED_2022, STATED_2022.replace(";300;", ";301;"))
    default = verify_json(capsys, "--dir", str(folder))
    assert [key(item) for item in default] == [key(item) for item in expected()]
    everything = verify_json(capsys, "--dir", str(folder), "--include-rounding")
    (added,) = [item for item in everything if item["where"] == WHERE_2022]
    assert key(added) == (WHERE_2022, "total", 301.0, 300.0)
    assert added["explained_by_rounding"] is True
    assert len(everything) == len(seed_with_rounding) + 1
    # --strict fails only on what rounding does not explain.
    capsys.readouterr()
    assert main(["verify", "--dir", str(folder), "--include-rounding", "--strict"]) == 1
    text = capsys.readouterr().out
    assert "Afrunding kan forklare forskellen." in text
    assert "og " in text.strip().splitlines()[-1] and "som afrunding forklarer." in text


def test_a_total_off_by_more_than_rounding_is_real(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seed(tmp_path)
    # 302 stands for [301,5; 302,5), which 70 + 230 in [299; 301) cannot reach.
    replace_line(folder / "report_tables.csv", TOTAL_2022, TOTAL_2022.replace(";300;", ";302;"))
    replace_line(folder / "statements.csv", STATED_2022, STATED_2022.replace(";300;", ";302;"))
    found = verify_json(capsys, "--dir", str(folder))
    (added,) = [item for item in found if item["where"] == WHERE_2022]
    assert key(added) == (WHERE_2022, "total", 302.0, 300.0)
    assert added["explained_by_rounding"] is False


def test_relations_are_optional_in_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seed(tmp_path)
    (folder / "relations.csv").unlink()
    found = verify_json(capsys, "--dir", str(folder))
    # Only tabel 2's two figures printed twice come from relations.csv; the appendix's
    # relations follow from its structure and the sentences from statements.csv.
    assert [key(item) for item in found] == [
        key(item) for item in expected() if item["kind"] != "same_figure"
    ]


def test_strict_passes_a_consistent_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "noegletal.csv").write_text(
        "table;label;parent;year;measure;value\n"
        "target_groups;Dagpenge;;2021;ftp;100\n"
        "target_groups;Dagpenge;;2022;ftp;90\n"
        "target_groups;Dagpenge;;2022;change_pct;-10.0\n"
        "target_groups;Kontanthjælp;;2021;ftp;50\n"
        "target_groups;Kontanthjælp;;2022;ftp;60\n"
        "target_groups;Kontanthjælp;;2022;change_pct;20.0\n"
        "target_groups;I alt;;2021;ftp;150\n"
        "target_groups;I alt;;2022;ftp;150\n"
        "target_groups;I alt;;2022;change_pct;0.0\n",
        "utf-8",
    )
    (folder / "report_tables.csv").write_text(
        "table;row;column;value;unit\ntabel 3;Kontaktede virksomheder;2022;40;count\n", "utf-8"
    )
    (folder / "statements.csv").write_text(
        "where;quote;value;unit;refers_to\n"
        "Nøgletalsstatus;faldet med 10,0 pct.;-10.0;pct;"
        "change_pct(noegletal:target_groups:Dagpenge:2021:ftp|"
        "noegletal:target_groups:Dagpenge:2022:ftp)\n",
        "utf-8",
    )
    assert main(["verify", "--dir", str(folder), "--strict"]) == 0
    assert capsys.readouterr().out.strip() == f"Ingen uoverensstemmelser i mappen {folder}."
    # The same report with I alt 2022 printed 160: 90 + 60 cannot round to it.
    noegletal = folder / "noegletal.csv"
    replace_line(noegletal, "I alt;;2022;ftp;150", "I alt;;2022;ftp;160")
    found = verify_json(capsys, "--dir", str(folder))
    # Without pages or sections in the folder, the place is the table's row and column.
    assert [key(item) for item in found] == [
        ("Nøgletal, I alt, 2022", "total", 160.0, 150.0),
        ("Nøgletal, I alt, udvikling i procent 2021/2022", "change_pct", 0.0, 6.6667),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("statements.csv", None), "statements.csv: filen findes ikke"),
        (
            (
                "report_tables.csv",
                (";Anden lukningsårsag;2022;40;", ";Anden lukningsårsag;2022;4,0;"),
            ),
            "report_tables.csv, række 103, felt 'value': '4,0' er ikke et tal",
        ),
        (
            (
                "relations.csv",
                (
                    "sum(tabel 4:Heraf afsluttede rekrutteringsanmodninger:2020)",
                    "sum(tabel 4:Heraf lukkede:2020)",
                ),
            ),
            "relations.csv, række 32, felt 'expression': ukendt celle: 'tabel 4:Heraf lukk",
        ),
        (
            ("noegletal.csv", ("table;label;parent;year;measure;value", "table;label;parent;år")),
            "noegletal.csv, række 1, felt 'year': kolonnen mangler",
        ),
        (
            ("statements.csv", ("hhv. 32,4 pct.;-32.4;pct;", "hhv. 32,4 pct.;-32.4;procent;")),
            "statements.csv, række 2, felt 'unit': ukendt værdi 'procent'",
        ),
    ],
)
def test_a_bad_folder_exits_2_naming_file_and_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, tuple[str, str] | None],
    message: str,
) -> None:
    folder = copy_seed(tmp_path)
    filename, replacement = change
    if replacement is None:
        (folder / filename).unlink()
    else:
        replace_line(folder / filename, *replacement)
    assert main(["verify", "--dir", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{folder / message}" in captured.err


def test_a_missing_folder_or_unknown_name_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--dir", str(tmp_path / "nowhere")]) == 2
    assert f"{tmp_path / 'nowhere'}: mappen findes ikke" in capsys.readouterr().err
    assert main(["verify", "--published", "gentofte-1999-01"]) == 2
    assert "ukendt publiceret rapport: 'gentofte-1999-01'" in capsys.readouterr().err
