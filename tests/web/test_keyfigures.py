"""Key figures on the web: the appendix pages against `load_appendix`, the drill-down against
`compute_monthly`, the cache, the friendly pages without a store, and the published reports'
visibility, files and link from the agenda item."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfWriter

from jobtal.domain.periods import Month
from jobtal.measures.monthly import compute_monthly
from jobtal.report.appendix_output import (
    CHANGE_MEASURES,
    MEASURE_HEADINGS,
    TABLE_TITLES,
    format_value,
)
from jobtal.report.appendix_store import load_appendix
from jobtal.store import schema
from jobtal.web.keyfigures import bundle, data
from jobtal.web.keyfigures.access import report_visible
from jobtal.web.keyfigures.models import PublishedReport
from jobtal.web.meetings.demo import load_demo_meeting

from .helpers import World, body_of, client_for

GENTOFTE, KOEBENHAVN = 157, 101
# Text of a report's HTML that only the committee may read while it is unpublished.
REPORT_SECRET = "UDKAST-RAPPORT-TEKST"


def build_store(path: Path) -> Path:
    """A tiny store, by hand: in Gentofte 1.200 persons on dagpenge from 2020 on (open end)
    and 3 on jobparat kontanthjælp from July to December 2022; in København 10 on
    sygedagpenge through 2022. So Gentofte's 2022 has 1.200 dagpenge full-time persons
    (1.200 every month) and 1,5 kontanthjælp full-time persons (0 for six months, 3 for six:
    18 ÷ 12)."""
    con = schema.connect(path)
    try:
        rows = [(f"d{i}", GENTOFTE, "dagpenge", date(2020, 1, 1), None) for i in range(1200)]
        rows += [
            (f"k{i}", GENTOFTE, "kh_jobparat", date(2022, 7, 1), date(2022, 12, 31))
            for i in range(3)
        ]
        rows += [
            (f"s{i}", KOEBENHAVN, "sygedagpenge", date(2022, 1, 1), date(2022, 12, 31))
            for i in range(10)
        ]
        con.executemany("INSERT INTO benefit_segments VALUES (?, ?, ?, ?, ?)", rows)
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("store") / "jobtal.duckdb")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module: each (municipality, year) is computed once here too."""
    return tmp_path_factory.mktemp("noegletal-cache")


@pytest.fixture
def with_store(settings: object, store: Path, cache_dir: Path) -> Path:
    settings.JOBTAL_KEYFIGURES_DB = store  # type: ignore[attr-defined]
    settings.JOBTAL_KEYFIGURES_CACHE = cache_dir  # type: ignore[attr-defined]
    return store


def _tables(page: str) -> dict[str, list[list[str]]]:
    """Each table of the page by caption: its rows as cell texts (header cell first)."""
    found = {}
    for block in re.findall(r"<table.*?</table>", page, re.S):
        caption = html.unescape(re.search(r"<caption>(.*?)</caption>", block, re.S).group(1))
        rows = []
        for row in re.findall(r"<tr.*?</tr>", block, re.S):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            texts = [html.unescape(re.sub(r"<[^>]+>", " ", c)) for c in cells]
            # Collapse ordinary whitespace only: the no-break space before % is part of a value.
            rows.append([" ".join(re.split(r"[ \t\r\n]+", t)).strip() for t in texts])
        found[caption.strip()] = rows
    return found


# --- the appendix -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_appendix_page_shows_load_appendix_figures_the_danish_way(with_store: Path) -> None:
    response = client_for(None).get(reverse("keyfigures:appendix", args=[GENTOFTE, 2022]))
    assert response.status_code == 200
    page = response.content.decode()
    tables = _tables(page)
    rows = load_appendix(with_store, GENTOFTE, 2022).rows
    checked = 0
    for table, title in TABLE_TITLES.items():
        mine = [r for r in rows if r["table"] == table]
        if not mine:
            continue
        head, *body_rows = tables[title]
        body = {r[0]: r[1:] for r in body_rows}
        assert len(body) == len(body_rows) == len({(r["label"], r["parent"]) for r in mine})
        for r in mine:
            column = head.index(_heading(r["year"], r["measure"])) - 1
            assert body[r["label"]][column] == format_value(r["measure"], r["value"])
            checked += 1
    assert checked > 50
    # By hand: 1.200 on dagpenge all year, 1,5 on kontanthjælp (printed rounded: 2).
    target = {r[0]: r[1:] for r in tables[TABLE_TITLES["target_groups"]][1:]}
    head = tables[TABLE_TITLES["target_groups"]][0]
    column = head.index("2022 Årsgns.")
    assert target["Forsikrede ledige"][column - 1] == "1.200"
    assert target["Kontanthjælp"][column - 1] == "2"
    assert target["Sygedagpenge"][column - 1] == "0"
    # Every figure is in a table with a caption and header cells with a scope.
    assert page.count("<caption>") == len(tables) >= 4
    assert '<th scope="row">' in page and '<th scope="col"' in page


@pytest.mark.django_db
def test_appendix_chart_carries_the_figures_and_links_to_the_groups(with_store: Path) -> None:
    page = client_for(None).get(reverse("keyfigures:appendix", args=[GENTOFTE, 2022]))
    text = page.content.decode()
    spec = json.loads(
        html.unescape(re.search(r'id="chart-appendix-spec"[^>]*>(.*?)</script>', text, re.S)[1])
    )
    values = {(v["group"], v["year"]): v for v in spec["data"]["values"]}
    assert values[("Forsikrede ledige", "2022")]["value"] == pytest.approx(1200)
    assert values[("Kontanthjælp", "2022")]["value"] == pytest.approx(1.5)
    assert values[("Kontanthjælp", "2022")]["url"] == reverse(
        "keyfigures:group", args=[GENTOFTE, 2022, "kh"]
    )
    assert "I alt" not in {v["group"] for v in spec["data"]["values"]}
    # The text alternative names the largest group; the script is the site's own file.
    assert "Størst i 2022 er Forsikrede ledige med 1.200 fuldtidspersoner" in text
    assert re.search(r'<script type="module" src="/static/keyfigures/charts\.js">', text)
    assert "cdn" not in text.lower()


def test_chart_script_is_built_from_the_current_snippet() -> None:
    """The bundled file contains today's snippet (regenerate it with `python -m
    jobtal.web.keyfigures.bundle` after changing it)."""
    bundled = bundle.TARGET.read_text("utf-8")
    options = re.search(r"const jobtalOptions\s*=\s*(\{.*?\});", bundled)
    assert options is not None
    assert json.loads(options[1]) == bundle.embed_options()
    assert 'document.querySelectorAll("[data-chart]")' in bundled
    assert f"Vega-Lite {bundle.vegalite_version()}" in bundled.splitlines()[0]


@pytest.mark.django_db
def test_group_months_equal_compute_monthly(with_store: Path) -> None:
    response = client_for(None).get(reverse("keyfigures:group", args=[GENTOFTE, 2022, "kh"]))
    assert response.status_code == 200
    table = _tables(response.content.decode())
    months = next(rows for caption, rows in table.items() if caption.startswith("Fuldtidspersoner"))
    frame = compute_monthly(with_store, Month(2022, 1), Month(2022, 12))
    frame = frame[
        (frame["municipality"] == GENTOFTE)
        & (frame["measure"] == "ftp")
        & frame["target_group"].isin(["kh_jobparat", "kh_aktivitetsparat"])
    ]
    expected = frame.groupby(frame["month"].dt.month)["value"].sum()
    shown = [row[1] for row in months[1:13]]
    assert shown == [_one(expected.get(m, 0.0)) for m in range(1, 13)]
    # By hand: nothing January–June, 3 persons July–December, average 18 ÷ 12.
    assert shown == ["0,0"] * 6 + ["3,0"] * 6
    assert months[13] == ["Årsgennemsnit", "1,5"]
    assert [row[0] for row in months[1:4]] == ["januar", "februar", "marts"]


def _heading(year: int, measure: str) -> str:
    """A column's header text as the appendix prints it: `2022 Årsgns.`, `2021/2022 Udvikling`."""
    first = f"{year - 1}/{year}" if measure in CHANGE_MEASURES else str(year)
    return f"{first} {MEASURE_HEADINGS[measure]}"


def _one(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def test_group_months_sum_the_leaves_and_average_to_the_appendix(
    store: Path, settings: object, cache_dir: Path
) -> None:
    settings.JOBTAL_KEYFIGURES_CACHE = cache_dir  # type: ignore[attr-defined]
    figures = data.key_figures(GENTOFTE, 2022, store)
    rows = load_appendix(store, GENTOFTE, 2022).rows
    for key, table, label in (
        ("forsikrede", "target_groups", "Forsikrede ledige"),
        ("kh", "target_groups", "Kontanthjælp"),
        ("i_alt", "target_groups", "I alt"),
        ("langtid", "long_term", "Langtidsledigheden"),
        ("langtid.dagpenge", "long_term", "Dagpengemodtagere"),
    ):
        months = figures.group_months(key)
        appendix = next(
            r["value"]
            for r in rows
            if r["table"] == table
            and r["label"] == label
            and r["year"] == 2022
            and r["measure"] == "ftp"
        )
        assert sum(v for _, v in months) / 12 == pytest.approx(appendix)
    assert [v for _, v in figures.group_months("i_alt")] == pytest.approx([1200] * 6 + [1203] * 6)
    # On dagpenge since 2020 without an offer: long-term unemployed all through 2022.
    assert [v for _, v in figures.group_months("langtid")] == pytest.approx([1200] * 12)


def test_municipality_months_equal_the_whole_countrys(store: Path, tmp_path: Path) -> None:
    """Only the persons ever in the municipality are computed, with their whole history: a
    person who moves from København to Gentofte after 15 months on dagpenge is long-term
    unemployed in Gentofte at once, exactly as in the whole country's figures."""
    own = tmp_path / "jobtal.duckdb"
    own.write_bytes(store.read_bytes())
    con = schema.connect(own)
    con.executemany(
        "INSERT INTO benefit_segments VALUES (?, ?, ?, ?, ?)",
        [
            ("flytter", KOEBENHAVN, "dagpenge", date(2021, 1, 1), date(2022, 3, 31)),
            ("flytter", GENTOFTE, "dagpenge", date(2022, 4, 1), None),
        ],
    )
    con.execute(
        "INSERT INTO activation_spells VALUES "
        "('k0', 'loentilskud', DATE '2022-09-01', DATE '2022-09-30', 18.5, NULL)"
    )
    con.close()
    key = ["municipality", "target_group", "month", "measure"]
    mine = data.municipality_monthly(own, GENTOFTE, 2022).sort_values(key)
    country = compute_monthly(own, Month(2022, 1), Month(2022, 12))
    country = country[country["municipality"] == GENTOFTE].sort_values(key)
    assert mine[key].values.tolist() == country[key].values.tolist()
    assert mine["value"].tolist() == pytest.approx(country["value"].tolist())
    april = mine[(mine["month"] == "2022-04-01") & (mine["measure"] == "long_term_ftp")]
    assert april["value"].sum() == pytest.approx(1201)
    assert set(mine["measure"]) >= {"ftp", "long_term_ftp", "wage_subsidy_ftp"}


def test_cache_computes_once_per_store_version(
    store: Path, tmp_path: Path, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.JOBTAL_KEYFIGURES_CACHE = tmp_path / "cache"  # type: ignore[attr-defined]
    own = tmp_path / "jobtal.duckdb"
    own.write_bytes(store.read_bytes())
    calls = []
    real = data._compute

    def counting(*args: object) -> object:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "_compute", counting)
    first = data.key_figures(GENTOFTE, 2022, own)
    second = data.key_figures(GENTOFTE, 2022, own)
    assert len(calls) == 1
    assert second == first
    # A new import changes the store file: computed again, from the new data.
    con = schema.connect(own)
    con.execute(
        "INSERT INTO benefit_segments VALUES "
        "('n', 157, 'sygedagpenge', DATE '2022-01-01', DATE '2022-12-31')"
    )
    con.close()
    third = data.key_figures(GENTOFTE, 2022, own)
    assert len(calls) == 2
    assert sum(v for _, v in third.group_months("sygedagpenge")) == pytest.approx(12)


@pytest.mark.django_db
def test_a_municipality_with_series_only_has_an_appendix_but_no_months(
    store: Path, tmp_path: Path, settings: object
) -> None:
    """Aarhus has only monthly series (as imported from jobindsats.dk): 50 insured
    unemployed every month of 2022. The appendix shows them; the drill-down has no months
    and says why."""
    own = tmp_path / "jobtal.duckdb"
    own.write_bytes(store.read_bytes())
    con = schema.connect(own)
    rows = [
        ("Aarhus", "target_groups", "forsikrede", date(2022, m, 1), "ftp", 50.0, "test")
        for m in range(1, 13)
    ]
    con.executemany("INSERT INTO area_series VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()
    settings.JOBTAL_KEYFIGURES_DB = own  # type: ignore[attr-defined]
    settings.JOBTAL_KEYFIGURES_CACHE = tmp_path / "cache"  # type: ignore[attr-defined]
    client = client_for(None)
    page = client.get(reverse("keyfigures:appendix", args=[751, 2022]))
    assert page.status_code == 200
    text = page.content.decode()
    target = _tables(text)[TABLE_TITLES["target_groups"]]
    column = target[0].index("2022 Årsgns.")
    assert {r[0]: r[column] for r in target[1:]}["Forsikrede ledige"] == "50"
    assert "fra databasens serier" in text
    assert reverse("keyfigures:group", args=[751, 2022, "forsikrede"]) not in text
    months = client.get(reverse("keyfigures:group", args=[751, 2022, "forsikrede"]))
    assert months.status_code == 200
    assert "ingen månedstal" in months.content.decode()
    assert 'id="chart-months"' not in months.content.decode()


@pytest.mark.django_db
def test_index_form_leads_to_the_appendix_and_the_group(with_store: Path) -> None:
    client = client_for(None)
    page = client.get(reverse("keyfigures:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("<option") >= 98 + 3  # every municipality, the store's years, groups
    assert '<option value="2022" selected>2022</option>' in text
    assert '<option value="2019"' not in text and '<option value="2023"' not in text
    to_appendix = client.get(reverse("keyfigures:index"), {"kommune": GENTOFTE, "aar": 2021})
    assert to_appendix["Location"] == reverse("keyfigures:appendix", args=[GENTOFTE, 2021])
    to_group = client.get(
        reverse("keyfigures:index"), {"kommune": GENTOFTE, "aar": 2022, "gruppe": "kh.jobparat"}
    )
    assert to_group["Location"] == reverse("keyfigures:group", args=[GENTOFTE, 2022, "kh.jobparat"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        ((GENTOFTE, 2019), 404, "ingen tal for 2019"),
        ((751, 2022), 404, "ingen tal for Aarhus i 2022"),
        ((999, 2022), 404, ""),
    ],
)
def test_choices_without_figures_are_friendly_404s(
    with_store: Path, args: tuple[int, int], status: int, message: str
) -> None:
    response = client_for(None).get(reverse("keyfigures:appendix", args=args))
    assert response.status_code == status
    assert message in response.content.decode()


@pytest.mark.django_db
def test_unknown_group_is_404(with_store: Path) -> None:
    url = reverse("keyfigures:group", args=[GENTOFTE, 2022, "ukendt"])
    assert client_for(None).get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["missing", "empty", "no tables"])
def test_without_a_store_the_pages_say_so_in_danish(
    settings: object, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "jobtal.duckdb"
    if kind == "empty":
        schema.connect(path).close()
    elif kind == "no tables":
        import duckdb

        duckdb.connect(str(path)).close()
    settings.JOBTAL_KEYFIGURES_DB = path  # type: ignore[attr-defined]
    client = client_for(None)
    index = client.get(reverse("keyfigures:index"))
    assert index.status_code == 200
    assert "ingen nøgletal" in index.content.decode()
    for url in (
        reverse("keyfigures:appendix", args=[GENTOFTE, 2022]),
        reverse("keyfigures:group", args=[GENTOFTE, 2022, "kh"]),
    ):
        response = client.get(url)
        assert response.status_code == 503
        assert "ingen nøgletal" in response.content.decode()


# --- published reports ----------------------------------------------------------------------


def blank_pdf() -> bytes:
    """A real one-page PDF (readers of public PDFs parse what they get)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def report_folder(path: Path, quarter: str = "2022Q4", text: str = "Rapportens tekst") -> Path:
    """A folder as `jobtal report` writes it (small stand-ins for the real files)."""
    path.mkdir(parents=True, exist_ok=True)
    (path / f"kvartalsrapport-{quarter}.html").write_text(
        f"<!DOCTYPE html><html lang='da'><body><h1>Kvartalsrapport</h1><p>{text}</p></body></html>",
        "utf-8",
    )
    for stem in ("kvartalsrapport", "noegletal", "budgetaendringer"):
        (path / f"{stem}-{quarter}.pdf").write_bytes(blank_pdf())
    (path / "tables.json").write_text("{}", "utf-8")
    return path


def make_report(
    world: World, folder: Path, item: object, published: bool, title: str
) -> PublishedReport:
    return PublishedReport.objects.create(
        municipality=GENTOFTE,
        quarter="2022Q4",
        title=title,
        folder=str(folder),
        agenda_item=item,
        published=published,
    )


ROLES = (
    "anonymous",
    "member",
    "other_member",
    "secretariat",
    "other_secretariat",
    "consultant",
    "analyst",
)


@pytest.mark.parametrize(
    ("link", "published", "who_sees"),
    [
        ("none", True, set(ROLES)),
        ("none", False, {"secretariat", "other_secretariat", "consultant", "analyst"}),
        ("open item", True, set(ROLES)),
        ("open item", False, {"member", "secretariat"}),
        ("closed item", True, {"member", "secretariat"}),
        ("draft item", True, {"member", "secretariat"}),
    ],
)
def test_report_visibility_rule(
    world: World, tmp_path: Path, link: str, published: bool, who_sees: set[str]
) -> None:
    items = {
        "none": None,
        "open item": world.meeting.items.get(number=4),
        "closed item": world.closed_item,
        "draft item": world.draft_item,
    }
    report = make_report(world, report_folder(tmp_path / "r"), items[link], published, "Rapport")
    seen = {role for role in ROLES if report_visible(report, world.users[role])}
    assert seen == who_sees


def test_unpublished_report_is_404_for_the_public_and_never_shows_its_content(
    world: World, tmp_path: Path
) -> None:
    folder = report_folder(tmp_path / "r", text=REPORT_SECRET)
    report = make_report(
        world, folder, world.meeting.items.get(number=4), False, "Udkast-titel-XYZ"
    )
    anonymous = client_for(None)
    for url in (
        reverse("keyfigures:report_detail", args=[report.pk]),
        reverse("keyfigures:report_html", args=[report.pk]),
        reverse("keyfigures:report_pdf", args=[report.pk, "noegletal"]),
    ):
        response = anonymous.get(url)
        assert response.status_code == 404
        body = body_of(response).decode("utf-8", "replace")
        assert REPORT_SECRET not in body and "Udkast-titel-XYZ" not in body
    listing = anonymous.get(reverse("keyfigures:report_list")).content.decode()
    assert "Udkast-titel-XYZ" not in listing
    member = client_for(world.users["member"])
    assert "Udkast-titel-XYZ" in member.get(reverse("keyfigures:report_list")).content.decode()
    assert (
        REPORT_SECRET
        in body_of(member.get(reverse("keyfigures:report_html", args=[report.pk]))).decode()
    )


def test_report_page_frames_the_html_and_offers_the_pdfs(world: World, tmp_path: Path) -> None:
    report = make_report(
        world,
        report_folder(tmp_path / "r"),
        world.meeting.items.get(number=4),
        True,
        "Kvartalsrapportering 4. kvartal 2022",
    )
    client = client_for(None)
    page = client.get(reverse("keyfigures:report_detail", args=[report.pk])).content.decode()
    html_url = reverse("keyfigures:report_html", args=[report.pk])
    assert f'<iframe class="keyfigures-report" src="{html_url}"' in page
    for kind in ("kvartalsrapport", "noegletal", "budgetaendringer"):
        assert reverse("keyfigures:report_pdf", args=[report.pk, kind]) in page
    framed = client.get(html_url)
    assert framed.status_code == 200
    assert framed["Content-Type"] == "text/html; charset=utf-8"
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert framed["Content-Security-Policy"].startswith("sandbox")
    assert framed["X-Content-Type-Options"] == "nosniff"
    assert b"Rapportens tekst" in body_of(framed)
    pdf = client.get(reverse("keyfigures:report_pdf", args=[report.pk, "noegletal"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="noegletal-2022Q4.pdf"'
    served = body_of(pdf)
    assert served == report.pdf_path("noegletal").read_bytes()
    assert served.startswith(b"%PDF-")
    # Only the report's own three PDFs: nothing else of the folder.
    assert (
        client.get(reverse("keyfigures:report_pdf", args=[report.pk, "tables"])).status_code == 404
    )
    # Other pages may not be framed.
    assert (
        client.get(reverse("keyfigures:report_detail", args=[report.pk]))["X-Frame-Options"]
        == "DENY"
    )


def test_item_page_links_to_its_published_report(world: World, tmp_path: Path) -> None:
    item = world.meeting.items.get(number=4)
    published = make_report(world, report_folder(tmp_path / "a"), item, True, "Offentlig rapport")
    draft = make_report(world, report_folder(tmp_path / "b"), item, False, "Rapport under arbejde")
    url = reverse("meetings:item_detail", args=[world.meeting.pk, item.pk])
    public = client_for(None).get(url).content.decode()
    assert reverse("keyfigures:report_detail", args=[published.pk]) in public
    assert reverse("keyfigures:report_detail", args=[draft.pk]) not in public
    assert "Rapport under arbejde" not in public
    members = client_for(world.users["member"]).get(url).content.decode()
    assert reverse("keyfigures:report_detail", args=[draft.pk]) in members


@pytest.mark.django_db
def test_demo_publishes_the_report_of_its_output_folder_on_item_4(tmp_path: Path) -> None:
    output = report_folder(tmp_path / "output")
    demo = load_demo_meeting(output)
    report = PublishedReport.objects.get()
    assert report.published
    assert report.agenda_item == demo.meeting.items.get(number=4)
    assert (report.quarter, report.municipality) == ("2022Q4", GENTOFTE)
    assert report.title == "Kvartalsrapportering, 4. kvartal 2022"
    assert report.history.count() == 1
    item_page = client_for(None).get(
        reverse("meetings:item_detail", args=[demo.meeting.pk, report.agenda_item.pk])
    )
    assert reverse("keyfigures:report_detail", args=[report.pk]) in item_page.content.decode()
    # The PDFs are attached to item 4 as before.
    assert {p.name for p in demo.attached_files} >= {
        "kvartalsrapport-2022Q4.pdf",
        "noegletal-2022Q4.pdf",
    }


@pytest.mark.django_db
def test_demo_without_a_report_publishes_none(tmp_path: Path) -> None:
    load_demo_meeting(tmp_path)
    assert not PublishedReport.objects.exists()
