"""Actor mentions: from a noun phrase in a parsed document to a CAMEO actor code.

An actor's country comes from a country name, demonym, capital or seat of power,
or an organisation in the knowledge base; its sector from the highest-ranked
sector word in the phrase or its appositive ("Defense Ministry spokesperson"
-> MIL). A person named with a title is remembered for the rest of the document,
so that "Austin" resolves like "U.S. Defense Secretary Lloyd Austin". Personal
pronouns take the nearest preceding actor of the right kind.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .kb import CAPITAL, COUNTRY, DEMONYM, GROUP_PREFIXES, ORGANIZATION, PERSON, REGION, SEAT, Entry, KnowledgeBase
from .records import Actor

if TYPE_CHECKING:
    from datetime import date

    from spacy.tokens import Doc, Span, Token

#: Dependency labels of tokens that head a noun phrase an actor may be.
NOMINAL_DEPS = {
    "nsubj",
    "nsubjpass",
    "dobj",
    "pobj",
    "poss",
    "appos",
    "conj",
    "attr",
    "dative",
    "ROOT",
    "agent",
    "npadvmod",
    "oprd",
    "compound",
}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves"}
#: Tokens that continue a noun phrase to the right of its head.
RIGHT_PARTS = {"flat", "compound", "nummod"}
#: Prepositions whose object tells a role noun's country or organisation.
OF_PREPS = {"of", "from", "in"}
#: Words that mark a person as no longer in office ("former Defense Minister Wei Fenghe", "ex-president").
FORMER_WORDS = {"former", "ex", "ex-", "erstwhile", "onetime", "one-time", "ousted", "deposed", "toppled"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A resolved actor with what the event stage needs to know about it."""

    actor: Actor
    person: bool = False
    outlet: bool = False
    how: str = ""
    person_id: str | None = None
    former: bool = False
    region: str | None = None  # the region of a country the phrase names ("Texas governor": Texas)
    seat: bool = False  # named by a capital or seat of power ("Nairobi", "the Kremlin"), a place too


@dataclass(slots=True)
class DocumentActors:
    """Actors resolved in one document, keyed by the index of the phrase's head token."""

    by_head: dict[int, ActorMention] = field(default_factory=dict)
    order: list[tuple[int, ActorMention]] = field(default_factory=list)
    people: dict[str, ActorMention] = field(default_factory=dict)
    day: date | None = None
    #: Demonyms modifying a noun that is no actor ("Israeli shelling", "Russian strikes"), by token
    #: index: not actors themselves, but the author of an action the noun names.
    modifiers: dict[int, ActorMention] = field(default_factory=dict)
    #: Words after "of" that belong to a title's sector phrase ("State" in "Secretary of State"): no actors.
    title_parts: set[int] = field(default_factory=set)

    def get(self, token: Token) -> ActorMention | None:
        return self.by_head.get(token.i)


def actor_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO actor code: country followed by sector (``CHN`` + ``MIL`` -> ``CHNMIL``)."""
    code = (country or "") + (sector or "")
    return code or None


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``: its left part, head and name parts."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i
    for child in head.rights:
        if child.dep_ in RIGHT_PARTS and child.i == end + 1:
            end = child.right_edge.i
    # "al-Shabab" that the parser split into three words of one entity: the whole hyphenated name.
    glued = head.ent_type_ != "" and head.pos_ == "PROPN"
    while glued and start >= 2 and _hyphened(doc[start - 2], doc[start - 1], doc[start]):
        start -= 2
    while glued and end + 2 < len(doc) and _hyphened(doc[end], doc[end + 1], doc[end + 2]):
        end += 2
    tokens = [doc[i] for i in range(start, end + 1)]
    # A coordinated phrase ("Pakistan and India") is two actors: keep the head's own conjunct.
    for token in tokens:
        if token.dep_ in {"cc", "conj"} and token.head.i == head.i:
            return [t for t in tokens if t.i > token.right_edge.i or t.i < token.left_edge.i]
    return tokens


def _hyphened(left: Token, hyphen: Token, right: Token) -> bool:
    """Three tokens written as one hyphenated word of one named entity ("al", "-", "Shabab")."""
    return (
        hyphen.text == "-"
        and not left.whitespace_
        and not hyphen.whitespace_
        and left.ent_type_ != ""
        and left.ent_type_ == hyphen.ent_type_ == right.ent_type_
    )


#: Modifiers that name another actor than the phrase's own: an "Iranian-backed militia" is not Iran's,
#: a "Damascus-based Palestinian group" not Syria's. The backer or base is no actor of the sentence.
AFFILIATION_WORDS = {
    "linked",
    "backed",
    "allied",
    "affiliated",
    "inspired",
    "supported",
    "sponsored",
    "based",
    "aligned",
    "funded",
    "trained",
    "armed",
}


#: Modifiers that name who holds a place: "exiled dissidents from military-ruled Myanmar" are no soldiers,
#: but the rebels of a "rebel-held town" are an actor (an attack on the town is one on them).
HOLDER_WORDS = {"ruled", "run", "held", "controlled", "occupied", "dominated"}


def _backer(token: Token) -> bool:
    """The name in a modifier naming a backer or a base: "UK" in "a UK-based group"."""
    head = token.head
    return (
        head.lower_ in AFFILIATION_WORDS
        and token.i < head.i
        and token.dep_ in {"npadvmod", "compound", "nmod", "amod", "advmod"}
        and head.dep_ == "amod"
    )


def _evidence_tokens(head: Token, tokens: list[Token]) -> list[list[Token]]:
    """The phrase itself plus any appositive (", a Defense Ministry spokesperson"), less the modifiers
    that name someone else ("Al Qaeda-linked")."""
    groups = [tokens]
    for child in head.rights:
        if child.dep_ == "appos":
            groups.append([t for t in child.subtree])
        elif child.dep_ == "prep" and child.lower_ in OF_PREPS and head.pos_ in {"NOUN", "PROPN"}:
            # "the president of Armenia", "rebels in Darfur", "envoys from Qatar"
            groups.append([t for t in child.subtree if t.i != child.i])
    other = {
        t.i
        for group in groups
        for token in group
        if token.dep_ == "amod"
        and token.lower_ in AFFILIATION_WORDS | HOLDER_WORDS
        and token.i != head.i
        and any(True for _ in token.children)  # "Iran-backed", "rebel-held": who backs or holds is named
        for t in token.subtree
    }
    return [[t for t in group if t.i not in other] or group for group in groups]


@dataclass(slots=True)
class _Evidence:
    entries: list[tuple[int, int, Entry]] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)
    sector: str | None = None
    sector_rank: int = 0
    sector_text: str = ""
    #: Whether the sector word is in the phrase itself, not in its appositive or of-phrase.
    phrase_sector: bool = False
    #: Positions of the words after "of" that a title's sector phrase took ("State" in "Secretary of State").
    title_tail: set[int] = field(default_factory=set)


def _indefinite(first: Token, words: list[str]) -> bool:
    """A name in lower case after "a" or "an" describes a kind, not the organisation of that name: "an
    armed Islamic group" is not the Armed Islamic Group."""
    before = first.doc[first.i - 1] if first.i > 0 else None
    return (
        before is not None
        and before.lower_ in {"a", "an"}
        and len(words) > 1
        and not all(w[:1].isupper() for w in words)
    )


def _of_tail(last: Token) -> list[Token]:
    """The few words after ``last`` when an "of" follows it directly ("of", "the", "Exchequer")."""
    doc = last.doc
    if last.i + 1 >= len(doc) or doc[last.i + 1].lower_ != "of":
        return []
    return [t for t in doc[last.i + 1 : last.i + 5] if not t.is_punct]


def _collect(kb: KnowledgeBase, groups: list[list[Token]]) -> _Evidence:
    """Names and sector words of the phrase (the first group) and its appositive or of-phrase (the
    others). A sector word of the phrase itself wins: "opponents of the government" are opposition."""
    evidence = _Evidence()
    for number, tokens in enumerate(groups):
        own_sector = number > 0 and evidence.sector is not None
        words = [t.text for t in tokens]
        lowered = [w.lower() for w in words]
        # A title or body named across "of" ("Secretary of State", "the Ministry of Defence"): its sector
        # phrase may run on past the phrase's last word, into the of-phrase.
        tail = _of_tail(tokens[-1]) if number == 0 and tokens else []
        i = 0
        while i < len(tokens):
            sector = kb.sector_match(lowered + [t.lower_ for t in tail], i) if tail else None
            if sector is not None and i + sector[0] > len(tokens):
                length, code, rank = sector
                if rank >= evidence.sector_rank:
                    evidence.sector, evidence.sector_rank = code, rank
                    evidence.sector_text = " ".join([*words, *(t.text for t in tail)][i : i + length])
                    evidence.phrase_sector = True
                evidence.title_tail.update(t.i for t in tail[: i + length - len(tokens)])
                evidence.covered.update(t.i for t in tokens[i:])
                break
            found = kb.match(words, i)
            if found is not None and _indefinite(tokens[i], words[i : i + found[0]]):
                found = None
            if found is not None:
                length, entry = found
                evidence.entries.append((tokens[i].i, tokens[i + length - 1].i, entry))
                evidence.covered.update(t.i for t in tokens[i : i + length])
                i += length
                continue
            sector = kb.sector_match(lowered, i)
            if sector is not None:
                length, code, rank = sector
                if rank >= evidence.sector_rank and not own_sector:
                    evidence.sector, evidence.sector_rank = code, rank
                    evidence.sector_text = " ".join(words[i : i + length])
                    evidence.phrase_sector = number == 0
                evidence.covered.update(t.i for t in tokens[i : i + length])
                i += length
                continue
            i += 1
    return evidence


def _bracketed(head: Token) -> set[int]:
    """Positions of the bracketed parts inside the phrase before ``head``, brackets included."""
    inside: set[int] = set()
    start = None
    for token in head.doc[head.left_edge.i : head.i]:
        if token.text in {"(", "["}:
            start = token.i
        elif token.text in {")", "]"} and start is not None:
            inside.update(range(start, token.i + 1))
            start = None
    return inside


def _person_name(tokens: list[Token], head: Token) -> str | None:
    if head.ent_type_ != "PERSON":
        return None
    ent_tokens = [t for t in tokens if t.ent_type_ == "PERSON" and t.ent_iob_ in {"B", "I"}]
    run: list[Token] = []
    for token in ent_tokens:
        if run and (token.i != run[-1].i + 1 or token.ent_iob_ == "B"):
            run = []
        run.append(token)
        if token.i == head.i:
            break
    name = " ".join(t.text for t in run if t.text not in {"'s", "’s"})
    return name or None


def doc_text(doc: Doc) -> str:
    """The document's text, built once per document (``doc.text`` joins every token on each call)."""
    text = doc.user_data.get("polevent_text")
    if text is None:
        text = doc.user_data["polevent_text"] = doc.text
    return text


def _make(tokens: list[Token], **values: str | None) -> Actor:
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    country, sector = values.get("country"), values.get("sector")
    return Actor(
        text=doc_text(doc)[start:end],
        start=start,
        end=end,
        code=values.get("code") or actor_code(country, sector),
        country=country,
        sector=sector,
        name=values.get("name"),
    )


def resolve_phrase(kb: KnowledgeBase, head: Token, state: DocumentActors) -> ActorMention | None:
    """Resolve the noun phrase headed by ``head`` to an actor, or None when it is none."""
    lowered = head.lower_
    if head.pos_ == "PRON":
        if lowered in PERSON_PRONOUNS:
            return _antecedent(state, head, person=True)
        if lowered in GROUP_PRONOUNS:
            return _antecedent(state, head, person=False)
        return None
    if head.i in state.title_parts:
        return None  # "State" in "the Secretary of State": part of the title
    if head.lower_ in CIRCUMSTANCE_NOUNS and head.pos_ == "NOUN":
        return None  # "in the wake of an AP report": a circumstance, no actor
    if head.ent_type_ in NOT_THINGS and head.pos_ == "NOUN":
        return None  # "12 days of battles with the Amal militia": a time or an amount is no actor
    tokens = [t for t in phrase_tokens(head) if not t.is_punct or t.text in {".", "-"}]
    while tokens and tokens[0].dep_ in {"det", "predet", "case"} and tokens[0].i != head.i:
        tokens = tokens[1:]
    if not tokens:
        return None
    tokens = _name_run_on(kb, head, tokens, state)
    evidence = _collect(kb, _evidence_tokens(head, tokens))
    state.title_parts.update(evidence.title_tail)
    name = _person_name(tokens, head)
    if name is None and head.pos_ == "PROPN" and not evidence.entries and head.lower_ in state.people:
        name = head.text  # a surname the entity recogniser missed, already met with a title
    entries = evidence.entries
    person = next(
        (
            e
            for first, last, e in entries
            if e.kind == PERSON and first <= head.i <= last and head.doc[first].text[:1].isupper()
        ),
        None,
    )
    if person is None and (
        (evidence.phrase_sector and evidence.sector_rank == 2) or head.lemma_.lower() in TITLE_NOUNS
    ):
        # "the chairman of the African Union Commission Moussa Faki Mahamat": the title's holder is named
        # at the end of its of-phrase
        inner = {t.i for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree}
        person = next(
            (e for first, last, e in entries if e.kind == PERSON and e.person in kb.people and {first, last} <= inner),
            None,
        )
    if person is not None and person.person in kb.people:
        return _known_person(kb, head, tokens, person.person, state)
    if person is not None and person.person is None and person.code and state.day is not None:
        holders = [p for p in person.code.split("|") if p in kb.people and kb.people[p].role_on(state.day)]
        if len(holders) == 1:  # "President Bush" in 2002: the one Bush in office that day
            return _known_person(kb, head, tokens, holders[0], state)
    if person is not None and person.person is None and person.country:
        mention = ActorMention(
            _make(tokens, country=person.country, sector=evidence.sector, name=None),
            person=True,
            how=f"a name several {person.country} office-holders share",
        )
        return _remember(state, head, mention, None)
    # The organisation named next to the head ("the Hizbollah group"), a bracketed gloss in between not
    # counting ("the Hizbollah (Party of God) group").
    bracketed = _bracketed(head)
    # Organisations named where they make the head no member of theirs (``not_members``). An office named
    # in the phrase is the role, whatever group its appositive says the holder belongs to: "the mayor of
    # Nablus, a member of Hamas" is a local government official.
    office = evidence.phrase_sector and evidence.sector_rank >= 2
    not_members = {t.i for c in head.rights if c.dep_ == "appos" for t in c.subtree} if office else set()
    if head.pos_ == "NOUN" and head.i not in evidence.covered and head.lemma_.lower() not in MEMBER_NOUNS:
        # "an investigation in the wake of an AP report", "a reform of the WHO": a thing's setting or
        # subject names no member of the group ("a member of Hamas", "the armed wing of Hamas" do)
        not_members |= {
            t.i for c in head.rights if c.dep_ == "prep" and c.lower_ in {"in", "of", "from"} for t in c.subtree
        }
    named = next((e for first, last, e in entries if first <= head.i <= last), None)
    own = named if named is not None and named.kind == ORGANIZATION else None
    if named is not None and named.kind in {COUNTRY, DEMONYM, CAPITAL}:
        not_members |= {first for first, _, e in entries if e.kind == ORGANIZATION}
    reach = ORG_REACH if head.pos_ == "NOUN" else 1  # a name ("UN ambassador Jonathan Cohen") is a person's
    org = own or next(  # the name the head is part of, else the one named next to it
        (
            e
            for first, last, e in reversed(entries)
            if e.kind == ORGANIZATION
            and first not in not_members
            and sum(last < i < head.i and i not in bracketed for i in range(last, head.i)) <= reach
        ),
        None,
    )
    if org is not None and evidence.sector_rank < 3:
        mention = ActorMention(
            _make(
                tokens,
                code=org.code or actor_code(org.country, org.sector),
                country=org.country,
                sector=org.sector,
                name=org.name,
            ),
            outlet=org.org_kind == "outlet",
            how=f"organisation {org.name!r}",
        )
        return _remember(state, head, mention, name)
    place = next((e for _, _, e in entries if e.kind in {COUNTRY, DEMONYM, CAPITAL, SEAT, ORGANIZATION}), None)
    country = place.country if place is not None else None
    sector = evidence.sector
    how = []
    city = _city_of(head) if place is None and sector is not None else None
    if city is not None:
        country = city[1]
        how.append(f"city of {city[0]} in {city[1]} (gazetteer)")
    if place is not None:
        if place.org_kind == REGION:
            how.append(f"{place.name}, a region of {kb.country_names.get(place.country or '', place.country)}")
        else:
            how.append(f"{place.kind} of {place.name}" if place.kind != ORGANIZATION else f"organisation {place.name}")
        only_place = all(first <= t.i <= last for t in tokens for first, last, _ in entries[:1])
        if place.kind in {CAPITAL, SEAT} and sector is None and only_place:
            sector = place.sector
    if evidence.sector:
        how.append(f"sector word {evidence.sector_text!r}")
    if name is not None and place is None and evidence.sector is None:
        known = (
            state.people.get(name.lower())
            or state.people.get(name.split()[-1].lower())
            or state.people.get(name.split()[0].lower())
        )
        if known is not None:
            actor = known.actor
            mention = ActorMention(
                _make(tokens, code=actor.code, country=actor.country, sector=actor.sector, name=actor.name),
                person=True,
                how=f"same person as {actor.text!r}",
                person_id=known.person_id,
                former=known.former,
            )
            state.by_head[head.i] = mention
            state.order.append((head.i, mention))
            return mention
        return _unknown(head, tokens, state, name)
    if country is None and sector is None:
        return _unknown(head, tokens, state, name)
    if (
        head.pos_ == "NOUN"
        and head.i not in evidence.covered
        and not _people_noun(head, entries)
        and not _named_noun(head)
    ):
        return None  # "China's core interests", "U.S. arms": a thing of an actor, not an actor
    if place is not None and place.kind == COUNTRY and name is None and len(entries) == 1 and sector is None:
        name = kb.country_names.get(place.country or "", place.name) if place.org_kind == REGION else place.name
    mention = ActorMention(
        _make(tokens, country=country, sector=sector, name=name),
        person=head.ent_type_ == "PERSON",
        how=", ".join(how),
        region=place.name if place is not None and place.org_kind == REGION else None,
        seat=place is not None and place.kind in {CAPITAL, SEAT},
    )
    return _remember(state, head, mention, name if head.ent_type_ == "PERSON" else None)


#: Named-entity types an unknown name must have to be kept as an actor (with no code).
UNKNOWN_ENTITY_TYPES = {"PERSON", "ORG", "NORP"}


def _unknown(head: Token, tokens: list[Token], state: DocumentActors, name: str | None) -> ActorMention | None:
    """A well-formed actor the knowledge base does not know: kept with its text and no code."""
    if head.pos_ != "PROPN" or not any(c.isalpha() for c in head.text):
        return None  # a hyphen the tagger took for a name ("al - Shabab") is none
    if head.ent_type_ not in UNKNOWN_ENTITY_TYPES and not _untagged_name(head, tokens):
        return None
    mention = ActorMention(
        _make(tokens), person=head.ent_type_ == "PERSON", how="a name the knowledge base does not know"
    )
    return _remember(state, head, mention, name if head.ent_type_ == "PERSON" else None)


#: Titles whose holder's office is the government's: "Japan PM's office".
LEADER_WORDS = {"pm", "president", "premier", "chancellor", "minister", "king", "queen", "emir", "governor"}


def _office_of(head: Token, state: DocumentActors) -> None:
    """ "Japan PM's office", "the president's office": a leader's office speaks and acts for the leader's
    government."""
    possessors = [c for c in head.children if c.dep_ == "poss"]
    owner = next((state.by_head[c.i] for c in possessors if c.i in state.by_head), None)
    leader = any(t.lower_ in LEADER_WORDS for c in possessors for t in c.subtree)
    state_body = owner is not None and owner.actor.sector in {"GOV", "JUD", "MIL", "COP", "SPY", "LEG"}
    if owner is None or owner.actor.country is None or not (state_body or leader):
        return
    tokens = [t for t in phrase_tokens(head) if not t.is_punct]
    sector = owner.actor.sector if state_body and not leader else "GOV"  # "the prosecutor's office": JUD
    mention = ActorMention(
        _make(tokens, country=owner.actor.country, sector=sector), how=f"office of '{owner.actor.text}'"
    )
    _remember(state, head, mention, None)


def misread_acronym(token: Token) -> bool:
    """An acronym before its verb that the tagger took for an adverb or adjective ("USAID provided
    shelter", "USAID had announced ..."): the verb's subject in fact."""
    return (
        token.dep_ in {"advmod", "amod", "npadvmod"}
        and token.pos_ in {"ADV", "ADJ"}
        and token.head.pos_ in {"VERB", "AUX"}
        and token.i < token.head.i
        and len(token.text) >= 3
        and token.text.isalpha()
        and token.text.isupper()
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.head.children)
    )


def _name_run_on(kb: KnowledgeBase, head: Token, tokens: list[Token], state: DocumentActors) -> list[Token]:
    """The phrase with a known name that the parser cut after its head ("Doctors | Without Borders",
    "Action | Against Hunger"): the name's words after the head join it and are no actors of their own."""
    doc = head.doc
    if tokens[-1].i != head.i or head.i + 1 >= len(doc) or not head.text[:1].isupper():
        return tokens
    words = [t.text for t in doc[tokens[0].i : min(len(doc), head.i + 6)]]
    for start in range(len(tokens)):
        found = kb.match(words, start)
        if found is not None and tokens[0].i + start + found[0] - 1 > head.i:
            end = tokens[0].i + start + found[0]
            state.title_parts.update(range(head.i + 1, end))
            return tokens + list(doc[head.i + 1 : end])
    return tokens


def _city_of(head: Token) -> tuple[str, str] | None:
    """(city, country) of a large city named before a role noun or in its "in", "of" or "from" phrase ("the
    Istanbul prosecutor", "a court in Lyon", "the mayor of Karachi"), when the knowledge base names no
    country there."""
    from .places import major_city_country

    places = {"GPE", "LOC", "ORG", "FAC"}
    named = [left for left in head.lefts if left.dep_ in {"compound", "nmod"}]  # "the Istanbul prosecutor"
    named += [
        c for prep in head.rights if prep.dep_ == "prep" and prep.lower_ in OF_PREPS for c in prep.children
        if c.dep_ == "pobj"
    ]  # fmt: skip
    for token in (t for t in named if t.ent_type_ in places):
        entity = next((e for e in head.doc.ents if e.start <= token.i < e.end), None)
        country = major_city_country(entity.text) if entity is not None else None
        if country is not None:
            return entity.text, country  # type: ignore[union-attr]
    return None


def _named_noun(head: Token) -> bool:
    """A capitalised common noun ending a name ("the NGO Israel Flying Aid", "Save the Children Fund"):
    the tagger's noun is the name's last word, not a thing."""
    return (
        not head.is_sent_start
        and head.text[:1].isupper()
        and head.text[1:].islower()
        and any(t.pos_ == "PROPN" and t.dep_ == "compound" and t.i == head.i - 1 for t in head.lefts)
    )


def _untagged_name(head: Token, tokens: list[Token]) -> bool:
    """A name the entity recogniser left untagged ("an investigation against Oommen Chandy"): proper
    nouns in title case only, the head a subject or object."""
    name = [t for t in tokens if t.pos_ == "PROPN"]
    return (
        head.ent_type_ == ""
        and head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}
        and len(name) == len([t for t in tokens if t.pos_ not in {"DET", "PUNCT"}])
        and all(t.text[:1].isupper() and t.text[1:].islower() and t.text.isalpha() for t in name)
    )


#: How many words may stand between an organisation's name and the common noun it makes the
#: organisation's ("a UN human rights expert": two); one before a name.
ORG_REACH = 2
#: Titles that are no sector word of their own: "the chairman of the AU Commission Moussa Faki Mahamat".
TITLE_NOUNS = {"chairman", "chairperson", "chairwoman", "chair", "head", "chief", "director", "boss"}
#: Nouns that make a common noun one of the group its of-phrase names: "a member of Hamas".
MEMBER_NOUNS = {
    "member", "wing", "branch", "faction", "unit", "cell", "arm", "affiliate", "offshoot", "splinter", "ranks",
    "leadership", "delegation", "envoy", "representative", "team", "mission", "contingent", "force",
    "country", "state", "nation", "republic", "government",
}  # fmt: skip
#: Nouns of circumstance: "in the wake of", "in the aftermath of", "in light of", "in the face of".
CIRCUMSTANCE_NOUNS = {"wake", "aftermath", "light", "face", "midst", "course", "run-up", "eve"}
#: Nouns too vague to be what an event acts on ("played a part", "efforts to ...", "expressed appreciation").
VAGUE_THINGS = {"part", "effort", "way", "step", "role", "time", "appreciation", "thing", "lot", "kind", "sort", "bit"}
#: Entity types that are never acted on: dates, times, amounts.
NOT_THINGS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def is_thing(head: Token) -> bool:
    """Whether a noun can be the thing an event acts on ("the decision"), not a date, amount or vague word."""
    return (
        head.pos_ in {"NOUN", "PROPN"} and head.ent_type_ not in NOT_THINGS and head.lemma_.lower() not in VAGUE_THINGS
    )


def thing_mention(head: Token) -> ActorMention:
    """The noun phrase of a thing acted on ("the proposal", "a court decision"): a target with no code."""
    tokens = [t for t in phrase_tokens(head) if not t.is_punct]
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and tokens:  # "parts of Kashmir", "the suspension of aid"
        tokens += [t for t in head.doc[tokens[-1].i + 1 : of.right_edge.i + 1] if not t.is_punct]
    return ActorMention(_make(tokens or [head]), how=THING_HOW)


THING_HOW = "the thing acted on (not an actor)"


def is_thing_mention(mention: ActorMention | None) -> bool:
    """Whether a target is a thing acted on (``thing_mention``), not an actor."""
    return mention is not None and mention.how == THING_HOW


def is_former(tokens: list[Token]) -> bool:
    """Whether a phrase calls its person former ("former minister", "ex-president")."""
    return any(t.lower_ in FORMER_WORDS or t.lower_.startswith("ex-") for t in tokens)


def person_actor(kb: KnowledgeBase, mention: ActorMention, day: date | None, published: date | None) -> ActorMention:
    """A known person's mention re-coded for the event ``day``: the office held that day, else country + ELI."""
    if mention.person_id is None or mention.person_id not in kb.people:
        return mention
    person = kb.people[mention.person_id]
    office_country, office_sector, how = person.actor_on(day, former=mention.former, published=published)
    code, country, sector = office_code(office_country, office_sector)
    actor = mention.actor
    if (code, country, sector) == (actor.code, actor.country, actor.sector):
        return mention
    recoded = Actor(actor.text, actor.start, actor.end, code, country, sector, actor.name)
    return replace(mention, actor=recoded, how=f"person {how}")


def office_code(country: str, sector: str) -> tuple[str, str, str]:
    """(code, country, sector) of an office: IGOUNO + IGO -> (IGOUNO, IGO, IGO), CHN + GOV -> (CHNGOV, CHN, GOV)."""
    if country[:3] in GROUP_PREFIXES and len(country) > 3:
        return country, country[:3], sector
    return country + sector, country, sector


def _known_person(
    kb: KnowledgeBase, head: Token, tokens: list[Token], person_id: str, state: DocumentActors
) -> ActorMention:
    person = kb.people[person_id]
    former = is_former(tokens)
    office_country, office_sector, how = person.actor_on(state.day, former=former, published=state.day)
    code, country, sector = office_code(office_country, office_sector)
    mention = ActorMention(
        _make(tokens, code=code, country=country, sector=sector, name=person.name),
        person=True,
        how=f"person {how}",
        person_id=person_id,
        former=former,
    )
    return _remember(state, head, mention, person.name)


def _people_noun(head: Token, entries: list[tuple[int, int, Entry]]) -> bool:
    """A common noun made an actor by a demonym before it ("Pakistani fishermen", "Chinese nationals")."""
    return any(
        entry.kind == DEMONYM and head.doc[first].head.i == head.i and head.doc[first].dep_ in {"amod", "compound"}
        for first, _, entry in entries
    )


def _remember(state: DocumentActors, head: Token, mention: ActorMention, person_name: str | None) -> ActorMention:
    state.by_head[head.i] = mention
    state.order.append((head.i, mention))
    if person_name:
        parts = person_name.split()
        state.people[person_name.lower()] = mention
        for part in parts:
            state.people.setdefault(part.lower(), mention)
    return mention


def _antecedent(state: DocumentActors, token: Token, *, person: bool) -> ActorMention | None:
    for index, mention in reversed(state.order):
        if index >= token.i:
            continue
        if mention.person == person and not mention.outlet and mention.actor.code is not None:
            return _copy(mention, [token], f"pronoun for {mention.actor.text!r}")
    return None


QUANTITY_HEADS = {
    "thousand",
    "thousands",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
    "scores",
    "millions",
    "group",
    "groups",
    "crowd",
    "crowds",
    "number",
    "some",
    "many",
    "most",
    "several",
    "all",
    "members",
    "member",
    "delegation",
    "contingent",
    "contingents",
    "unit",
    "units",
    "band",
    "team",
    "batch",
}


def resolve_document(kb: KnowledgeBase, doc: Doc, day: date | None = None) -> DocumentActors:
    """Resolve every noun phrase head in ``doc`` that names an actor, in document order.

    ``day`` (the publication date) decides which office a known person holds until an event's own
    date is known.
    """
    state = DocumentActors(day=day)
    for token in doc:
        if misread_acronym(token):
            resolve_phrase(kb, token, state)  # "USAID provided ...", tagged as an adverb
            continue
        if token.dep_ in NOMINAL_DEPS and token.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            if token.dep_ == "compound" and token.head.pos_ in {"NOUN", "PROPN"}:
                continue
            if _backer(token):
                continue  # "a UK-based group", "the Syrian-backed militia": the modifier is no actor here
            mention = resolve_phrase(kb, token, state)
            if mention is not None and token.pos_ == "PRON":
                state.by_head[token.i] = mention
            if mention is None and token.lemma_.lower() == "office":
                _office_of(token, state)
    for token in doc:
        # "Thousands of Serbian students": the students act.
        if token.lower_ in QUANTITY_HEADS and token.i not in state.by_head:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    inner = next((state.by_head[p.i] for p in prep.children if p.i in state.by_head), None)
                    if inner is not None:
                        state.by_head[token.i] = inner
    for token in doc:
        head = token.head  # a noun, or a gerund the tagger calls a verb ("in Israeli shelling")
        nominal = head.pos_ == "NOUN" or (head.pos_ == "VERB" and head.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass"})
        if token.dep_ == "amod" and nominal and head.i not in state.by_head:
            found = kb.match([token.text], 0)
            if found is not None and found[1].kind == DEMONYM and found[1].country:
                actor = _make([token], country=found[1].country)
                state.modifiers[token.i] = ActorMention(actor, how=f"demonym of {found[1].name}")
        elif token.dep_ in {"compound", "nmod"} and token.pos_ == "PROPN" and nominal and head.i not in state.by_head:
            # "a U.S. military airstrike": the country that names whose the thing is
            found = kb.match([token.text], 0)
            if found is not None and found[1].kind == COUNTRY and found[1].org_kind != REGION and found[1].country:
                actor = _make([token], country=found[1].country)
                state.modifiers[token.i] = ActorMention(actor, how=f"country of {found[1].name}")
            elif found is not None and found[1].kind in {SEAT, CAPITAL} and found[1].country:
                # "given the Pentagon permission", "the Kremlin plan": the seat of power whose the thing is
                entry = found[1]
                actor = _make([token], country=entry.country, sector=entry.sector or "GOV")
                state.modifiers[token.i] = ActorMention(actor, how=f"{entry.kind} of {entry.name}")
    _coordinated_modifiers(kb, doc, state)
    _definite_descriptions(kb, doc, state)
    _countries_from_sentences(kb, doc, state)
    _ethnic_groups(kb, doc, state)
    return state


#: Nouns that, with "the two" or "both", point back to the last two countries named.
PAIR_NOUNS = {"country", "nation", "side", "neighbour", "neighbor", "government", "state", "capital", "party"}
#: Nouns that, after "the" alone, point back to the last actor whose name ends with them.
DEFINITE_NOUNS = {
    "ministry", "army", "military", "party", "group", "council", "court", "agency", "company", "union",
    "movement", "alliance", "bloc", "organization", "organisation", "commission", "militia", "government",
    "parliament", "assembly", "embassy", "office", "department", "force", "forces",
}  # fmt: skip


def _copy(mention: ActorMention, tokens: list[Token], how: str, sector: str | None = None) -> ActorMention:
    actor = mention.actor
    sector = sector or actor.sector
    code = actor.code if sector == actor.sector else actor_code(actor.country, sector)
    made = _make(tokens, code=code, country=actor.country, sector=sector, name=actor.name)
    return replace(mention, actor=made, how=how, seat=False)  # the copy's own words name no seat


def _definite_descriptions(kb: KnowledgeBase, doc: Doc, state: DocumentActors) -> None:
    """ "The two countries" / "both sides": the last two countries named before; "the ministry": the
    last actor whose name ends with "ministry" (China's Defence Ministry), not a new, countryless one."""
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or (lemma not in PAIR_NOUNS and lemma not in DEFINITE_NOUNS):
            continue
        children = {c.lower_: c for c in token.children if c.dep_ in {"det", "predet", "nummod"}}
        if "the" not in children and "two" not in children and "both" not in children:
            continue
        before = [(i, m) for i, m in state.order if i < token.i and not m.outlet and m.actor.code]
        tokens = [t for t in token.subtree if t.i <= token.i]
        if lemma in PAIR_NOUNS and token.tag_ == "NNS" and ("two" in children or "both" in children):
            pair: list[ActorMention] = []
            for _, mention in reversed(before):
                if mention.actor.country in kb.country_names and all(
                    mention.actor.country != m.actor.country for m in pair
                ):
                    pair.append(mention)
                if len(pair) == 2:
                    break
            if len(pair) < 2:
                continue
            second_token = children.get("two") or children["both"]
            sector = "GOV" if lemma in {"government", "capital"} else None
            how = f"'{token.text}': {pair[1].actor.text!r} and {pair[0].actor.text!r}"
            state.by_head[token.i] = _copy(pair[1], tokens, how, sector)
            # The second side is keyed by "two"/"both" but spans the noun, so the two never share a start.
            state.by_head[second_token.i] = _copy(pair[0], [token], how, sector)
            continue
        current = state.by_head.get(token.i)
        if (
            lemma in DEFINITE_NOUNS
            and "the" in children
            and len(tokens) == 2
            and (current is None or current.actor.country is None)
        ):
            antecedent = next(
                (m for i, m in reversed(before) if doc[i].lemma_.lower() == lemma and m.actor.country is not None),
                None,
            )
            if antecedent is not None:
                state.by_head[token.i] = _copy(antecedent, tokens, f"'{token.text}': {antecedent.actor.text!r}")


def _coordinated_modifiers(kb: KnowledgeBase, doc: Doc, state: DocumentActors) -> None:
    """ "US and British activists": two actors, one per country, sharing the head's sector. The second
    is keyed by its own modifier token, so that events take it as a coordinated actor."""
    for index, mention in list(state.by_head.items()):
        actor = mention.actor
        if actor.country is None or mention.person:
            continue
        for child in doc[index].children:
            if child.dep_ not in {"amod", "compound", "nmod"}:
                continue
            for other in child.conjuncts:
                if other.i <= child.i or other.i in state.by_head:
                    continue
                place = next((e for _, _, e in _collect(kb, [[other]]).entries if e.country), None)
                if place is None or place.country in {None, actor.country}:
                    continue
                extra = ActorMention(
                    _make([other], country=place.country, sector=actor.sector),
                    how=f"'{other.text}' coordinated with '{actor.text}'",
                )
                state.by_head[other.i] = extra
                state.order.append((other.i, extra))


_DATELINE = re.compile(
    r"^\s*([A-Za-z][A-Za-z.' -]{1,30}?)\s*"  # the place
    # an optional country: "GAZA CITY, Palestinian Territories:"
    r"(?:,\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2}\s*(?=(?::|--)))?"
    r"(?:,\s*[A-Za-z]{3,9}\.? \d{1,2}\s*)?(?:\([A-Za-z ]+\)\s*)?"  # an optional date and agency
    r"(?::|[-\u2013\u2014]{1,2})\s",
    re.MULTILINE,
)


def dateline_country(text: str) -> str | None:
    """The country of a story's dateline ("KHARTOUM -", "lucknow:", "GAZA CITY, May 3 (Reuters) -"), if any."""
    from .places import geocode

    match = _DATELINE.search(text[:400])
    if match is None or match.start() > 200:
        return None
    name = match.group(1).strip()
    if len(name) < 3 or name.lower() in {"this story is from", "update", "editor's note", "note"}:
        return None
    place = geocode(name.title()) or geocode(name)
    return place.country if place is not None else None


def _with_country(mention: ActorMention, country: str, why: str) -> ActorMention:
    """A generic agent ("police", "rebels") given a country, and the reason added to how it resolved."""
    actor = mention.actor
    code = actor_code(country, actor.sector)
    made = Actor(actor.text, actor.start, actor.end, code, country, actor.sector, actor.name)
    return replace(mention, actor=made, how=f"{mention.how}, {why}")


def _countries_from_sentences(kb: KnowledgeBase, doc: Doc, state: DocumentActors) -> None:
    """Give a generic agent ("police", "the government", "rebel fighters") the country of its sentence
    when the sentence names exactly one country, or, when it names none, the document's main country
    (named at least twice and more often than any other)."""
    counts = Counter(m.actor.country for m in state.by_head.values() if m.actor.country in kb.country_names)
    ranked = counts.most_common(2)
    main = ranked[0][0] if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    datelined = dateline_country(doc_text(doc))
    main = main or datelined
    for sentence in doc.sents:
        heads = [i for i in state.by_head if sentence.start <= i < sentence.end]
        for i in heads:  # "the Sudanese government and the rebels in Darfur": the partner's country
            mention = state.by_head[i]
            actor = mention.actor
            if actor.country is not None or actor.sector is None:
                continue
            partners = [state.by_head.get(t.i) for t in doc[i].conjuncts]
            country = next((p.actor.country for p in partners if p and p.actor.country in kb.country_names), None)
            if country is not None:
                state.by_head[i] = _with_country(mention, country, "country of the actor it is named with")
        countries = {state.by_head[i].actor.country for i in heads} & set(kb.country_names)
        if not countries and main is not None:
            countries = {main}
        if len(countries) > 1 and datelined in countries:
            countries = {datelined}  # local people of a datelined story: "GAZA CITY: ... killed in Israeli shelling"
        if len(countries) != 1:
            continue
        (country,) = countries
        # the country itself named (not a group of it: "outlawed the ANC" is the state's own act)
        named = [i for i in heads if (state.by_head[i].actor.country, state.by_head[i].actor.sector) == (country, None)]
        for i in heads:
            mention = state.by_head[i]
            actor = mention.actor
            backed = any(c.dep_ == "amod" and c.lower_ in AFFILIATION_WORDS for c in doc[i].children)
            if _other_party(doc[i], [doc[j] for j in named]) and not any(
                state.by_head[t.i].actor.country for t in doc[i].subtree if t.i != i and t.i in state.by_head
            ):
                continue
            if country is not None and actor.country is None and actor.sector is not None and not backed:
                # (an "Iran-backed militia" or "EU-based airlines" is not of the country the sentence names)
                state.by_head[i] = _with_country(mention, country, "country from the sentence")


def _other_party(agent: Token, named: list[Token]) -> bool:
    """A government that is the subject of a verb whose object names the sentence's only country as a
    party (not a place: "in Kenya") is not that country's: "the government expressed appreciation for
    China's assistance", "the authorities condemned Russia's strikes"."""
    if agent.dep_ not in {"nsubj", "nsubjpass"} or not named:
        return False
    if agent.lemma_.lower() not in {"government", "authority", "ministry", "cabinet", "administration"}:
        return False
    verb = agent.head
    objects = {t.i for c in verb.children if c.dep_ in {"dobj", "dative", "prep"} for t in c.subtree}
    return all(t.i in objects and _party_role(t) for t in named)


def _party_role(token: Token) -> bool:
    """A country named as a party: an owner ("China's help"), an object, or after "for", "to", "with",
    "against" or "from"; not a place ("in Turkey")."""
    if token.dep_ in {"poss", "dobj", "dative"}:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in {"for", "to", "with", "against", "from", "toward", "towards"}


#: Heads that make a demonym a people rather than its state: "the Albanian population", "Kurdish minority".
PEOPLE_HEADS = {"population", "populations", "minority", "minorities", "community", "communities"}
LOCATION_PREPS = {"in", "near", "inside", "across", "throughout"}
LOCATION_NOUNS = {"border", "territory", "province", "region", "north", "south", "east", "west", "capital"}


def _ethnic_groups(kb: KnowledgeBase, doc: Doc, state: DocumentActors) -> None:
    """An ethnic group takes the country it lives in, as event data codes it: "ethnic Albanians
    demonstrated in Serbia" is SRB CVL, not ALB (the demonym names the people, the place the country)."""
    for sentence in doc.sents:
        heads = [i for i in state.by_head if sentence.start <= i < sentence.end]
        places = []
        for i in heads:
            token = doc[i]
            country = state.by_head[i].actor.country
            if country not in kb.country_names:
                continue
            if token.dep_ == "pobj" and token.head.lower_ in LOCATION_PREPS:
                places.append(country)
            elif token.dep_ == "poss" and token.head.lemma_.lower() in LOCATION_NOUNS:
                places.append(country)
        for i in heads:
            mention = state.by_head[i]
            actor = mention.actor
            token = doc[i]
            ethnic = any(t.lower_ == "ethnic" for t in token.lefts) or token.lower_ in PEOPLE_HEADS
            elsewhere = [c for c in places if c != actor.country]
            if not ethnic or actor.country is None or not elsewhere:
                continue
            country = elsewhere[0]
            state.by_head[i] = replace(
                mention,
                actor=Actor(actor.text, actor.start, actor.end, actor_code(country, "CVL"), country, "CVL", actor.name),
                how=f"{mention.how}; an ethnic group, coded with the country it lives in",
            )


def resolve_span(kb: KnowledgeBase, span: Span, state: DocumentActors) -> ActorMention | None:
    """Resolve a given character span (pair mode): its root token's phrase, else the span's own words."""
    mention = state.by_head.get(span.root.i)
    if mention is None:
        for token in span:
            mention = state.by_head.get(token.i)
            if mention is not None:
                break
    tokens = list(span)
    if mention is None:
        evidence = _collect(kb, [tokens])
        place = next((e for _, _, e in evidence.entries), None)
        country = place.country if place else None
        sector = evidence.sector or (place.sector if place else None)
        mention = ActorMention(
            _make(
                tokens,
                country=country,
                sector=sector,
                name=place.name if place and place.kind == ORGANIZATION else None,
            )
        )
    actor = mention.actor
    country, sector = actor.country, actor.sector
    if country is None:  # "villages near Macedonia's border": the span's own words may name the country
        place = next((e for _, _, e in _collect(kb, [tokens]).entries if e.country), None)
        country = place.country if place is not None else None
    code = actor_code(country, sector) if country != actor.country else actor.code
    return replace(mention, actor=_make(tokens, code=code, country=country, sector=sector, name=actor.name))
