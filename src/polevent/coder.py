"""The Coder: text in, explained CAMEO + PLOVER events out.

It ties the stages together: spaCy parse (batched with ``nlp.pipe``), actor
resolution, trigger frames, dates and places, and the ontology facts. Nothing
heavy is loaded until the first text is coded.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .actors import (
    HOLDER_WORDS,
    ActorMention,
    DocumentActors,
    doc_text,
    is_thing,
    is_thing_mention,
    person_actor,
    resolve_document,
    resolve_span,
    thing_mention,
)
from .dates import document_date, parse_iso, resolve_expression
from .errors import InputError
from .events import (
    ACTOR_ONLY_ROOTS,
    CONSIDER_LEMMAS,
    PUNITIVE_LEMMAS,
    SPEECH_LEMMAS,
    TARGETLESS_CONFIDENCE,
    Candidate,
    action_rule,
    clause_context,
    clause_subject,
    find_candidates,
    punishment_sought,
    reported_demand,
)
from .ingest import clean_control_characters
from .kb import KnowledgeBase, knowledge_base
from .leaves import intent_code, refine_leaf, refusal_code
from .lexicon import Lexicon, LexiconEntry, lexicon
from .model import PairModel, Prediction, pair_features, shipped_model
from .nlp import load_pipeline, pipeline_name
from .ontology import cameo_codes, lookup
from .places import geocode
from .records import Actor, Document, Event, Location, Problem, Span

if TYPE_CHECKING:
    from datetime import date

    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

log = logging.getLogger(__name__)

#: The classifier overrules a clear lexicon match only with at least this probability for another type.
MODEL_OVERRULES = 0.9
#: The PLOVER head's class for codes PLOVER has no type for (CAMEO 01 statements).
NO_TYPE = "-"
#: Both heads' class for a pair of actors that no event links.
NO_EVENT = "~"
#: Open mode's pass over actor pairs: the least probability of the pair's PLOVER type (the default of
#: ``Coder(pair_events=...)``), and the most probability of "no event".
PAIR_EVENTS = 0.4
PAIR_NO_EVENT_MAX = 0.6
#: Open mode drops a lexicon event when the classifier says "no event" with at least this probability.
NO_EVENT_DROPS = 1.01  # never: dropping lost true events (speaker sources, protests); see accuracy history

CLAUSE_DEPS = {"ccomp", "xcomp", "relcl", "advcl", "conj", "csubj", "parataxis", "acl"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "from"}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What coding one input gave: its events, or the problem that stopped it."""

    document: Document | None
    events: tuple[Event, ...] = ()
    problem: Problem | None = None


class Coder:
    """Codes English news text into CAMEO and PLOVER events.

    >>> coder = Coder()                      # loads nothing yet
    >>> events = coder.code("Russia accused Ukraine on Monday.", date="2024-05-08")

    Options: ``model`` (a spaCy English pipeline), ``actors`` (user dictionaries), ``learned`` (use the
    pair classifier; False gives the lexicon alone), ``pair_model`` (a folder made by ``polevent train``),
    ``min_confidence`` (open mode drops events below it), ``model_events`` (open mode also codes a verb
    with an actor subject and object that the lexicon does not know when the classifier gives one
    PLOVER type at least this probability; None switches that off), ``pair_events`` (open mode also
    codes two actors of a sentence that no trigger links when the classifier gives one PLOVER type at
    least this probability and "no event" little; None switches that off), ``thing_targets`` (open mode
    lets an act done to things take the thing, or an unknown place, as an uncoded target, and an action
    on no one named have no target; False keeps only events between two actors).
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        batch_size: int = 32,
        actors: Iterable[str | Path] = (),
        learned: bool = True,
        pair_model: str | Path | None = None,
        min_confidence: float = 0.0,
        model_events: float | None = 0.5,
        thing_targets: bool = True,
        pair_events: float | None = PAIR_EVENTS,
    ) -> None:
        self.model = pipeline_name(model)
        self.batch_size = batch_size
        self.actor_files = tuple(str(p) for p in actors)
        self._kb: KnowledgeBase | None = None
        self.learned = learned
        self.min_confidence = min_confidence
        self.model_events = model_events
        self.thing_targets = thing_targets
        self.pair_events = pair_events
        self.pair_model_path = Path(pair_model) if pair_model is not None else None

    @property
    def classifier(self) -> PairModel | None:
        """The learned pair classifier (None when switched off or none is bundled)."""
        if not self.learned:
            return None
        if self.pair_model_path is not None:
            return _load_model(str(self.pair_model_path))
        return shipped_model()

    @property
    def kb(self) -> KnowledgeBase:
        """The actor knowledge base: bundled, then installed user dictionaries, then ``actors`` files
        (looked up once per Coder: the per-document and per-event paths use it many times)."""
        if self._kb is None:
            self._kb = knowledge_base(self.actor_files)
        return self._kb

    @property
    def nlp(self) -> Language:
        return load_pipeline(self.model)

    def config(self) -> dict[str, str]:
        """What decides this coder's output: package version, pipeline and its version, data files' hash
        and the coder's options."""
        from importlib import resources

        from . import __version__

        manifest = resources.files("polevent").joinpath("data", "MANIFEST.sha256").read_bytes()
        return {
            "polevent": __version__,
            "pipeline": self.model,
            "pipeline_version": str(self.nlp.meta.get("version", "")),
            "data_sha256": hashlib.sha256(manifest).hexdigest(),
            "options": json.dumps(
                {
                    "learned": self.learned,
                    "pair_model": str(self.pair_model_path) if self.pair_model_path else None,
                    "actors": list(self.actor_files),
                    "min_confidence": self.min_confidence,
                    "model_events": self.model_events,
                    "thing_targets": self.thing_targets,
                    "pair_events": self.pair_events,
                },
                sort_keys=True,
            ),
        }

    def signature(self) -> str:
        """A short hash of :meth:`config`: documents coded under another signature are re-coded by the store."""
        return hashlib.sha256(json.dumps(self.config(), sort_keys=True).encode()).hexdigest()[:16]

    # -- open coding -----------------------------------------------------------------
    def code(self, text: str, *, date: str | None = None, doc_id: str | None = None) -> list[Event]:
        """Code one text; ``date`` (YYYY-MM-DD) anchors relative dates and is the default event date."""
        document = Document(id=doc_id or "text", text=clean_control_characters(text), date=date)
        return self.code_document(document)

    def code_document(self, document: Document) -> list[Event]:
        """Code one Document."""
        return self.events_from_doc(document, self.nlp(document.text))

    def code_many(
        self, documents: Iterable[str | Document], *, batch_size: int | None = None
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Code many documents in batches; yields (Document, events) in input order."""
        for outcome in self.code_stream(documents, batch_size=batch_size):
            if outcome.problem is not None:
                raise InputError(
                    outcome.problem.message, doc_id=outcome.problem.doc_id, location=outcome.problem.location
                )
            assert outcome.document is not None
            yield outcome.document, list(outcome.events)

    def code_stream(
        self, items: Iterable[str | Document | Problem], *, batch_size: int | None = None
    ) -> Iterator[Outcome]:
        """Like code_many, but problems (unreadable inputs, failures) pass through as Outcomes."""

        def documents() -> Iterator[tuple[str, Document | Problem]]:
            for number, item in enumerate(items, start=1):
                if isinstance(item, str):
                    item = Document(id=f"doc-{number}", text=clean_control_characters(item))
                yield (item.text if isinstance(item, Document) else "", item)

        parsed = self.nlp.pipe(documents(), as_tuples=True, batch_size=batch_size or self.batch_size)
        for doc, item in parsed:
            if isinstance(item, Problem):
                yield Outcome(None, problem=item)
                continue
            try:
                yield Outcome(item, tuple(self.events_from_doc(item, doc)))
            except Exception as exc:  # one bad document must not end a corpus run
                log.exception("coding failed for document %s", item.id)
                yield Outcome(item, problem=Problem(item.id, "code", f"coding failed: {type(exc).__name__}: {exc}"))

    def events_from_doc(self, document: Document, doc: Doc) -> list[Event]:
        """Events of an already parsed document."""
        kb, lex = self.kb, lexicon()
        anchor = parse_iso(document.date)
        actors = resolve_document(kb, doc, anchor)
        candidates: list[Candidate] = []
        for sentence in doc.sents:
            candidates.extend(
                find_candidates(
                    sentence,
                    lex,
                    actors,
                    candidates,
                    things=self.thing_targets,
                    deep=True,
                )
            )
        # An action with no target named is kept only where its sentence gives no event with one (the
        # dyadic events already say what it reports), and it does not keep the actor-pair pass from them.
        targetless = [c for c in candidates if c.target is None and c.cameo[:2] != "14"]
        candidates = [c for c in candidates if c.target is not None or c.cameo[:2] == "14"]
        classifier = self.classifier
        if classifier is not None:
            rescored = [self._rescore(candidate, doc, classifier, lex) for candidate in candidates]
            candidates = [c for c in rescored if c is not None and c.confidence >= self.min_confidence]
            if self.model_events is not None:
                candidates += self._model_candidates(doc, actors, candidates, classifier, lex, targetless)
        targeted = {c.trigger.sent.start for c in candidates if c.target is not None}
        candidates += [c for c in targetless if c.trigger.sent.start not in targeted]
        # A thing as target leaves the other side unknown, as no target does: no more sure than that; and
        # with no side known but the source, the source must at least have a country ("a protester
        # demolished the building" says nothing about anyone).
        candidates = [
            replace(c, confidence=min(c.confidence, TARGETLESS_CONFIDENCE)) if is_thing_mention(c.target) else c
            for c in candidates
            if not (c.target is None or is_thing_mention(c.target))
            or (c.source is not None and c.source.actor.country is not None)
        ]
        candidates = [replace(c, confidence=min(c.confidence, c.ceiling)) for c in candidates]
        candidates = [c for c in candidates if c.confidence >= self.min_confidence]  # after the caps above
        candidates = [c for c in candidates if not _toll_of(c, candidates)]
        candidates.sort(key=lambda c: c.trigger.i)
        return [self._event(candidate, doc, document.id, anchor) for candidate in candidates]

    def _model_candidates(
        self,
        doc: Doc,
        actors: DocumentActors,
        found: list[Candidate],
        classifier: PairModel,
        lex: Lexicon,
        targetless: Sequence[Candidate] = (),
    ) -> list[Candidate]:
        """Events the lexicon has no trigger for: a verb with an actor as subject and another as object,
        kept when the classifier gives one PLOVER type at least ``model_events`` probability. A verb
        the lexicon coded with no target may still find an actor here, but not a thing: its object is
        the lexicon's own ("declared a state of siege")."""
        threshold = self.model_events or 1.0
        taken = {c.trigger.i for c in found}
        bare = {c.trigger.i for c in targetless}
        linked = {(c.source.actor.start, c.target.actor.start) for c in found if c.source and c.target}
        extra: list[Candidate] = []
        for verb in doc:
            if verb.pos_ != "VERB" or verb.i in taken:
                continue
            subjects = _usable([actors.get(c) for c in verb.children if c.dep_ == "nsubj"])
            objects = [actors.get(c) for c in verb.children if c.dep_ == "dobj"]
            if self.thing_targets and verb.i not in bare:
                objects += [
                    thing_mention(c)
                    for c in verb.children
                    if c.dep_ == "dobj" and actors.get(c) is None and is_thing(c)
                ]
            objects += [
                actors.get(p) for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
            ]
            pairs = [
                (s, t)
                for s in subjects
                for t in _usable(objects)
                if not (s.actor.code and s.actor.code == t.actor.code)
            ]
            if not pairs:
                continue
            context = clause_context(verb, lex, verb.sent)
            if not context.happened or context.hypothetical or context.intent or context.future:
                continue  # negated, denied, failed, hoped-for or future: the lexicon's rules, not a guess
            for source, target in pairs:
                if (source.actor.start, target.actor.start) in linked:
                    continue
                spans = _mention_spans(doc, source, target)
                if spans is None:
                    continue
                s_span, t_span = spans
                features = pair_features(s_span, t_span, lex, (source.actor.sector, target.actor.sector))
                plover = classifier.predict(features, "plover", top=4)
                if plover.label in {NO_TYPE, NO_EVENT} or plover.score < threshold:
                    continue
                code, cameo = code_of_type(classifier, features, plover.label)
                if is_thing_mention(target) and (
                    code[:2] in ACTOR_ONLY_ROOTS or _names_itself(t_span, plover.label, lex)
                ):
                    continue
                note = f"model: PLOVER {plover.describe(4)}; CAMEO {cameo.describe(3)}; no lexicon trigger"
                roles = (f"subject of '{verb.text}'", f"object of '{verb.text}'")
                extra.append(
                    Candidate(verb, _MODEL_ENTRY, code, source, target, [note], plover.score, None, *roles, "model")
                )
                linked.add((source.actor.start, target.actor.start))
        extra += self._pair_candidates(doc, actors, found + extra, classifier, lex)
        return extra

    def _pair_candidates(
        self, doc: Doc, actors: DocumentActors, found: list[Candidate], classifier: PairModel, lex: Lexicon
    ) -> list[Candidate]:
        """Events between two actors of a sentence that no trigger links ("X's accusations against Y"
        phrased in ways the lexicon lacks): the source must be able to act (a subject, an agent, a
        possessor), the target may be a place only of another country and only for a source that acts on
        no one else, the pair must not be weak (``_weak_pair``) nor its linking words show that nothing
        is between them (``_not_between``), and the classifier must give one PLOVER type at least
        ``pair_events`` probability and "no event" at most ``PAIR_NO_EVENT_MAX``."""
        threshold = self.pair_events
        if threshold is None:
            return []
        no_event_max = PAIR_NO_EVENT_MAX
        linked = {(c.source.actor.start, c.target.actor.start) for c in found if c.source and c.target}
        linked |= {(t, s) for s, t in linked}
        # A target another actor already acts on through a trigger: a third actor on the way is an observer.
        acted_on = {(c.trigger.i, c.target.actor.start) for c in found if c.target is not None}
        acting = {c.source.actor.start for c in found if c.source is not None and c.target is not None}
        extra: list[Candidate] = []
        for sentence in doc.sents:
            present = _usable([m for i, m in actors.order if sentence.start <= i < sentence.end])
            mentions = [m for m in present if not _placed(doc, m)]
            if len(mentions) < 1 or len(present) > 6:
                continue
            for source in mentions:
                if not _agentive(doc, source):
                    continue
                # A place is a target only for a source that acts on nobody else ("agreed to a ceasefire
                # in eastern Ukraine"), and only a place of another country.
                places = (
                    []
                    if source.actor.start in acting or source.actor.country is None
                    else [
                        m for m in present if m not in mentions and m.actor.country not in {None, source.actor.country}
                    ]
                )
                for target in mentions + places:
                    if (source.actor.start, target.actor.start) in linked or _weak_pair(doc, source, target):
                        continue
                    spans = _mention_spans(doc, source, target)
                    if spans is None:
                        continue
                    s_span, t_span = spans
                    path = _path(s_span.root, t_span.root)
                    if any((t.i, target.actor.start) in acted_on for t in path):
                        continue  # a third actor on the way that a trigger acts on: the source only observes
                    if _not_between(s_span.root, t_span.root, path, source, target, actors, lex):
                        continue
                    features = pair_features(s_span, t_span, lex, (source.actor.sector, target.actor.sector))
                    full = classifier.predict(features, "plover", top=20)
                    raw = dict(zip(full.labels, full.scores, strict=True))
                    if raw.get(NO_EVENT, 0.0) > no_event_max:
                        continue
                    plover = full.without(NO_EVENT, top=4)
                    if plover.label == NO_TYPE or raw.get(plover.label, 0.0) < threshold:
                        continue
                    if _holder(doc, target) and plover.label not in {"ASSAULT", "COERCE"}:
                        continue  # "meet with dissidents from military-ruled Myanmar": no act on the military
                    code, _ = code_of_type(classifier, features, plover.label)
                    note = f"model: PLOVER {plover.describe(4)}; no event {raw.get(NO_EVENT, 0.0):.2f}; actor pair"
                    head = _lowest_common_ancestor(s_span.root, t_span.root)
                    if code[:2] in {"18", "19"}:  # the weapons named make violence specific
                        code, refined = refine_leaf(head, code, lex, None, (s_span.start_char, s_span.end_char))
                        note += f"; {refined}" if refined else ""
                    extra.append(
                        Candidate(
                            head,
                            _MODEL_ENTRY,
                            code,
                            source,
                            target,
                            [note],
                            raw[plover.label],
                            None,
                            "actor in the sentence",
                            "actor in the sentence",
                            "model",
                        )
                    )
                    linked |= {(source.actor.start, target.actor.start), (target.actor.start, source.actor.start)}
        return extra

    def _rescore(self, candidate: Candidate, doc: Doc, classifier: PairModel, lex: Lexicon) -> Candidate | None:
        """Open mode: the classifier checks a lexicon event between two actors (and may overrule it)."""
        if candidate.source is None or candidate.target is None:
            return candidate
        source = doc.char_span(candidate.source.actor.start, candidate.source.actor.end, alignment_mode="expand")
        target = doc.char_span(candidate.target.actor.start, candidate.target.actor.end, alignment_mode="expand")
        if source is None or target is None or source.root.sent.start != target.root.sent.start:
            return candidate
        sectors = (candidate.source.actor.sector, candidate.target.actor.sector)
        features = pair_features(source, target, lex, sectors)
        return decide_pair(replace(candidate, decided_by="clear"), classifier, features, open_mode=True)

    # -- pair coding -----------------------------------------------------------------
    def code_pair(
        self, text: str, source: tuple[int, int], target: tuple[int, int], *, date: str | None = None
    ) -> Event:
        """The most likely event from the actor at ``text[source]`` to the one at ``text[target]``."""
        return next(self.code_pairs([(text, source, target)], date=date))

    def code_pairs(
        self, items: Iterable[tuple[str, tuple[int, int], tuple[int, int]]], *, date: str | None = None
    ) -> Iterator[Event]:
        """Pair coding in batches; yields one Event per item, in order."""
        texts = ((clean_control_characters(text), (source, target)) for text, source, target in items)
        for doc, (source, target) in self.nlp.pipe(texts, as_tuples=True, batch_size=self.batch_size):
            yield self._pair_event(doc, source, target, date)

    def _pair_event(self, doc: Doc, source: tuple[int, int], target: tuple[int, int], date: str | None) -> Event:
        kb, lex = self.kb, lexicon()
        source_span = _char_span(doc, source, "source")
        target_span = _char_span(doc, target, "target")
        anchor = parse_iso(date)
        actors = resolve_document(kb, doc, anchor)
        source_actor = resolve_span(kb, source_span, actors)
        target_actor = resolve_span(kb, target_span, actors)
        sentence = source_span.root.sent
        candidates = find_candidates(sentence, lex, actors, [])
        found = self._lexicon_pair(candidates, sentence, source_span, target_span, source_actor, target_actor, lex)
        classifier = self.classifier
        if classifier is not None:
            sectors = (
                source_actor.actor.sector if source_actor else None,
                target_actor.actor.sector if target_actor else None,
            )
            features = pair_features(source_span, target_span, lex, sectors)
            found = decide_pair(found, classifier, features) or found
        return self._event(found, doc, None, anchor)

    def _lexicon_pair(
        self,
        candidates: list[Candidate],
        sentence: SpacySpan,
        source_span: SpacySpan,
        target_span: SpacySpan,
        source_actor: ActorMention | None,
        target_actor: ActorMention | None,
        lex: Lexicon,
    ) -> Candidate:
        """The lexicon's answer for a pair: a coded event linking them ("clear"), a trigger on the path
        between them ("path"), or the default statement code ("none"), recorded in ``decided_by``."""
        for candidate in candidates:
            if _overlaps(candidate.source, source_span) and _overlaps(candidate.target, target_span):
                return replace(candidate, source=source_actor, target=target_actor, decided_by="clear")
        source_head, target_head = source_span.root, target_span.root
        for name, ruled in (
            ("(reported clause)", reported_demand(source_head, target_head, lex)),
            ("(punishment called for)", punishment_sought(source_head, target_head)),
        ):
            if ruled is not None:
                code, note = ruled
                head = target_head.head
                entry = LexiconEntry(name, "verb", None, frozenset(), code, "content", "rule")
                return Candidate(
                    head,
                    entry,
                    code,
                    source_actor,
                    target_actor,
                    [note],
                    0.7,
                    None,
                    "given source",
                    "given target",
                    "path",
                    rule="reported",
                )
        on_path = _path_trigger(source_span.root, target_span.root, lex)
        trigger = on_path or _nearest_trigger(sentence, source_span, target_span, lex)
        if trigger is None:
            head = _lowest_common_ancestor(source_span.root, target_span.root)
            entry_code, confidence, note = "010", 0.15, "no trigger in the lexicon: default statement code"
            return Candidate(
                head,
                _FALLBACK_ENTRY,
                entry_code,
                source_actor,
                target_actor,
                [note],
                confidence,
                None,
                "given source",
                "given target",
                "none",
            )
        token, entry, obj = trigger
        context = clause_context(token, lex, sentence)
        action = action_rule(token, entry.cameo, obj, lex)
        cameo, refined = refine_leaf(
            token, action[0] if action else entry.cameo, lex, obj, (source_span.start_char, source_span.end_char)
        )
        notes = ["pair mode: trigger on the path between the actors", *([action[1]] if action else [])]
        notes += [refined] if refined else []
        rule = action[2] if action else ""
        weighs = token.lemma_.lower() in CONSIDER_LEMMAS and any(
            c.tag_ == "VBG" and c.dep_ in {"xcomp", "dobj", "pcomp"} for c in token.children
        )
        if (context.considered or weighs) and cameo[:2] not in {"02"}:
            notes.append(f"a policy option: 014 instead of {cameo}" if cameo != "014" else "a policy option")
            cameo, rule = "014", "considered"
        elif not context.happened and context.refused and refusal_code(cameo) is not None:
            cameo, rule = refusal_code(cameo) or cameo, "refusal"
            notes.append(f"refusal coded as {cameo} instead of {entry.cameo}")
        elif context.intent or (context.future and cameo[:2] < "14"):
            binding = context.committed or not context.intent  # a hope or a wish is left to the classifier
            rule = "intent" if binding and intent_code(cameo) not in {None, cameo} else ""
            cameo = intent_code(cameo) or cameo
        return Candidate(
            token,
            entry,
            cameo,
            source_actor,
            target_actor,
            notes + context.notes,
            0.6,
            None,
            "given source",
            "given target",
            # A trigger with its object on the actors' path ("imposed blockades") is as clear as a coded event.
            "clear" if on_path is not None and entry.requirement else "path",
            rule=rule,
        )

    # -- building events -------------------------------------------------------------
    def _event(self, candidate: Candidate, doc: Doc, doc_id: str | None, anchor: date | None) -> Event:
        facts = lookup(candidate.cameo)
        trigger = candidate.trigger
        sentence = trigger.sent
        excluded = _actor_token_ids(doc, candidate)
        expression = _temporal_expression(trigger, candidate.date_anchor, excluded)
        when = resolve_expression(expression.text, anchor) if expression is not None else None
        when = when or document_date(anchor)
        day = _day(when.value) if when else None
        if day is not None and day != anchor:  # a known person is coded with the office held on the event's day
            kb = self.kb
            candidate = replace(
                candidate,
                source=person_actor(kb, candidate.source, day, anchor) if candidate.source else None,
                target=person_actor(kb, candidate.target, day, anchor) if candidate.target else None,
            )
        location = _location(trigger, excluded)
        explanation = _explain(candidate, facts.name, expression, location)
        return Event(
            doc_id=doc_id,
            source=candidate.source.actor if candidate.source else None,
            target=candidate.target.actor if candidate.target else None,
            cameo=facts.code,
            cameo_root=facts.root,
            quad_class=facts.quad_class,
            goldstein=facts.goldstein,
            plover=facts.plover,
            plover_mode=facts.plover_mode,
            date=when.value if when else None,
            date_precision=when.precision if when else None,
            location=location,
            trigger=Span(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            confidence=round(candidate.confidence, 2),
            explanation=explanation,
        )


TriggerMatch = tuple["Token", LexiconEntry, "Token | None"]
#: Stands in for a lexicon entry when pair mode finds no trigger at all.
_FALLBACK_ENTRY = LexiconEntry("(no trigger)", "verb", None, frozenset(), "010", "direct", "default")
#: Stands in for a lexicon entry when the classifier alone finds an event in open mode.
_MODEL_ENTRY = LexiconEntry("(classifier)", "verb", None, frozenset(), "010", "direct", "model")


def _toll_of(candidate: Candidate, candidates: list[Candidate]) -> bool:
    """A participle telling the toll of its clause's attack ("bombarded a government-held part of
    Aleppo, killing at least eight people"): the same attack, told twice, where the toll names no actor."""
    trigger, source = candidate.trigger, candidate.source
    if not is_thing_mention(candidate.target) or source is None:
        return False
    if trigger.dep_ != "advcl" or trigger.tag_ != "VBG":
        return False
    return any(
        other.trigger.i == trigger.head.i
        and other.cameo[:2] in {"18", "19", "20"}
        and other.target is not None
        and other.source is not None
        and other.source.actor.start == source.actor.start
        for other in candidates
    )


def _names_itself(thing: SpacySpan, plover_type: str, lex: Lexicon) -> bool:
    """Whether a thing is the event's own noun ("expressed its support": SUPPORT), not what it acts on
    ("condemned the attack": an ACCUSE of an ASSAULT)."""
    named = lex.match(thing.root)
    return named is not None and cameo_codes()[named[0].cameo].plover == plover_type


def _mention_spans(doc: Doc, source: ActorMention, target: ActorMention) -> tuple[SpacySpan, SpacySpan] | None:
    """The two mentions as spaCy spans (None when an offset falls inside a token and cannot be expanded)."""
    s_span = doc.char_span(source.actor.start, source.actor.end, alignment_mode="expand")
    t_span = doc.char_span(target.actor.start, target.actor.end, alignment_mode="expand")
    return None if s_span is None or t_span is None else (s_span, t_span)


def _mention_head(doc: Doc, mention: ActorMention) -> Token | None:
    span = doc.char_span(mention.actor.start, mention.actor.end, alignment_mode="expand")
    return span.root if span is not None else None


def _holder(doc: Doc, mention: ActorMention) -> bool:
    """A mention naming who holds a place ("military-ruled Myanmar", "the rebel-held region"): a target
    only of force used on the place."""
    head = _mention_head(doc, mention)
    return head is not None and head.head.lower_ in HOLDER_WORDS and head.head.dep_ == "amod" and head.i < head.head.i


def _placed(doc: Doc, mention: ActorMention) -> bool:
    """A mention used as a place ("in eastern Ukraine", "over Gaza"), not as an actor."""
    head = _mention_head(doc, mention)
    return head is not None and head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS | {"over", "across", "into"}


def _agentive(doc: Doc, mention: ActorMention) -> bool:
    """A mention that can act: a subject, a passive's agent, a possessor or a modifier of a subject."""
    head = _mention_head(doc, mention)
    if head is None:
        return False
    if head.dep_ in {"nsubj", "poss"} or (head.dep_ == "pobj" and head.head.lower_ == "by"):
        return True
    return head.dep_ in {"compound", "amod", "conj", "appos"} and head.head.dep_ in {"nsubj", "poss"}


def _weak_pair(doc: Doc, source: ActorMention, target: ActorMention) -> bool:
    """Two mentions the actor-pair pass does not pair, whatever the classifier says."""
    a, b = source.actor, target.actor
    if source is target or (a.code and a.code == b.code):
        return True
    if a.start < b.end and b.start < a.end:
        return True  # "French and German troops": one phrase, two sides acting together
    first, second = sorted((a, b), key=lambda actor: actor.start)
    if doc_text(doc)[first.end : second.start].strip(" ,") == "":
        return True  # "the militant group al-Shabab", "Russia, China": one side named twice, or a list
    if a.country is None and b.country is None:
        return True  # two countryless words ("the court", "police") are too weak a pair
    if b.code is None:
        return True  # a name the knowledge base does not know ("Boeing 777") is a weak target
    # "Kigali ... Rwanda": one side named twice
    return a.country is not None and a.country == b.country and (a.sector is None or b.sector is None)


def _not_between(
    source_head: Token,
    target_head: Token,
    path: list[Token],
    source: ActorMention,
    target: ActorMention,
    actors: DocumentActors,
    lex: Lexicon,
) -> bool:
    """Whether the words linking two mentions show that no event is between them."""
    ends = {source_head.i, target_head.i}
    inner = [t for t in path if t.i not in ends]
    if (
        any(t.dep_ == "prep" for t in inner)
        and all(t.pos_ not in {"VERB", "AUX"} for t in inner)
        and (source_head in target_head.subtree or target_head in source_head.subtree)
    ):
        return True  # "the presidents of Iraq and Egypt": one noun phrase, not two sides
    if any(_someone_elses(t, source, target, actors) for t in path):
        return True  # "asked Obama to help Iran": helping Iran is Obama's, not the asker's
    if any(_grounds(t) for t in path):
        return True  # "civilians imprisoned for acting against Moscow": the grounds of a punishment
    if any(t.lemma_.lower() == "fail" and any(c.dep_ == "xcomp" for c in t.children) for t in path):
        return True  # "Kenya failed to deliver aid to Somalia": nothing was delivered
    # "wants Greece to lift the sanctions": nothing was lifted
    return any(t.pos_ == "VERB" and clause_context(t, lex, t.sent).wanted for t in path)


def _grounds(verb: Token) -> bool:
    """A deed named as the grounds of a punishment ("imprisoned for acting against Moscow"): told as
    the reason given for it, not as an event of the sentence."""
    return (
        verb.dep_ == "pcomp"
        and verb.head.lower_ == "for"
        and verb.head.head.pos_ == "VERB"
        and verb.head.head.lemma_.lower() in PUNITIVE_LEMMAS
    )


def _someone_elses(verb: Token, source: ActorMention, target: ActorMention, actors: DocumentActors) -> bool:
    """Whether ``verb`` is a clause done by a third actor ("asked Obama to help Iran": Obama helps;
    "jailed a student for helping militants": the student helped)."""
    if verb.pos_ != "VERB":
        return False

    def mentions(head: Token, deps: set[str]) -> list[ActorMention]:
        return [m for c in head.children if c.dep_ in deps for m in [actors.get(c)] if m is not None]

    if verb.dep_ == "pcomp" and verb.head.lower_ == "for" and verb.head.head.pos_ == "VERB":
        doers = mentions(verb.head.head, {"dobj", "nsubjpass"})  # who is punished did it
    elif (
        verb.dep_ in {"xcomp", "advcl"}
        and any(c.dep_ == "nsubjpass" for c in verb.head.children)
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    ):
        # "Obama is being pressured by Congress to help Iran": Obama is to help
        doers = mentions(verb.head, {"nsubjpass"})
    elif verb.dep_ == "xcomp":
        doers, _ = clause_subject(verb, actors)
    else:
        return False
    sides = {source.actor.start, target.actor.start}
    return bool(doers) and all(d.actor.start not in sides for d in doers)


def _usable(mentions: Sequence[ActorMention | None]) -> list[ActorMention]:
    """Mentions that can be an event's actor (resolved, and not a news outlet)."""
    return [m for m in mentions if m is not None and not m.outlet]


@cache
def _load_model(path: str) -> PairModel:
    return PairModel.load(Path(path))


def _day(value: str) -> date | None:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    from .people import parse_bound

    try:
        return parse_bound(value, end=False)
    except ValueError:
        return None


def _char_span(doc: Doc, offsets: tuple[int, int], role: str) -> SpacySpan:
    start, end = offsets
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        raise ValueError(f"the {role} offsets {start}-{end} do not cover any word of the text")
    return span


def _overlaps(mention: ActorMention | None, span: SpacySpan) -> bool:
    if mention is None:
        return False
    actor = mention.actor
    return actor.start < span.end_char and span.start_char < actor.end


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _lowest_common_ancestor(a: Token, b: Token) -> Token:
    seen = {t.i for t in _ancestors(b)}
    return next((t for t in _ancestors(a) if t.i in seen), a.sent.root)


def _path(a: Token, b: Token) -> list[Token]:
    """The tokens of the dependency path between two tokens, both ends included."""
    top = _lowest_common_ancestor(a, b)
    path: list[Token] = []
    for start in (a, b):
        for token in _ancestors(start):
            path.append(token)
            if token.i == top.i:
                break
    return path


def _path_trigger(a: Token, b: Token, lex: Lexicon) -> TriggerMatch | None:
    """The trigger nearest the top of the dependency path between two tokens."""
    path = _path(a, b)
    path.sort(key=lambda t: len(_ancestors(t)))
    speech = None
    for token in path:
        found = lex.match(token)
        if found is None:
            continue
        entry = found[0]
        if entry.frame == "intent":
            continue
        if entry.frame == "speech" or token.lemma_.lower() in SPEECH_LEMMAS:
            speech = speech or (token, found[0], found[1])
            continue
        return (token, found[0], found[1])
    return speech


def _nearest_trigger(sentence: SpacySpan, a: SpacySpan, b: SpacySpan, lex: Lexicon) -> TriggerMatch | None:
    middle = (a.root.i + b.root.i) / 2
    best = None
    for token in sentence:
        found = lex.match(token)
        if found is None or found[0].frame == "intent":
            continue
        distance = abs(token.i - middle)
        if best is None or distance < best[0]:
            best = (distance, (token, found[0], found[1]))
    return best[1] if best else None


def _actor_token_ids(doc: Doc, candidate: Candidate) -> set[int]:
    ids: set[int] = set()
    for mention in (candidate.source, candidate.target):
        if mention is not None:
            span = doc.char_span(mention.actor.start, mention.actor.end, alignment_mode="expand")
            if span is not None:
                ids.update(range(span.start, span.end))
    return ids


def _clause_tokens(start: Token, limit: int = 3, *, through_acl: bool = False) -> Iterator[Token]:
    """Tokens reachable from ``start`` without entering another clause, nearest first."""
    frontier = [start]
    for _ in range(limit):
        following = []
        for token in frontier:
            for child in token.children:
                if child.dep_ in CLAUSE_DEPS and not (through_acl and child.dep_ == "acl"):
                    continue
                yield child
                following.append(child)
        frontier = following


def _anchors(trigger: Token, extra: Token | None) -> list[Token]:
    anchors = [trigger]
    token = trigger
    # Climb from a noun to its verb and up intent/transparent chains ("tried to arrange a meeting").
    for _ in range(4):
        if token.dep_ in {"dobj", "nsubjpass", "nsubj", "xcomp", "pobj", "prep"} and token.head.i != token.i:
            token = token.head
            anchors.append(token)
        else:
            break
    if extra is not None:
        anchors.append(extra)
    return anchors


def _temporal_expression(trigger: Token, extra: Token | None, excluded: set[int]) -> SpacySpan | None:
    for anchor in _anchors(trigger, extra):
        # "a statement released on Thursday": a date inside a reduced relative still dates the statement.
        is_extra = extra is not None and anchor.i == extra.i
        for token in _clause_tokens(anchor, 5 if is_extra else 3, through_acl=is_extra):
            if token.ent_type_ in {"DATE", "TIME"} and token.i not in excluded:
                entity = _entity(token)
                if entity is not None and entity.label_ == "DATE":
                    return entity
    return None


def _entity(token: Token) -> SpacySpan | None:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _location(trigger: Token, excluded: set[int]) -> Location | None:
    for anchor in _anchors(trigger, None):
        for token in _clause_tokens(anchor, limit=6):
            if token.dep_ != "pobj" or token.head.lower_ not in PLACE_PREPS or token.i in excluded:
                continue
            if token.ent_type_ not in {"GPE", "LOC", "FAC"} and not (token.pos_ == "PROPN" and not token.ent_type_):
                continue
            entity = _entity(token) or token.doc[token.i : token.i + 1]
            place = geocode(entity.text)
            if place is None:
                continue
            return Location(
                name=place.name,
                country=place.country,
                lat=place.lat,
                lon=place.lon,
                start=entity.start_char,
                end=entity.end_char,
            )
    return None


def _describe_actor(mention: ActorMention | None, role: str) -> str:
    if mention is None:
        return "none"
    actor: Actor = mention.actor
    detail = f" via {mention.how}" if mention.how else ""
    return f"{role} '{actor.text}' -> {actor.code or '?'}{detail}"


def code_of_type(classifier: PairModel, features: list[str], plover_type: str) -> tuple[str, Prediction]:
    """The classifier's most probable CAMEO code of a PLOVER type (of a statement for "no type"), with
    the CAMEO head's prediction; its best code when none of its top codes has that type."""
    codes = cameo_codes()
    cameo = classifier.predict(features, "cameo", top=25, exclude={NO_EVENT})
    fallback = "010" if plover_type == NO_TYPE else cameo.label
    return next((c for c in cameo.labels if (codes[c].plover or NO_TYPE) == plover_type), fallback), cameo


def decide_pair(
    found: Candidate, classifier: PairModel, features: list[str], *, open_mode: bool = False
) -> Candidate | None:
    """Combine the lexicon's answer for a pair with the classifier's.

    The lexicon decides when it found an event linking the two actors and the classifier does not
    say otherwise with probability >= MODEL_OVERRULES (never when a parse rule fixed the code: the
    corpus the classifier learnt from marks refusals as no event); otherwise the classifier's PLOVER type decides,
    with the lexicon's code when it has that type, else the classifier's most probable CAMEO code of
    that type. In open mode the classifier may also find that no event links the two actors
    (probability >= NO_EVENT_DROPS): the candidate is then dropped (None). The confidence is the
    classifier's calibrated probability of the final type (in open mode, before taking out "no event").
    """
    codes = cameo_codes()
    full = classifier.predict(features, "plover", top=20)
    if open_mode and full.label == NO_EVENT and full.score >= NO_EVENT_DROPS:
        return None
    plover = full.without(NO_EVENT, top=6)
    lexicon_type = codes[found.cameo].plover or NO_TYPE
    raw = dict(zip(full.labels, full.scores, strict=True))
    probability = raw if open_mode else dict(zip(plover.labels, plover.scores, strict=True))
    ruled = found.decided_by in {"clear", "path"} and found.rule != ""  # a parse rule fixed it: the model comments
    if ruled or (
        found.decided_by == "clear" and not (plover.score >= MODEL_OVERRULES and plover.label != lexicon_type)
    ):
        note = f"model agrees ({plover.describe()})" if plover.label == lexicon_type else f"model: {plover.describe()}"
        if open_mode and NO_EVENT in raw:
            note += f"; no event {raw[NO_EVENT]:.2f}"
        confidence = found.confidence if ruled else max(probability.get(lexicon_type, 0.02), 0.02)
        return replace(found, notes=[*found.notes, note], confidence=confidence, decided_by="lexicon")
    chosen = plover.label
    best, cameo = code_of_type(classifier, features, chosen)  # only when the classifier decides
    code = found.cameo if lexicon_type == chosen and found.decided_by == "path" else best
    lexicon_said = f"lexicon said {found.cameo} via {found.entry.describe()}" if found.decided_by != "none" else ""
    note = f"model: PLOVER {plover.describe(4)}; CAMEO {cameo.describe(3)}" + (
        f"; {lexicon_said}" if lexicon_said else ""
    )
    confidence = probability.get(chosen, plover.score)
    return replace(found, cameo=code, notes=[note], confidence=confidence, decided_by="model")


def _explain(candidate: Candidate, name: str, expression: SpacySpan | None, location: Location | None) -> str:
    decided = f"model -> {candidate.cameo} {name}" if candidate.decided_by == "model" else ""
    parts = [
        decided or f"lexicon {candidate.entry.describe()} -> {candidate.cameo} {name}",
        f"source: {_describe_actor(candidate.source, candidate.source_role)}",
        f"target: {_describe_actor(candidate.target, candidate.target_role)}",
    ]
    parts.extend(candidate.notes)
    if expression is not None:
        parts.append(f"date from '{expression.text}'")
    if location is not None:
        parts.append(f"place '{location.name}'")
    return "; ".join(parts)
