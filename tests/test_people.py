"""People with dated roles, user dictionaries, the PETRARCH import and the comparison with reference leaders."""

from __future__ import annotations

import csv
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from polevent.cli import app
from polevent.errors import DataError
from polevent.kb import load_people
from polevent.people import FORMER_SECTOR, parse_bound
from polevent.petrarch import convert, phrase_text, tabari_date
from tests.conftest import shared_path

DATA = Path(__file__).parent / "data" / "petrarch"
PEOPLE = load_people()
ROLES = [(person, role) for person in PEOPLE.people.values() for role in person.roles]


def test_the_knowledge_base_has_at_least_2000_person_roles():
    assert len(ROLES) >= 2000
    countries = {role.country for _, role in ROLES}
    for needed in ("USA", "CHN", "RUS", "GBR", "FRA", "IND", "ISR", "UKR", "IRN", "IGOUNO"):
        assert needed in countries, needed


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(ROLES) - 1), st.floats(0, 1), st.integers(1, 4000))
def test_a_dated_role_holds_inside_its_range_and_not_outside(index, where, days_out):
    person, role = ROLES[index]
    end = role.end or date(2026, 11, 28)
    inside = role.start + timedelta(days=int((end - role.start).days * where))
    chosen = person.role_on(inside)
    assert chosen is not None and chosen.holds(inside)
    assert role.holds(inside)
    before = role.start - timedelta(days=days_out)
    assert not role.holds(before)
    if all(not r.holds(before) for r in person.roles):
        country, sector, _ = person.actor_on(before)
        assert sector == FORMER_SECTOR and country
    if role.end is not None:
        after = role.end + timedelta(days=days_out)
        assert not role.holds(after)
        assert person.role_on(after) is not role or role.holds(after)


def test_partial_dates_cover_their_whole_period():
    assert parse_bound("2023", end=False) == date(2023, 1, 1)
    assert parse_bound("2023", end=True) == date(2023, 12, 31)
    assert parse_bound("2024-02", end=True) == date(2024, 2, 29)
    with pytest.raises(ValueError):
        parse_bound("March 2023", end=False)


def test_former_and_the_event_day_decide_the_code():
    wei = PEOPLE.people["wei-fenghe"]
    assert wei.actor_on(date(2022, 11, 22))[:2] == ("CHN", "GOV")
    assert wei.actor_on(date(2024, 11, 22))[:2] == ("CHN", FORMER_SECTOR)
    # "former" in a 2024 story: out of office for 2024 events, in office for his 2022 talks.
    assert wei.actor_on(date(2024, 11, 22), former=True, published=date(2024, 11, 22))[1] == FORMER_SECTOR
    assert wei.actor_on(date(2022, 11, 22), former=True, published=date(2024, 11, 22))[1] == "GOV"


@pytest.mark.model
def test_acceptance_story_people_and_places_resolve_for_each_event_day(coder):
    text = shared_path("acceptance", "admm-plus-2024.txt").read_text(encoding="utf-8")
    events = coder.code(text, date="2024-11-22")
    actors = [(e, a) for e in events for a in (e.source, e.target) if a is not None]

    def codes_of(word: str) -> set[tuple[str | None, str | None]]:
        return {(e.date[:4] if e.date else None, a.code) for e, a in actors if word in (a.name or a.text)}

    assert ("2024", "USAGOV") in codes_of("Austin")
    assert ("2024", "CHNGOV") in codes_of("Dong")
    assert any(code == "CHNMIL" for _, code in codes_of("Wu"))
    assert ("2022", "CHNGOV") in codes_of("Wei Fenghe"), "his 2022 talks: Defence Minister then"
    assert all(code in {"CHNGOV", "CHNELI"} for _, code in codes_of("Wei Fenghe"))
    assert {a.code for _, a in actors if a.text == "Beijing"} <= {"CHNGOV"}
    assert {a.code for _, a in actors if a.text == "Washington"} <= {"USAGOV"}
    assert not [a for _, a in actors if "CNN" in a.text], "a news outlet is never an actor"


# -- user dictionaries ----------------------------------------------------------------------------


def test_user_yaml_overrides_a_person_by_id_and_adds_organisations(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        """
actors:
  - id: wei-fenghe
    name: Wei Fenghe
    roles:
      - {country: CHN, sector: MIL, role: military_chief, title: Commander, start: 2016-01, end: 2018-03-18}
  - id: ruritanian-relief-league
    kind: organization
    name: Ruritanian Relief League
    aliases: [RRL League]
    country: RUR
    sector: NGO
""",
        encoding="utf-8",
    )
    table = load_people([path])
    wei = table.people["wei-fenghe"]
    assert [r.title for r in wei.roles] == ["Commander"], "the user entry replaces the built-in one"
    assert table.organizations["ruritanian-relief-league"].sector == "NGO"
    assert len(table.people) == len(PEOPLE.people)


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("- id: x\n  name: X\n  roles: [{country: CHN, sector: GOV, role: king, start: 2020}]\n", ".yaml", "role"),
        (
            "- id: x\n  name: X\n  roles: [{country: CHN, sector: XYZ, role: minister, start: 2020}]\n",
            ".yaml",
            "sector",
        ),
        ("- id: x\n  name: X\n  roles: [{country: CHN, sector: GOV, role: minister, start: soon}]\n", ".yaml", "soon"),
        ("- id: x\n  name: [unclosed\n", ".yaml", "not valid YAML"),
        ("id,name,kind,country,sector,role,start,end\nx,X,person,CHN,GOV,minister,2020,2019\n", ".csv", "before"),
        ("id,name,colour\nx,X,red\n", ".csv", "unknown column"),
        ("id,name,kind,country,sector,role,start\nBad Id,X,person,CHN,GOV,minister,2020\n", ".csv", "'id'"),
    ],
)
def test_bad_user_dictionaries_say_where_and_what(tmp_path, content, suffix, message):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_people([path])
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    if suffix == ".csv" and "column" not in message:
        assert f"{path}:2" in str(caught.value), "CSV problems name the line"


@pytest.mark.model
def test_actors_add_and_lookup_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("POLEVENT_ACTORS", str(tmp_path / "installed"))
    path = tmp_path / "mine.csv"
    path.write_text(
        "id,kind,name,aliases,country,sector,role,title,start,end\n"
        "marta-kovac,person,Marta Kovacova,Kovacova,SVK,GOV,foreign_minister,Foreign Minister,2031-01-01,\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["actors", "add", str(path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "installed" / "mine.csv").exists()
    result = runner.invoke(app, ["actors", "lookup", "Marta Kovacova", "--date", "2031-06-01"])
    flat = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    assert "SVKGOV" in flat and "Foreign Minister" in flat
    result = runner.invoke(app, ["actors", "lookup", "Marta Kovacova", "--date", "2030-06-01"])
    assert "SVKELI" in " ".join(result.output.split())
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,kind,country,sector,role,start\nq,Q,person,SVK,GOV,emperor,2020\n", encoding="utf-8")
    result = runner.invoke(app, ["actors", "add", str(bad)])
    assert result.exit_code == 2 and "bad.csv:2" in " ".join(result.output.split())


# -- PETRARCH import --------------------------------------------------------------------------------


def test_tabari_dates_and_phrases():
    assert tabari_date("950101") == "1995-01-01"
    assert tabari_date("051231") == "2005-12-31"
    assert tabari_date("20051130") == "2005-11-30"
    assert tabari_date("130931") == "2013-09-30", "an impossible day moves to the month's last"
    assert phrase_text("ABDUL_RASHID_DOSTUM_") == "Abdul Rashid Dostum"
    assert phrase_text("U.N._SECRETARY_GENERAL") == "U.N. Secretary General"


def test_petrarch_import_of_a_small_dictionary_written_for_the_tests(tmp_path):
    result = convert(DATA / "small.actors.txt")
    by_id: dict[str, list[dict[str, str]]] = {}
    for row in result.rows:
        by_id.setdefault(row["id"], []).append(row)
    assert result.entries == 7 and result.converted == 5
    assert by_id["ruritania"][0]["kind"] == "organization" and by_id["ruritania"][0]["code"] == "RUR"
    assert by_id["ruritania"][0]["aliases"] == "Ruritanian|Ruritanians"
    assert by_id["ruritanian-army"][0]["sector"] == "MIL"
    otto = by_id["otto-von-strelsau"]
    assert [(r["kind"], r["sector"], r["start"], r["end"]) for r in otto] == [
        ("person", "GOV", "1995-01-01", "2003-12-31")
    ]
    assert [(r["start"], r["end"]) for r in by_id["marta-kovac"]] == [("2004-01-01", "")]
    assert [(r["sector"], r["start"], r["end"]) for r in by_id["hans-bremer"]] == [
        ("MIL", "1998-03-01", "2005-11-30"),
        ("GOV", "2005-12-01", "2009-12-31"),
    ]
    skipped = "\n".join(result.skipped)
    assert "small.actors.txt:25" in skipped and "9901-991231" in skipped
    assert "small.actors.txt:27: a synonym line outside any entry" in skipped
    assert "'No Code Phrase' has no code" in skipped
    agents = convert(DATA / "small.agents.txt")
    assert [(r["name"], r["sector"]) for r in agents.rows] == [("Border Guard", "MIL"), ("Customs Official", "BUS")]
    assert "BUD is not a sector" in agents.skipped[0]
    # The converted rows are a valid user dictionary.
    out = tmp_path / "converted.csv"
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(result.rows[0]))
        writer.writeheader()
        writer.writerows(result.rows + agents.rows)
    table = load_people([out])
    assert table.people["hans-bremer"].actor_on(date(2007, 5, 1))[:2] == ("RUR", "GOV")
    assert table.sectors["border guards"] == "MIL"


def test_petrarch_import_of_the_phoenix_country_dictionary():
    path = shared_path("reference", "petrarch", "Phoenix.Countries.actors.txt")
    result = convert(path)
    assert result.entries > 10_000
    assert result.rate >= 0.95, f"converted {result.rate:.1%}"
    assert all(re.match(r"Phoenix\.Countries\.actors\.txt:\d+: ", line) for line in result.skipped)
    assert result.converted + len({line.split(":")[1] for line in result.skipped}) >= result.entries - 50


def test_import_petrarch_command_reports_counts_and_lines(tmp_path):
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        app,
        ["actors", "import-petrarch", str(DATA / "small.actors.txt"), str(DATA / "small.agents.txt"), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "5 of 7 entries converted" in flat and "small.actors.txt:25" in flat
    with open(out, encoding="utf-8") as handle:
        ids = {row["id"] for row in csv.DictReader(handle)}
    assert "small-hans-bremer" in ids and "small-agents-border-guard" in ids, "ids keep files apart"


# -- comparison with the reference list of leaders ---------------------------------------------------

HEAD_ROLES = {"head_of_state", "head_of_government", "head_of_state_and_government"}


def _norm(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z ]", "", ascii_text.lower()).strip()


def _country_code(name: str) -> str | None:
    from polevent.kb import knowledge_base, tokenize

    kb = knowledge_base()
    words = list(tokenize(re.sub(r"^the ", "", name, flags=re.I)))
    found = kb.match(words, 0)
    if found is None or found[0] != len(words) or found[1].kind != "country":
        return None
    return found[1].country


def leader_disagreements() -> tuple[int, list[str]]:
    """(people compared, disagreements) between the knowledge base and the reference heads list."""
    path = shared_path("reference", "leaders", "heads-of-state-and-government-wikidata-2022.csv")
    by_name: dict[str, set[str]] = {}
    for person in PEOPLE.people.values():
        for name in (person.name, *person.aliases):
            if len(name.split()) >= 2:
                by_name.setdefault(_norm(name), set()).add(person.id)
    compared, disagreements = 0, []
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ids = by_name.get(_norm(row["officeholderLabel"]), set())
            country = _country_code(row["country"])
            if len(ids) != 1 or country is None:
                continue
            person = PEOPLE.people[next(iter(ids))]
            compared += 1
            start = int(row["start_year"]) if row["start_year"].strip().isdigit() else None
            end = int(row["end_year"]) if row["end_year"].strip().isdigit() else 2022
            spans = _merged_spans([r for r in person.roles if r.role in HEAD_ROLES and r.country == country])
            if not any((start is None or s <= start) and (e is None or e >= end) for s, e in spans):
                ours = ", ".join(f"{s}-{e or ''}" for s, e in spans) or "no such office"
                disagreements.append(
                    f"{row['officeholderLabel']} ({row['positionLabel']} {row['start_year']}-{row['end_year']}): {ours}"
                )
    return compared, disagreements


def _merged_spans(roles) -> list[tuple[int, int | None]]:
    spans: list[tuple[int, int | None]] = []
    for role in sorted(roles, key=lambda r: r.start):
        start, end = role.start.year, (role.end.year if role.end else None)
        if spans and (spans[-1][1] is None or start <= spans[-1][1] + 1):
            last_start, last_end = spans[-1]
            spans[-1] = (last_start, None if end is None or last_end is None else max(end, last_end))
        else:
            spans.append((start, end))
    return spans


def test_knowledge_base_agrees_with_the_reference_leaders():
    compared, disagreements = leader_disagreements()
    assert compared >= 150
    share = len(disagreements) / compared
    readme = Path(__file__).resolve().parents[1] / "src" / "polevent" / "data" / "actors" / "README.md"
    explained = readme.read_text(encoding="utf-8")
    unexplained = [d for d in disagreements if d.split(" (")[0] not in explained]
    assert share <= 0.02, f"{len(disagreements)} of {compared} disagree: {disagreements}"
    assert not unexplained, f"explain these in data/actors/README.md: {unexplained}"


#: Offices of the reference IGO list that the knowledge base covers: (organisation code, title words).
IGO_OFFICES = {
    "Secretary-General of the United Nations": ("IGOUNO", "secretary-general of the united nations"),
    "Deputy Secretary-General of the United Nations": ("IGOUNO", "deputy secretary-general"),
    "Director-General of the World Trade Organization": ("IGOWTO", "director-general"),
}


def igo_disagreements() -> tuple[int, list[str]]:
    """(people compared, disagreements) for the IGO offices the knowledge base covers (dates within a week)."""
    path = shared_path("reference", "leaders", "igo-officeholders-wikidata.csv")
    by_name: dict[str, set[str]] = {}
    for person in PEOPLE.people.values():
        for name in (person.name, *person.aliases):
            by_name.setdefault(_norm(name), set()).add(person.id)
    compared, disagreements = 0, []
    week = timedelta(days=7)
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            office = IGO_OFFICES.get(row["position"])
            ids = by_name.get(_norm(row["person"]), set())
            if office is None or len(ids) != 1:
                continue
            compared += 1
            person = PEOPLE.people[next(iter(ids))]
            start = parse_bound(row["start"], end=False)
            end = parse_bound(row["end"], end=True) if row["end"] else None
            match = [
                r
                for r in person.roles
                if r.country == office[0]
                and office[1] in r.title.lower()
                and ("deputy" in office[1]) == ("deputy" in r.title.lower())
            ]
            ok = any(
                abs((r.start - start).days) <= 7
                and (
                    (end is None and r.end is None)
                    or (end is not None and r.end is not None and abs(r.end - end) <= week)
                )
                for r in match
            )
            if not ok:
                ours = ", ".join(f"{r.start_text}-{r.end_text}" for r in match) or "no such office"
                disagreements.append(f"{row['person']} ({row['position']} {row['start']}-{row['end']}): {ours}")
    return compared, disagreements


def test_knowledge_base_agrees_with_the_reference_igo_officeholders():
    compared, disagreements = igo_disagreements()
    assert compared >= 8
    assert len(disagreements) / compared <= 0.02, disagreements
