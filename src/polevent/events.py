"""Events: triggers, their frames, and whether the event happened.

For each lexicon trigger in a sentence this stage finds the source and target
(subject / agent / possessor -> source; object / passive subject / with, against,
to, on -> target), then decides from the clause around it whether the event
happened (negation, failure, hypotheticals), was only intended (intent verbs ->
CAMEO 03x), threatened (a future attack in reported speech -> 13x), or was
reported by someone (the speaker of a statement is the source of what it
accuses; the outlet that reports is never an actor).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .actors import ActorMention, DocumentActors, is_thing, misread_acronym, thing_mention
from .leaves import REQUEST_NOUNS, THREAT_CODES, WEAPONS, demanded_code, intent_code, refine_leaf, refusal_code
from .lexicon import Lexicon, LexiconEntry, negated
from .places import geocode

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

TARGET_PREPS = {
    "with",
    "against",
    "to",
    "on",
    "at",
    "into",
    "toward",
    "towards",
    "upon",
    "from",
    "over",
    "onto",
    "outside",
}
NOUN_SOURCE_PREPS = {"by", "between", "from"}
SPEECH_LEMMAS = {
    "say",
    "tell",
    "state",
    "announce",
    "claim",
    "add",
    "note",
    "declare",
    "report",
    "assert",
    "stress",
    "emphasize",
    "emphasise",
    "reiterate",
    "affirm",
    "explain",
    "write",
    "confirm",
    "insist",
    "allege",
    "argue",
    "maintain",
    "suggest",
    "indicate",
    "acknowledge",
    "quote",
    "remark",
    "comment",
    "mention",
    "tweet",
    "post",
}
INTENT_LEMMAS = {
    "plan",
    "intend",
    "try",
    "seek",
    "aim",
    "want",
    "hope",
    "propose",
    "offer",
    "pledge",
    "promise",
    "vow",
    "prepare",
    "agree",
    "attempt",
    "wish",
    "decide",
    "expect",
    "mean",
    "endeavor",
    "endeavour",
    "strive",
    "willing",
    "ready",
    "eager",
    "determined",
}
#: Intent words that commit the subject (its own action), as against hoping or wanting.
COMMITMENT_LEMMAS = {
    "agree",
    "pledge",
    "promise",
    "vow",
    "offer",
    "plan",
    "intend",
    "decide",
    "prepare",
    "willing",
    "ready",
    "eager",
    "determined",
}
#: Verbs that only weigh an action: "is considering sending aid" is a policy option (CAMEO 014).
CONSIDER_LEMMAS = {"consider", "weigh", "mull", "contemplate"}
TRANSPARENT_LEMMAS = {"continue", "begin", "start", "resume", "keep", "go", "manage", "move", "step"}
FAILURE_LEMMAS = {
    "fail",
    "refuse",
    "decline",
    "cancel",
    "postpone",
    "abandon",
    "scrap",
    "suspend",
    "avoid",
    "prevent",
    "stop",
    "deny",
    "halt",
    "oppose",
    "reject",
    "delay",
    "forgo",
}
FAILURE_MODIFIERS = {
    "failed",
    "proposed",
    "planned",
    "possible",
    "potential",
    "cancelled",
    "canceled",
    "aborted",
    "scrapped",
    "postponed",
    "stalled",
    "future",
    "prospective",
    "would-be",
    "expected",
    "upcoming",
    "hypothetical",
    "alleged",
    "rumoured",
    "rumored",
    "no",
    "collapsed",
    "botched",
    "suspended",
}
ABSENCE_NOUNS = {
    "absence",
    "lack",
    "failure",
    "cancellation",
    "postponement",
    "suspension",
    "collapse",
    "end",
}
INTENT_NOUNS = {
    "plan",
    "bid",
    "attempt",
    "intention",
    "offer",
    "proposal",
    "effort",
    "pledge",
    "promise",
    "plot",
}
HAPPEN_LEMMAS = {"take", "happen", "occur", "materialize", "materialise", "go", "proceed"}
HYPOTHETICAL_MODALS = {"would", "could", "might", "may", "should", "must", "can", "ought"}
FUTURE_MODALS = {"will", "shall", "'ll"}

#: Modals that make a negated action a refusal ("will not", "won't", "would not", "cannot").
REFUSAL_MODALS = {"will", "wo", "would", "shall", "'ll", "can", "ca", "could"}
# Verbal events that need an addressee: when the sentence names none, the
# discourse supplies one (the other side of the last event).
TARGET_NEEDED_ROOTS = {"02", "10", "11", "12", "13"}
#: Events that are addressed to actors, never to a thing: what a statement, an appeal, an intent, a
#: meeting, cooperation, aid, a demand, a threat or a protest names as its object ("discussed the
#: issues", "delivered food", "warned of a reaction") is its topic or its means, not its target.
ACTOR_ONLY_ROOTS = {"01", "02", "03", "04", "06", "07", "10", "13", "14"}
#: The most an event with no target may claim: who acted and how may be right, but to whom is unknown.
TARGETLESS_CONFIDENCE = 0.6


@dataclass(slots=True)
class Candidate:
    """An event before dates, places and ontology facts are attached."""

    trigger: Token
    entry: LexiconEntry
    cameo: str
    source: ActorMention | None
    target: ActorMention | None
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9
    date_anchor: Token | None = None
    source_role: str = ""
    target_role: str = ""
    decided_by: str = ""
    rule: str = ""  # a parse rule that fixed the code ("refusal"); the classifier does not overrule it
    ceiling: float = 1.0  # the most confidence the event may have, whatever the classifier says


def _children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _with_conjuncts(token: Token) -> list[Token]:
    tokens = [token, *[t for t in token.conjuncts if t.i > token.i]]
    # "The US, Russia, and Switzerland": a list the parser hangs on the first item as an appositive.
    for appos in token.children:
        if appos.dep_ == "appos" and any(c.dep_ == "conj" for c in appos.children):
            tokens += [appos, *[t for t in appos.conjuncts if t.i > appos.i]]
    # "US and British activists": the second modifier is an actor of its own (see actors.py); so is
    # the "two" of "the two countries" and the "both" of "both sides".
    for modifier in token.children:
        if modifier.dep_ in {"amod", "compound", "nmod"}:
            tokens += [t for t in modifier.conjuncts if t.i > modifier.i]
        elif modifier.dep_ in {"nummod", "det", "predet"} and modifier.lower_ in {"two", "both"}:
            tokens.append(modifier)
    return tokens


def _actors(tokens: list[Token], actors: DocumentActors, speech: bool = False) -> list[ActorMention]:
    found = []
    for head in tokens:
        for token in _with_conjuncts(head):
            mention = actors.get(token)
            if mention is not None and not (speech and mention.outlet):
                found.append(mention)
    return found


def _stranded_subject(verb: Token) -> Token | None:
    """A subject the parser joined to an opening phrase: in "On a visit to Zimbabwe, President
    Ramaphosa voiced support ...", "Ramaphosa" is parsed as a conjunct of "Zimbabwe". The name right
    before a subjectless verb, inside a prepositional phrase that opens the verb's clause."""
    if verb.pos_ != "VERB" or verb.dep_ not in {"ROOT", "ccomp"} or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ not in {"conj", "appos"} or before.pos_ not in {"PROPN", "NOUN"}:
        return None
    opening = [c for c in verb.children if c.dep_ == "prep" and c.i < before.i]
    if not any(before in c.subtree for c in opening):
        return None
    if not any(t.text == "," and t.i < before.left_edge.i for t in before.head.subtree):
        return None  # "On a visit to Zimbabwe and Zambia voiced ...": no comma, no new subject
    return before


def clause_subject(verb: Token, actors: DocumentActors) -> tuple[list[ActorMention], str]:
    """The actors doing ``verb``: its subject, the agent of a passive, or the controller up an xcomp chain."""
    current = verb
    for _ in range(6):
        passive = any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in current.children)
        if passive:
            agents = [p for a in _children(current, "agent") for p in _children(a, "pobj")]
            return _actors(agents, actors), "by-agent"
        subjects = _children(current, "nsubj", "csubj") or [c for c in current.children if misread_acronym(c)]
        if subjects:
            return _actors(subjects, actors), "subject"
        stranded = _stranded_subject(current)
        if stranded is not None and actors.get(stranded) is not None:
            return _actors([stranded], actors), "subject (parsed into the opening phrase)"
        if current.dep_ in {"xcomp", "conj", "advcl", "pcomp"} and current.head.pos_ in {"VERB", "AUX"}:
            head = current.head
            objects = _children(head, "dobj")
            if current.dep_ == "xcomp" and objects and _actors(objects, actors):
                return _actors(objects, actors), "object of the governing verb"
            current = head
            continue
        if current.dep_ == "xcomp" and current.head.pos_ == "ADJ" and current.head.dep_ == "acomp":
            current = current.head.head  # "Brazil is ready to send ...": the copula's subject
            continue
        if current.dep_ == "relcl":
            mention = actors.get(current.head)
            return ([mention] if mention else []), "relative clause head"
        if current.dep_ == "acl":
            # "Mali's decision to sever ties": the noun's possessor acts.
            found = _actors(_children(current.head, "poss"), actors)
            return found, ("possessor of '" + current.head.text + "'") if found else ""
        break
    return [], ""


OWNER_ORDER: tuple[tuple[str, set[str] | None], ...] = (
    ("poss", None),
    ("prep", {"by"}),
    ("compound", None),
    ("amod", None),
    ("prep", {"of", "with", "in", "inside"}),
)
# Inside a prepositional phrase the noun's own complement says more than its possessor:
# "on its border with Ukraine".
CONFLICT_NOUNS = {"war", "conflict", "fight", "battle", "campaign", "dispute", "standoff", "confrontation"}
#: Prepositions that put an action in or after a fight: "in its war with", "following an offensive".
FIGHT_PREPS = {"in", "after", "following", "amid", "during"}
#: A statement's place is no one it is about: "made his remarks in Doha".
STATEMENT_OWNER_ORDER = (*OWNER_ORDER[:-1], ("prep", {"of", "with"}))
PLACE_OWNER_ORDER: tuple[tuple[str, set[str] | None], ...] = (
    ("prep", {"with", "of", "in", "inside"}),
    ("poss", None),
    ("compound", None),
    ("amod", None),
    ("prep", {"on", "against"}),  # "responsibility for attacks on Israeli troops"
)


def owner(
    noun: Token, actors: DocumentActors, order: tuple[tuple[str, set[str] | None], ...] = ()
) -> list[ActorMention]:
    """Whose thing a non-actor noun is: "Iran's attack", "an incursion by Cambodian troops",
    "the State of Palestine", "its border with Ukraine", "targets in Syria"."""
    for dep, words in order or OWNER_ORDER:
        for child in _children(noun, dep):
            if words is None:
                # an actor, or a country naming whose the thing is ("a US resolution", "the Iranian proposal"),
                # unless it is the subject's own ("Trump threatened to pull US funding")
                mention = actors.get(child)
                modifier = actors.modifiers.get(child.i)
                if (
                    mention is None
                    and modifier is not None
                    and modifier.actor.country not in _subject_countries(noun, actors)
                ):
                    mention = modifier
                if mention is not None and not mention.outlet:
                    return [mention]
            elif child.lower_ in words:
                found = _actors(_children(child, "pobj"), actors)
                if found:
                    return found
    return []


def _subject_countries(token: Token, actors: DocumentActors) -> set[str | None]:
    """The countries of the subjects of the clauses ``token`` stands in, up to the sentence's root."""
    countries: set[str | None] = set()
    for head in [token, *token.ancestors]:
        for child in head.children:
            mention = actors.get(child) if child.dep_ in {"nsubj", "nsubjpass"} else None
            if mention is not None:
                countries.add(mention.actor.country)
    return countries


def _forces(mention: ActorMention) -> bool:
    return mention.actor.sector in {"MIL", "COP", "PKO"} and mention.actor.name is None


#: Verbs by which a side alleges another's violence (112): "claimed that ISIL had attacked Iraq".
ALLEGING_LEMMAS = {"claim", "allege", "charge"}
#: The most confidence violence that one side only alleges another did may have.
ALLEGED_CONFIDENCE = 0.5
#: Who reports violence as a witness, not as an accuser: the press, medics.
WITNESS_SECTORS = {"MED", "HLH"}
#: Verbs by which a side claims its own attack (015): "claimed that they had attacked Iraq".
CLAIM_LEMMAS = {"claim", "admit", "acknowledge", "confess"}
#: Words that make a deployment of troops peacekeeping (074).
PEACEKEEPING_WORDS = {"peacekeeping", "peacekeeper", "peacekeepers", "peace-keeping"}
#: Purposes that make troops sent military protection (074): "send troops to Uganda to help ...".
PROTECTION_PURPOSES = {"help", "assist", "protect", "support", "train"}
#: Sectors whose violent entry into a place is an armed assault, not a riot.
ARMED_SECTORS = {"MIL", "REB", "INS", "UAF", "SEP"}
#: Verbs that take one's own forces away: "withdrew peacekeepers from Sinai" is aimed at Sinai.
WITHDRAW_LEMMAS = {"withdraw", "pull", "recall", "evacuate"}
#: Verbs of a state one is in or put in: "remained on alert", "put its army on alert".
STATE_VERBS = {"remain", "be", "stay", "keep", "put", "place", "go"}
#: Verbs that say what their subject is, and the trigger nouns that then say what it does: "the US
#: remains the largest donor to Sudan" (where "Iran is a threat to Israel" is no threat made).
COPULAS = {"be", "remain", "become"}
AGENT_NOUNS = {"donor", "mediator"}
#: Titles of office: two holders of one side's offices are two actors ("the president refused a request
#: from the prime minister"), where two mentions of one country are one.
OFFICE_HEADS = {
    "president",
    "minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "governor",
    "mayor",
    "speaker",
    "judge",
    "magistrate",
    "court",
    "parliament",
    "senate",
    "congress",
    "assembly",
    "cabinet",
    "ministry",
    "prosecutor",
    "commander",
    "chief",
}


def same_side(source: ActorMention, target: ActorMention) -> bool:
    """Two mentions of one side, which no event joins: the same code, unless they are different holders
    of office or bodies of the state ("Iceland's president ... the prime minister", "the court ... the
    ministry"). A pronoun or the same person is always the same side."""
    a, b = source.actor, target.actor
    if not a.code or a.code != b.code:
        return False
    if source.person_id is not None and source.person_id == target.person_id:
        return True
    if source.region != target.region and (
        (source.region and target.region)  # "the Texas governor ... the California government"
        or (source.region and target.person_id)  # "the West Bengal government ... Home Minister Amit Shah"
        or (target.region and source.person_id)
    ):
        return False  # "Uttar Pradesh Chief Minister ... West Bengal's government": two states' governments
    heads = [m.actor.text.lower().split()[-1] if m.actor.text else "" for m in (source, target)]
    if heads[0] == heads[1] or not all(h in OFFICE_HEADS for h in heads):
        return True
    return a.start < b.end and b.start < a.end


def moves_own_forces(code: str, trigger: Token) -> bool:
    """Whether the act deploys or withdraws one's own troops (15x, 087x, peacekeepers withdrawn): the
    troops are no target, where they go or leave is."""
    return (
        code[:2] == "15"
        or code[:3] in {"087", "074"}
        or code == "0334"  # troops sent or offered to keep the peace
        or (code[:3] == "166" and trigger.lemma_.lower() in WITHDRAW_LEMMAS)
    )


def _force_in(mention: ActorMention, pobj: Token, actors: DocumentActors) -> list[ActorMention]:
    """Where a force that troops are sent to serves: "troops to the UN peacekeeping force in South Sudan"
    go to South Sudan."""
    if mention.actor.sector not in {"PKO", "MIL"} and mention.actor.country not in {"IGO", None}:
        return []
    places = [p for prep in _children(pobj, "prep") if prep.lower_ == "in" for p in _children(prep, "pobj")]
    return [m for m in _actors(places, actors) if m.actor.country not in {None, "IGO"} and m.actor.sector is None]


def verb_targets(
    verb: Token, actors: DocumentActors, obj: Token | None, *, code: str = ""
) -> tuple[list[ActorMention], str]:
    """The actors ``verb`` acts on: passive subject, object, prepositional object, or their owners."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    subjects = _children(verb, "nsubjpass") if passive else []
    found = _actors(subjects, actors)
    if found:
        return found, "passive subject"
    objects = _children(verb, "dobj", "dative")
    # Deploying or massing troops: the troops are one's own, the target is where they go.
    own_forces = moves_own_forces(code, verb)
    found = [m for m in _actors(objects, actors) if not (own_forces and _forces(m))]
    if found:
        return found, "object"
    preps = TARGET_PREPS | ({"near", "along", "outside"} if code[:2] in {"14", "15"} else set())
    if code[:3] in {"015", "016"}:
        preps = preps | {"for"}  # "claimed responsibility for the attacks on ..."
    if code[:3] == "045":
        preps = preps | {"between"}  # "launched a mediation effort between India and Pakistan"
    if code == "0233":
        preps = preps | {"in"}  # "sought refuge in Bangladesh": asked of the country they are in
    if code == "160":
        preps = preps | {"for"}  # "issued a travel warning for Sri Lanka"
    nouns = [*([obj] if obj is not None else []), *objects, *subjects]
    pronoun_owner: tuple[list[ActorMention], str] | None = None
    for holders in ([verb], nouns):
        for holder in holders:
            # "voiced his support of Mnangagwa", "expressed concern for Ukraine": a light verb's object
            # names whom it is for.
            for_whom = {"of", "for"} if obj is not None and holder.i == obj.i and code[:2] in {"01", "05"} else set()
            ordered = _children(holder, "prep", "dative")
            if code[:2] == "11":  # "filed a complaint with the UN council against the state": the accused
                ordered.sort(key=lambda p: p.lower_ != "against")
            for prep in ordered:
                if prep.lower_ in preps | for_whom:
                    for pobj in _children(prep, "pobj"):
                        found = _actors([pobj], actors) or owner(
                            pobj, actors, PLACE_OWNER_ORDER if prep.lower_ in preps else (("poss", None),)
                        )  # "appreciation for China's assistance", not "of understanding in the Great Hall"
                        if not found and pobj.lemma_.lower() in REQUEST_NOUNS:
                            found = owner(pobj, actors, (("prep", {"from", "by"}),))  # "to demands from X"
                        if not found and code == "160" and pobj.lemma_.lower() == "travel":
                            found = owner(pobj, actors, (("prep", {"to"}),))  # "advised against travel to Tunisia"
                        if found and prep.lower_ == "to" and moves_own_forces(code, verb):
                            found = _force_in(found[0], pobj, actors) or found
                        if found:
                            return found, f"'{prep.lower_}' phrase"
        if holders is nouns:
            break
        # "condemned Iran's attack on Israel": whose attack comes before what it was on. A possessive
        # pronoun ("lifted its embargo on Armenia") is mostly the subject itself: the phrase goes first.
        for noun in nouns:
            if noun.pos_ in {"NOUN", "PROPN"} and actors.get(noun) is None:
                found = owner(noun, actors, STATEMENT_OWNER_ORDER if code[:2] == "01" else OWNER_ORDER)
                if not found and noun.lemma_.lower() in REQUEST_NOUNS:
                    found = owner(noun, actors, (("prep", {"from", "by"}),))  # "declined a request from AP"
                if found and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
                    pronoun_owner = pronoun_owner or (found, f"owner of '{noun.text}'")
                elif found:
                    return found, f"owner of '{noun.text}'"
    if pronoun_owner is not None:
        return pronoun_owner
    for clause in _children(verb, "ccomp", "xcomp"):
        if clause.dep_ == "ccomp":
            found = _actors(_children(clause, "nsubj", "nsubjpass"), actors)
            if found:
                return found, "subject of the demanded clause"
        else:
            found, role = verb_targets(clause, actors, None)
            if found:
                return found, f"{role} of '{clause.text}'"
    if code[:3] == "015":
        # "claimed responsibility for an attack targeting shoppers at a mall in Kenya's capital": whoever
        # or wherever the claimed action was aimed at, however deep in its phrase.
        for prep in (p for holder in [verb, *nouns] for p in _children(holder, "prep") if p.lower_ == "for"):
            inside = [m for t in prep.subtree if t.i != prep.i for m in _actors([t], actors)]
            coded = [m for m in inside if m.actor.code]  # a known actor before an unknown name
            if coded or inside:
                return (coded or inside)[:1], f"in the claimed '{prep.lower_}' phrase"
    # "an offensive in its war with Iraq", "surrendered following a government offensive", "a ceasefire
    # after 12 days of battles with the Amal militia": the other side of the fighting the action is part
    # of or follows.
    for holder in [verb, *nouns]:
        for prep in _children(holder, "prep"):
            if prep.lower_ not in FIGHT_PREPS:
                continue
            fights = [
                t for t in prep.subtree if t.dep_ == "pobj" and t.lemma_.lower() in CONFLICT_NOUNS | {"offensive"}
            ]
            for fight in fights[:1]:
                found = owner(fight, actors, (("prep", {"with", "against"}),))
                if not found and prep.lower_ != "in":  # "its war": in the war, the owner is the source
                    found = owner(fight, actors, (("poss", None), ("compound", None), ("amod", None)))
                if found:
                    return found, f"other side of the '{fight.text}'"
    return [], ""


def _until_party(trigger: Token, actors: DocumentActors, sources: list[ActorMention]) -> tuple[list[ActorMention], str]:
    """Who must act first, in an "until" clause of the refused act: its subject, or its passive's agent
    ("until their demands are met by the company")."""
    for clause in (c for c in trigger.children if c.dep_ == "advcl"):
        if not any(m.lower_ == "until" for m in clause.children if m.dep_ == "mark"):
            continue
        agents = [p for a in _children(clause, "agent") for p in _children(a, "pobj")]
        found = [m for m in _actors(_children(clause, "nsubj") + agents, actors) if m not in sources]
        if found:
            return found[:1], f"who must act first ('until ... {clause.text}')"
    return [], ""


def _as_place(mention: ActorMention) -> ActorMention:
    """A capital or seat named as where something happens is the place, its country, not the government
    that sits there."""
    if not mention.seat or mention.actor.country is None:
        return mention
    actor = replace(mention.actor, code=mention.actor.country, sector=None)
    return replace(mention, actor=actor, how=f"{mention.how}, as a place")


def noun_frame(noun: Token, actors: DocumentActors) -> tuple[list[ActorMention], str, list[ActorMention], str]:
    """Source and target of a nominal trigger ("Beijing's rejection", "talks with X", "attack by X on Y")."""
    sources: list[ActorMention] = []
    source_role = ""
    possessors = _children(noun, "poss")
    if possessors:
        sources, source_role = _actors(possessors, actors), "possessor"
    if not sources:
        for child in noun.lefts:
            if child.dep_ in {"compound", "amod", "nmod"}:
                mention = actors.get(child) or actors.modifiers.get(child.i)  # "Israeli shelling"
                if mention is None and child.dep_ == "amod":
                    continue
                if mention is not None:
                    sources, source_role = [mention], "modifier"
    targets: list[ActorMention] = []
    target_role = ""
    for prep in _children(noun, "prep"):
        objects = _children(prep, "pobj")
        if prep.lower_ == "by" and not sources:
            sources, source_role = _actors(objects, actors), "by-phrase"
        elif prep.lower_ == "between":
            pair = _actors(objects, actors)
            if len(pair) >= 2:
                return pair[:1], "between", pair[1:2], "between"
        elif prep.lower_ in TARGET_PREPS | {"of"} and not targets:
            targets, target_role = _actors(objects, actors), f"'{prep.lower_}' phrase"
    return sources, source_role, targets, target_role


@dataclass(slots=True)
class Context:
    """What the clause around a trigger says about it."""

    happened: bool = True
    intent: bool = False
    future: bool = False
    hypothetical: bool = False
    refused: bool = False  # negated with will/would/can: "will not lift the embargo"
    failed: bool = False  # "failed to reach agreement": tried and not done
    committed: bool = False  # intended by a word of commitment ("agreed to", "ready to"), not a hope
    considered: bool = False  # only weighed: "is considering sending aid" (a policy option, 014)
    wanted: bool = False  # what someone wants another to do: "wants Greece to lift the sanctions"
    speech: Token | None = None
    notes: list[str] = field(default_factory=list)


def _modals(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in FUTURE_MODALS)}


def clause_context(trigger: Token, lexicon: Lexicon, sentence: Span) -> Context:
    """Walk up from the trigger through the clauses that embed it."""
    context = Context()
    token = trigger
    if token.pos_ in {"NOUN", "PROPN"}:
        if any(c.lower_ in FAILURE_MODIFIERS for c in token.children if c.dep_ in {"amod", "det", "compound"}):
            context.happened = False
            context.notes.append("modified as not having happened")
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ABSENCE_NOUNS:
            context.happened = False
            context.notes.append(f"'{head.head.text} of'")
        if token.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in HAPPEN_LEMMAS and negated(head):
            context.happened = False
            context.notes.append("said not to have taken place")
        if token.dep_ in {"dobj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
            if head.lemma_.lower() in FAILURE_LEMMAS:
                context.happened = False
                context.notes.append(f"'{head.text}'")
            token = head
    inherited = False  # climbing from a conjunct: the head conjunct's own negation is not ours
    for _ in range(8):
        lemma = token.lemma_.lower()
        if inherited:
            inherited = False
        elif negated(token):
            context.happened = False
            context.notes.append(f"negated ('{token.text}')")
            context.refused = bool(_modals(token) & REFUSAL_MODALS)
        modals = _modals(token)
        if modals & FUTURE_MODALS or any(c.lower_ == "going" for c in token.children if c.dep_ == "aux"):
            context.future = True
        if modals & HYPOTHETICAL_MODALS:
            context.hypothetical = True
        if token.i != trigger.i and lemma in FAILURE_LEMMAS:
            context.happened = False
            context.notes.append(f"'{token.text}'")
            context.failed = context.failed or lemma == "fail"
        if any(
            c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "avail" for g in c.subtree)
            for c in token.children
        ):
            context.happened = False
            context.notes.append("'to no avail'")
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in token.children):
            context.hypothetical = True
        dep = token.dep_
        head = token.head
        if dep == "acl" and head.lemma_.lower() in INTENT_NOUNS:
            context.intent = True
            context.notes.append(f"intended ('{head.text}')")
            break
        if head.i == token.i or dep not in {"xcomp", "ccomp", "conj", "advcl", "dobj", "pcomp", "pobj", "prep"}:
            break
        head_lemma = head.lemma_.lower()
        if dep == "pobj" and head.dep_ == "prep" and token.i == trigger.i:
            token = head  # "agreed to a ceasefire": the preposition leads up to the verb
            continue
        if dep == "conj":
            token = head
            inherited = True
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in trigger.children if trigger.i != head.i):
                # "said that X ... and that Y ...": the second clause hangs on the first complement clause.
                complement = next((a for a in head.ancestors if a.dep_ == "ccomp"), None)
                if complement is not None:
                    token = complement
            continue
        if (
            dep in {"xcomp", "dobj", "pcomp"}
            and head_lemma in CONSIDER_LEMMAS
            and not _modals(head)
            and token.tag_ == "VBG"
        ):
            context.considered = True
            context.notes.append(f"only considered ('{head.text}')")
            break
        if dep in {"xcomp", "dobj", "pcomp", "pobj", "prep"} and head_lemma in INTENT_LEMMAS:
            context.intent = True
            context.committed = context.committed or head_lemma in COMMITMENT_LEMMAS
            context.notes.append(f"intended ('{head.text}')")
            token = head
            continue
        if dep == "xcomp" and head_lemma in TRANSPARENT_LEMMAS | FAILURE_LEMMAS:
            token = head  # "failed to reach agreement": the failure, one clause up, says it did not happen
            continue
        if dep in {"ccomp", "xcomp"} and head_lemma in SPEECH_LEMMAS:
            if context.speech is None:
                context.speech = head
            token = head
            continue
        if dep in {"ccomp", "xcomp"}:
            matched = lexicon.match(head)
            if matched is not None:
                governing = matched[0]
                if governing.frame == "speech":
                    if context.speech is None:
                        context.speech = head
                    token = head
                    continue
                if governing.frame == "intent":
                    if dep == "ccomp" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
                        # "wants Greece to lift the sanctions": what someone else is wanted to do
                        context.happened = False
                        context.wanted = True
                        context.notes.append(f"wanted of another ('{head.text}')")
                        break
                    context.intent = True
                    token = head
                    continue
                # The embedded action is what was demanded, refused or threatened, not an event.
                context.happened = False
                context.notes.append(f"embedded under '{head.text}'")
            break
        break
    return context


#: Words of attitude whose clause says what the holder expects of someone, not an event.
OPTIMISTIC_WORDS = {"hope", "hop", "confident", "optimistic", "hopeful", "expect", "trust", "believe"}  # "hoped": "hop"
PESSIMISTIC_WORDS = {"skeptical", "sceptical", "pessimistic", "doubt", "doubtful", "fear", "worry", "concerned"}
OBLIGATION_MODALS = {"must", "should", "ought"}
#: Punishments someone may be hoped to suffer at others' hands ("hoped the officials would be indicted").
PUNITIVE_LEMMAS = {
    "indict", "charge", "arrest", "jail", "punish", "prosecute", "convict", "sentence", "sanction", "detain",
    "imprison", "expel", "ban", "try", "extradite", "hang", "execute",
}  # fmt: skip
#: Verbs of wanting: "Sharon wants Germany to pay compensation" is an appeal (020) to Germany.
WANT_WORDS = {"want", "wish"}


def reported_demand(source: Token, target: Token, lexicon: Lexicon) -> tuple[str, str] | None:
    """The code when ``source`` says what ``target`` must do or is expected to do.

    "Russia says Israel must end its attacks" is a demand (100) from Russia to Israel ("wants Germany
    to pay ..." an appeal, 020), refined by the demanded action; "the minister said he hoped Japan would
    persuade ..." is an optimistic comment (013), "skeptical the programme would meet the deadline" a
    pessimistic one (012). The target must be the subject of the clause, and the source the subject of
    the verb (or adjective) holding it.
    """
    if target.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = target.head
    holder = clause
    for _ in range(3):
        if holder.dep_ not in {"ccomp", "xcomp"} or holder.head.i == holder.i:
            return None
        holder = holder.head
        lemma = holder.lemma_.lower()
        subject_of = holder.head if holder.dep_ == "acomp" else holder
        subjects = [c for c in subject_of.children if c.dep_ in {"nsubj", "nsubjpass"}]
        said_by_source = (
            subject_of.dep_ == "ccomp"
            and subject_of.head.lemma_.lower() in SPEECH_LEMMAS
            and any(c.i == source.i for c in subject_of.head.children if c.dep_ == "nsubj")
        )
        if not any(c.i == source.i for c in subjects) and not (
            said_by_source and any(c.pos_ == "PRON" for c in subjects)  # "X said she hoped Y would ..."
        ):
            if lemma in SPEECH_LEMMAS:
                continue  # "X said Y must ...": the speech verb's subject is the holder
            return None
        obliged = any(c.lower_ in OBLIGATION_MODALS for c in clause.children if c.dep_ == "aux")
        needs = clause.lemma_.lower() in {"need", "have"} and any(c.dep_ == "xcomp" for c in clause.children)
        if needs and not obliged and _modals(clause) & HYPOTHETICAL_MODALS:
            # "NATO would need to remain strong": a judgement of what it would take, no demand
            return "010", f"comment on what '{target.text}' would need to do ('{clause.text}')"
        if needs and not obliged and clause.lemma_.lower() == "need":
            # "Japan needs to enact reforms": an appeal (02); "must", "has to" a demand (10)
            return _demanded(clause, "020", f"'{target.text}' told what it needs to do ('{clause.text}')", lexicon)
        if obliged or needs:
            return _demanded(clause, "100", f"'{target.text}' told what it must do ('{clause.text}')", lexicon)
        if (
            lemma in WANT_WORDS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            and not _modals(holder) & HYPOTHETICAL_MODALS  # "might want X to ...": no appeal yet
        ):
            return _demanded(
                clause, "020", f"'{target.text}' is wanted to act ('{holder.text} ... {clause.text}')", lexicon
            )
        if lemma in OPTIMISTIC_WORDS and target.dep_ == "nsubjpass" and clause.lemma_.lower() in PUNITIVE_LEMMAS:
            return None  # "hoped French officials would be indicted": a wish for others to punish, no comment
        if lemma in OPTIMISTIC_WORDS:
            return "013", f"hope or expectation ('{holder.text}') about '{target.text}'"
        if lemma in PESSIMISTIC_WORDS:
            return "012", f"doubt ('{holder.text}') about '{target.text}'"
        if lemma not in SPEECH_LEMMAS:
            return None
    return None


def _demanded(clause: Token, code: str, note: str, lexicon: Lexicon) -> tuple[str, str]:
    """The demand or appeal refined by what is demanded (``leaves.demanded_code``), with both notes."""
    better, refined = demanded_code(clause, code, lexicon)
    return better, f"{note}; {refined}" if refined else note


#: What a speaker may call for against someone: the someone is accused (111), whoever is asked to act.
PUNISHMENTS = {"sanction", "action", "measure", "punishment", "prosecution", "penalty", "embargo", "boycott"}
APPEAL_LEMMAS = {"call", "demand", "urge", "seek", "push", "press", "ask", "propose", "threaten"}


def punishment_sought(source: Token, target: Token) -> tuple[str, str] | None:
    """ "X called for sanctions against Y": between X and Y, a denunciation (111), not an appeal."""
    if target.dep_ != "pobj" or target.head.lower_ != "against":
        return None
    noun = target.head.head
    if noun.lemma_.lower() not in PUNISHMENTS:
        return None
    for ancestor in list(noun.ancestors)[:3]:
        if ancestor.lemma_.lower() in APPEAL_LEMMAS and ancestor.pos_ == "VERB":
            if any(t.i == source.i and t.dep_ == "nsubj" for t in ancestor.subtree):
                return "111", f"calls for {noun.text} against '{target.text}'"
    return None


def find_candidates(
    sentence: Span,
    lexicon: Lexicon,
    actors: DocumentActors,
    discourse: list[Candidate],
    *,
    things: bool = False,
    deep: bool = False,
) -> list[Candidate]:
    """Coded events in one sentence, in trigger order. With ``deep`` (open mode), an event with no
    target takes an actor or place named deep in the phrase of what it acts on; with ``things``, the
    thing it acts on ("condemned the decision"), and a verb of action (not a statement, appeal, demand,
    disapproval, rejection or threat) with no one named is kept without a target."""
    matches: list[tuple[Token, LexiconEntry, Token | None]] = []
    consumed: set[int] = set()
    for token in sentence:
        found = lexicon.match(token)
        if found is None:
            continue
        entry, obj = found
        matches.append((token, entry, obj))
        if obj is not None:
            consumed.add(obj.i)
    candidates: list[Candidate] = []
    for trigger, entry, obj in matches:
        if trigger.i in consumed or entry.frame == "intent":
            continue
        candidates.extend(
            _code_trigger(
                trigger,
                entry,
                obj,
                sentence,
                lexicon,
                actors,
                discourse + candidates,
                things=things,
                deep=deep,
            )
        )
    taken = {c.trigger.i for c in candidates} | {t.i for t, _, _ in matches}
    candidates.extend(c for t in sentence if t.i not in taken for c in _phone_call(t, lexicon, actors))
    candidates.extend(c for t, e, _ in matches if e.frame == "intent" for c in _accord(t, lexicon, actors, sentence))
    candidates.extend(_reported_events(sentence, lexicon, actors, candidates))
    candidates.extend(_attitudes(sentence, actors))
    if not candidates:
        candidates.extend(_evaluative_comments(sentence, actors, discourse))
    # One event per dyad and code in a sentence ("is considering sending aid": both verbs say 014).
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for candidate in candidates:
        key = (
            candidate.source.actor.start if candidate.source else -1,
            candidate.target.actor.start if candidate.target else -1,
            candidate.cameo,
        )
        if key not in seen:
            seen.add(key)
            unique.append(candidate)
    return unique


_REPORTED_ENTRY = LexiconEntry("(reported clause)", "verb", None, frozenset(), "100", "content", "rule")


def _reported_events(
    sentence: Span, lexicon: Lexicon, actors: DocumentActors, found: list[Candidate]
) -> list[Candidate]:
    """Open mode: "Russia says Israel must end its strikes" (100), "... hoped Japan would ..." (013),
    "... skeptical that China would ..." (012), between the holder and the clause's subject."""
    linked = {(c.source.actor.start, c.target.actor.start) for c in found if c.source and c.target}
    heads = [t for t in sentence if actors.get(t) is not None]
    events: list[Candidate] = []
    done: set[tuple[str | None, str | None, str]] = set()
    for target in heads:
        if target.dep_ not in {"nsubj", "nsubjpass"} or target.head.dep_ not in {"ccomp", "xcomp"}:
            continue
        for source in heads:
            if source.i == target.i or source.dep_ != "nsubj":
                continue
            ruled = reported_demand(source, target, lexicon)
            s, t = actors.get(source), actors.get(target)
            if ruled is None or s is None or t is None or s.outlet or (s.actor.start, t.actor.start) in linked:
                continue
            if same_side(s, t):
                continue
            code, note = ruled
            if (s.actor.code, t.actor.code, code) in done:
                continue  # "Ozal said he was confident ...": the speaker and his pronoun
            done.add((s.actor.code, t.actor.code, code))
            entry = replace(_REPORTED_ENTRY, cameo=code)
            events.append(
                Candidate(
                    target.head,
                    entry,
                    code,
                    s,
                    t,
                    [note],
                    0.7,
                    None,
                    "holder",
                    "subject of the clause",
                    rule="reported",
                )
            )
    return events


_ACCORD_ENTRY = LexiconEntry("agree", "verb", None, frozenset(), "019", "reciprocal", "rule")


def _accord(verb: Token, lexicon: Lexicon, actors: DocumentActors, sentence: Span) -> list[Candidate]:
    """ "Reagan and Mubarak agreed (that) there was an urgent need for ...": sides agreeing on a view,
    not to do something, express accord (019) with each other."""
    if verb.lemma_.lower() != "agree" or verb.pos_ != "VERB":
        return []
    views = [
        c
        for c in verb.children
        if c.dep_ == "ccomp"
        and any(g.dep_ in {"nsubj", "nsubjpass", "expl"} for g in c.children)
        and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
    ]
    if not views or not clause_context(verb, lexicon, sentence).happened:
        return []
    sides, _ = clause_subject(verb, actors)
    note = f"agreed that '{views[0].text} ...': a shared view"
    return [
        Candidate(
            verb,
            _ACCORD_ENTRY,
            "019",
            s,
            t,
            [note],
            0.7,
            None,
            "coordinated subject",
            "coordinated subject",
            rule="accord",
        )
        for s in sides
        for t in sides
        if s is not t and s.actor.code != t.actor.code
    ]


#: What a phone call was for, by the verb of its purpose clause ("called X to congratulate him").
CALL_PURPOSES = {"congratulate": "051", "apologize": "055", "apologise": "055", "condole": "018", "thank": "051"}
_CALL_ENTRY = LexiconEntry("call", "verb", "obj", frozenset({"(an actor)"}), "041", "direct", "rule")


def _phone_call(verb: Token, lexicon: Lexicon, actors: DocumentActors) -> list[Candidate]:
    """ "X called Y on Saturday to discuss ...": a telephone call (041), or what it was for. Calling on or
    for someone is an appeal (the lexicon's), calling someone something ("called them liars") is not a call."""
    if verb.lemma_.lower() not in {"call", "phone", "telephone", "ring"} or verb.pos_ != "VERB":
        return []
    # The parser sometimes takes the person called for a predicate ("called President X on Friday").
    named = [c for c in _children(verb, "oprd") if c.pos_ == "PROPN" and actors.get(c) is not None]
    if any(
        c.dep_ == "prt" or (c.dep_ == "oprd" and c not in named) or (c.dep_ in {"xcomp", "ccomp"} and c.pos_ != "VERB")
        for c in verb.children
    ):
        return []
    targets = _actors(_children(verb, "dobj") + named, actors)
    sources, source_role = clause_subject(verb, actors)
    if not targets or not sources or not clause_context(verb, lexicon, verb.sent).happened:
        return []
    code, notes = "041", ["telephone call"]
    for purpose in _children(verb, "advcl", "xcomp"):
        words = {purpose.lemma_.lower(), *(c.lemma_.lower() for c in purpose.children if c.dep_ == "dobj")}
        if any(c.lower_ == "to" for c in purpose.children if c.dep_ == "aux"):
            if words & {"support", "solidarity", "backing"}:
                code = "051"
            elif purpose.lemma_.lower() in CALL_PURPOSES:
                code = CALL_PURPOSES[purpose.lemma_.lower()]
            elif words & {"congratulation"}:
                code = "051"
            elif words & {"condolence", "sympathy"}:
                code = "018"
            notes = [f"telephone call to '{purpose.text}'"]
            break
    entry = replace(_CALL_ENTRY, cameo=code)
    return [
        Candidate(verb, entry, code, s, t, notes, 0.8, None, source_role, "object", rule="call")
        for s in sources
        for t in targets
        if s.actor.code != t.actor.code or s.actor.code is None
    ]


#: Adjectives that judge what happened when a speaker calls it so: "told reporters that the
#: meeting's failure was regrettable" is a pessimistic comment (012) on the other side.
REGRET_ADJECTIVES = {"regrettable", "unfortunate", "disappointing", "deplorable", "lamentable", "sad"}
_COMMENT_ENTRY = LexiconEntry("(evaluative adjective)", "adj", None, frozenset(), "012", "direct", "rule")


def _evaluative_comments(sentence: Span, actors: DocumentActors, discourse: list[Candidate]) -> list[Candidate]:
    """A speaker's judgement of an earlier event ("... said the failure of the talks was regrettable"):
    a comment from the speaker to the other side of the last event in the story."""
    found: list[Candidate] = []
    for token in sentence:
        if token.lemma_.lower() not in REGRET_ADJECTIVES or token.dep_ != "acomp":
            continue
        clause = token.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH_LEMMAS or negated(clause):
            continue
        speakers = _speaker(clause.head, actors)
        if not speakers:
            continue
        target = _discourse_target(speakers[0], discourse)
        if target is None:
            continue
        note = f"'{token.text}' said of an earlier event; target: the other side of the last event"
        found.append(
            Candidate(
                token,
                _COMMENT_ENTRY,
                "012",
                speakers[0],
                target,
                [note],
                0.5,
                clause.head,
                "speaker",
                "the other side in the preceding event",
                rule="comment",
            )
        )
        break
    return found


def _attitudes(sentence: Span, actors: DocumentActors) -> list[Candidate]:
    """ "He was skeptical over Moscow's will to agree": a pessimistic (012) or optimistic (013) comment
    about the actor the attitude is over or about, from the one who holds it."""
    found: list[Candidate] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.dep_ != "acomp" or lemma not in OPTIMISTIC_WORDS | PESSIMISTIC_WORDS or negated(token.head):
            continue
        holders, _ = clause_subject(token.head, actors)
        for prep in _children(token, "prep"):
            if prep.lower_ not in {"over", "about", "of", "on"}:
                continue
            for pobj in _children(prep, "pobj"):
                targets = _actors([pobj], actors) or owner(pobj, actors)
                code = "012" if lemma in PESSIMISTIC_WORDS else "013"
                entry = replace(_COMMENT_ENTRY, cameo=code)
                note = f"'{token.text} {prep.text}' '{pobj.text}': an attitude about it"
                found += [
                    Candidate(
                        token, entry, code, h, t, [note], 0.6, None, "holder", f"'{prep.lower_}' phrase", rule="comment"
                    )
                    for h in holders
                    for t in targets
                    if h.actor.code is None or h.actor.code != t.actor.code
                ]
    return found


def _speaker(speech: Token, actors: DocumentActors) -> list[ActorMention]:
    subjects, _ = clause_subject(speech, actors)
    return [s for s in subjects if not s.outlet]


def _code_trigger(
    trigger: Token,
    entry: LexiconEntry,
    obj: Token | None,
    sentence: Span,
    lexicon: Lexicon,
    actors: DocumentActors,
    discourse: list[Candidate],
    *,
    things: bool = False,
    deep: bool = False,
) -> list[Candidate]:
    if entry.cameo[:2] in {"18", "19", "20"} and _fights_an_ill(trigger):
        return []  # "funding to fight the Ebola epidemic", "the fight against corruption"
    context = clause_context(trigger, lexicon, sentence)
    is_noun = trigger.pos_ in {"NOUN", "PROPN"}
    cameo = entry.cameo
    notes = list(context.notes)
    confidence = 0.9
    rule = ""
    speakers = _speaker(context.speech, actors) if context.speech is not None else []
    if entry.frame == "speech":
        sources, source_role = clause_subject(trigger, actors)
        sources = [s for s in sources if not s.outlet]
        targets = _actors(_children(trigger, "dative"), actors)
        for prep in _children(trigger, "prep"):
            if prep.lower_ == "to":
                targets += _actors(_children(prep, "pobj"), actors)
        if not targets or not context.happened:
            return []
        return [
            Candidate(trigger, entry, cameo, s, t, notes, 0.7, trigger, source_role, "addressee")
            for s in sources
            for t in targets
        ]
    in_state = False  # a noun of a state one is in: "remained on alert"
    if is_noun:
        sources, source_role, targets, target_role = noun_frame(trigger, actors)
        if moves_own_forces(cameo, trigger):  # "the deployment of 230 troops to Liberia": one's own
            targets = [t for t in targets if not _forces(t)]
            if not targets:
                targets, target_role = verb_targets(trigger, actors, None, code=cameo)
        governor: Token | None = None
        if trigger.dep_ in {"dobj", "nsubjpass"}:
            governor = trigger.head
        elif trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and trigger.head.head.pos_ in {"VERB", "AUX"}:
            governor = trigger.head.head  # "agreed to a ceasefire", "committed to talks"
        in_state = (
            governor is not None
            and trigger.dep_ == "pobj"
            and trigger.head.lower_ in {"on", "under"}
            and governor.lemma_.lower() in STATE_VERBS
        )  # "troops remained on alert", "put the army on alert"
        if trigger.dep_ == "attr" and trigger.head.lemma_.lower() in COPULAS and trigger.lemma_.lower() in AGENT_NOUNS:
            governor, in_state = trigger.head, True  # "the US is the largest donor to Sudan"
        if not sources and governor is not None and governor.pos_ in {"VERB", "AUX"}:
            # "arrange a meeting with ..." after an intent verb: the one who intends is the source.
            governing = lexicon.match(governor)
            announced = governing is not None and governing[0].frame == "speech"  # "announced a suspension of aid"
            if context.intent or in_state or (trigger.dep_ != "pobj" and (governing is None or announced)):
                sources, source_role = clause_subject(governor, actors)
                source_role = f"{source_role} of '{governor.text}'" if sources else ""
        if not sources:
            return []
        if not targets and (trigger.dep_ in {"dobj", "nsubjpass"} or in_state):
            targets, target_role = verb_targets(governor or trigger.head, actors, trigger, code=cameo)
    elif entry.frame == "content":
        if not speakers:
            return []
        sources, source_role = speakers, "speaker"
        targets, target_role = clause_subject(trigger, actors)
        target_role = "subject of the reported clause"
    else:
        sources, source_role = clause_subject(trigger, actors)
        if not sources:
            sources, source_role = _agent_in_phrase(trigger, actors, lexicon)
        targets, target_role = verb_targets(trigger, actors, obj, code=cameo)
        held = cameo[:2] == "17" or cameo[:3] == "084"  # arrested or released there
        if not sources and targets and target_role == "passive subject" and held:
            sources, source_role = _authority_of_place(trigger, actors)
        if entry.frame == "converse":  # "received weapons from X": X gives, the subject receives
            givers = [
                mention
                for holder in (trigger, *([obj] if obj is not None else []))
                for prep in _children(holder, "prep")
                if prep.lower_ == "from"
                for mention in _actors(_children(prep, "pobj"), actors)
            ]
            sources, source_role, targets, target_role = givers, "'from' phrase", sources, f"receiver ({source_role})"
    source_span = (sources[0].actor.start, sources[0].actor.end) if sources else None
    ruled = action_rule(trigger, cameo, obj, lexicon)
    if ruled is not None:
        cameo, note, rule = ruled
        notes.append(note)
    cameo, refined = refine_leaf(trigger, cameo, lexicon, obj, source_span)
    if refined:
        notes.append(refined)
    if cameo == "015" and obj is not None:
        rule = "claim"  # "claimed responsibility for the bombing": the claim, not the bombing it names
    if is_noun and cameo[:2] in {"18", "19"} and any(c.lower_ == "mass" for c in trigger.children):
        cameo = "202"
        notes.append("'mass' killing coded as mass violence")
    if cameo[:2] == "15" and _joint(trigger, obj):
        cameo = "062"
        notes.append("joint exercises coded as military cooperation")
    elif cameo[:2] == "15" and any(t.lemma_.lower() in PEACEKEEPING_WORDS for t in trigger.subtree):
        cameo = "074"  # "sending troops to the UN peacekeeping force in South Sudan"
        notes.append("troops sent to keep the peace coded as peacekeeping (074)")
    elif cameo[:2] == "15" and any(
        c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in PROTECTION_PURPOSES for c in trigger.children
    ):
        cameo = "074"  # "send troops to Uganda to help African troops": military protection given
        notes.append("troops sent to help coded as military protection (074)")
    if (
        cameo == "042"
        and trigger.lemma_.lower() == "arrive"
        and sources
        and all(s.actor.sector == "PKO" for s in sources)
    ):
        cameo = "074"  # "Chinese peacekeepers arrived in South Sudan": peacekeeping, not a visit
        notes.append("peacekeepers arriving coded as peacekeeping (074)")
    if cameo == "1712" and sources and all(s.actor.sector == "OPP" for s in sources):
        cameo, rule = "145", "riot"  # "demolished by a protester": property destroyed in a protest is a riot
        notes.append(f"property destroyed by '{sources[0].actor.text}': 145 instead of 1712")
    if cameo == "145" and sources and all(s.actor.sector in ARMED_SECTORS for s in sources):
        cameo = "190"  # "the Taliban stormed a police headquarters": an armed assault, not a riot
        notes.append(f"stormed by armed '{sources[0].actor.text}': 190 instead of 145")
    reciprocal = entry.frame == "reciprocal" or cameo == "062"
    # "each other", "one another": what coordinated sides do to each other is done by each to each.
    mutual = any(
        (t.lower_ == "other" and any(c.lower_ in {"each", "one"} for c in t.children))
        or (t.lower_ == "another" and t.i > 0 and t.nbor(-1).lower_ == "one")
        for t in trigger.subtree
    )
    if mutual and len(sources) >= 2:
        targets = []
    if reciprocal and len(sources) >= 2 and {t.actor.code for t in targets} <= {s.actor.code for s in sources}:
        targets = []  # "Ghana and Togo failed to reach agreement on their border": "their" is both sides
    joint = (
        (reciprocal or mutual) and not targets and len(sources) >= 2
    )  # "Pakistan and India agreed ...": each with each
    if joint:
        targets, target_role = sources[1:], "coordinated subject"
    if context.speech is not None and speakers and entry.frame != "content":
        speaker = speakers[0]
        if not sources and cameo[:2] < "14":  # who reports a killing is not its author
            sources, source_role = [speaker], "speaker"
        elif sources and all(
            s.actor.country == speaker.actor.country
            and s.actor.sector in {None, speaker.actor.sector}
            and not (s.person and not speaker.person)  # "Trump will meet ..., the White House said": Trump
            for s in sources
        ):
            sources, source_role = [speaker], "speaker, speaking for its own side"
            if context.speech.lemma_.lower() in CLAIM_LEMMAS and cameo[:2] in {"18", "19", "20"} and context.happened:
                # "The US claimed that they had attacked Iraq": a claim of one's own attack (015)
                notes.append(f"own attack claimed ('{context.speech.text}'): 015 instead of {cameo}")
                cameo, rule = "015", "claim"
    if context.considered and cameo[:2] not in {"01", "02"}:
        notes.append(f"a policy option: 014 instead of {cameo}")
        cameo, confidence, rule = "014", 0.7, "considered"
    elif context.intent and context.happened:
        code = intent_code(cameo)
        if code is None:
            return []
        own = [c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not context.committed and own and all(actors.get(c) not in sources for c in own):
            return []  # "hoped French officials would be indicted": someone else's fate, not an intent
        if code != cameo:
            notes.append(f"coded as intent {code} instead of {cameo}")
            rule = "intent" if context.committed else ""
        cameo, confidence = code, 0.8
    elif not context.happened:
        # "failed to reach agreement" (127): an agreement sought and not made is a rejection
        failed_deal = context.failed and cameo[:2] in {"03", "05"}
        code = refusal_code(cameo) if context.refused or failed_deal else None
        if code is None:
            return []
        notes.append(f"refusal coded as {code} instead of {cameo}")
        cameo, confidence, rule = code, 0.75, "refusal"
    elif context.future or (context.hypothetical and context.speech is not None):
        code = intent_code(cameo) if cameo[:2] < "14" else intent_code(cameo, THREAT_CODES)
        if code is None:
            return []
        if code != cameo:
            notes.append(f"future action coded as {code} instead of {cameo}")
            rule = "intent"
        cameo, confidence = code, 0.75
    elif context.hypothetical:
        return []
    if not sources:
        return []
    if not targets and deep and cameo[:2] not in {"04", "14"}:  # what a meeting discusses is its topic
        targets, target_role = _deep_target(
            trigger,
            obj,
            actors,
            sources,
            statement=cameo[:2] == "01",
            aid=cameo[:2] == "07" or cameo[:3] == "033",
            home=cameo == "018",  # sympathy goes to victims at home too ("sorrow for the shootings in Ohio")
        )
    if not targets and things and cameo[:2] not in ACTOR_ONLY_ROOTS:
        thing = _thing_target(trigger, obj, actors)
        if thing is not None:
            targets, target_role = [thing], "the thing acted on"
    against = _punished(trigger, obj) if cameo[:2] == "02" and targets else None
    if against is not None and all(against[0] <= t.actor.start < against[1] for t in targets):
        # "called for sanctions against Moscow": between the caller and Moscow, a denunciation
        cameo, rule = "111", "punishment"
        notes.append(f"calls for punishment against '{targets[0].actor.text}'")
    if not targets and cameo[:2] in TARGET_NEEDED_ROOTS:
        inferred = _discourse_target(sources[0], discourse)
        if inferred is not None:
            targets, target_role = [inferred], "the other side in the preceding event"
            confidence -= 0.25
    coercive = entry.cameo[:2] == "17"  # imposing (or threatening) a curfew, martial law, arrests
    if not targets and (coercive or cameo[:2] not in TARGET_NEEDED_ROOTS | {"01"}):
        # An action (not a statement) with no one named is aimed at the place it happens in, when that
        # place is another country's ("military exercises in Alaska", "a ceasefire in eastern Ukraine")
        # or the action coerces it; a protest at the authorities of the place it is held in.
        holders = [
            trigger,
            *([trigger.head] if is_noun and trigger.dep_ in {"dobj", "pobj"} else []),
            *([trigger.head.head] if in_state else []),  # "remained on alert in Kathmandu"
            *([obj] if obj is not None else []),  # "attended a summit in Switzerland"
        ]
        for prep in (p for holder in holders for p in _children(holder, "prep")):
            if prep.lower_ in {"in", "at", "outside", "inside"}:
                # a capital here is the city, not its government ("a curfew in Nairobi")
                place = [_as_place(m) for m in _actors(_children(prep, "pobj"), actors)]
                # A coercive measure ("a state of siege in Bolivia", "a curfew in Kashmir") is aimed at the
                # place it is imposed on, one's own country too.
                # Forces on alert or deployed are aimed at where they are, at home too.
                excluded = {None} if coercive or cameo[:2] == "15" else {None, *(s.actor.country for s in sources)}
                if place and all(p.actor.country not in excluded for p in place):
                    targets, target_role = place[:1], f"place of the event ('{prep.lower_}')"
                    break
        if not targets and things and cameo[:2] not in ACTOR_ONLY_ROOTS:
            # A place the knowledge base does not know ("a curfew in Basra", "withdrew from the Golan
            # Heights"): the target, uncoded, as a thing acted on is.
            for prep in (p for holder in holders for p in _children(holder, "prep")):
                unknown = [
                    p
                    for p in _children(prep, "pobj")
                    if (p.ent_type_ in PLACE_ENTITIES or p.lemma_.lower() in PLACE_NOUNS)
                    and actors.get(p) is None
                    and p.pos_ in {"NOUN", "PROPN"}
                ]
                if prep.lower_ not in {"in", "at", "on", "from"} or not unknown:
                    continue
                located = _gazetteer_place(unknown[0], actors)
                if located is None:
                    targets, target_role = [thing_mention(unknown[0])], f"place of the event ('{prep.lower_}')"
                elif coercive or cameo[:2] == "15" or located.actor.country not in {s.actor.country for s in sources}:
                    targets, target_role = [located], f"place of the event ('{prep.lower_}')"
                break
    if not targets and cameo == "1242":
        # "will not end the strike until the authorities fulfil its demands": refused to whom the
        # condition is put
        targets, target_role = _until_party(trigger, actors, sources)
    if not targets and cameo[:2] != "14":
        # "will not end the strike" (1242) is refused to whoever the strike is against, named or not.
        if not things or is_noun or (cameo[:2] in TARGET_NEEDED_ROOTS | {"01"} and cameo != "1242"):
            return []
        # An action on no one named ("Congress agreed to lift the embargoes", "500 rebels surrendered"):
        # coded with no target, and less sure, since half its dyad is missing. A noun needs its target:
        # "vetoed the European sanctions package" reports no sanctions.
        notes.append("no target named")
        confidence = min(confidence, TARGETLESS_CONFIDENCE)
    date_anchor = context.speech if context.speech is not None else None
    if joint:
        pairs = [(s, t, source_role, target_role, notes) for s in sources for t in sources if s is not t]
    else:
        pairs = [(s, t, source_role, target_role, notes) for s in sources for t in targets or [None]]  # type: ignore[list-item]
    results = []
    seen: set[tuple[int, int]] = set()
    for source, target, s_role, t_role, why in pairs:
        if target is not None and (same_side(source, target) or not (source.actor.code or target.actor.code)):
            continue
        key = (source.actor.start, target.actor.start if target is not None else -1)
        if key in seen:
            continue
        seen.add(key)
        results.append(
            Candidate(trigger, entry, cameo, source, target, why, confidence, date_anchor, s_role, t_role, rule=rule)
        )
    if (
        results
        and speakers
        and cameo[:2] in {"18", "19", "20"}
        and context.happened
        and context.speech is not None
        and context.speech.lemma_.lower() in ALLEGING_LEMMAS
        and not speakers[0].outlet
        and speakers[0].actor.sector not in WITNESS_SECTORS
    ):
        # "The US claimed that ISIL had attacked Iraq": a side that claims another side's violence accuses
        # it (112). Who only says so ("officials said") attributes the report; the press and medics who
        # claim it are witnesses.
        speaker = speakers[0]
        authors = dict.fromkeys(c.source for c in results if c.source is not None)
        accused = [s for s in authors if s is not speaker and s.actor.code and not same_side(speaker, s)]
        # the violence itself is only alleged, by one side: no more sure than that
        results = [
            replace(
                c,
                ceiling=ALLEGED_CONFIDENCE,
                notes=[*c.notes, f"alleged by '{speaker.actor.text}': at most {ALLEGED_CONFIDENCE}"],
            )
            if c.source in accused
            else c
            for c in results
        ]
        for perpetrator in accused:
            results.append(
                Candidate(
                    context.speech,
                    replace(_REPORTED_ENTRY, cameo="112"),
                    "112",
                    speaker,
                    perpetrator,
                    [*notes, f"reports '{trigger.text}' by '{perpetrator.actor.text}': an accusation"],
                    0.7,
                    None,
                    "speaker",
                    "author of the reported violence",
                    rule="reported",
                )
            )
    return results


def _authority_of_place(verb: Token, actors: DocumentActors) -> tuple[list[ActorMention], str]:
    """Who did a coercive passive, or a release, with no agent named: the state of the place it was done
    in ("was arrested in Rwanda" by the authorities there, "released from captivity in Libya"). Not for
    violence: who kidnaps or kills people in a country is often no state."""
    for prep in (p for p in _children(verb, "prep") if p.lower_ == "in"):
        for place in _actors(_children(prep, "pobj"), actors):
            country = place.actor.country
            if country is not None and len(country) == 3 and place.actor.sector in {None, "GOV"}:
                return [place], f"the state of the place ('{prep.lower_}')"
    return [], ""


#: What is fought without violence against anyone: diseases, disasters, social ills.
ILLS = {
    "epidemic", "pandemic", "outbreak", "disease", "virus", "coronavirus", "covid", "covid-19", "ebola", "cholera",
    "malaria", "polio", "measles", "aids", "hiv", "fire", "wildfire", "blaze", "flood", "flooding", "corruption",
    "poverty", "hunger", "famine", "drought", "crime", "inflation", "unemployment", "trafficking", "smuggling",
    "misinformation", "disinformation", "change", "pollution", "locust", "impunity", "discrimination", "racism", "drug",
}  # fmt: skip


def _fights_an_ill(trigger: Token) -> bool:
    """Whether a fighting word is aimed at an ill, not at anyone: "to fight the Ebola epidemic",
    "combating corruption", "the fight against poverty"."""
    if trigger.lemma_.lower() not in {"fight", "combat", "battle", "tackle", "war"}:
        return False
    aimed = [c for c in trigger.children if c.dep_ in {"dobj", "compound"}]
    aimed += [
        p for prep in _children(trigger, "prep") if prep.lower_ in {"against", "on"} for p in _children(prep, "pobj")
    ]
    return any(t.lemma_.lower() in ILLS or t.lower_ in ILLS for a in aimed for t in (a, *_children(a, "compound")))


def _gazetteer_place(token: Token, actors: DocumentActors) -> ActorMention | None:
    """A named place the knowledge base does not know, as its country when the gazetteer places it in a
    country the document names ("a curfew on Basra" in a story about Iraq: IRQ); None otherwise."""
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if entity is None or entity.label_ not in PLACE_ENTITIES:
        return None
    found = geocode(entity.text)
    named = {m.actor.country for m in actors.by_head.values()}
    if found is None or found.country is None or found.country not in named:
        return None
    thing = thing_mention(token)
    actor = replace(thing.actor, code=found.country, country=found.country)
    return ActorMention(actor, how=f"place in {found.country} ({found.name}, gazetteer)")


def action_rule(trigger: Token, code: str, obj: Token | None, lexicon: Lexicon) -> tuple[str, str, str] | None:
    """(code, note, rule name) when a parse rule recodes the trigger's action: an order of a coercive
    act, borders opened to people, people sent to investigate; None otherwise."""
    for name, ruled in (
        ("order", ordered_coercion(trigger, code, lexicon)),
        ("refuge", refuge_given(trigger, code, obj)),
        ("purpose", sent_to_investigate(trigger, lexicon)),
    ):
        if ruled is not None:
            return ruled[0], ruled[1], name
    return None


#: Verbs of ordering: what an authority orders done to someone, it does to them.
ORDER_LEMMAS = {"order", "command"}


def ordered_coercion(trigger: Token, code: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """ "ordered the newspaper to suspend publication" (1721), "ordered nine ex-ministers jailed" (173):
    an order whose clause is a coercive act (17x) is that act by whoever gave the order; other orders
    stay demands ("ordered Iraq to withdraw" 1056)."""
    if code != "100" or trigger.lemma_.lower() not in ORDER_LEMMAS:
        return None
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    clauses = [c for c in trigger.children if c.dep_ in {"xcomp", "ccomp", "oprd"}]
    clauses += [c for o in objects for c in o.children if c.dep_ in {"acl", "amod", "oprd"}]
    for clause in clauses:  # "ordered X to ...", "ordered X jailed"
        if clause.pos_ != "VERB" or negated(clause):
            continue
        matched = lexicon.match(clause)
        if matched is not None and matched[0].cameo[:2] == "17":
            return matched[0].cameo, f"ordered '{clause.text}': {matched[0].cameo}"
    for noun in objects:  # "ordered the arrest of ...", "ordered the release of ...", "ordered attacks on ..."
        matched = lexicon.match(noun)
        done = matched is not None and (matched[0].cameo[:2] in {"17", "18", "19", "20"} or matched[0].cameo == "0841")
        if matched is not None and noun.pos_ == "NOUN" and done:
            return matched[0].cameo, f"ordered the '{noun.text}': {matched[0].cameo}"
    return None


#: Verbs of sending people somewhere.
SEND_LEMMAS = {"send", "dispatch", "deploy"}


def sent_to_investigate(trigger: Token, lexicon: Lexicon) -> tuple[str, str] | None:
    """ "sent seven experts to Saudi Arabia to investigate the attacks": an investigation (09x) where
    the people are sent, not aid or a deployment."""
    if trigger.lemma_.lower() not in SEND_LEMMAS:
        return None
    for clause in trigger.children:
        if clause.dep_ not in {"advcl", "xcomp"} or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        ):
            continue
        matched = lexicon.match(clause)
        if matched is not None and matched[0].cameo[:2] == "09" and not negated(clause):
            return matched[0].cameo, f"sent to '{clause.text}': {matched[0].cameo}"
    return None


#: People one opens one's borders to: "opened its borders to refugees" is granting asylum (075).
REFUGEES = {"refugee", "migrant", "asylum", "seeker", "displaced", "evacuee", "exile", "people", "civilian"}


def refuge_given(trigger: Token, code: str, obj: Token | None) -> tuple[str, str] | None:
    """ "opened its borders to refugees" (075, AID) rather than opening a crossing (0863)."""
    if code != "0863" or obj is None or obj.lemma_.lower() not in {"border", "door"}:
        return None
    for prep in (p for holder in (trigger, obj) for p in _children(holder, "prep") if p.lower_ == "to"):
        for people in _children(prep, "pobj"):
            words = {
                people.lemma_.lower(),
                *(c.lemma_.lower() for c in people.children if c.dep_ in {"amod", "compound"}),
            }
            of = [q for p in _children(people, "prep") if p.lower_ == "of" for q in _children(p, "pobj")]
            if (
                words & REFUGEES
                or people.tag_ == "NNPS"
                or any(q.tag_ == "NNPS" or q.lemma_.lower() in REFUGEES for q in of)
            ):
                return "075", f"borders opened to '{people.text}': asylum (075)"
    return None


def _punished(trigger: Token, obj: Token | None) -> tuple[int, int] | None:
    """The characters of the "against" phrase of a punishment called for ("called for sanctions
    against Moscow"), or None. Unlike ``punishment_sought`` (pair mode, given a target token), the
    target may lie anywhere in the phrase ("against individuals responsible for ... in Uganda")."""
    nouns = [obj] if obj is not None and obj.pos_ in {"NOUN", "PROPN"} else []
    nouns += [p for prep in _children(trigger, "prep") if prep.lower_ == "for" for p in _children(prep, "pobj")]
    for noun in nouns:
        if noun.lemma_.lower() not in PUNISHMENTS:
            continue
        for prep in _children(noun, "prep"):
            if prep.lower_ == "against":
                return prep.idx, prep.right_edge.idx + len(prep.right_edge.text)
    return None


def _deep_target(
    trigger: Token,
    obj: Token | None,
    actors: DocumentActors,
    sources: list[ActorMention],
    *,
    statement: bool = False,
    aid: bool = False,
    home: bool = False,
) -> tuple[list[ActorMention], str]:
    """ "condemned the bombing of a military academy in Tripoli", "ready to contribute air support to a
    force in Somalia": an action on a thing targets the first known actor or place of another country
    named inside the thing's phrase. A statement's phrase counts only for what it is about ("remarks on
    the killings in Darfur"), not where or when it was made ("remarks at the start of a trip to ...")."""
    countries = set() if home else {s.actor.country for s in sources}
    topics = STATEMENT_TOPIC_PREPS | ({"for"} if home else set())  # "sorrow for the victims"
    nouns = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"} and (obj is None or c.i != obj.i)]
    nouns += [
        p
        for prep in _children(trigger, "prep")
        if prep.lower_ in (topics if statement else THING_PREPS | {"to", "for"})
        for p in _children(prep, "pobj")
    ]
    if obj is not None:
        preps = [p for p in _children(obj, "prep") if not statement or p.lower_ in topics]
        nouns += [p for prep in preps for p in _children(prep, "pobj")]
    if aid:  # "assistance to help people in Somalia": aid goes where its purpose is
        holders = [trigger, *([obj] if obj is not None else []), *(n for n in nouns if n.head.i == trigger.i)]
        if trigger.dep_ == "dobj":
            holders.append(trigger.head)  # "announced assistance ... to help people in Somalia"
        nouns += [
            c
            for holder in holders
            for c in holder.children
            if c.dep_ in {"acl", "advcl", "xcomp", "relcl"} and c.lemma_.lower() in AID_PURPOSES
        ]
    for noun in ([obj] if obj is not None else []) + nouns:
        # the thing's own owner named by a country ("vetoed a US resolution"), then any actor in its phrase
        owned = actors.get(noun) is None  # an actor's own modifiers are part of its name
        owners = [actors.modifiers[c.i] for c in noun.children if owned and c.i in actors.modifiers]
        inner = [] if obj is not None and noun.i == obj.i else list(noun.subtree)
        for mention in [*owners, *(m for t in inner for m in [actors.get(t)] if m is not None)]:
            if mention.actor.code and mention.actor.country not in countries | {None}:
                return [mention], f"named in the phrase of '{noun.text}'"
    return [], ""


#: Verbs of the purpose aid is given for: "assistance to help people in Somalia", "funding to fight Ebola
#: in West Africa".
AID_PURPOSES = {"help", "assist", "support", "fight", "combat", "benefit", "feed", "rebuild", "tackle", "pay"}
#: Named-entity types of places an event may be aimed at when the knowledge base does not know them.
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
#: Common nouns that name a place ("parts of Kashmir", "the town", "conflict zones").
PLACE_NOUNS = {
    "part", "area", "region", "district", "province", "state", "city", "town", "village", "zone", "camp",
    "border", "outskirts", "neighbourhood", "neighborhood", "county", "municipality", "territory", "enclave",
}  # fmt: skip
#: Prepositions that say what a statement is about.
STATEMENT_TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning", "against", "to", "of"}
#: Prepositions whose object is what a trigger acts on ("protested against the law", "an attack on the church").
THING_PREPS = {"against", "on", "into", "over", "at", "of"}


def _thing_target(trigger: Token, obj: Token | None, actors: DocumentActors) -> ActorMention | None:
    """The thing an event acts on when no actor is named: its object, passive subject or the object
    of an against/on/into phrase; None when that is a pronoun, an actor, or the trigger's own noun."""
    nouns = _children(trigger, "dobj", "nsubjpass")
    if trigger.pos_ in {"NOUN", "PROPN"} or not nouns:
        nouns += [
            p for prep in _children(trigger, "prep") if prep.lower_ in THING_PREPS for p in _children(prep, "pobj")
        ]
    for noun in nouns:
        if obj is not None and noun.i == obj.i:
            continue
        if is_thing(noun) and actors.get(noun) is None:
            return thing_mention(noun)
    return None


def _agent_in_phrase(verb: Token, actors: DocumentActors, lexicon: Lexicon) -> tuple[list[ActorMention], str]:
    """ "Four children were killed in Israeli tank shelling": a passive with no by-agent takes the
    author of the action its "in" phrase names (the noun's modifier, possessor or by-phrase); an active
    verb whose subject is an attack or a weapon ("a U.S. military airstrike killed ...") takes the
    author that subject names."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        nouns = _children(verb, "nsubj")
    else:
        nouns = [p for prep in _children(verb, "prep") if prep.lower_ == "in" for p in _children(prep, "pobj")]
    for noun in nouns:
        matched = lexicon.match(noun)
        weapon = any(noun.lemma_.lower() in words for words in WEAPONS.values())
        if not weapon and (matched is None or matched[0].cameo[:2] not in {"18", "19", "20"}):
            continue  # "killed in Kandahar": a place, not an action
        own = actors.get(noun)  # "in a Taliban ambush", "in Israeli tank fire": the phrase names its author
        if own is not None and noun.pos_ == "NOUN":
            return [own], f"author of '{noun.text}'"
        sources, role, _, _ = noun_frame(noun, actors)
        if sources:
            return sources, f"{role} of '{noun.text}'"
    return [], ""


def _joint(trigger: Token, obj: Token | None) -> bool:
    """ "Joint exercises", "held jointly": a show of force done together is cooperation."""
    nouns = [
        t for t in (trigger, obj, trigger.head if trigger.dep_ in {"dobj", "nsubjpass"} else None) if t is not None
    ]
    for noun in nouns:
        for child in [
            *noun.children,
            *(c for o in noun.children if o.dep_ in {"dobj", "nsubjpass"} for c in o.children),
        ]:
            if child.lower_ in {"joint", "jointly", "combined"}:
                return True
    return False


def _discourse_target(source: ActorMention, discourse: list[Candidate]) -> ActorMention | None:
    country = source.actor.country
    for candidate in reversed(discourse):
        if candidate.source is not None and candidate.source.actor.country not in {None, country}:
            return candidate.source
        if candidate.target is not None and candidate.target.actor.country not in {None, country}:
            return candidate.target
    return None
