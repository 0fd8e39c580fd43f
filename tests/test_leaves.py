"""The leaf of a code: what is asked for, refused, given, alleged or fought with (polevent.leaves)."""

import pytest

from polevent.leaves import INTENT_CODES, asked_code
from polevent.ontology import cameo_codes
from tests.spans import span


def test_asking_for_an_action_keeps_the_family_layout():
    codes = cameo_codes()
    for action, intended in INTENT_CODES.items():
        if intended[:2] != "03" or intended == "030":
            continue
        for root in ("02", "10", "12"):
            asked = asked_code(action, root)
            if root == "12" and intended[:3] == "032":
                assert asked is None  # CAMEO has no "reject diplomatic cooperation"
                continue
            assert asked is not None and asked in codes, (action, root, asked)
            # Never another PLOVER type than the family's generic code.
            assert asked[:2] == root and codes[asked].plover == codes[root + "0"].plover, (action, asked)
    # The same digits mean the same thing in each family.
    assert asked_code("063", "02") == "0213"  # extradition asked for: judicial cooperation
    assert asked_code("063", "10") == "1013"
    assert asked_code("063", "12") == "1213"
    assert asked_code("072", "02") == "0232"  # military aid
    assert asked_code("0831", "10") == "1041"  # resignation demanded: change in leadership
    assert asked_code("0874", "02") == "0256"  # withdrawal: de-escalation
    assert asked_code("045", "02") == "028"  # asked to mediate
    assert asked_code("057", "02") == "027"  # asked to reach an agreement: settle the dispute
    assert asked_code("064", "12") == "121"  # no 1214: back to the three-digit code
    assert asked_code("190", "02") is None  # asking for an attack has no code of its own
    assert asked_code("010", "02") is None


CASES = [
    ("Chile urged Peru to extradite the former banker to face charges.", "Chile", "Peru", "0213"),
    ("Kenya asked Tanzania for military aid.", "Kenya", "Tanzania", "0232"),
    ("The opposition called on the interior minister to resign.", "The opposition", "the interior minister", "0241"),
    (
        "Nigeria appealed to the United Nations to bring an end to the arms embargo.",
        "Nigeria",
        "the United Nations",
        "0254",
    ),
    ("Poland demanded support from Germany for its reconstruction plan.", "Poland", "Germany", "102"),
    ("Cuba rejected calls by Spain for economic aid.", "Cuba", "Spain", "1221"),
    ("France refused to lift the sanctions on Iran.", "France", "Iran", "1244"),
    ("Vietnam said China must withdraw its oil rig from the disputed waters.", "Vietnam", "China", "1056"),
    ("The Arab League urged Sudan to reach an agreement with Chad.", "The Arab League", "Sudan", "027"),
    ("Sweden halted economic aid to Zimbabwe after the disputed vote.", "Sweden", "Zimbabwe", "1621"),
    ("Ukraine accused Russia of war crimes in Bucha.", "Ukraine", "Russia", "1124"),
    ("The prosecutor accused the former governor of embezzlement.", "The prosecutor", "the former governor", "1121"),
    ("Syrian warplanes killed twelve civilians in Idlib.", "Syrian warplanes", "twelve civilians", "195"),
    ("The UN urged the rebels in Nepal to honor human rights.", "The UN", "the rebels", "0243"),
    (
        "Liberian leaders urged President Bush to send U.S. peacekeeping troops to Monrovia.",
        "Liberian leaders",
        "President Bush",
        "0234",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "target", "code"), CASES)
def test_leaves_in_pair_mode(coder, text, source, target, code):
    event = coder.code_pair(text, span(text, source), span(text, target), date="2024-04-02")
    assert event.cameo == code, event.explanation


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "target", "code"), CASES)
def test_leaves_in_open_mode(coder, text, source, target, code):
    events = coder.code(text, date="2024-04-02")
    found = {(e.source.text if e.source else None, e.target.text if e.target else None): e for e in events}
    key = (source.removeprefix("The ").removeprefix("the "), target.removeprefix("the "))
    matching = [e for (s, t), e in found.items() if s and t and key[0] in s and key[1] in t]
    assert matching, [(k, e.cameo) for k, e in found.items()]
    assert matching[0].cameo == code, matching[0].explanation


@pytest.mark.model
def test_a_plain_appeal_stays_plain(coder):
    """Nothing named to ask for: the code stays the family's generic one."""
    text = "Italy urged Greece to act quickly."
    event = coder.code_pair(text, span(text, "Italy"), span(text, "Greece"), date="2024-04-02")
    assert event.cameo == "020", event.explanation
    text = "The minister accused the mayor of lying."
    event = coder.code_pair(text, span(text, "The minister"), span(text, "the mayor"), date="2024-04-02")
    assert event.cameo == "112", event.explanation


def test_refined_codes_keep_the_plover_type():
    from polevent.leaves import ACCUSATIONS, AID_FAMILIES, AID_KINDS, WEAPONS

    codes = cameo_codes()
    for family, prefix in AID_FAMILIES.items():
        for kind in set(AID_KINDS.values()):
            leaf = prefix + kind
            assert leaf in codes and codes[leaf].plover == codes[family].plover, leaf
    assert all(codes[code].plover == codes["112"].plover for code in ACCUSATIONS)
    assert all(codes[code].plover == codes["190"].plover for code in WEAPONS)


@pytest.mark.model
def test_what_is_alleged_is_the_phrases_own_word(coder):
    """Only the noun or gerund of the "of" phrase says what is alleged, not every word below it."""
    text = "Paris accused Kigali of spreading lies about the genocide."
    event = coder.code_pair(text, span(text, "Paris"), span(text, "Kigali"), date="2008-08-06")
    assert event.cameo == "112", event.explanation


@pytest.mark.model
def test_declining_to_comment(coder):
    """A `comp:` lexicon requirement: the verb of the to-clause is part of the trigger."""
    text = "NATO declined to comment on the report by Serbia."
    event = coder.code_pair(text, span(text, "NATO"), span(text, "Serbia"), date="1999-04-01")
    assert event.cameo == "011" and "comp:comment" in event.explanation, event.explanation
