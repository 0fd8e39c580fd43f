"""The public Python API: names, laziness, and the contract of code/code_pair/code_many."""

import pytest

import polevent
from polevent.nlp import load_pipeline


def test_public_names_are_pinned():
    assert sorted(polevent.__all__) == sorted(
        [
            "Actor",
            "Coder",
            "DataError",
            "Document",
            "Event",
            "GoldFormatError",
            "InputError",
            "Location",
            "ModelError",
            "Outcome",
            "PoleventError",
            "Problem",
            "Span",
            "__version__",
            "code",
            "default_coder",
        ]
    )


def test_constructing_a_coder_loads_nothing():
    before = load_pipeline.cache_info().currsize
    polevent.Coder(model="no_such_pipeline_installed")
    assert load_pipeline.cache_info().currsize == before


def test_an_unknown_pipeline_is_a_clear_error():
    with pytest.raises(polevent.ModelError, match="no_such_pipeline_installed"):
        polevent.Coder(model="no_such_pipeline_installed").code("Russia attacked Ukraine.")


@pytest.mark.model
def test_code_returns_explained_events_with_offsets_into_the_text(coder):
    text = "Japanese Foreign Minister Yoko Kamikawa met Chinese Foreign Minister Wang Yi in Beijing on Tuesday."
    [event] = [e for e in coder.code(text, date="2024-06-14") if e.cameo_root == "04"]
    assert text[event.source.start : event.source.end].endswith("Yoko Kamikawa")
    assert event.source.code == "JPNGOV" and event.target.code == "CHNGOV"
    assert event.date == "2024-06-11" and event.date_precision == "day"
    assert event.location.country == "CHN"
    assert text[event.trigger.start : event.trigger.end] == "met"
    assert "lexicon 'meet'" in event.explanation and 0 < event.confidence <= 1


@pytest.mark.model
def test_negated_and_failed_events_are_not_coded(coder):
    assert not [e for e in coder.code("India did not attack Pakistan.") if e.cameo_root == "19"]
    assert not [
        e for e in coder.code("The planned talks between Iran and Egypt did not take place.") if e.cameo_root == "04"
    ]


@pytest.mark.model
def test_code_pair_always_returns_an_event(coder):
    text = "The weather in Paris was mild while Germany and France watched."
    event = coder.code_pair(text, source=(36, 43), target=(48, 54))
    assert isinstance(event, polevent.Event)
    assert event.source.country == "DEU" and event.target.country == "FRA"


@pytest.mark.model
def test_code_pair_uses_the_trigger_between_the_actors(coder):
    text = "Libya accused Britain of lying about the bombing."
    event = coder.code_pair(text, source=(0, 5), target=(14, 21))
    assert event.cameo == "112" and event.plover == "ACCUSE"


@pytest.mark.model
def test_code_many_keeps_order_and_ids(coder):
    documents = [polevent.Document(id="d1", text="Russia attacked Ukraine."), "China criticized Japan."]
    results = list(coder.code_many(documents))
    assert [doc.id for doc, _ in results] == ["d1", "doc-2"]
    assert results[0][1][0].cameo_root == "19" and results[1][1][0].cameo_root == "11"


@pytest.mark.model
def test_module_level_code_uses_a_shared_coder():
    assert polevent.default_coder() is polevent.default_coder()
    assert polevent.code("Iran threatened Israel.")[0].cameo_root == "13"
