import json

from hypothesis import given
from hypothesis import strategies as st

from polevent.records import Actor, Document, Event, Location, Problem, Span

text = st.text(max_size=30)
maybe_code = st.none() | st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=9)
offset = st.integers(min_value=0, max_value=10_000)
actors = st.builds(
    Actor,
    text=text,
    start=offset,
    end=offset,
    code=maybe_code,
    country=maybe_code,
    sector=maybe_code,
    name=st.none() | text,
)
locations = st.builds(
    Location,
    name=text,
    country=maybe_code,
    lat=st.none() | st.floats(-90, 90),
    lon=st.none() | st.floats(-180, 180),
    start=offset,
    end=offset,
)
events = st.builds(
    Event,
    source=st.none() | actors,
    target=st.none() | actors,
    cameo=st.sampled_from(["010", "036", "0312", "112", "190"]),
    cameo_root=st.sampled_from(["01", "03", "11", "19"]),
    quad_class=st.integers(1, 4),
    goldstein=st.floats(-10, 10),
    plover=st.none() | st.sampled_from(["CONSULT", "ACCUSE"]),
    plover_mode=st.none() | st.sampled_from(["visit", "allege"]),
    trigger=st.builds(Span, text=text, start=offset, end=offset),
    sentence_start=offset,
    sentence_end=offset,
    confidence=st.floats(0, 1),
    explanation=text,
    date=st.none() | st.sampled_from(["2024-11-22", "2024-05", "2022"]),
    date_precision=st.none() | st.sampled_from(["day", "month", "year"]),
    location=st.none() | locations,
    doc_id=st.none() | text,
)


@given(events)
def test_event_round_trips_through_json(event):
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


@given(st.builds(Document, id=text, text=text, date=st.none() | text, url=st.none() | text, source=st.none() | text))
def test_document_round_trips(document):
    assert Document.from_dict(document.to_dict()) == document


@given(st.builds(Problem, doc_id=text, stage=text, message=text, location=st.none() | text))
def test_problem_round_trips(problem):
    assert Problem.from_dict(problem.to_dict()) == problem


def test_event_dict_has_the_contract_keys():
    event = Event(None, None, "036", "03", 1, 4.0, "AGREE", None, Span("meet", 3, 7), 0, 20, 0.8, "why")
    assert set(event.to_dict()) >= {
        "source",
        "target",
        "cameo",
        "cameo_root",
        "quad_class",
        "goldstein",
        "plover",
        "plover_mode",
        "date",
        "date_precision",
        "location",
        "trigger",
        "sentence",
        "doc_id",
        "confidence",
        "explanation",
    }
