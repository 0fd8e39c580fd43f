"""The leaf of an event code: what is asked for, promised, refused, threatened, ended or used.

CAMEO's appeals (02), intents (03), demands (10) and rejections (12) share one layout: the third
and fourth digits say what is asked for, promised or refused (material cooperation, aid, reform,
yielding, talks, a settlement, mediation). So the code of *asking for* an action follows from the
code of the action itself: extraditing someone is judicial cooperation (063), promising it is 0313,
asking for it 0213, demanding it 1013 and rejecting a call for it 1213. The same holds for threats
(13x: what is threatened), for aid (economic, military, humanitarian), for accusations (of crime,
of abuses, of war crimes) and for the weapons a fight is fought with.

Every function here takes a code the lexicon or a parse rule already chose and returns a more
specific code of the same root, with a note saying which words made it so; it never changes the
root, and so never the PLOVER type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import Lexicon, negated
from .ontology import cameo_codes

if TYPE_CHECKING:
    from spacy.tokens import Token

# How an intended or promised action is coded (CAMEO 03x for cooperation, 13x
# for conflict). Keys are the most specific prefix of the embedded code.
INTENT_CODES = {
    "04": "036",
    "045": "039",
    "05": "032",
    "057": "030",
    "06": "031",
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",
    "081": "0351",
    "082": "0352",
    "083": "034",
    "0831": "0341",
    "0832": "0342",
    "0833": "0343",
    "0834": "0344",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "14": "133",
    "15": "138",
    "16": "131",
    "160": "1313",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "136",
    "17": "137",
    "172": "132",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "18": "1383",
    "19": "138",
    "190": "1384",
    "191": "1381",
    "192": "1382",
    "193": "1384",
    "194": "1384",
    "195": "1384",
    "20": "1383",
    "204": "1385",
}
THREAT_CODES = {key: value for key, value in INTENT_CODES.items() if key[:2] >= "14"}
# How refusing a cooperative action is coded (CAMEO 12x): "will not lift the embargo" is 1244,
# "would not meet" 125. Keys are the most specific prefix of the refused action's code.
REFUSAL_CODES = {
    "03": "120",
    "031": "1211",
    "0311": "1211",
    "0312": "1212",
    "033": "121",
    "034": "123",
    "035": "124",
    "0351": "1241",
    "0352": "1242",
    "0353": "1243",
    "0354": "1244",
    "0355": "1245",
    "0356": "1246",
    "036": "125",
    "037": "127",
    "038": "120",
    "039": "126",
    "04": "125",
    "05": "120",
    "057": "127",
    "06": "121",
    "061": "1211",
    "062": "1212",
    "07": "121",
    "08": "124",
    "081": "1241",
    "082": "1242",
    "083": "123",
    "0831": "1231",
    "0832": "1232",
    "0833": "1233",
    "0834": "1234",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}
KEEP_ROOTS = {"01", "02", "03", "09", "10", "11", "12", "13"}  # "will investigate" is still an investigation


def refusal_code(code: str) -> str | None:
    """The 12x code for refusing the cooperative action ``code``; None for other actions."""
    for length in (4, 3, 2):
        if code[:length] in REFUSAL_CODES:
            return REFUSAL_CODES[code[:length]]
    return None


def intent_code(code: str, table: dict[str, str] = INTENT_CODES) -> str | None:
    """The 03x/13x code for intending ``code``; None when the code stays as it is."""
    if code[:2] in KEEP_ROOTS:
        return code
    for length in (4, 3, 2):
        if code[:length] in table:
            return table[code[:length]]
    return None


#: Requests, promises and refusals name what they are about in a clause ("urged Uganda to extradite"),
#: a "for" phrase ("asked Portugal for military aid") or their object ("demanded support").
REQUEST_NOUNS = {"call", "demand", "appeal", "request", "ultimatum", "plea", "proposal", "offer", "bid", "pressure"}
#: Verbs that carry the real action in their own clause: "help finance", "help save", "needs to enact".
HELPER_VERBS = {"help", "assist", "continue", "begin", "start", "move", "need", "have"}
#: Verbs that take their meaning from their object: "bring an end to the embargo", "seek talks".
LIGHT_VERBS = {"bring", "put", "seek", "make", "take", "give"}
#: Modifiers that make sending troops peacekeeping (074) rather than a show of force (15x).
PEACEKEEPING = {"peacekeeping", "peace-keeping", "peacekeeper", "peacekeepers"}
#: Nouns that stand for the verb of ending something: "an end to the embargo" is "end the embargo".
ENDING_NOUNS = {"end": "end", "halt": "halt", "cessation": "end", "stop": "stop", "lifting": "lift", "easing": "ease"}
#: How a rejection is coded by what was asked for (the intent code's third digit): material
#: cooperation 121x, aid 122x, reform 123x, yielding 124x, talks 125, settlement 127, mediation 126.
REJECTED = {"1": "121", "3": "122", "4": "123", "5": "124", "6": "125", "7": "127", "8": "126", "9": "126"}
#: The kind of aid by its modifier, as the fourth digit of the aid families below.
AID_KINDS = {
    "economic": "1",
    "financial": "1",
    "development": "1",
    "developmental": "1",
    "budget": "1",
    "budgetary": "1",
    "military": "2",
    "defence": "2",
    "defense": "2",
    "security": "2",
    "humanitarian": "3",
    "food": "3",
    "relief": "3",
    "medical": "3",
    "emergency": "3",
}
AID_NOUNS = {"aid", "assistance", "help", "support", "funding", "package"}
#: The kind of reform by its modifier, as the fourth digit of the reform codes (0831 leadership,
#: 0832 policy, 0833 rights, 0834 institutions and regime; 024x, 034x, 104x, 123x alike).
REFORM_KINDS = {
    "economic": "2",
    "fiscal": "2",
    "market": "2",
    "tax": "2",
    "pension": "2",
    "agricultural": "2",
    "land": "2",
    "policy": "2",
    "structural": "2",
    "constitutional": "4",
    "electoral": "4",
    "judicial": "4",
    "institutional": "4",
    "democratic": "4",
    "security": "4",
}
#: Codes whose leaves are kinds of aid, and the prefix the kind digit is added to.
AID_FAMILIES = {"070": "07", "023": "023", "033": "033", "103": "103", "122": "122", "162": "162"}
#: What someone is accused of (1121 crime and corruption ... 1125 espionage and treason).
ACCUSATIONS = {
    "1124": set("genocide atrocity massacre cleansing".split()),  # first: "war crimes" is no mere crime
    "1121": set(
        "corruption embezzlement embezzle fraud bribery bribe theft steal misuse misusing smuggling"
        " trafficking crime murder money laundering tax evasion".split()
    ),
    "1122": set("abuse torture right rights repression persecution discrimination".split()),
    "1123": set("aggression invasion incursion provocation expansionism".split()),
    "1125": set("espionage spying spy treason sedition".split()),
}
#: The weapons of a fight, in the source's words or an "in"/"with" phrase: 193 small arms,
#: 194 artillery and tanks, 195 aerial weapons.
WEAPONS = {
    "193": set("gunbattle gunfight gunfire gunman gunmen rifle sniper shootout firefight".split()),
    "194": set("artillery tank mortar shelling howitzer shell missile rocket".split()),  # CAMEO: "rocket fire"
    "195": set("aircraft airstrike warplane jet helicopter gunship bomber drone air airplane plane".split()),
}


def _known(code: str) -> str | None:
    """``code`` if CAMEO has it, else its three-digit parent (a rejected call for intelligence is 121)."""
    codes = cameo_codes()
    if code in codes:
        return code
    return code[:3] if code[:3] in codes else None


def aid_kind(noun: Token | None) -> str | None:
    """ "1" for economic, "2" for military, "3" for humanitarian aid, from the aid noun's modifiers."""
    if noun is None or noun.lemma_.lower() not in AID_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ in {"amod", "compound"} and child.lemma_.lower() in AID_KINDS:
            return AID_KINDS[child.lemma_.lower()]
    return None


def _with_aid_kind(code: str, noun: Token | None) -> str:
    kind = aid_kind(noun)
    if kind is None:
        return code
    for family, prefix in AID_FAMILIES.items():
        if code == family or (code.startswith(family) and len(code) == 4):
            return _known(prefix + kind) or code
    return code


def _with_reform_kind(code: str, noun: Token | None) -> str:
    """ "enact economic reforms": the policy-change leaf (0832) of reform (083)."""
    if code != "083" or noun is None or noun.lemma_.lower() != "reform":
        return code
    for child in noun.children:
        if child.dep_ in {"amod", "compound"} and child.lemma_.lower() in REFORM_KINDS:
            return "083" + REFORM_KINDS[child.lemma_.lower()]
    return code


def _action(verb: Token, lexicon: Lexicon) -> tuple[str, Token] | None:
    """The code of the action a clause names, looking through "help"-like verbs."""
    if negated(verb):
        return None
    if verb.lemma_.lower() in HELPER_VERBS:
        for clause in verb.children:
            if clause.dep_ in {"xcomp", "ccomp"} and clause.pos_ == "VERB":
                found = _action(clause, lexicon)
                if found is not None:
                    return found
    matched = lexicon.match(verb)
    if matched is None:
        if verb.lemma_.lower() in LIGHT_VERBS:
            for child in verb.children:
                if child.dep_ == "dobj" and child.pos_ == "NOUN":
                    return _thing(child, lexicon)
        return None
    entry, required = matched
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    noun = required or (objects[0] if objects else None)
    if entry.cameo[:2] == "15" and noun is not None and any(c.lower_ in PEACEKEEPING for c in noun.children):
        return "074", verb  # "urged him to send peacekeeping troops": protection, not a show of force
    return _with_reform_kind(_with_aid_kind(entry.cameo, noun), noun), verb


def _thing(noun: Token, lexicon: Lexicon) -> tuple[str, Token] | None:
    """The code of the action a noun names: "military aid", "an end to the embargo", "delivery of aid"."""
    lemma = noun.lemma_.lower()
    if lemma in ENDING_NOUNS:
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"to", "of"}:
                continue
            for ended in prep.children:
                entry = lexicon.with_object(ENDING_NOUNS[lemma], ended)
                if entry is not None:
                    return entry.cameo, noun
        return None
    matched = lexicon.match(noun)
    if matched is not None:
        return _with_aid_kind(matched[0].cameo, noun), noun
    for prep in noun.children:  # "delivery of additional aid", "resumption of talks"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    matched = lexicon.match(pobj)
                    if matched is not None:
                        return _with_aid_kind(matched[0].cameo, pobj), pobj
    return None


def requested(trigger: Token, lexicon: Lexicon) -> tuple[str, Token] | None:
    """What an appeal, demand, offer or rejection is about, as the code of the action itself.

    Looks at the trigger's clause ("urged X to resign"), a clause hanging on the person asked
    ("called on Israel to withdraw"), its "for" phrase ("asked Portugal for military aid") and its
    object ("demanded support", "rejected calls for aid", "an appeal to Belgium to extradite").
    """
    holders = [trigger]
    for child in trigger.children:
        if child.dep_ in {"dobj", "nsubjpass", "pobj"} and child.lemma_.lower() in REQUEST_NOUNS:
            holders.append(child)  # "rejected calls for aid", "renewed an appeal ... to extradite"
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        holders.append(trigger.head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"xcomp", "ccomp", "acl"} and child.pos_ in {"VERB", "AUX"}:
                found = _action(child, lexicon)
                if found is not None:
                    return found
            elif child.dep_ == "prep" and child.lower_ in {"on", "upon", "to"}:
                for pobj in child.children:  # "called on Israel to withdraw"
                    for clause in pobj.children:
                        if clause.dep_ in {"acl", "relcl"} and clause.pos_ == "VERB":
                            found = _action(clause, lexicon)
                            if found is not None:
                                return found
            elif child.dep_ == "prep" and child.lower_ == "for":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                        found = _thing(pobj, lexicon)
                        if found is not None:
                            return found
            elif child.dep_ in {"dobj"} and holder is trigger and child.pos_ == "NOUN":
                if child.lemma_.lower() in REQUEST_NOUNS:
                    continue
                found = _thing(child, lexicon)
                if found is not None:
                    return found
    return None


def asked_code(action: str, root: str) -> str | None:
    """The code of appealing for (root "02"), demanding (root "10") or rejecting a call for ("12")
    the action coded ``action``; None when CAMEO has no more specific code for it."""
    # Asking others to reach an agreement is asking them to settle (027, 107; rejecting it 127).
    intended = "037" if action[:3] == "057" else intent_code(action)
    if intended is None or intended[:2] != "03" or intended == "030":
        return None
    if root == "12":
        family = REJECTED.get(intended[2])
        return _known(family + intended[3:]) if family else None
    if intended == "039":  # asking someone to mediate
        return root + "8"
    return _known(root + intended[2:])


def _accused_of(trigger: Token) -> str | None:
    holders = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]  # "accused the minister of ..."
    for prep in (c for holder in holders for c in holder.children):
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        # What is alleged is the phrase's own noun or gerund with its modifiers and object, not every
        # word below it ("accused Rwanda of making accusations ... about the genocide" is no 1124).
        heads = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
        near = heads + [c for h in heads for c in h.children if c.dep_ in {"amod", "compound", "dobj", "nmod"}]
        words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
        if "war" in words and "crime" in words:
            words.add("atrocity")
        for code, kinds in ACCUSATIONS.items():
            if words & kinds:
                return code
    return None


def _weapon(trigger: Token, source: tuple[int, int] | None) -> str | None:
    words = set()
    if source is not None:
        span = trigger.doc.char_span(source[0], source[1], alignment_mode="expand")
        words |= {t.lemma_.lower() for t in span or ()}
    for prep in trigger.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in {"in", "with", "by", "using"}:
            words |= {t.lemma_.lower() for t in prep.subtree}
    for code, kinds in WEAPONS.items():
        if words & kinds:
            return code
    return None


def refine_leaf(
    trigger: Token,
    code: str,
    lexicon: Lexicon,
    obj: Token | None = None,
    source: tuple[int, int] | None = None,
) -> tuple[str, str]:
    """The most specific code the sentence supports for ``code``, with a note ("" when unchanged).

    ``obj`` is the object a lexicon entry required ("halted economic aid"); ``source`` the character
    span of the source ("Russian aircraft ... killed").
    """
    if code == "130":
        for clause in trigger.children:
            if clause.dep_ not in {"xcomp", "ccomp"} or clause.pos_ != "VERB":
                continue
            matched = lexicon.match(clause)
            if matched is None:
                continue
            threat = intent_code(matched[0].cameo, THREAT_CODES)
            if threat is not None and threat[:2] == "13":
                return threat, f"threat to '{clause.text}': {threat}"
        return code, ""
    if code[:2] in {"02", "10"} or code in {"120", "121", "122", "123", "124"}:
        found = requested(trigger, lexicon)
        if found is not None:
            action, word = found
            root = code[:2]
            if root == "12" and word.dep_ in {"xcomp", "ccomp"} and word.head.i == trigger.i:
                better = refusal_code(action)  # "refused to lift the embargo": a refusal of the action itself
            else:
                better = asked_code(action, root)
            generic = code in {"020", "100", "120"}
            if better is not None and better != code and (generic or better.startswith(code)):
                return better, f"what is asked for or refused ('{word.text}'): {better}"
    if code in AID_FAMILIES and obj is not None:
        better = _with_aid_kind(code, obj)
        if better != code:
            return better, f"kind of aid ('{obj.text}'): {better}"
    if code == "112":
        better = _accused_of(trigger)
        if better is not None:
            return better, f"what is alleged: {better}"
    if code == "190":
        better = _weapon(trigger, source)
        if better is not None:
            return better, f"weapons named: {better}"
    if code[:3] == "183":
        # "blown up by a surface-to-air missile": military weapons, not a non-military bombing
        better = _weapon(trigger, source)
        if better in {"194", "195"}:
            return better, f"military weapons named: {better}, not a bombing"
    return code, ""


def demanded_code(clause: Token, code: str, lexicon: Lexicon) -> tuple[str, str]:
    """ "X says Y must withdraw its troops": the demand (100) takes the code of what is demanded (1056);
    so does an appeal (020: "X wants Y to pay compensation")."""
    if code not in {"100", "020"}:
        return code, ""
    found = _action(clause, lexicon)
    better = asked_code(found[0], code[:2]) if found is not None else None
    if better is None or better == code:
        return code, ""
    return better, f"what is demanded ('{found[1].text}'): {better}"  # type: ignore[index]
