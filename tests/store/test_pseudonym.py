"""CPR numbers are replaced by keyed pseudonyms and never written or shown anywhere."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jobtal import cli
from jobtal.errors import InputError
from jobtal.store.importers import import_activations, import_spells
from jobtal.store.pseudonym import pseudonymise

HEADER = "cpr;municipality;benefit;category;start;end"
CPRS = ("0101901234", "010190-1234", "2902002345", "311299-3456")
# Each CPR as it could appear in bytes: with and without dash.
FORMS = {form for cpr in CPRS for form in (cpr, cpr.replace("-", ""), f"{cpr[:6]}-{cpr[-4:]}")}


def expected_pseudonym(key: str, digits: str) -> str:
    return hmac.new(bytes.fromhex(key), digits.encode(), hashlib.sha256).hexdigest()[:32]


def test_pseudonyms_are_hmac_sha256_of_the_digits(
    write: Callable[..., Path], db: Path, rows, key: str
) -> None:
    path = write(
        "s.csv",
        HEADER,
        "0101901234;157;dagpenge;;2022-01-01;2022-01-31",
        "010190-1234;157;sygedagpenge;;2022-01-01;2022-01-31",
        " 2902002345 ;157;dagpenge;;2022-01-01;",
    )
    summary = import_spells(path, db)
    assert summary.persons == 2
    assert rows(db, "SELECT DISTINCT person_id FROM benefit_spells ORDER BY 1") == sorted(
        [(expected_pseudonym(key, "0101901234"),), (expected_pseudonym(key, "2902002345"),)]
    )


def test_no_cpr_number_in_the_store_file_or_the_output(
    write: Callable[..., Path],
    db: Path,
    tmp_path: Path,
    key: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spells = write(
        "s.csv",
        HEADER,
        *(f"{cpr};157;dagpenge;;2022-0{i + 1}-01;2022-0{i + 1}-28" for i, cpr in enumerate(CPRS)),
        "0101901234;157;sygedagpenge;;2022-01-15;2022-02-15",
    )
    activations = write(
        "a.csv", "cpr,offer,start,end", *(f"{cpr},mentor,2022-01-01," for cpr in CPRS)
    )
    bad = write(
        "bad.csv",
        HEADER,
        "3102901234;157;dagpenge;;2022-01-01;",  # 31 February
        "0113901234;157;dagpenge;;2022-01-01;",  # month 13
        "0101901234;157;dagpenge;;2022-13-01;",  # valid CPR, bad date
        "0101901234;157;0101901234;;2022-01-01;",  # a CPR in another field
        "0101901234;;dagpenge;;2022-01-01;",
    )
    report = tmp_path / "overlap.csv"
    argv = ["--db", str(db)]
    assert cli.main(["import", "spells", str(spells), *argv, "--overlaps-report", str(report)]) == 0
    assert cli.main(["import", "activations", str(activations), *argv]) == 0
    assert cli.main(["import", "spells", str(bad), *argv]) == 2
    captured = capsys.readouterr()
    assert "ugyldigt CPR-nummer" in captured.err
    assert "række 5, felt 'benefit': ukendt ydelse" in captured.err
    written = b"".join(path.read_bytes() for path in tmp_path.iterdir() if path.suffix != ".csv")
    written += report.read_bytes()
    assert len(written) > 10_000  # the store file was really read
    for form in FORMS:
        assert form.encode() not in written, form
        assert form not in captured.out + captured.err, form


def test_cpr_file_without_key_is_an_input_error(write: Callable[..., Path], db: Path) -> None:
    path = write("s.csv", HEADER, "0101901234;157;dagpenge;;2022-01-01;")
    with pytest.raises(InputError, match="JOBTAL_PSEUDONYM_KEY") as raised:
        import_spells(path, db)
    assert "0101901234" not in str(raised.value)
    assert not db.exists()


def test_a_short_key_is_refused(
    write: Callable[..., Path], db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBTAL_PSEUDONYM_KEY", "abcd")
    path = write("a.csv", "cpr,offer,start,end", "0101901234,mentor,2022-01-01,")
    with pytest.raises(InputError, match="mindst 32 tegn"):
        import_activations(path, db)


@pytest.mark.parametrize(
    "cpr", ["3102901234", "0100901234", "010190123", "01019012345", "010190 1234", "01-01-901234"]
)
def test_invalid_cpr_is_reported_without_its_value(
    write: Callable[..., Path], db: Path, key: str, cpr: str
) -> None:
    path = write("s.csv", HEADER, f"{cpr};157;dagpenge;;2022-01-01;")
    with pytest.raises(InputError) as raised:
        import_spells(path, db)
    (problem,) = raised.value.problems
    assert (problem.row, problem.field, problem.message) == (2, "cpr", "ugyldigt CPR-nummer")
    assert cpr not in str(raised.value)


def test_pseudonymise_keeps_order() -> None:
    key = bytes(16)
    names = pseudonymise(pa.array(["0101901234", "0202901234", "0101901234"]), key).to_pylist()
    assert names[0] == names[2] != names[1]
    assert names[0] == hmac.new(key, b"0101901234", hashlib.sha256).hexdigest()[:32]


def test_parquet_cpr_as_integer_gets_its_leading_zero(
    tmp_path: Path, db: Path, rows, key: str
) -> None:
    path = tmp_path / "a.parquet"
    pq.write_table(
        pa.table({"cpr": [101901234], "offer": ["mentor"], "start": ["2022-01-01"], "end": [None]}),
        path,
    )
    import_activations(path, db)
    assert rows(db, "SELECT person_id FROM activation_spells") == [
        (expected_pseudonym(key, "0101901234"),)
    ]
