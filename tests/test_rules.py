"""Parse rules that fix a code whatever the classifier says: refusals, reported demands and hopes,
intended actions, and events whose sides act together."""

import pytest

from polevent.leaves import REFUSAL_CODES, refusal_code
from polevent.ontology import cameo_codes
from tests.spans import dyads, span


def test_refusal_codes_refuse_cooperative_actions():
    codes = cameo_codes()
    for action, refusal in REFUSAL_CODES.items():
        assert action[:2] in {"03", "04", "05", "06", "07", "08"}, action
        assert refusal in codes and codes[refusal].plover == "REJECT", (action, refusal)
    assert refusal_code("085") == "1244"  # lift sanctions -> refuse to ease sanctions
    assert refusal_code("0841") == "1243"  # release a prisoner -> refuse to release
    assert refusal_code("040") == "125"
    assert refusal_code("190") is None  # "will not attack" is no event, not a refusal


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "target", "code", "marker"),
    [
        ("Germany says Iran must halt its uranium enrichment at once.", "Germany", "Iran", "100", "(reported clause)"),
        (
            "The Nigerian labour minister said the striking doctors should return to work.",
            "The Nigerian labour minister",
            "the striking doctors",
            "100",
            "(reported clause)",
        ),
        (
            "Chile's foreign minister said she hoped Bolivia would return to the negotiating table.",
            "Chile's foreign minister",
            "Bolivia",
            "013",
            "(reported clause)",
        ),
        (
            "The Indian army chief said he was skeptical that China would pull back its troops.",
            "The Indian army chief",
            "China",
            "012",
            "(reported clause)",
        ),
        # A telephone call, and what it was for; "on Friday" does not make it an appeal.
        (
            "The Kenyan president called his Tanzanian counterpart on Friday to discuss the border dispute.",
            "The Kenyan president",
            "his Tanzanian counterpart",
            "041",
            "telephone call",
        ),
        (
            "Chancellor Olaf Scholz called President Emmanuel Macron on Sunday to congratulate him on his re-election.",
            "Chancellor Olaf Scholz",
            "President Emmanuel Macron",
            "051",
            "telephone call to 'congratulate'",
        ),
        # Calling for sanctions against someone denounces them.
        (
            "Several Nordic lawmakers called for sanctions against Belarus over the forced landing.",
            "Several Nordic lawmakers",
            "Belarus",
            "111",
            "(punishment called for)",
        ),
        # Only weighing an action is a policy option, not the action.
        (
            "The Chilean government is considering sending firefighters to Argentina.",
            "The Chilean government",
            "Argentina",
            "014",
            "consider",
        ),
    ],
)
def test_reported_clauses_calls_and_options_in_pair_mode(coder, text, source, target, code, marker):
    event = coder.code_pair(text, span(text, source), span(text, target), date="2024-04-02")
    assert event.cameo == code, event.explanation
    assert marker in event.explanation


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "target", "root", "plover", "note"),
    [
        # A refusal is not overruled by the classifier (its corpus marks refusals as no event).
        (
            "Kazakh oil workers said they will not end the strike until the company raises their wages.",
            "Kazakh oil workers",
            "the company",
            "12",
            "REJECT",
            "refusal coded as",
        ),
        # An action the subject commits to stays an intent.
        (
            "Colombia is ready to send rescue teams to Ecuador after the earthquake.",
            "Colombia",
            "Ecuador",
            "03",
            "AGREE",
            "",
        ),
    ],
)
def test_refusals_and_commitments_keep_their_code(coder, text, source, target, root, plover, note):
    event = coder.code_pair(text, span(text, source), span(text, target), date="2024-04-02")
    assert event.cameo_root == root and event.plover == plover, event.explanation
    assert note in event.explanation


@pytest.mark.model
def test_coordinated_sides_of_a_meeting_each_act(coder):
    events = coder.code("The US, Russia, and Switzerland met in Geneva on Monday.", date="2024-04-02")
    dyads = {(e.source.country, e.target.country) for e in events if e.cameo_root == "04"}
    countries = ["USA", "RUS", "CHE"]
    assert dyads == {(a, b) for a in countries for b in countries if a != b}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "root", "absent_root"),
    [
        ("Kenyan teachers called off their strike against the government on Monday.", "08", "16"),
        ("The Malaysian prime minister cancelled a planned visit to Singapore on Monday.", "12", "16"),
        ("Former senator Maria Lopez launched a blistering attack on the Peruvian government on Tuesday.", "11", "19"),
    ],
)
def test_object_and_modifier_decide_the_code(coder, text, root, absent_root):
    roots = {e.cameo_root for e in coder.code(text, date="2024-04-02")}
    assert root in roots and absent_root not in roots, roots


@pytest.mark.model
def test_actor_pairs_no_trigger_links(coder):
    """Open mode's pass over actor pairs: the classifier links two actors the lexicon does not."""
    from polevent import Coder

    text = "Georgia says it has clear evidence showing Russia was behind the cyber attacks on its ministries."
    events = coder.code(text, date="2024-01-01")
    accusations = [e for e in events if (e.source.country, e.target.country) == ("GEO", "RUS")]
    assert accusations and accusations[0].plover == "ACCUSE", [e.explanation for e in events]
    assert "actor pair" in accusations[0].explanation
    assert not Coder(pair_events=None).code(text, date="2024-01-01")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lithuania threatened on Friday to break off relations with Belarus over the border incidents.", "1313"),
        ("Ethiopia threatened to halt the talks with Egypt over the dam.", "134"),
        ("North Korea threatened to attack South Korea if the drills went ahead.", "1384"),
    ],
)
def test_a_threat_takes_the_code_of_what_is_threatened(coder, text, code):
    codes = {e.cameo for e in coder.code(text, date="2024-03-01")}
    assert code in codes, codes


@pytest.mark.model
def test_an_action_in_a_war_targets_the_other_side(coder):
    text = "Armenia threatened to launch a new offensive in its war with Azerbaijan unless Baku withdrew."
    dyads = {(e.source.country, e.target.country, e.cameo_root) for e in coder.code(text, date="2024-03-01")}
    assert ("ARM", "AZE", "13") in dyads, dyads


@pytest.mark.model
def test_a_hope_about_someone_else_is_only_a_comment(coder):
    """What a speaker hopes others will suffer did not happen and is not the speaker's own intent (nor an
    optimistic comment: test_hoping_others_are_punished_is_no_optimistic_comment)."""
    text = "The Chadian justice minister said she hoped the French officers would soon be charged by prosecutors."
    events = coder.code(text, date="2024-03-04")
    assert {e.cameo_root for e in events} <= {"01"}, [e.explanation for e in events]
    assert not [e for e in events if e.cameo == "013"], [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "target", "code"),
    [
        # No one named: the place of the event is the target when it is another country's.
        ("Russia held large military exercises in Belarus on Monday.", "RUS", "BLR", "150"),
        ("Egyptian mediators proposed a truce in Gaza.", "EGYGOV", "PSE", "0356"),
    ],
)
def test_a_foreign_place_is_the_target_when_no_one_is_named(coder, text, source, target, code):
    events = coder.code(text, date="2024-03-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events if e.source and e.target] == [
        (source, target, code)
    ]


@pytest.mark.model
def test_a_place_of_ones_own_country_is_no_target(coder):
    events = coder.code("Nigeria deployed troops in Lagos after the riots.", date="2024-03-01")
    assert all(e.target is None or e.target.country != "NGA" for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_thing_targets_of_lexicon_events():
    from polevent.coder import Coder

    text = "The United Nations criticised the court ruling."
    assert Coder(thing_targets=False).code(text, date="2024-03-01") == []
    (event,) = Coder(thing_targets=True).code(text, date="2024-03-01")
    assert event.source.code == "IGOUNO" and event.cameo == "111"
    assert event.target.text == "the court ruling" and event.target.code is None
    assert "the thing acted on" in event.explanation


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "target", "code"),
    [
        # A passive with no agent: the author of the attack its "in" phrase names.
        (
            "Twelve Afghan soldiers were killed in a Taliban ambush in Kandahar, officials said.",
            "AFGREBTAL",
            "AFGMIL",
            "190",
        ),
        ("Two Ukrainian soldiers were killed in Russian artillery shelling near Kharkiv.", "RUS", "UKRMIL", "194"),
    ],
)
def test_the_author_of_an_attack_named_in_a_phrase(coder, text, source, target, code):
    events = coder.code(text, date="2024-03-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events if e.target] == [(source, target, code)]


@pytest.mark.model
def test_who_reports_a_killing_is_not_its_author(coder):
    events = coder.code("Three villagers were killed in Kandahar, Afghan officials said.", date="2024-03-01")
    assert events == [], [e.explanation for e in events]


@pytest.mark.model
def test_an_air_strike_is_no_labour_strike(coder):
    (event,) = coder.code("An Israeli air strike on Rafah killed five Palestinian civilians.", date="2024-03-01")
    assert event.cameo_root == "19" and event.source.country == "ISR", event.explanation


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "target", "code"),
    [
        # Receiving and facing: the giver in the "from" phrase acts on the subject.
        ("Kenya received military aid from Britain.", "GBR", "KEN", "072"),
        ("The Bolivian rebels received weapons from the Venezuelan government.", "VENGOV", "BOLREB", "072"),
        # (the demand takes the code of what is demanded: recognition, diplomatic cooperation)
        ("The Serbian government faces pressure from Germany to recognise Kosovo.", "DEU", "SRBGOV", "102"),
        # A claim of responsibility targets whoever or wherever the claimed attack was aimed at.
        (
            "A Somali militant group claimed responsibility for a bombing that killed shoppers"
            " at a market in Kenya's capital.",
            "SOMREB",
            "KEN",
            "015",
        ),
    ],
)
def test_converse_verbs_and_claims(coder, text, source, target, code):
    events = coder.code(text, date="2015-01-01")
    assert (source, target, code) in [(e.source.code, e.target.code, e.cameo) for e in events if e.target], [
        e.explanation for e in events
    ]


@pytest.mark.model
def test_a_hyphenated_name_split_by_the_parser_is_one_actor(coder):
    events = coder.code("The Somali militant group al-Shabab attacked Kenyan troops.", date="2015-01-01")
    coded = {(e.source.code, e.target.code) for e in events if e.target}
    assert ("SOMREBSHB", "KENMIL") in coded
    assert all(e.source.code is not None for e in events), [e.explanation for e in events]
    assert not any({e.source.code, e.target.code} == {"SOMREB", "SOMREBSHB"} for e in events if e.target)


@pytest.mark.model
def test_what_someone_is_asked_to_do_is_not_the_askers_act(coder):
    events = coder.code("The Chilean senate asked President Boric to help Bolivia.", date="2024-03-01")
    pairs = {(e.source.text, e.target.text) for e in events if e.target}
    assert ("Chilean senate", "President Boric") in pairs
    assert not any(s == "Chilean senate" and t == "Bolivia" for s, t in pairs), [e.explanation for e in events]


@pytest.mark.model
def test_an_action_on_a_thing_targets_the_foreign_actor_named_in_it(coder):
    text = "The European Union criticised a wave of arrests of journalists in Turkey."
    (event,) = coder.code(text, date="2024-03-01")
    assert event.source.code == "IGOEEC" and event.target.country == "TUR" and event.cameo == "111"
    assert "named in the phrase of 'wave'" in event.explanation


@pytest.mark.model
def test_one_noun_phrase_is_not_two_sides(coder):
    text = "The presidents of Iraq and Egypt called for the withdrawal of Syrian forces from Lebanon."
    events = coder.code(text, date="1989-05-02")
    assert ("IRQGOV", "SYRMIL", "0256") in [(e.source.code, e.target.code, e.cameo) for e in events if e.target]
    assert not any(e.target and e.target.country in {"IRQ", "EGY"} for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_wanting_someone_to_act_is_an_appeal_and_not_their_act(coder):
    events = coder.code("Germany wants Greece to lift the sanctions on Russia.", date="2024-03-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("DEU", "GRC", "0254")]
    assert coder.code("The rebels might want the army to leave the town.", date="2024-03-01") == []


@pytest.mark.model
def test_agreeing_on_a_view_is_accord(coder):
    events = coder.code("Chile and Peru agreed that the border dispute should go to the court.", date="2024-03-01")
    assert sorted((e.source.code, e.target.code, e.cameo) for e in events) == [
        ("CHL", "PER", "019"),
        ("PER", "CHL", "019"),
    ]
    events = coder.code("Chile and Peru agreed to resume talks.", date="2024-03-01")
    assert {e.cameo for e in events} == {"036"}  # agreeing to act stays an intent


@pytest.mark.model
def test_a_noun_after_an_intent_verbs_preposition_and_its_negation(coder):
    events = coder.code("Vladimir Putin agreed to a ceasefire in eastern Ukraine.", date="2015-01-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("RUSGOV", "UKR", "0356")]
    # Not agreeing is no intent (before, the negation was read and then forgotten).
    assert coder.code("Russia did not agree to lift the sanctions on Iran.", date="2015-01-01") == []
    events = coder.code("Russia refused to agree to a ceasefire with Ukraine.", date="2015-01-01")
    assert [e.cameo_root for e in events] == ["12"], [e.explanation for e in events]


@pytest.mark.model
def test_yielding_after_a_fight_targets_the_other_side(coder):
    text = "The Hizbollah group declared a unilateral ceasefire after 12 days of battles with the Amal militia."
    events = coder.code(text, date="1988-01-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("LBNREBHEZ", "LBNREBAML", "0871")]
    assert "other side of the 'battles'" in events[0].explanation


@pytest.mark.model
def test_an_attitude_about_an_actor_is_a_comment(coder):
    events = coder.code("Japan is concerned about China's military build-up.", date="2024-03-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("JPN", "CHN", "012")]
    events = coder.code("The Indian foreign minister is optimistic about Pakistan's new government.", date="2024-03-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("INDGOV", "PAKGOV", "013")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # "would need to": a judgement of what it would take, no demand.
        ("The U.S. defence secretary said on Monday NATO would need to remain strong.", "010"),
        # "needs to": an appeal, refined by what is asked for (policy change).
        ("The German chancellor said Greece needs to enact deep economic reforms.", "0242"),
        # "has to", "must": a demand, refined by what is demanded.
        ("The Russian foreign minister said Israel has to withdraw its troops.", "1056"),
    ],
)
def test_what_someone_needs_to_do(coder, text, code):
    events = coder.code(text, date="2012-03-01")
    assert [e.cameo for e in events] == [code], [e.explanation for e in events]


@pytest.mark.model
def test_a_statement_is_not_about_where_it_was_made(coder):
    text = "The Arab League chief made his remarks in Cairo at the start of a tour aimed at a truce in Yemen."
    events = coder.code(text, date="2015-06-01")
    assert all(e.target is None or e.target.country not in {"EGY", "YEM"} for e in events), [
        e.explanation for e in events
    ]
    events = coder.code("The Arab League chief made remarks on the fighting in Yemen.", date="2015-06-01")
    assert [(e.target.country, e.cameo) for e in events] == [("YEM", "010")], [e.explanation for e in events]


@pytest.mark.model
def test_submitting_a_petition_is_an_appeal(coder):
    events = coder.code(
        "Kenyan opposition leaders submitted a petition to the electoral commission.", date="2024-03-01"
    )
    assert [(e.source.country, e.cameo) for e in events] == [("KEN", "020")], [e.explanation for e in events]
    events = coder.code("The rebels in Mali submitted to the government after a week of fighting.", date="2024-03-01")
    assert [e.cameo for e in events] == ["080"], [e.explanation for e in events]  # submitting to someone yields


@pytest.mark.model
def test_an_action_with_no_one_named_has_no_target(coder):
    from polevent.coder import Coder

    text = "The Italian parliament agreed to lift the embargo on arms sales."
    events = coder.code(text, date="2024-03-01")
    assert [(e.source.code, e.target, e.cameo) for e in events] == [("ITALEG", None, "0354")]
    assert events[0].confidence <= 0.6 and "no target named" in events[0].explanation
    assert Coder(thing_targets=False).code(text, date="2024-03-01") == []  # --actor-targets: two actors
    # Statements, appeals, demands, disapproval, rejections and threats are made to someone.
    assert coder.code("The Italian parliament complained bitterly on Monday.", date="2024-03-01") == []
    # A sentence with a dyadic event says it all: no targetless event beside it.
    events = coder.code("Egyptian troops attacked and killed three Libyan smugglers.", date="2024-03-01")
    assert events and all(e.target is not None for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_calling_for_sanctions_against_someone_denounces_them_in_open_mode(coder):
    events = coder.code("Several European countries called for sanctions against Moscow on Monday.", date="2021-02-01")
    assert [(e.target.code, e.cameo) for e in events] == [("RUSGOV", "111")], [e.explanation for e in events]
    assert "calls for punishment against 'Moscow'" in events[0].explanation
    events = coder.code("Several European countries called for talks with Moscow on Monday.", date="2021-02-01")
    assert [e.cameo_root for e in events] == ["02"], [e.explanation for e in events]


@pytest.mark.model
def test_saying_someone_was_responsible_is_an_accusation(coder):
    text = "After the bombing, the Afghan government said Taliban militants were responsible."
    events = coder.code(text, date="2019-05-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("AFGGOV", "AFGREBTAL", "112")]
    assert coder.code("The Afghan government said the talks were behind schedule.", date="2019-05-01") == []


@pytest.mark.model
def test_a_coercive_measure_targets_the_place_it_is_imposed_on(coder):
    events = coder.code("The Colombian president imposed a curfew in Colombia on Friday.", date="2019-05-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("COLGOV", "COL", "1723")]
    # Other actions in one's own country still take no place target.
    events = coder.code("Nigeria deployed troops in Lagos after the riots.", date="2024-03-01")
    assert all(e.target is None or e.target.country != "NGA" for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_a_thing_is_the_target_only_of_acts_done_to_things(coder):
    # Disapproval and rejection act on things ...
    (event,) = coder.code("The Dutch parliament rejected the new budget plan.", date="2024-03-01")
    assert event.cameo_root == "12" and event.target.text == "the new budget plan" and event.target.code is None
    assert event.confidence <= 0.6  # the other side is no actor: no surer than an event with no target
    # ... meetings, aid and threats do not: their object is a topic or a means.
    for text in (
        "The Dutch parliament discussed the new budget plan.",
        "The Dutch government delivered food and blankets.",
        "Dutch aid groups warned of a worsening crisis.",
    ):
        events = coder.code(text, date="2024-03-01")
        assert all(e.target is None or e.target.code is not None for e in events), [e.explanation for e in events]
    # A lexicon trigger's own object ("declared a state of siege") is no thing target, whatever decides.
    events = coder.code("The Guatemalan president declared a state of siege in the town.", date="2012-03-01")
    assert all(e.target is None or "state" not in e.target.text for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_a_noun_naming_an_action_on_its_object_is_coded_as_the_verb(coder):
    text = "The US president announced a suspension of aid to Pakistan on Monday."
    events = coder.code(text, date="2018-01-05")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("USAGOV", "PAK", "162")]
    assert "'suspend' + obj:" in events[0].explanation and "(noun)" in events[0].explanation
    assert "subject of 'announced'" in events[0].explanation
    # Without an object the verb's entries know, the noun is no trigger.
    assert coder.code("The US president announced a suspension of the meeting with Pakistan.", date="2018-01-05") == []


@pytest.mark.model
def test_a_place_the_knowledge_base_does_not_know_is_an_uncoded_target(coder):
    events = coder.code("Bolivian President Evo Morales declared a state of siege in Pando.", date="2008-09-12")
    assert [(e.source.code, e.target.text, e.target.code, e.cameo) for e in events] == [
        ("BOLGOV", "Pando", None, "1724")
    ]  # (the gazetteer's Pando is a town in Uruguay, which the text does not name: no country)
    assert "place of the event" in events[0].explanation and events[0].confidence <= 0.6
    # A city the gazetteer places in a country the text names is that country.
    events = coder.code("Iraqi officials imposed a curfew on Basra on Saturday.", date="2019-10-05")
    assert [(e.target.text, e.target.code) for e in events] == [("Basra", "IRQ")]
    assert "gazetteer" in events[0].explanation
    events = coder.code("Indian authorities have imposed a curfew in parts of Kashmir.", date="2019-10-05")
    assert [e.target.text for e in events] == ["parts of Kashmir"]
    # A meeting's place is no target.
    events = coder.code("Indian and Pakistani officials met in Geneva.", date="2019-10-05")
    assert all(e.target is None or e.target.code is not None for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_an_event_with_no_actor_target_needs_a_source_with_a_country(coder):
    assert coder.code("A protester demolished the building.", date="2015-06-09") == []
    (event,) = coder.code("A Ukrainian soldier demolished the building.", date="2015-06-09")
    assert (event.source.code, event.target.text, event.cameo_root) == ("UKRMIL", "the building", "17")
    # A protester's demolition is a riot, which needs no target, but still a country.
    (event,) = coder.code("A Ukrainian protester demolished the building.", date="2015-06-09")
    assert (event.source.code, event.target, event.cameo) == ("UKROPP", None, "145")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # An authority ordering a coercive act against someone carries it out ...
        ("The Venezuelan government ordered the opposition newspaper to suspend publication.", "1721"),
        ("A Spanish judge has ordered nine former Catalan ministers jailed.", "173"),
        # ... other orders stay demands, refined by what is demanded.
        ("The Security Council ordered Iraq to withdraw its troops.", "1056"),
        # Borders opened to people are asylum (075, AID), not an opened crossing (0863).
        ("In 1997 Lithuania opened its borders to refugees.", "075"),
        # People sent somewhere to investigate investigate there (09x), they are no aid.
        ("France has sent seven experts to Saudi Arabia to investigate the attacks.", "093"),
    ],
)
def test_orders_and_opened_borders(coder, text, code):
    events = coder.code(text, date="2017-11-02")
    assert code in [e.cameo for e in events], [e.explanation for e in events]
    # The same in pair mode, between the two actors the rule linked.
    (event,) = [e for e in events if e.cameo == code]
    pair = coder.code_pair(text, (event.source.start, event.source.end), (event.target.start, event.target.end))
    assert pair.cameo == code, pair.explanation


@pytest.mark.model
def test_a_dated_preposition_is_no_particle(coder):
    text = "Relations have improved since President Yoon Suk Yeol took office in 2022."
    assert coder.code(text, date="2024-09-05") == []
    (event,) = coder.code("Germany took in thousands of Syrian refugees.", date="2016-01-05")
    assert event.cameo == "075", event.explanation


@pytest.mark.model
def test_min_confidence_holds_for_events_with_no_actor_as_target():
    from polevent.coder import Coder

    text = "The Italian parliament agreed to lift the embargo on arms sales."
    assert [e.cameo for e in Coder().code(text, date="2024-03-01")] == ["0354"]  # confidence 0.6 at most
    assert Coder(min_confidence=0.7).code(text, date="2024-03-01") == []


@pytest.mark.model
def test_a_compound_names_what_a_light_verb_acts_on(coder):
    events = coder.code("The United Nations has suspended aid deliveries in Borno State.", date="2019-03-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("IGOUNO", "NGA", "162")]
    assert "Borno, a region of Nigeria" in events[0].explanation


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "target", "code"),
    [
        # One's own peacekeepers withdrawn from a place: the place is the target.
        ("The African Union withdrew its peacekeepers from Darfur last month.", "African Union", "Darfur", "1661"),
        # Forces on alert are aimed at where they stand, in their own country too.
        ("Nepalese troops remained on alert in Kathmandu after the riots.", "Nepalese troops", "Kathmandu", "152"),
        # Two offices of one state are two actors.
        (
            "Peru's president refused a request from the prime minister to call early elections.",
            "Peru's president",
            "prime minister",
            "120",
        ),
        # A mediation is aimed at the parties it is between.
        ("Qatar launched a mediation effort between Sudan and Chad on Monday.", "Qatar", "Sudan", "045"),
        # Refuge sought in a country is asked of it.
        ("Thousands of Eritreans sought refuge in Ethiopia this year.", "Eritreans", "Ethiopia", "0233"),
        # A deadline given to someone is an ultimatum.
        ("Kenya gave Somalia a two-week deadline to withdraw its envoy.", "Kenya", "Somalia", "139"),
        # Troops sent to keep the peace are peacekeeping, not a deployment of force.
        ("Ghana is sending troops to the United Nations peacekeeping mission in Mali.", "Ghana", None, "074"),
        # Refusing to end one's own strike is a refusal, to whoever it is against.
        ("Brazilian truck drivers said they will not end the strike.", "Brazilian truck drivers", None, "1242"),
        # An armed group storming a building assaults it; protesters storming one riot.
        ("Al-Shabaab fighters stormed a hotel in Mogadishu on Friday.", "Al-Shabaab fighters", None, "190"),
    ],
)
def test_targets_and_codes_of_deployments_refusals_and_ultimatums(coder, text, source, target, code):
    events = coder.code(text, date="2021-05-10")
    found = [
        e
        for e in events
        if e.cameo == code
        and source in e.source.text
        and (target is None or (e.target is not None and target in e.target.text))
    ]
    assert found, [(e.source.text, e.target and e.target.text, e.cameo) for e in events]


@pytest.mark.model
def test_protesters_storming_a_building_riot_and_one_side_is_never_two(coder):
    events = coder.code("Angry protesters stormed the Peruvian parliament building.", date="2021-05-10")
    assert [e.cameo for e in events if "protesters" in e.source.text] == ["145"], [e.explanation for e in events]
    # A pronoun for the speaker is the speaker's side, not a second office.
    events = coder.code("The Chilean president said he rejected the proposal of the president.", date="2021-05-10")
    assert all(e.target is None or e.source.code != e.target.code for e in events), [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An idiom's object keeps its preposition from being a particle: no one is taken in.
        ("Belgian soldiers took part in the parade in Brussels.", set()),
        # Evidence presented against someone accuses them, in either voice.
        ("Evidence against Belarus was presented by Lithuania.", {("LTU", "BLR", "112")}),
        ("The Polish government presented evidence against Belarus.", {("POLGOV", "BLR", "112")}),
        # Property destroyed by protesters is a riot.
        ("The Turkish consulate was vandalised by Armenian protesters.", {("ARMOPP", "TURGOV", "145")}),
        # A side claiming its own attack claims responsibility (015) ...
        ("The Syrian army claimed that it had shelled Turkish positions.", {("SYRMIL", "TURMIL", "015")}),
        # ... and a side claiming another's attack accuses it (112), besides the attack itself ...
        (
            "The Kenyan government claimed that Somali militants had attacked a Kenyan police post.",
            {("KENGOV", "SOMREB", "112"), ("SOMREB", "KENCOP", "190")},
        ),
        # ... where one that only says so attributes the report.
        (
            "The Kenyan government said that Somali militants had attacked a Kenyan police post.",
            {("SOMREB", "KENCOP", "190")},
        ),
    ],
)
def test_idioms_evidence_riots_and_reported_attacks(coder, text, expected):
    events = coder.code(text, date="2019-04-02")
    coded = dyads(events)
    assert coded == expected, [e.explanation for e in events]


@pytest.mark.model
def test_the_press_claiming_an_attack_accuses_no_one(coder):
    events = coder.code("Syrian state media claimed that rebels had shelled Aleppo.", date="2019-04-02")
    assert ("SYRREB", "194") in {(e.source.code, e.cameo) for e in events}, [e.explanation for e in events]
    assert all(e.cameo != "112" for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_who_arrests_named_by_the_place_and_who_speaks_for_a_person(coder):
    # A coercive passive with no agent: the state of the place it was done in.
    events = coder.code("Opposition leader Jean Mbeki was arrested in Uganda on Monday.", date="2021-05-10")
    assert ("UGA", "173") in {(e.source.code, e.cameo) for e in events}, [e.explanation for e in events]
    assert "the state of the place" in next(e for e in events if e.cameo == "173").explanation
    # Not for violence: who kidnaps people in a country is often no state.
    events = coder.code("Two Indian engineers were kidnapped in Nigeria.", date="2021-05-10")
    assert all(e.source.code != "NGA" for e in events), [e.explanation for e in events]
    # A named person stays the source when a body of the same side announces what he will do.
    text = "President Joe Biden will meet Kenyan President William Ruto next week, the White House said."
    events = coder.code(text, date="2023-05-10")
    assert [e.source.text for e in events if e.cameo[:2] in {"03", "04"}] == ["President Joe Biden"], [
        e.explanation for e in events
    ]


@pytest.mark.model
def test_the_event_noun_is_no_thing_acted_on(coder):
    events = coder.code("Germany expressed its support for Ukraine.", date="2022-03-01")
    assert [(e.source.code, e.target.code) for e in events] == [("DEU", "UKR")], [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A donor is who gives aid; a copula makes its subject the source.
        ("Norway remains the largest donor to Malawi.", {("NOR", "MWI", "070")}),
        # Aid goes where its purpose is.
        (
            "Canada provided 12 million dollars to help families in Haiti after the storm.",
            {("CAN", "HTI", "071")},
        ),
        # Fighting an epidemic or corruption is no violence.
        ("Cuban doctors helped fight the cholera epidemic in Haiti.", set()),
        ("Kenyan troops fought Somali militants near the border.", {("KENMIL", "SOMREB", "190")}),
    ],
)
def test_donors_aid_purposes_and_ills_fought(coder, text, expected):
    events = coder.code(text, date="2019-04-02")
    coded = dyads(events)
    assert expected <= coded, [e.explanation for e in events]
    if not expected:
        assert all(e.cameo_root not in {"18", "19", "20"} for e in events), [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tariffs reduced on someone's goods ease economic sanctions on them.
        ("Japan reduced tariffs on South Korea's exports of steel.", ("JPN", "KOR", "085")),
        # A court and a magistrate of one country are two actors.
        ("The Pakistani High Court demanded an explanation from a Pakistani magistrate.", ("PAKJUD", "PAKJUD", "100")),
        # A release with no agent named is the state's of the place.
        ("Two Turkish engineers have been released from captivity in Libya.", ("LBY", "TUR", "0841")),
        # Support voiced "of" someone is for them.
        (
            "Kenya's president voiced his strong support of Ethiopian Prime Minister Abiy Ahmed.",
            ("KENGOV", "ETHGOV", "051"),
        ),
    ],
)
def test_tariffs_offices_releases_and_support_voiced(coder, text, expected):
    events = coder.code(text, date="2019-04-02")
    coded = dyads(events)
    assert expected in coded, [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An agreement sought and not reached is a rejection (127), each side of the other's terms.
        (
            "Ghana and Togo failed to reach agreement on their maritime border.",
            {("GHA", "TGO", "127"), ("TGO", "GHA", "127")},
        ),
        # Anything else failed did not happen, whichever pass looks at it.
        ("Kenya failed to deliver the promised aid to Somalia.", set()),
        # An authority ordering a release or an arrest does it.
        ("A Peruvian judge ordered the release of former President Pedro Castillo.", {("PERJUD", "PERELI", "0841")}),
        ("A Pakistani court ordered the arrest of former prime minister Imran Khan.", {("PAKJUD", "PAKELI", "173")}),
    ],
)
def test_failures_and_orders_of_release_or_arrest(coder, text, expected):
    events = coder.code(text, date="2024-05-02")
    coded = dyads(events)
    assert coded == expected, [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A leader ordering attacks on a place attacks it.
        ("Israeli Prime Minister Naftali Bennett ordered airstrikes on the Gaza Strip.", ("ISRGOV", "PSE", "195")),
        # Troops offered to help someone are military protection offered (0334), no threat.
        ("Kenya offered to send troops to Mozambique to help its army fight insurgents.", ("KEN", "MOZ", "0334")),
        # One's own troops deployed go somewhere: that place is the target, not the troops.
        ("Ghana announced the deployment of 300 troops to Mali.", ("GHA", "MLI", "150")),
    ],
)
def test_orders_of_attacks_and_deployments(coder, text, expected):
    events = coder.code(text, date="2021-08-02")
    coded = dyads(events)
    assert expected in coded, [e.explanation for e in events]
    assert all(e.cameo_root != "13" for e in events), [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Exercises undertaken jointly, agreed on: intent to cooperate militarily, each with each.
        (
            "Kenya and Uganda have agreed to undertake joint military exercises next year.",
            {("KEN", "UGA", "0312"), ("UGA", "KEN", "0312")},
        ),
        # Conceding to someone's demands yields to them.
        (
            "The Chilean government conceded to demands from opposition leaders on Monday.",
            {("CHLGOV", "CHLOPP", "080")},
        ),
    ],
)
def test_exercises_agreed_and_demands_conceded(coder, text, expected):
    events = coder.code(text, date="2021-08-02")
    coded = dyads(events)
    assert expected <= coded, [e.explanation for e in events]


@pytest.mark.model
def test_what_someone_is_punished_for_is_their_act_not_the_punishers(coder):
    text = "A Moroccan court jailed an Algerian student for helping young militants cross the border."
    events = coder.code(text, date="2021-08-02")
    assert [(e.source.code, e.target.code, e.cameo_root) for e in events] == [("MARJUD", "DZAEDU", "17")], [
        e.explanation for e in events
    ]


@pytest.mark.model
def test_what_a_meeting_discusses_is_its_topic_not_its_target(coder):
    text = "Jordan's foreign minister met his Saudi counterpart on Monday to discuss efforts to counter Houthi rebels."
    events = coder.code(text, date="2021-08-02")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("JORGOV", "SAUGOV", "040")], [
        e.explanation for e in events
    ]


@pytest.mark.model
def test_who_is_pressed_to_act_acts_not_the_presser(coder):
    events = coder.code("The Kenyan president is being pressured by parliament to help Somalia.", date="2021-08-02")
    assert all(e.target is None or e.target.code != "SOM" for e in events), [e.explanation for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Peacekeepers arriving somewhere keep the peace there; officials arriving visit.
        ("Contingents of Bangladeshi peacekeepers arrived in Mali on Monday.", ("BGDPKO", "MLI", "074")),
        ("The Indian foreign minister arrived in Nepal on Monday.", ("INDGOV", "NPL", "042")),
        # A platoon sent abroad is troops sent.
        ("Estonia is sending an infantry platoon to Mali.", ("EST", "MLI", "150")),
    ],
)
def test_peacekeepers_arriving_and_platoons_sent(coder, text, expected):
    assert expected in dyads(coder.code(text, date="2021-08-02"))


@pytest.mark.model
def test_a_travel_warning_reduces_relations_and_a_warning_threatens(coder):
    text = "The British Foreign Office issued a travel warning for Kenya after the attacks."
    assert ("GBRGOV", "KEN", "160") in dyads(coder.code(text, date="2021-08-02"))
    assert ("RUS", "UKR", "130") in dyads(coder.code("Russia issued a warning to Ukraine.", date="2021-08-02"))
    text = "The Canadian government has advised against travel to Haiti after the unrest."
    assert ("CANGOV", "HTI", "160") in dyads(coder.code(text, date="2021-08-02"))
    # Advising someone to act is still an appeal.
    assert [e.cameo_root for e in coder.code("The UN advised Iraq to comply.", date="2021-08-02")] == ["02"]


@pytest.mark.model
def test_the_toll_of_an_attack_is_the_same_attack(coder):
    text = "Rebels bombarded a government-held district of Syria's third city Homs, killing nine people."
    events = coder.code(text, date="2021-08-02")
    assert [e.cameo_root for e in events] == ["19"], [e.explanation for e in events]
    # A killing with its own actor as victim is still coded.
    events = coder.code("Gunmen attacked a Kenyan police post, killing two Kenyan soldiers.", date="2021-08-02")
    assert any(e.target is not None and e.target.code == "KENMIL" for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_hoping_others_are_punished_is_no_optimistic_comment(coder):
    text = "Uganda said it hoped the Kenyan officials would be charged with fraud."
    assert not [e for e in coder.code(text, date="2021-08-02") if e.cameo == "013"]
    assert ("KEN", "UGA", "013") in dyads(
        coder.code("Kenya said it hoped Uganda would join the talks.", date="2021-08-02")
    )


@pytest.mark.model
def test_the_grounds_of_a_punishment_are_no_event_of_the_sentence(coder):
    from polevent.coder import _grounds

    doc = coder.nlp("The activists jailed for campaigning against Beijing were freed on Friday.")
    assert _grounds(next(t for t in doc if t.lower_ == "campaigning"))
    doc = coder.nlp("The envoy was thanked for mediating between Sudan and Chad.")
    assert not _grounds(next(t for t in doc if t.lower_ == "mediating"))


@pytest.mark.model
def test_who_holds_a_place_is_a_pair_target_only_of_force(coder):
    text = (
        "Before flying to Tokyo on Monday, President Macron planned to hold a news conference and meet with "
        "exiled activists from military-ruled Sudan."
    )
    events = coder.code(text, date="2021-08-02")
    assert [e.target.code for e in events if e.target is not None] == ["SDNOPP"], [e.explanation for e in events]


@pytest.mark.model
def test_a_subject_parsed_into_the_opening_phrase_is_the_verbs_subject(coder):
    from spacy.tokens import Doc

    from polevent.events import _stranded_subject

    # The parse the small English pipeline gives some such sentences: "Ruto" a conjunct of "Japan".
    words = ["On", "a", "visit", "to", "Japan", ",", "President", "Ruto", "praised", "Kishida", "."]
    heads = [8, 2, 0, 2, 3, 4, 7, 4, 8, 8, 8]
    deps = ["prep", "det", "pobj", "prep", "pobj", "punct", "compound", "conj", "ROOT", "dobj", "punct"]
    pos = ["ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT"]
    doc = Doc(coder.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert _stranded_subject(doc[8]) == doc[7]
    # Without the comma the name is part of the opening phrase ("a visit to Japan and Kenya").
    words[5], deps[5], pos[5] = "and", "cc", "CCONJ"
    doc = Doc(coder.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert _stranded_subject(doc[8]) is None


@pytest.mark.model
def test_a_country_naming_whose_thing_is_acted_on_is_the_target(coder):
    events = coder.code("China rejected a U.K. proposal at the World Trade Organization on Friday.", date="2021-08-02")
    assert ("CHN", "GBR", "120") in dyads(events), [e.explanation for e in events]


@pytest.mark.model
def test_sympathy_goes_to_victims_at_home_too(coder):
    text = "The Kenyan president expressed sympathy for the victims of the floods in Mombasa."
    events = coder.code(text, date="2021-08-02")
    assert [(e.source.code, e.target.country, e.cameo) for e in events] == [("KENGOV", "KEN", "018")], [
        e.explanation for e in events
    ]


@pytest.mark.model
def test_missiles_and_rockets_are_military_weapons_not_a_bombing(coder):
    text = "A Kenyan airliner was blown up over Somalia by a surface-to-air missile fired by Somali rebels."
    events = coder.code(text, date="2021-08-02")
    assert ("SOMREB", "KEN", "194") in dyads(events), [e.explanation for e in events]


@pytest.mark.model
def test_violence_one_side_only_alleges_is_no_surer_than_the_allegation(coder):
    events = coder.code("Kenya claimed that Somali rebels had attacked a border post.", date="2021-08-02")
    attack = next(e for e in events if e.cameo_root == "19")
    assert attack.confidence <= 0.5 and "alleged by 'Kenya'" in attack.explanation
    assert ("KEN", "SOMREB", "112") in dyads(events)


@pytest.mark.model
def test_troops_sent_to_a_force_go_where_the_force_serves(coder):
    text = "Chile is ready to contribute troops to the UN-led security force in Haiti, the defence minister said."
    events = coder.code(text, date="2021-08-02")
    assert ("CHL", "HTI", "0334") in dyads(events), [e.explanation for e in events]
    assert not [e for e in events if e.target is not None and e.target.sector == "MIL"]


@pytest.mark.model
def test_a_request_declined_targets_who_made_it_and_a_complaint_whom_it_is_against(coder):
    events = coder.code("The Kenyan police declined a request from Reuters to comment on the raid.", date="2021-08-02")
    assert any(e.cameo == "120" and e.target is not None and e.target.text == "Reuters" for e in events), [
        e.explanation for e in events
    ]
    text = "A Ugandan activist filed a complaint with the African Union against the Kenyan government."
    events = coder.code(text, date="2021-08-02")
    assert any(e.cameo_root == "11" and e.target is not None and e.target.code == "KENGOV" for e in events), [
        e.explanation for e in events
    ]


@pytest.mark.model
def test_a_seat_of_power_naming_whose_thing_is_acted_on_is_the_target(coder):
    events = coder.code("The Kenyan president gave the Pentagon permission to use the airbase.", date="2021-08-02")
    assert any(e.target is not None and e.target.code == "USAMIL" for e in events), [e.explanation for e in events]


@pytest.mark.model
def test_a_capital_where_a_measure_is_imposed_is_the_place_not_its_government(coder):
    events = coder.code("The Kenyan government imposed a curfew in Nairobi.", date="2021-08-02")
    assert ("KENGOV", "KEN", "1723") in dyads(events), [e.explanation for e in events]


@pytest.mark.model
def test_a_strike_not_ended_until_someone_acts_is_refused_to_them(coder):
    events = coder.code("Kenyan doctors said they will not end the strike until the government pays their salaries.")
    assert ("KENHLH", "KENGOV", "1242") in dyads(events), [e.explanation for e in events]
