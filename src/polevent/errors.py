"""The exceptions polevent raises.

    PoleventError
     ├── InputError          a document or input file cannot be read
     ├── ModelError          the spaCy pipeline cannot be loaded
     ├── DataError           a bundled or user data file is malformed
     └── GoldFormatError     a gold evaluation file is malformed

Messages say what was wrong, where (file, line, document id) and what to do.
"""

from __future__ import annotations


class PoleventError(Exception):
    """Base class of every error polevent raises on purpose."""


class InputError(PoleventError):
    """A document or input file cannot be read."""

    def __init__(self, message: str, *, doc_id: str | None = None, location: str | None = None) -> None:
        self.doc_id = doc_id
        self.location = location
        where = ", ".join(part for part in (location, f"document {doc_id!r}" if doc_id else None) if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class ModelError(PoleventError):
    """The spaCy pipeline cannot be loaded."""


class DataError(PoleventError):
    """A data file (bundled or supplied by the user) is malformed."""


class GoldFormatError(PoleventError):
    """A gold evaluation file does not follow the gold JSONL format."""
