"""polevent: an offline political event coder (news text in, CAMEO + PLOVER events out)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version

from .coder import Coder, Outcome
from .errors import DataError, GoldFormatError, InputError, ModelError, PoleventError
from .records import Actor, Document, Event, Location, Problem, Span

try:
    __version__ = version("polevent")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

__all__ = [
    "Actor",
    "Coder",
    "DataError",
    "Document",
    "Event",
    "GoldFormatError",
    "InputError",
    "Location",
    "ModelError",
    "Outcome",
    "PoleventError",
    "Problem",
    "Span",
    "__version__",
    "code",
    "default_coder",
]


@cache
def default_coder() -> Coder:
    """The shared Coder behind :func:`code`."""
    return Coder()


def code(text: str, *, date: str | None = None) -> list[Event]:
    """Code one text with the shared default Coder."""
    return default_coder().code(text, date=date)
