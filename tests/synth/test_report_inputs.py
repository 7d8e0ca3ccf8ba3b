"""The synthetic report inputs reproduce the seed's tables, checked by an independent
computation on the written files and the population (pandas/numpy, from docs/figures.md).

Every expected value is read from the transcribed seed (`jobtal.published.tables`) and a
computed figure must print as published (rounded half away from zero to the printed
decimals)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from jobtal.published.tables import budget_changes, report_table
from jobtal.store.records import FILE_COLUMNS
from jobtal.store.schema import REPORT_INPUT_TABLES
from jobtal.synth import Population, activations_table
from jobtal.synth.report_inputs import ReportInputs, with_company_cvrs, write_report_inputs

from . import reference as ref

REPORT = "gentofte-2023-02"
GENTOFTE = 157
START = pd.Timestamp(2018, 1, 1)

# The groups of docs/figures.md, by leaf code.
UDDH = ["uddh_aabenlyst_uddannelsesparat", "uddh_uddannelsesparat", "uddh_aktivitetsparat"]
KH = ["kh_jobparat", "kh_aktivitetsparat"]
WAGE_GROUPS = {
    "tabel 7": UDDH,
    "tabel 9": [
        "shy_jobparat",
        "shy_aktivitetsparat",
        "shy_aabenlyst_uddannelsesparat",
        "shy_uddannelsesparat",
    ],
    "tabel 11": ["kh_aktivitetsparat", "ressourceforloeb"],
}
UPSKILLING_GROUPS = ["dagpenge", *KH, *UDDH, "ledighedsydelse"]
GROSS = ["dagpenge", "kh_jobparat", "uddh_aabenlyst_uddannelsesparat", "shy_jobparat"]
REHABILITATION = [
    "kh_aktivitetsparat",
    "uddh_aktivitetsparat",
    "shy_aktivitetsparat",
    "ressourceforloeb",
    "jobafklaringsforloeb",
    "ledighedsydelse",
]
UNIT_COST_GROUPS = [
    "dagpenge",
    *KH,
    *UDDH,
    "sygedagpenge",
    "jobafklaringsforloeb",
    "ressourceforloeb",
    "ledighedsydelse",
]


def printed(value: float, decimals: int) -> float:
    """The value as printed: rounded half away from zero."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def published(table: str) -> dict[tuple[str, str], tuple[float, int]]:
    return {
        (c["row"], c["column"]): (c["value"], c["decimals"])
        for c in report_table(REPORT, table)
        if c["value"] is not None
    }


def assert_prints(table: str, row: str, column: str, value: float, scale: float = 1.0) -> None:
    expected, decimals = published(table)[(row, column)]
    assert printed(value / scale, decimals) == expected, (table, row, column, value)


def days(values: pd.Series, open_value: int) -> np.ndarray:
    return ((pd.to_datetime(values) - START).dt.days).fillna(open_value).to_numpy(np.int64)


def day(year: int, month: int = 1, dom: int = 1) -> int:
    return (date(year, month, dom) - date(2018, 1, 1)).days


def month_first(index: int) -> int:
    return day(2018 + index // 12, index % 12 + 1)


@pytest.fixture(scope="module")
def inputs(gentofte: Population, tmp_path_factory: pytest.TempPathFactory) -> ReportInputs:
    return write_report_inputs(gentofte, tmp_path_factory.mktemp("inputs") / "report")


@pytest.fixture(scope="module")
def spells(gentofte_frames: tuple[pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
    return gentofte_frames[0]


def read(inputs: ReportInputs, table: str) -> pd.DataFrame:
    path = inputs.files[table]
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pandas()
    return pd.read_csv(path, dtype={"cvr": str})


# --- Files ---------------------------------------------------------------------------------


def test_one_file_per_input_table_with_the_importers_columns(inputs: ReportInputs) -> None:
    names = sorted(p.name for p in inputs.directory.iterdir())
    assert len(names) == 13
    assert sorted(Path(n).stem for n in names) == sorted(REPORT_INPUT_TABLES)
    for table in REPORT_INPUT_TABLES:
        assert tuple(read(inputs, table).columns) == FILE_COLUMNS[table], table
    assert inputs.upskilling_activations.parent != inputs.directory
    upskilling = pq.read_table(inputs.upskilling_activations)
    assert upskilling.column_names == [
        "person_id",
        "offer",
        "start",
        "end",
        "hours_per_week",
        "cvr",
    ]


def test_person_ids_are_the_populations(inputs: ReportInputs, spells: pd.DataFrame) -> None:
    known = set(spells["person_id"])
    for table in ("wage_months", "education_spells", "cases"):
        ids = set(read(inputs, table)["person_id"])
        assert ids and ids <= known, table
    ids = set(pq.read_table(inputs.upskilling_activations).column("person_id").to_pylist())
    assert ids and ids <= known


def test_same_seed_same_files(gentofte: Population, inputs: ReportInputs, tmp_path: Path) -> None:
    """The same seed gives the same files, also from the population whose activations already
    carry the assigned CVR numbers (as the demo writes them)."""
    again = write_report_inputs(with_company_cvrs(gentofte), tmp_path / "report")
    for table, path in inputs.files.items():
        assert again.files[table].read_bytes() == path.read_bytes(), table
    assert again.upskilling_activations.read_bytes() == inputs.upskilling_activations.read_bytes()
    other = write_report_inputs(gentofte, tmp_path / "other" / "report", seed=7)
    assert (
        other.files["company_contacts"].read_bytes()
        != inputs.files["company_contacts"].read_bytes()
    )


# --- CVR numbers ---------------------------------------------------------------------------


def valid_cvr(cvr: str) -> bool:
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    if len(cvr) != 8 or not cvr.isdigit():
        return False
    return sum(int(d) * w for d, w in zip(cvr, weights, strict=True)) % 11 == 0


def test_every_cvr_is_valid(gentofte: Population, inputs: ReportInputs) -> None:
    assert not valid_cvr("12345678")  # 2+14+18+20+20+18+14+8 = 114, not a multiple of 11
    assert valid_cvr("10000009") and not valid_cvr("10000008")  # 2 + 9 = 11; 2 + 8 = 10
    assert valid_cvr("12345674")  # 2+14+18+20+20+18+14+4 = 110
    for table in ("company_contacts", "recruitment_requests"):
        assert all(valid_cvr(c) for c in read(inputs, table)["cvr"]), table
    with_cvrs = activations_table(with_company_cvrs(gentofte)).to_pandas()
    company = with_cvrs[with_cvrs["offer"].isin(["loentilskud", "virksomhedspraktik"])]
    assert company["cvr"].notna().all() and all(valid_cvr(c) for c in company["cvr"])
    before = activations_table(gentofte).to_pandas()
    assert not all(valid_cvr(c) for c in before["cvr"].dropna())  # the population's are not
    # Only the CVR numbers change.
    columns = ["person_id", "offer", "start", "end", "hours_per_week"]
    assert with_cvrs[columns].equals(before[columns])


# --- Table 1 and 10 (aggregated) -------------------------------------------------------------


def test_cash_benefit_cap_end_points(inputs: ReportInputs) -> None:
    cap = read(inputs, "cash_benefit_cap")
    assert list(cap["month"]) == [
        f"{y}-{m:02d}-01" for y in range(2017, 2023) for m in range(1, 13)
    ]
    assert (cap["persons_reduced"] <= cap["persons_covered"]).all()
    first, last = cap.iloc[0], cap.iloc[-1]
    for label, row in (("Januar 2017", first), ("December 2022", last)):
        assert_prints(
            "tabel 1",
            label,
            "Antal borgere omfattet af kontanthjælpsloftet i alt",
            row["persons_covered"],
        )
        assert_prints(
            "tabel 1",
            label,
            "Antal borgere med reduktion i kontanthjælpsloft",
            row["persons_reduced"],
        )
        assert_prints("tabel 1", label, "Total reduktionsbeløb (DKK)", row["total_reduction_dkk"])
        share = row["persons_reduced"] / row["persons_covered"] * 100
        assert_prints("tabel 1", label, "Andel af borgere med reduktion i kontanthjælpsloft", share)
    change = (last["persons_covered"] / first["persons_covered"] - 1) * 100
    assert_prints(
        "tabel 1", "Udvikling i pct.", "Antal borgere omfattet af kontanthjælpsloftet i alt", change
    )


def test_refugees_in_employment(inputs: ReportInputs) -> None:
    frame = read(inputs, "integration_employment")
    frame["year"] = frame["month"].str[:4].astype(int)
    assert frame["month"].iloc[-1] == "2022-11-01"
    assert (frame["employed"] <= frame["persons"]).all()
    columns = {
        2019: "2019 (hele året)",
        2020: "2020 (hele året)",
        2021: "2021 (hele året)",
        2022: "2022 (jan-nov)",
    }
    for year, column in columns.items():
        rows = frame[frame["year"] == year]
        assert len(rows) == (11 if year == 2022 else 12)
        assert_prints("tabel 10", "Antal beskæftigede", column, rows["employed"].mean())
        share = rows["employed"].mean() / rows["persons"].mean() * 100
        assert_prints("tabel 10", "Andel beskæftigede", column, share)


# --- Table 3 and 4 (companies) -----------------------------------------------------------------


def test_company_contacts_and_offers(gentofte: Population, inputs: ReportInputs) -> None:
    contacts = read(inputs, "company_contacts")
    contacts["year"] = contacts["date"].str[:4].astype(int)
    activations = activations_table(with_company_cvrs(gentofte)).to_pandas()
    activations = activations[activations["offer"].isin(["loentilskud", "virksomhedspraktik"])]
    activations["year"] = pd.to_datetime(activations["start"]).dt.year
    columns = {
        2019: "2019 (hele året)",
        2020: "2020 (hele året)",
        2021: "2021 (hele året)",
        2022: "2022 (jan-dec)",
    }
    for year, column in columns.items():
        contacted = set(contacts.loc[contacts["year"] == year, "cvr"])
        offered = set(activations.loc[activations["year"] == year, "cvr"])
        assert_prints("tabel 3", "Antal unikke kontaktede virksomheder", column, len(contacted))
        both = len(contacted & offered)
        assert_prints(
            "tabel 3", "Heraf antal unikke virksomheder med praktik/løntilskud", column, both
        )
        share = both / len(contacted) * 100
        assert_prints("tabel 3", "Andel virksomheder med virksomhedsrettet tilbud", column, share)
    assert contacts["contact_id"].is_unique
    assert set(contacts["track"]) <= {1, 2, 3}


def test_recruitment_requests(inputs: ReportInputs) -> None:
    requests = read(inputs, "recruitment_requests")
    assert requests["request_id"].is_unique
    labels = {
        "ordinaert_job": "Jobcentret rekrutterede til ordinær job",
        "egne_kanaler": "Virksomheden rekrutterede via egne kanaler",
        "anden": "Anden lukningsårsag",
    }
    for year in (2020, 2021, 2022):
        made = requests[requests["created"].str[:4] == str(year)]
        end = f"{year}-12-31"
        closed = made[made["closed"].notna() & (made["closed"] <= end)]
        assert_prints("tabel 4", "Oprettede rekrutteringsanmodninger i alt", str(year), len(made))
        assert_prints(
            "tabel 4", "Heraf afsluttede rekrutteringsanmodninger", str(year), len(closed)
        )
        still_open = len(made) - len(closed)
        if year == 2020:
            assert still_open == 0  # printed empty
        else:
            assert_prints(
                "tabel 4", "Heraf fortsat åbne rekrutteringsanmodninger", str(year), still_open
            )
        for reason, label in labels.items():
            count = int((closed["close_reason"] == reason).sum())
            assert_prints("tabel 4", label, str(year), count)
            assert_prints("tabel 4", label, f"{year} andel", count / len(closed) * 100)
    assert (requests["closed"].isna() == requests["close_reason"].isna()).all()


# --- Tables 7, 9, 11 (wage months) ---------------------------------------------------------------


def group_month_pairs(spells: pd.DataFrame, leaves: list[str]) -> pd.DataFrame:
    """(person_id, month index) of every month in which a spell of the leaves has a day."""
    g = spells[spells["leaf"].isin(leaves)]
    first = np.searchsorted(ref.MONTH_BOUNDS, np.maximum(g["s"].to_numpy(), 0), side="right") - 1
    last = np.searchsorted(ref.MONTH_BOUNDS, g["e"].to_numpy(), side="right") - 1
    rows = [
        (p, m)
        for p, a, b in zip(g["person_id"], first, last, strict=True)
        for m in range(max(a, 0), b + 1)
    ]
    return pd.DataFrame(rows, columns=["person_id", "month"]).drop_duplicates()


@pytest.mark.parametrize("table", ["tabel 7", "tabel 9", "tabel 11"])
def test_persons_with_wage_hours(inputs: ReportInputs, spells: pd.DataFrame, table: str) -> None:
    wages = read(inputs, "wage_months")
    wage_month = (
        (pd.to_datetime(wages["month"]).dt.year - 2018) * 12
        + pd.to_datetime(wages["month"]).dt.month
        - 1
    )
    assert wage_month.max() == 57  # October 2022: eIndkomst lags
    wage_pairs = set(zip(wages["person_id"], wage_month, strict=True))
    pairs = group_month_pairs(spells, WAGE_GROUPS[table])
    hit = np.array(
        [(p, m) in wage_pairs for p, m in zip(pairs["person_id"], pairs["month"], strict=True)]
    )
    cells = published(table)
    ytd = "år-til-dato" if table == "tabel 7" else "år-til-dato*"
    for year in (2019, 2020, 2021, 2022):
        base = (year - 2018) * 12
        periods = {f"{ytd} {year}": range(base, base + 10)}
        if year < 2022:
            periods[f"hele året {year}"] = range(base, base + 12)
        for column, months in periods.items():
            in_period = pairs["month"].isin(list(months)).to_numpy()
            count = pairs.loc[in_period & hit, "person_id"].nunique()
            persons = pairs.loc[in_period, "person_id"].nunique()
            assert printed(count, 0) == cells[("Antal personer med ordinære løntimer", column)][0]
            assert count / persons * 100 > 0


# --- Table 6 (education after an unemployment course) -------------------------------------------


def courses(spells: pd.DataFrame) -> pd.DataFrame:
    g = spells[spells["leaf"].isin(GROSS)].sort_values(["person_id", "s"])
    new = (g["person_id"] != g["person_id"].shift()) | (g["s"] > g["e"].shift() + 1)
    g = g.assign(course=new.cumsum())
    ended = g.groupby("course").agg(person_id=("person_id", "first"), last=("e", "max"))
    open_ = g.groupby("course")["end"].apply(lambda e: e.isna().any())
    return ended[~open_.to_numpy()]


def test_education_after_a_course(inputs: ReportInputs, spells: pd.DataFrame) -> None:
    education = read(inputs, "education_spells")
    education["s"] = days(education["start"], 0)
    education["e"] = days(education["end"], 10**6)
    counts = education[
        (education["kind"] == "su")
        | ((education["kind"] == "laerling") & (education["age_at_start"] < 30))
    ]
    ended = courses(spells)
    check = ended.merge(counts, on="person_id", how="left")
    day28 = check["last"] + 28
    check["in_education"] = (check["s"] <= day28) & (check["e"] >= day28)
    per_course = check.groupby(["person_id", "last"])["in_education"].any().reset_index()
    periods = {
        "2019": (day(2019), day(2019, 12, 31)),
        "2020": (day(2020), day(2020, 12, 31)),
        "2021": (day(2021), day(2021, 12, 31)),
        "Rullende år 4kv21-3kv22": (day(2021, 10), day(2022, 9, 30)),
    }
    row = "Antal personer i ordinær uddannelse 1 mdr. efter afsluttet ledighedsforløb"
    for column, (a, b) in periods.items():
        inside = per_course[(per_course["last"] >= a) & (per_course["last"] <= b)]
        assert_prints("tabel 6", row, column, int(inside["in_education"].sum()))
        assert len(inside) > 1000  # the ended courses follow from the population
    # Some education does not count: apprentices aged 30 or more or of unknown age.
    apprentices = education[education["kind"] == "laerling"]
    assert ((apprentices["age_at_start"] >= 30) | apprentices["age_at_start"].isna()).any()


# --- Table 5 (upskilling starts) -----------------------------------------------------------------


def test_upskilling_starts(
    inputs: ReportInputs, gentofte: Population, spells: pd.DataFrame
) -> None:
    own = activations_table(gentofte).to_pandas()
    extra = pq.read_table(inputs.upskilling_activations).to_pandas()
    assert set(extra["offer"]) <= {"opkvalificering", "ordinaer_uddannelse"}
    assert extra["cvr"].isna().all()
    key = ["person_id", "offer", "start"]
    assert not extra[key].merge(own[key], on=key).shape[0]  # no activation is replaced
    starts = pd.concat([own, extra])
    starts = starts[starts["offer"].isin(["opkvalificering", "ordinaer_uddannelse"])]
    starts = starts.assign(t=days(starts["start"], 0))
    groups = spells[spells["leaf"].isin(UPSKILLING_GROUPS)]
    both = starts.merge(groups[["person_id", "s", "e"]], on="person_id")
    counted = both[(both["s"] <= both["t"]) & (both["e"] >= both["t"])]
    counted = counted.assign(
        month=np.searchsorted(ref.MONTH_BOUNDS, counted["t"], side="right") - 1
    )
    monthly = counted.groupby("month")["person_id"].nunique().reindex(range(60), fill_value=0)
    row = "Gns. antal personer, der månedligt har påbegyndt et opkvalificeringsforløb"
    for year in (2019, 2020):
        base = (year - 2018) * 12
        assert_prints(
            "tabel 5", row, f"Årsgns. (hele året) {year}", monthly[base : base + 12].mean()
        )
    for year in (2019, 2020, 2021):
        base = (year - 2018) * 12
        assert_prints(
            "tabel 5", row, f"Årsgns. (år-til-dato)* {year}", monthly[base : base + 4].mean()
        )
    # Every extra offer lies inside one spell of the person in the upskilling groups.
    extra = extra.assign(s_a=days(extra["start"], 0), e_a=days(extra["end"], 0))
    inside = extra.merge(groups[["person_id", "s", "e"]], on="person_id")
    inside = inside[(inside["s"] <= inside["s_a"]) & (inside["e"] >= inside["e_a"])]
    assert len(inside.drop_duplicates(key)) == len(extra)


def test_upskilling_changes_no_long_term_unemployment(
    inputs: ReportInputs, gentofte_frames: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    """The extra offers count as active days for the 80 % rule, but they lie in spells that
    are gross-unemployed days already or are never followed by gross unemployment."""
    spells, own = gentofte_frames
    extra = pq.read_table(inputs.upskilling_activations).to_pandas()
    extra = extra.assign(s=days(extra["start"], 0), e=days(extra["end"], 0))
    before = ref.long_term(spells, own)
    after = ref.long_term(spells, pd.concat([own, extra], ignore_index=True))
    for leaf, monthly in before.items():
        np.testing.assert_array_equal(after[leaf], monthly)
    assert sum(float(m.sum()) for m in before.values()) > 0


# --- Table 12 and figure 5 (cases) ----------------------------------------------------------------


def test_cases_per_staff_year(inputs: ReportInputs) -> None:
    cases = read(inputs, "cases")
    staffing = read(inputs, "staffing")
    cases["s"] = days(cases["start"], 0)
    cases["e"] = days(cases["end"], day(2022, 12, 31))
    labels = {
        "ledighedsrelateret": "Ledighedsrelaterede målgrupper",
        "oevrige": "Øvrige målgrupper",
    }
    ratio: dict[tuple[str, int], float] = {}
    totals: dict[int, list[float]] = {}
    for year in (2018, 2022):
        a, b = day(year, 10), day(year, 12, 31)
        staff = staffing[staffing["quarter"] == f"{year}Q4"]
        team_category = dict(zip(staff["team"], staff["group_category"], strict=True))
        overlap = (np.minimum(cases["e"], b) - np.maximum(cases["s"], a) + 1).clip(lower=0)
        category = cases["team"].map(team_category)
        q = " (4 kvt.)" if year == 2018 else " (4. kvt.)"
        sum_cases = sum_staff = 0.0
        for code, label in labels.items():
            average = overlap[category == code].sum() / (b - a + 1)
            staff_years = staff.loc[staff["group_category"] == code, "staff_years"].sum()
            assert_prints("tabel 12", label, f"{year} Gns. antal sager{q}", average)
            assert_prints("tabel 12", label, f"{year} Antal årsværk", staff_years)
            assert_prints(
                "tabel 12", label, f"{year} Gns. antal sager pr. årsværk", average / staff_years
            )
            ratio[(code, year)] = average / staff_years
            sum_cases, sum_staff = sum_cases + average, sum_staff + staff_years
        assert_prints("tabel 12", "Antal sager i alt", f"{year} Gns. antal sager{q}", sum_cases)
        assert_prints("tabel 12", "Antal sager i alt", f"{year} Antal årsværk", sum_staff)
        assert_prints(
            "tabel 12",
            "Antal sager i alt",
            f"{year} Gns. antal sager pr. årsværk",
            sum_cases / sum_staff,
        )
        totals[year] = [sum_cases, sum_staff]
    column = "Udvikling i pct. Gns. antal sager pr. årsværk 2018-2022"
    for code, label in labels.items():
        change = (ratio[(code, 2022)] / ratio[(code, 2018)] - 1) * 100
        assert_prints("tabel 12", label, column, change)
    change = ((totals[2022][0] / totals[2022][1]) / (totals[2018][0] / totals[2018][1]) - 1) * 100
    assert_prints("tabel 12", "Antal sager i alt", column, change)
    # Every team is staffed in every quarter from 2018Q1 to 2022Q4.
    assert staffing.groupby("quarter")["team"].nunique().eq(cases["team"].nunique()).all()
    assert staffing["quarter"].nunique() == 20


def test_cases_of_a_person_never_overlap(inputs: ReportInputs) -> None:
    cases = read(inputs, "cases").sort_values(["person_id", "start"])
    cases["s"] = days(cases["start"], 0)
    cases["e"] = days(cases["end"], day(2022, 12, 31))
    same = cases["person_id"].eq(cases["person_id"].shift())
    assert (cases.loc[same, "s"] > cases["e"].shift()[same]).all()
    assert (cases["e"] >= cases["s"]).all() and (cases["municipality"] == GENTOFTE).all()


def test_weeks_per_case(inputs: ReportInputs, spells: pd.DataFrame) -> None:
    """Figure 5: 73 weeks at the end of 2020Q1, 100 at the end of 2022Q3; every person in the
    rehabilitation groups has an open case (the population holds fewer than the published
    914 and 746 persons)."""
    cases = read(inputs, "cases")
    cases["s"] = days(cases["start"], 0)
    cases["e"] = days(cases["end"], day(2022, 12, 31))
    rehab = spells[spells["leaf"].isin(REHABILITATION)]
    for q, weeks in ((day(2020, 3, 31), 73), (day(2022, 9, 30), 100)):
        persons = set(rehab.loc[(rehab["s"] <= q) & (rehab["e"] >= q), "person_id"])
        open_ = cases[(cases["s"] <= q) & (cases["e"] >= q) & cases["person_id"].isin(persons)]
        first = open_.groupby("person_id")["s"].min()
        assert set(first.index) == persons
        assert printed(((q - first + 1) / 7).mean(), 0) == weeks
        assert len(persons) < 914


# --- Table 13 and the economic status ------------------------------------------------------


def test_unit_cost(inputs: ReportInputs, spells: pd.DataFrame) -> None:
    costs = read(inputs, "operating_costs")
    monthly = ref.ftp(spells[spells["leaf"].isin(UNIT_COST_GROUPS)].assign(leaf="all"))["all"]
    for year, column in (
        (2018, "2018 Gns. omkostninger pr. FTP"),
        (2022, "2022 Forventet gns. omkostninger pr. FTP"),
    ):
        rows = costs[costs["year"] == year]
        assert set(rows["category"]) == {
            "vejledning_opkvalificering",
            "ordinaer_uddannelse",
            "mentor",
        }
        assert rows["expected"].all() == (year == 2022)
        assert_prints(
            "tabel 13",
            "Målgrupper i alt",
            column,
            rows["amount_dkk"].sum() / ref.annual(monthly, year),
        )


def test_economic_status_and_budget_changes(inputs: ReportInputs) -> None:
    budget = read(inputs, "budget_lines")
    grants = read(inputs, "appropriations")
    variances = read(inputs, "expected_variances")
    spending = read(inputs, "spending")
    mio = 1e6
    assert grants["approved"].all() and set(grants["kind"]) == {"tillaegsbevilling"}
    outturn_total = corrected_total = 0.0
    for expense_type, table, label in (
        ("service", "økonomisk status service", "Serviceudgifter 1110"),
        ("overfoersler", "økonomisk status overførsler", "Overførselsudgifter 2050"),
    ):
        original = budget.loc[budget["expense_type"] == expense_type, "original_budget_dkk"].sum()
        corrected = (
            original + grants.loc[grants["expense_type"] == expense_type, "amount_dkk"].sum()
        )
        own = spending[spending["expense_type"] == expense_type].sort_values("date")
        mine = variances[variances["expense_type"] == expense_type]
        other = mine.loc[mine["date"] == mine["date"].max(), "amount_dkk"].sum()
        outturn = corrected + other
        assert_prints(table, label, "Oprindeligt budget", original, mio)
        assert_prints(table, label, "Korrigeret budget", corrected, mio)
        assert_prints(table, label, "Forbrug", own["amount_dkk"].iloc[-1], mio)
        assert_prints(table, label, "Forventet regnskab", outturn, mio)
        deviation = (
            "Afvigelse mellem forventet regnskab og korrigeret budget inkl. forventede "
            "bevillingsændringer"
        )
        assert_prints(table, deviation, "Beløb", outturn - corrected, mio)
        outturn_total += outturn
        corrected_total += corrected
    assert_prints(
        "budgetændringer", "Oprindeligt budget", "Beløb", budget["original_budget_dkk"].sum(), mio
    )
    assert_prints("budgetændringer", "Korrigeret budget", "Beløb", corrected_total, mio)
    assert_prints("budgetændringer", "Forventet regnskab", "Beløb", outturn_total, mio)
    names = {"service": "Service", "overfoersler": "Overførsler"}
    rows = [
        (
            date.fromisoformat(r["date"]),
            "Tillægsbevilling",
            names[r["expense_type"]],
            r["topic"],
            r["amount_dkk"],
        )
        for _, r in grants.iterrows()
    ] + [
        (
            date.fromisoformat(r["date"]),
            "Afvigelse",
            names[r["expense_type"]],
            r["topic"],
            r["amount_dkk"],
        )
        for _, r in variances.iterrows()
    ]
    expected = budget_changes(REPORT)
    assert sorted(
        (c["date"], c["change_type"], c["expense_type"], c["topic"]) for c in expected
    ) == sorted(r[:4] for r in rows)
    amounts = {r[:4]: r[4] for r in rows}
    for change in expected:
        key = (change["date"], change["change_type"], change["expense_type"], change["topic"])
        assert printed(amounts[key] / mio, 1) == change["amount"], key
