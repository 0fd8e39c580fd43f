"""Actor rules beyond the dictionaries: ethnic groups, partners' countries, and how gold actors are read."""

import json

import pytest

from polevent.actors import misread_acronym, resolve_document
from polevent.dates import parse_iso
from polevent.evaluation import read_gold


def _named(mentions, word):
    """The mention whose text contains ``word``."""
    return next(a for text, a in mentions.items() if word in text)


def _mentions(coder, text):
    doc = coder.nlp(text)
    actors = resolve_document(coder.kb, doc, parse_iso("2024-03-01"))
    return {m.actor.text: m.actor for m in actors.by_head.values()}


@pytest.mark.model
def test_an_ethnic_group_takes_the_country_it_lives_in(coder):
    mentions = _mentions(coder, "Ethnic Hungarians rallied in Romania on Sunday against the new language law.")
    group = _named(mentions, "Hungarians")
    assert (group.country, group.sector) == ("ROU", "CVL")
    # Without "ethnic" the demonym names the people's own state.
    plain = _mentions(coder, "Hungarians rallied in Budapest on Sunday against the new language law.")
    assert _named(plain, "Hungarians").country == "HUN"


@pytest.mark.model
def test_a_generic_agent_takes_the_country_of_the_actor_it_is_named_with(coder):
    mentions = _mentions(coder, "The Malian government and the rebels in the north signed a ceasefire in Algiers.")
    rebels = _named(mentions, "rebels")
    assert (rebels.country, rebels.sector) == ("MLI", "REB")


def test_gold_actors_are_read_with_legacy_codes_and_group_suffixes(tmp_path):
    gold = tmp_path / "gold.jsonl"
    event = {
        "source": {"text": "Japan", "spans": [[0, 5]], "country": "JAP", "sector": None},
        "target": {"text": "Albanians", "spans": [[20, 29]], "country": "SRB", "sector": "CVLalb"},
        "cameo": "190",
    }
    gold.write_text(json.dumps({"id": "x", "text": "Japan said that the Albanians fled.", "events": [event]}) + "\n")
    (item,) = read_gold(gold)
    source, target = item.events[0].source, item.events[0].target
    assert source.country == "JPN" and source.sector is None
    assert target.country == "SRB" and target.sector == "CVL"


def test_gold_sectors_are_cameo_roles_and_other_code_parts_are_not_scored(tmp_path):
    gold = tmp_path / "gold.jsonl"
    pairs = [  # (sector as given, code) -> the role scored
        ((None, "KENGOV"), "GOV"),
        (("GZA", "PSEGZACVL"), "CVL"),
        (("UNO", "IGOUNOMIL"), "UNO"),
        (("EUR", "IGOEUREEC"), None),
        (("MUS", "IRQMUS"), None),
        (("SOC", None), None),
    ]
    lines = []
    for (sector, code), _ in pairs:
        actor = {"text": None, "spans": [], "country": "KEN", "sector": sector, "code": code}
        lines.append(json.dumps({"id": str(len(lines)), "text": "x", "events": [{"source": actor, "cameo": "010"}]}))
    gold.write_text("\n".join(lines) + "\n")
    got = [item.events[0].source.sector for item in read_gold(gold)]
    assert got == [want for _, want in pairs]


@pytest.mark.model
def test_coordinated_modifiers_are_two_actors_and_a_protest_targets_its_place(coder):
    events = coder.code("Swedish and Danish activists staged a protest in Minsk on Friday.", date="2024-03-01")
    dyads = {(e.source.code, e.target.country) for e in events if e.cameo_root == "14"}
    assert dyads == {("SWEOPP", "BLR"), ("DNKOPP", "BLR")}, [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "root", "dyads"),
    [
        # "The two countries": the last two countries named.
        (
            "Serbia and Kosovo traded accusations on Monday. The two countries agreed to resume talks in Brussels.",
            "03",
            {("SRB", "XKX"), ("XKX", "SRB")},
        ),
        # "Both sides ... each other": each accuses the other.
        (
            "Thailand and Cambodia clashed on the border. Both sides accused each other of firing first.",
            "11",
            {("THA", "KHM"), ("KHM", "THA")},
        ),
        # "The ministry": the ministry named before, with its country and sector.
        (
            "Japan's Defence Ministry protested the flights on Monday. "
            "The ministry also accused Beijing of provocations.",
            "11",
            {("JPN", "CHN")},
        ),
    ],
)
def test_definite_descriptions_point_back(coder, text, root, dyads):
    events = coder.code(text, date="2024-03-01")
    found = {(e.source.country, e.target.country) for e in events if e.cameo_root == root and e.target}
    assert dyads <= found, [e.explanation for e in events]


@pytest.mark.model
def test_a_dateline_is_not_part_of_the_first_actor(coder):
    text = "THE HAGUE, Netherlands -- A United Nations prosecutor charged a former Liberian minister with perjury."
    events = coder.code(text, date="2024-03-01")
    charges = [e for e in events if e.cameo_root == "17" and e.target and e.target.country == "LBR"]
    assert charges, [e.explanation for e in events]
    assert "prosecutor" in charges[0].source.text and "HAGUE" not in charges[0].source.text


@pytest.mark.model
def test_open_mode_scores_actors_of_gold_without_spans(coder, tmp_path):
    from polevent.evaluation import evaluate

    gold = tmp_path / "gold.jsonl"
    event = {
        "source": {"text": None, "spans": [], "country": "POL", "sector": "GOV"},
        "target": {"text": None, "spans": [], "country": "BLR", "sector": None},
        "cameo": "112",
    }
    text = "Poland accused Belarus on Monday of pushing migrants across the border."
    gold.write_text(json.dumps({"id": "g", "text": text, "date": "2024-03-01", "events": [event]}) + "\n")
    result = evaluate(coder, gold, mode="open")
    assert result["actors"]["source_country"] == {"n": 1, "accuracy": 1.0}
    assert result["actors"]["target_country"] == {"n": 1, "accuracy": 1.0}
    assert result["actors"]["source_sector"] == {"n": 1, "accuracy": 0.0}  # coded POL, no sector
    assert "target_sector" not in result["actors"]  # the gold gives none


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A modifier naming a backer or a base is not the actor's own country.
        ("The Al Qaeda-linked Somali militant group attacked Kenyan troops.", "SOMREB"),
        ("A Damascus-based Palestinian guerrilla group attacked Israeli troops.", "PSEREB"),
        # A hyphenated name the parser split is still the name.
        ("The Somali militant group al-Shabab attacked Kenyan troops.", "SOMREBSHB"),
    ],
)
def test_affiliations_are_not_the_actors_own(coder, text, code):
    sources = [e.source.code for e in coder.code(text, date="2015-01-01")]
    assert code in sources, sources
    assert "IMGREB" not in sources and "SYRREB" not in sources


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("KHARTOUM - The army said ...", "SDN"),
        ("GAZA CITY, May 3 (Reuters) - Medics said ...", "PSE"),
        ("GAZA CITY, Palestinian Territories: Four children ...", "PSE"),
        ("THE HAGUE, Netherlands -- A UN prosecutor ...", "NLD"),
        ("The army said: the town was calm.", None),
    ],
)
def test_dateline_country(text, country):
    from polevent.actors import dateline_country

    assert dateline_country(text) == country


@pytest.mark.model
def test_local_people_of_a_datelined_story_take_its_country(coder):
    text = "GAZA CITY, Palestinian Territories: Four children were killed in Israeli tank shelling, medics said."
    events = [e for e in coder.code(text, date="2015-01-01") if e.target is not None]
    assert [(e.source.country, e.target.code) for e in events] == [("ISR", "PSECVL")], [e.explanation for e in events]


@pytest.mark.model
def test_a_demonym_modifying_an_attack_is_its_author(coder):
    events = coder.code("Five Afghan civilians were killed in American air strikes.", date="2015-01-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("USA", "AFGCVL", "195")]
    # ... but a demonym is no actor of its own anywhere else.
    assert coder.code("Russian gas prices rose sharply.", date="2015-01-01") == []


@pytest.mark.model
def test_a_bracketed_gloss_does_not_hide_the_organisation(coder):
    mentions = _mentions(coder, "The Hizbollah (Party of God) group declared a ceasefire in south Lebanon.")
    group = _named(mentions, "group")
    assert group.code == "LBNREBHEZ", mentions


@pytest.mark.model
def test_a_backer_or_base_is_no_actor_and_gives_no_country(coder):
    mentions = _mentions(coder, "A UK-based monitor said government forces shelled a rebel-held town.")
    assert not any(a.country == "GBR" for a in mentions.values()), mentions
    mentions = _mentions(coder, "The US military struck Iran-backed militia groups in the desert.")
    militia = _named(mentions, "militia groups")
    assert (militia.country, militia.sector) == (None, "UAF")
    assert "Iran" not in mentions


def test_a_gold_side_that_names_no_one_agrees_with_no_target():
    from polevent.evaluation import GoldActor, _actor_matches
    from polevent.records import Actor

    nobody = GoldActor((), None, None)
    someone = Actor(text="Iraq", start=0, end=4, code="IRQ", country="IRQ", sector=None, name="Iraq")
    assert _actor_matches(nobody, None) and _actor_matches(nobody, someone) and _actor_matches(None, None)
    # A gold side with a span, a country or a sector is someone: no target does not agree with it.
    assert not _actor_matches(GoldActor(((0, 4),), None, None), None)
    assert not _actor_matches(GoldActor((), "IRQ", None), None)
    assert not _actor_matches(GoldActor((), None, "MIL"), None)
    assert _actor_matches(GoldActor((), "IRQ", None), someone)


@pytest.mark.model
def test_who_holds_a_place_gives_no_sector_to_people_from_it(coder):
    mentions = _mentions(coder, "President Bush will meet with exiled dissidents from military-ruled Myanmar.")
    dissidents = _named(mentions, "dissidents")
    assert (dissidents.country, dissidents.sector) == ("MMR", "OPP")
    # ... but the holder of a place is an actor of its own: an attack on a rebel-held town is one on rebels.
    mentions = _mentions(coder, "Syrian government forces shelled the rebel-held town of Douma.")
    assert any(a.sector == "REB" for a in mentions.values()), mentions


@pytest.mark.model
def test_a_region_is_a_place_of_its_country(coder):
    from polevent.kb import knowledge_base
    from polevent.places import geocode

    events = coder.code("Russia is conducting military exercises in Alaska.", date="2015-06-09")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("RUS", "USA", "150")]
    assert "Alaska, a region of United States" in events[0].explanation
    mentions = _mentions(coder, "Sudanese troops attacked rebels in Darfur.")
    assert _named(mentions, "rebels").code == "SDNREB"
    # A region is not at its country's capital: the gazetteer (cities) or nothing places it.
    assert knowledge_base().match(["Darfur"], 0)[1].country == "SDN"
    assert geocode("Darfur") is None and geocode("Sudan").name == "Sudan"


@pytest.mark.model
def test_the_phrases_own_sector_word_wins_over_its_of_phrase(coder):
    mentions = _mentions(coder, "Opponents of the Kenyan government protested in Nairobi.")
    assert _named(mentions, "Opponents").code == "KENOPP"
    # With no sector word of its own, the of-phrase still says who it is.
    mentions = _mentions(coder, "The president of Armenia met the army chief of Azerbaijan.")
    assert _named(mentions, "president").code == "ARMGOV" and _named(mentions, "army chief").code == "AZEMIL"


@pytest.mark.model
def test_a_country_naming_an_attack_is_its_author(coder):
    # A country name before an attack or weapon noun is whose the attack is; the subject of the killing.
    events = coder.code("A U.S. drone strike killed three militants in Yemen.", date="2019-04-02")
    assert ("USA", "YEMREB", "190") in {(e.source.code, e.target.code, e.cameo) for e in events}, [
        e.explanation for e in events
    ]
    assert "modifier of 'strike'" in next(e for e in events if e.cameo == "190").explanation
    # A country name before a noun that is no actor and no attack makes no event.
    assert coder.code("The US economy grew by three percent.", date="2019-04-02") == []


@pytest.mark.model
def test_a_name_the_entity_recogniser_missed_is_still_an_unknown_actor(coder):
    text = "The Tis Hazari court in New Delhi has ordered an investigation against Oommen Chandy."
    events = coder.code(text, date="2019-04-02")
    assert [(e.source.code, e.target.text, e.target.code, e.cameo) for e in events] == [
        ("INDJUD", "Oommen Chandy", None, "090")
    ], [e.explanation for e in events]
    # Lower-case words or a common noun in the phrase make no name of it.
    doc = coder.nlp("The court ordered an investigation against the Brexit deal.")
    actors = resolve_document(coder.kb, doc)
    assert all(actors.get(t) is None for t in doc if t.text == "deal")


@pytest.mark.model
def test_an_acronym_the_tagger_took_for_an_adverb_is_the_subject(coder):
    events = coder.code("USAID had announced a suspension of aid in Yemen to take effect in March.", date="2020-03-01")
    assert [(e.source.text, e.source.code, e.cameo) for e in events] == [("USAID", "USAGOV", "162")], [
        e.explanation for e in events
    ]
    # An adverb before a verb with its own subject is still an adverb.
    doc = coder.nlp("Yesterday, NATO quickly condemned the attack.")
    assert not any(misread_acronym(t) for t in doc)


@pytest.mark.model
def test_the_governments_of_two_regions_are_two_sides(coder):
    events = coder.code("The Texas governor sharply criticised the California government.", date="2021-08-02")
    assert [(e.source.text, e.target.text, e.cameo) for e in events] == [
        ("Texas governor", "California government", "111")
    ], [e.explanation for e in events]
    # Workers stopping work strike.
    events = coder.code("Thousands of Brazilian teachers stopped work on Monday.", date="2021-08-02")
    assert [(e.source.code, e.cameo) for e in events] == [("BRAEDU", "143")], [e.explanation for e in events]


@pytest.mark.model
def test_a_regional_government_and_a_national_figure_are_two_sides(coder):
    text = "The Kerala government has denied permission to Home Minister Amit Shah's proposed rally."
    events = coder.code(text, date="2021-08-02")
    assert [(e.source.text, e.target.text, e.cameo_root) for e in events] == [
        ("Kerala government", "Home Minister Amit Shah", "12")
    ], [e.explanation for e in events]


@pytest.mark.model
def test_a_leaders_office_is_the_leaders_government(coder):
    doc = coder.nlp("Japan PM's office refused to meet the delegation.")
    office = resolve_document(coder.kb, doc).get(doc[3])
    assert office is not None and (office.actor.text, office.actor.code) == ("Japan PM's office", "JPNGOV")
    # Anyone else's office is no actor.
    doc = coder.nlp("Mark's office was closed on Monday.")
    assert resolve_document(coder.kb, doc).get(doc[2]) is None


@pytest.mark.model
def test_drivers_and_survivors_are_sector_words(coder):
    events = coder.code(
        "The Argentine government conceded to the demands of striking truck drivers.", date="2021-08-02"
    )
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("ARGGOV", "ARGLAB", "080")], [
        e.explanation for e in events
    ]


@pytest.mark.model
def test_a_title_named_across_of_gives_its_sector_and_its_words_are_no_actors(coder):
    mentions = _mentions(coder, "The Indian minister of defence met the Chancellor of the Exchequer in London.")
    assert (_named(mentions, "Indian minister").country, _named(mentions, "Indian minister").sector) == ("IND", "MIL")
    assert _named(mentions, "Chancellor").sector == "GOV"
    assert not any("Exchequer" == text for text in mentions)
    ministry = _mentions(coder, "Britain's Ministry of Defence said the talks would go on.")
    assert _named(ministry, "Ministry").sector == "MIL"
    assert "Defence" not in ministry


@pytest.mark.model
def test_an_office_in_the_phrase_is_the_role_whatever_group_the_appositive_names(coder):
    text = "Israeli troops detained the mayor of the southern city of Hebron, a member of the Hamas movement, at dawn."
    mentions = _mentions(coder, text)
    mayor = _named(mentions, "mayor")
    assert (mayor.country, mayor.sector) == ("PSE", "GOV")
    assert "dawn" not in mentions  # a common word in lower case names no newspaper
    # A generic word is no office: the group decides.
    spokesman = _mentions(coder, "The spokesman, a member of Hezbollah, denied the report.")
    assert _named(spokesman, "spokesman").sector == "REB"


@pytest.mark.model
def test_united_nations_bodies_insurgents_and_police_organisations_have_cameo_roles(coder):
    mentions = _mentions(coder, "UNICEF, Interpol and insurgents in Iraq met the United Nations envoy.")
    assert _named(mentions, "UNICEF").sector == "UNO"
    assert _named(mentions, "Interpol").sector == "COP"
    assert _named(mentions, "insurgents").sector == "REB"


@pytest.mark.model
def test_a_government_acting_on_the_one_country_named_is_not_that_countrys(coder):
    mentions = _mentions(coder, "The government expressed gratitude for Japan's help after the floods.")
    assert _named(mentions, "government").country is None
    # Its own country named in a place, or a group of that country acted on, still gives it the country.
    mentions = _mentions(coder, "The government banned the Kurdistan Workers' Party in Turkey on Monday.")
    assert _named(mentions, "government").country == "TUR"
    mentions = _mentions(coder, "The government will extend the curfew in Kenya.")
    assert _named(mentions, "government").country == "KEN"


@pytest.mark.model
def test_agencies_and_names_ending_in_a_common_noun_are_actors_and_circumstances_are_not(coder):
    mentions = _mentions(
        coder, "A Kenyan government watchdog agency opened an inquiry in the wake of a Reuters report."
    )
    agency = _named(mentions, "agency")
    assert (agency.country, agency.sector) == ("KEN", "GOV")
    assert not any(m.code == "USAMEDREU" or "wake" in text for text, m in mentions.items())
    mentions = _mentions(coder, "The Dutch charity Holland Flying Aid has been sending food to Yemenis for years.")
    assert _named(mentions, "Holland Flying Aid").country == "NLD"


@pytest.mark.model
def test_a_role_noun_in_a_large_city_takes_the_citys_country(coder):
    mentions = _mentions(coder, "A court in Marseille sentenced the two smugglers on Tuesday.")
    court = _named(mentions, "court")
    assert (court.country, court.sector) == ("FRA", "JUD")
    # A name several countries' cities share tells no country.
    mentions = _mentions(coder, "A court in Victoria sentenced the two smugglers on Tuesday.")
    assert _named(mentions, "court").country is None


@pytest.mark.model
def test_a_known_name_the_parser_cut_after_its_head_is_one_actor(coder):
    mentions = _mentions(coder, "Reporters Without Borders condemned the arrest of the two editors.")
    assert _named(mentions, "Reporters").code == "NGORWB"
    assert "Borders" not in mentions
    mentions = _mentions(coder, "The Organization of American States sent observers to the vote.")
    assert _named(mentions, "Organization").code == "IGOOAS"


@pytest.mark.model
def test_a_things_of_phrase_and_a_countrys_appositive_name_no_group_of_it(coder):
    text = (
        "Macron said a reform of the World Trade Organization was overdue and that France, the WTO's third "
        "donor, would act."
    )
    mentions = _mentions(coder, text)
    assert _named(mentions, "France").code == "FRA"
    assert not any("reform" in t for t in mentions)
    # A member or a wing of a group is the group.
    mentions = _mentions(coder, "A member of Hamas and the armed wing of Hezbollah met in Beirut.")
    assert _named(mentions, "member").code == "PSEREBHMS"
    assert _named(mentions, "wing").code == "LBNREBHEZ"


@pytest.mark.model
def test_a_title_whose_holder_ends_its_of_phrase_is_that_person_and_a_prosecutors_office_is_judicial(coder):
    text = "The chairman of the African Union Commission Moussa Faki Mahamat praised Kenya on Monday."
    mentions = _mentions(coder, text)
    assert _named(mentions, "chairman").code == "IGOAFU"
    mentions = _mentions(coder, "The Istanbul chief prosecutor's office opened an inquiry into the fire.")
    office = _named(mentions, "office")
    assert (office.country, office.sector) == ("TUR", "JUD")


@pytest.mark.model
def test_an_organisation_two_words_before_a_common_noun_is_its_own_but_not_before_a_name(coder):
    mentions = _mentions(coder, "A UN human rights investigator accused the Sudanese army of atrocities.")
    assert _named(mentions, "investigator").code == "IGOUNO"
    mentions = _mentions(coder, "Kenyan deputy UN ambassador Martin Kimani spoke on Monday.")
    assert _named(mentions, "Kimani").country == "KEN"


@pytest.mark.model
def test_armed_men_are_an_armed_group_and_an_armed_islamic_group_is_not_the_named_one(coder):
    mentions = _mentions(coder, "Armed men attacked a police post near the border on Sunday.")
    assert _named(mentions, "Armed men").sector == "UAF"
    mentions = _mentions(coder, "He joined an armed Islamic group in Syria.")
    assert not any(m.code == "DZAREBGIA" for m in mentions.values())
    mentions = _mentions(coder, "The Armed Islamic Group claimed the bombing.")
    assert _named(mentions, "Armed Islamic Group").code == "DZAREBGIA"
