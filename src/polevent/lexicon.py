"""The trigger lexicon: words and light-verb phrases that signal a CAMEO event.

Entries live in ``polevent/data/lexicon/triggers.tsv`` (see the README there).
An entry with a requirement (a particle, a preposition, a direct object or a modifier) is
preferred over the bare word: "call for" and "hold talks" beat "call" and "hold".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from .errors import DataError
from .ontology import cameo_codes, read_data_table

if TYPE_CHECKING:
    from spacy.tokens import Token

FRAMES = {"direct", "reciprocal", "speech", "content", "intent", "converse"}
OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}


#: Objects that make an idiom of a verb and the preposition after them: "took part in the killing" takes
#: no one in.
IDIOM_OBJECTS = {"part", "place", "pride", "interest", "note", "heart", "advantage", "care", "charge", "issue"}


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One trigger: a lemma, an optional requirement, the CAMEO code and the frame."""

    lemma: str
    pos: str
    requirement: str | None
    words: frozenset[str]
    cameo: str
    frame: str
    note: str

    def describe(self) -> str:
        extra = f" + {self.requirement}:{'|'.join(sorted(self.words))}" if self.requirement else ""
        return f"'{self.lemma}'{extra} ({self.pos})"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entries keyed by (lemma, pos), the ones with requirements first."""

    entries: dict[tuple[str, str], tuple[LexiconEntry, ...]]

    def match(self, token: Token) -> tuple[LexiconEntry, Token | None] | None:
        """The entry ``token`` triggers, with the object token a light-verb entry used."""
        pos = token_pos(token)
        if pos is None:
            return None
        candidates = self.entries.get((token.lemma_.lower(), pos))
        if not candidates:
            return self._nominal(token) if pos == "noun" else None
        for entry in candidates:
            if entry.requirement is None:
                return entry, None
            for child in token.children:
                if (
                    entry.requirement == "prt"
                    and child.dep_ in {"prt", "prep"}
                    and child.lower_ in entry.words
                    and not _dated(child)  # "took office in 2022" takes no one in
                    and not any(c.dep_ == "dobj" and c.lemma_.lower() in IDIOM_OBJECTS for c in token.children)
                ):
                    return _phrasal_object(token, child.lower_, entry), None
                if (
                    entry.requirement == "prep"
                    and child.dep_ in {"prep", "agent", "prt"}
                    and child.lower_ in entry.words
                    and not _dated(child)  # "called Erdogan on Friday" is no call on anyone
                ):
                    return entry, None
                if (
                    entry.requirement == "mod"
                    and child.dep_ in {"amod", "compound"}
                    and child.lemma_.lower() in entry.words
                ):
                    return entry, None
                if (
                    entry.requirement == "comp"
                    and child.dep_ in {"xcomp", "acomp"}
                    and child.lemma_.lower() in entry.words
                ):
                    return entry, child  # "declined to comment", "were responsible": part of the trigger
                if entry.requirement == "obj" and child.dep_ in OBJECT_DEPS:
                    if child.lemma_.lower() in entry.words:
                        # "launched a scathing attack": the object's own modifier entry says more.
                        return self._modified(child) or entry, child
                    if any(c.dep_ == "compound" and c.lemma_.lower() in entry.words for c in child.children):
                        return entry, child  # "suspended aid deliveries", "halted arms sales"
                    # "sell ... worth of military equipment", "impose a series of sanctions"
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ == "of":
                            if any(p.lemma_.lower() in entry.words for p in prep.children if p.dep_ == "pobj"):
                                return entry, child
        return self._nominal(token) if pos == "noun" else None

    def _nominal(self, noun: Token) -> tuple[LexiconEntry, Token | None] | None:
        """A noun naming a verb's action on its "of" object: "a suspension of aid" as "suspend aid"."""
        verb = NOMINALIZATIONS.get(noun.lemma_.lower())
        if verb is None:
            return None
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for word in (obj, *(c for c in obj.children if c.dep_ in {"compound", "amod"})):
                    entry = self.with_object(verb, word)
                    if entry is not None:
                        return replace(entry, pos="noun", note=f"{noun.lemma_.lower()} of: {entry.note}"), obj
        return None

    def with_object(self, lemma: str, noun: Token) -> LexiconEntry | None:
        """The entry of the verb ``lemma`` whose required object ``noun`` is: "end" + "embargo" (085),
        for nouns that stand for the verb ("an end to the embargo")."""
        for entry in self.entries.get((lemma, "verb"), ()):
            if entry.requirement == "obj" and noun.lemma_.lower() in entry.words:
                return entry
        return None

    def _modified(self, noun: Token) -> LexiconEntry | None:
        for entry in self.entries.get((noun.lemma_.lower(), "noun"), ()):
            if entry.requirement == "mod" and any(
                c.dep_ in {"amod", "compound"} and c.lemma_.lower() in entry.words for c in noun.children
            ):
                return entry
        return None


#: Nouns that name a verb's action, coded as the verb with their "of" object ("the suspension of aid").
NOMINALIZATIONS = {
    "suspension": "suspend",
    "lifting": "lift",
    "imposition": "impose",
    "resumption": "resume",
    "easing": "ease",
    "cancellation": "cancel",
    "closure": "close",
    "closing": "close",
    "reopening": "reopen",
    "extension": "extend",
    "freezing": "freeze",
    "halting": "halt",
    "severing": "sever",
}
#: Phrasal verbs whose object changes the code: "call off talks" halts negotiations (164), "call off a
#: strike" ends the dissent (082).
PHRASAL_OBJECTS = {
    ("call", "off"): (frozenset({"strike", "protest", "rally", "march", "demonstration", "boycott", "walkout"}), "082"),
}


def _phrasal_object(verb: Token, particle: str, entry: LexiconEntry) -> LexiconEntry:
    special = PHRASAL_OBJECTS.get((entry.lemma, particle))
    if special is None:
        return entry
    words, code = special
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if any(o.lemma_.lower() in words for o in objects):
        return replace(entry, cameo=code, requirement="obj", words=words, note=f"{entry.lemma} {particle} + object")
    return entry


def negated(token: Token) -> bool:
    """Whether ``token`` carries a negation ("did not agree", "never met")."""
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in token.children)


def _dated(prep: Token) -> bool:
    return any(p.ent_type_ in {"DATE", "TIME"} for p in prep.children if p.dep_ == "pobj")


def token_pos(token: Token) -> str | None:
    """'verb' or 'noun' as the lexicon spells it, or None for other parts of speech."""
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in {"aux", "auxpass"}):
        return "verb"
    if token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in {"PERSON", "GPE", "NORP"}:
        return "noun"
    return None


def parse_requirement(value: str, *, line: int) -> tuple[str | None, frozenset[str]]:
    if not value:
        return None, frozenset()
    kind, _, words = value.partition(":")
    if kind not in {"prt", "prep", "obj", "mod", "comp"} or not words:
        raise DataError(
            f"data/lexicon/triggers.tsv row {line}: bad 'with' value {value!r}"
            " (prt:X, prep:X, obj:A|B, mod:A|B or comp:A|B)"
        )
    return kind, frozenset(w.strip().lower() for w in words.split("|") if w.strip())


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon, validated against the CAMEO table (built once)."""
    codes = cameo_codes()
    grouped: dict[tuple[str, str], list[LexiconEntry]] = {}
    for line, row in enumerate(read_data_table("lexicon", "triggers.tsv"), start=2):
        if row["cameo"] not in codes:
            raise DataError(f"data/lexicon/triggers.tsv row {line}: unknown CAMEO code {row['cameo']!r}")
        if row["frame"] not in FRAMES:
            raise DataError(f"data/lexicon/triggers.tsv row {line}: unknown frame {row['frame']!r}")
        if row["pos"] not in {"verb", "noun"}:
            raise DataError(f"data/lexicon/triggers.tsv row {line}: pos must be verb or noun, not {row['pos']!r}")
        requirement, words = parse_requirement(row["with"], line=line)
        entry = LexiconEntry(
            row["lemma"].lower(), row["pos"], requirement, words, row["cameo"], row["frame"], row["note"]
        )
        grouped.setdefault((entry.lemma, entry.pos), []).append(entry)
    return Lexicon({key: tuple(sorted(group, key=lambda e: e.requirement is None)) for key, group in grouped.items()})
