"""The learned pair classifier: what did the source do to the target, from the parse between them.

A multinomial logistic regression over sparse, readable features of the parsed
sentence: the lemmas and dependency labels on the path between the two actors,
the lexicon's candidate codes on that path, the trigger's object and
prepositions, negation and voice, the words between the actors and the
actors' sectors. It is trained by ``polevent train`` on the project's own
corpus (``data/training``) and shipped as plain arrays (``data/model``):
no pickles, numpy only at run time.

Two heads share the features: the CAMEO code (the codes the corpus uses) and
the PLOVER type. Probabilities are calibrated with one temperature per head,
fitted on held-out folds of the training corpus.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Span, Token

    from .lexicon import Lexicon

log = logging.getLogger(__name__)

MODEL_FILE = "pairs.npz"
META_FILE = "pairs.json"
NEGATION = {"not", "n't", "never", "no"}


# -- features --------------------------------------------------------------------------------


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 60:
        chain.append(chain[-1].head)
    return chain


def dependency_path(a: Token, b: Token) -> tuple[list[Token], Token]:
    """Tokens on the dependency path from ``a`` up to the lowest common ancestor and down to ``b``."""
    up = _ancestors(a)
    seen = {t.i: n for n, t in enumerate(up)}
    down: list[Token] = []
    for token in _ancestors(b):
        if token.i in seen:
            top = token
            return up[: seen[token.i] + 1] + list(reversed(down)), top
        down.append(token)
    top = a.sent.root
    return up + list(reversed(down)), top


#: Sectors the classifier sees as another: the United Nations' own role code (UNO) is an IGO's.
FEATURE_SECTORS = {"UNO": "IGO"}


def pair_features(
    source: Span, target: Span | None, lexicon: Lexicon, sectors: tuple[str | None, str | None]
) -> list[str]:
    """Readable string features of the relation between a source span and a target span."""
    features: list[str] = ["bias"]
    sentence = source.root.sent
    s_root = source.root
    inside = {t.i for t in source}
    if target is not None:
        inside.update(t.i for t in target)
        path, top = dependency_path(s_root, target.root)
        features.append("order:" + ("s_first" if source.start < target.start else "t_first"))
        features.append(f"tdep:{target.root.dep_}")
        between = sentence.doc[min(source.end, target.end) : max(source.start, target.start)]
        if len(between) <= 15:
            features.extend(f"btw:{t.lemma_.lower()}" for t in between if not t.is_punct and not t.is_stop)
        else:
            features.append("btw:far")
    else:
        path, top = _ancestors(s_root), sentence.root
        features.append("notarget")
    features.append(f"sdep:{s_root.dep_}")
    features.append(f"top:{top.lemma_.lower()}")
    features.append(f"toppos:{top.pos_}")
    for name, sector in zip(("ssec", "tsec"), sectors, strict=True):
        features.append(f"{name}:{FEATURE_SECTORS.get(sector or '-', sector or '-')}")
    path_words = [t for t in path if t.i not in inside]
    for n, token in enumerate(path_words):
        lemma = token.lemma_.lower()
        features.append(f"path:{lemma}")
        features.append(f"pathdep:{lemma}/{token.dep_}")
        if n == 0:
            features.append(f"first:{lemma}")
        found = lexicon.match(token)
        if found is not None:
            entry, obj = found
            features.append(f"lex:{entry.cameo}")
            features.append(f"lexroot:{entry.cameo[:2]}")
            features.append(f"lexframe:{entry.frame}")
        for child in token.children:
            if child.dep_ == "neg" or child.lower_ in NEGATION:
                features.append("neg")
                features.append(f"neg:{lemma}")
            elif child.dep_ in {"dobj", "attr", "oprd"} and child.i not in inside:
                features.append(f"obj:{lemma}_{child.lemma_.lower()}")
                features.append(f"objw:{child.lemma_.lower()}")
            elif child.dep_ == "prep" and child.i not in inside:
                features.append(f"prep:{lemma}_{child.lower_}")
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i not in inside:
                        features.append(f"pobj:{child.lower_}_{pobj.lemma_.lower()}")
            elif child.dep_ in {"xcomp", "ccomp"} and child.i not in {t.i for t in path}:
                features.append(f"comp:{lemma}_{child.lemma_.lower()}")
            elif child.dep_ in {"aux", "auxpass"} and child.lower_ in {"will", "would", "could", "may", "might"}:
                features.append(f"modal:{child.lower_}")
            elif child.dep_ in {"nsubjpass", "agent"}:
                features.append("passive")
    # Verbs of the sentence outside the path: weaker evidence.
    for token in sentence:
        if token.pos_ == "VERB" and token.i not in inside:
            features.append(f"sv:{token.lemma_.lower()}")
    return features


# -- the model -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prediction:
    """One head's answer: the top labels and their calibrated probabilities, best first."""

    labels: tuple[str, ...]
    scores: tuple[float, ...]

    @property
    def label(self) -> str:
        return self.labels[0]

    @property
    def score(self) -> float:
        return self.scores[0]

    def without(self, label: str, top: int = 6) -> Prediction:
        """The same answer with one class taken out and the rest renormalised (needs that class listed)."""
        kept = [(lab, score) for lab, score in zip(self.labels, self.scores, strict=True) if lab != label]
        total = sum(score for _, score in kept) or 1.0
        return Prediction(tuple(lab for lab, _ in kept[:top]), tuple(score / total for _, score in kept[:top]))

    def describe(self, top: int = 3) -> str:
        return ", ".join(
            f"{label} {score:.2f}" for label, score in zip(self.labels[:top], self.scores[:top], strict=True)
        )


class PairModel:
    """A trained pair classifier (two heads: ``cameo`` and ``plover``)."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        import numpy as np

        self.meta = meta
        self.vocabulary = {name: i for i, name in enumerate(meta["features"])}
        self.heads: dict[str, tuple[np.ndarray, np.ndarray, tuple[str, ...], float]] = {}
        for head in ("cameo", "plover"):
            self.heads[head] = (
                np.ascontiguousarray(arrays[f"{head}_coef"].astype("float32").T),  # features x classes: row gathers
                arrays[f"{head}_intercept"].astype("float32"),
                tuple(meta["heads"][head]["classes"]),
                float(meta["heads"][head]["temperature"]),
            )

    @classmethod
    def load(cls, folder: Path | None = None) -> PairModel:
        import numpy as np

        if folder is None:
            base = resources.files("polevent").joinpath("data", "model")
            model_bytes = base.joinpath(MODEL_FILE).read_bytes()
            meta_text = base.joinpath(META_FILE).read_text(encoding="utf-8")
        else:
            model_bytes = (folder / MODEL_FILE).read_bytes()
            meta_text = (folder / META_FILE).read_text(encoding="utf-8")
        meta = json.loads(meta_text)
        digest = hashlib.sha256(model_bytes).hexdigest()
        if meta.get("model_sha256") != digest:
            raise DataError(f"the model file {MODEL_FILE} does not match its record in {META_FILE}: retrain it")
        import io

        with np.load(io.BytesIO(model_bytes)) as arrays:
            return cls(dict(arrays), meta)

    def predict(
        self, features: Sequence[str], head: str = "cameo", top: int = 5, exclude: Collection[str] = ()
    ) -> Prediction:
        """The ``top`` labels of one head with calibrated probabilities; ``exclude`` takes classes out
        (the others are renormalised), e.g. the no-event class when an event is known to exist."""
        import numpy as np

        weights, intercept, classes, temperature = self.heads[head]
        indices = [self.vocabulary[f] for f in set(features) if f in self.vocabulary]
        logits = intercept + (weights[indices].sum(axis=0) if indices else 0.0)
        logits = logits / temperature
        if exclude:
            logits = np.where([c in exclude for c in classes], -np.inf, logits)
        logits = logits - logits.max()
        probs = np.exp(logits)
        probs /= probs.sum()
        order = np.argsort(-probs)[:top]
        return Prediction(tuple(classes[i] for i in order), tuple(float(probs[i]) for i in order))


@cache
def shipped_model() -> PairModel | None:
    """The model bundled with polevent, or None when none is shipped (the lexicon then works alone)."""
    base = resources.files("polevent").joinpath("data", "model")
    if not base.joinpath(MODEL_FILE).is_file():
        log.warning("no trained pair model is bundled: the coder uses the lexicon alone")
        return None
    return PairModel.load()


# -- training ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled pair of the training corpus."""

    id: str
    text: str
    source: tuple[int, int]
    target: tuple[int, int] | None
    cameo: str


def training_files(folder: Path | None = None) -> list[Path]:
    if folder is not None:
        return sorted(folder.glob("*.jsonl"))
    base = resources.files("polevent").joinpath("data", "training")
    return sorted(Path(str(base.joinpath(f.name))) for f in base.iterdir() if f.name.endswith(".jsonl"))


def corpus_records(files: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """Every record (one JSON object a line) of the corpus files, in file order."""
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def read_examples(files: Iterable[Path]) -> Iterator[Example]:
    """Labelled pairs of the corpus files (events whose source and target are found in the text)."""
    for record in corpus_records(files):
        text = record["text"]
        for n, event in enumerate(record.get("events", [])):
            source, target = event.get("source"), event.get("target")
            if not source or source not in text:
                continue
            s = text.index(source)
            t = None
            if target:
                if target not in text:
                    continue
                t0 = text.find(target, s + len(source)) if target == source else text.index(target)
                if t0 < 0:
                    continue
                t = (t0, t0 + len(target))
            yield Example(f"{record['id']}#{n}", text, (s, s + len(source)), t, event["cameo"])


def corpus_digest(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
