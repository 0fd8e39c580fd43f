"""Reading documents: text, HTML and JSONL files, directories and stdin.

Every input either becomes a :class:`Document` with repaired text, or a
:class:`Problem` that names the document (file, line) and what was wrong. Nothing
is dropped silently.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .records import Document, Problem

log = logging.getLogger(__name__)

#: Larger documents are refused: a news article is rarely over 100 KB, and a
#: multi-megabyte "document" is nearly always a concatenation or a binary dump.
MAX_DOCUMENT_CHARS = 2_000_000
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Headings of page furniture that follow an article on news sites. A line that is
# only one of these ends the article text.
FURNITURE = re.compile(
    r"^\s*(most (commented|read|popular|viewed|shared)|related (articles|stories|news)|"
    r"read more|also read|recommended( for you)?|trending( now)?|advertisement|"
    r"share this( article)?|comments?|leave a comment|you may also like|more from .{1,40})\s*:?\s*$",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def repair_text(text: str) -> str:
    """Repair mojibake and odd characters, normalise whitespace, drop page furniture."""
    import ftfy

    text = ftfy.fix_text(text, normalization="NFC")
    text = _CONTROL.sub(" ", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if kept and FURNITURE.match(line):
            break
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def clean_control_characters(text: str) -> str:
    """Replace control characters by spaces without changing any offset."""
    return _CONTROL.sub(" ", text)


def check_text(text: str, *, doc_id: str, location: str | None = None) -> None:
    """Raise InputError when a decoded text cannot be a news document."""
    if not text.strip():
        raise InputError("the document is empty (no text to code)", doc_id=doc_id, location=location)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            f"the document is {len(text):,} characters long, over the limit of {MAX_DOCUMENT_CHARS:,}; "
            "split it into articles",
            doc_id=doc_id,
            location=location,
        )
    sample = text[:4096]
    odd = sum(1 for ch in sample if unicodedata.category(ch) in {"Cc", "Co", "Cs", "Cn"} and ch not in "\n\r\t")
    if "\x00" in sample or odd > max(8, len(sample) // 20):
        raise InputError("the document looks like binary data, not text", doc_id=doc_id, location=location)


def decode_bytes(raw: bytes, *, doc_id: str, location: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM); anything else is a clear error."""
    if b"\x00" in raw[:4096]:
        raise InputError(
            "the file looks like binary data (it holds NUL bytes), not text", doc_id=doc_id, location=location
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8, e.g. with iconv",
            doc_id=doc_id,
            location=location,
        ) from exc


def html_to_text(html: str, *, doc_id: str, location: str | None = None) -> str:
    """Extract the article text from an HTML page with trafilatura's boilerplate remover."""
    import trafilatura

    extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not extracted or not extracted.strip():
        raise InputError("no article text could be found in this HTML page", doc_id=doc_id, location=location)
    return str(extracted)


def make_document(
    text: str,
    *,
    doc_id: str,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
    location: str | None = None,
) -> Document:
    """Check and repair a raw text and wrap it as a Document."""
    check_text(text, doc_id=doc_id, location=location)
    repaired = repair_text(text)
    check_text(repaired, doc_id=doc_id, location=location)
    return Document(id=doc_id, text=repaired, date=date, url=url, source=source)


def _problem(error: InputError, *, doc_id: str, stage: str = "read") -> Problem:
    return Problem(doc_id=error.doc_id or doc_id, stage=stage, message=error.reason, location=error.location)


def read_jsonl_lines(
    lines: Iterable[bytes], *, name: str, default_date: str | None = None
) -> Iterator[Document | Problem]:
    """Documents from JSONL lines of ``{"id", "text", "date", "url"}`` objects."""
    for number, raw in enumerate(lines, start=1):
        location = f"{name}:{number}"
        fallback_id = f"{Path(name).stem}:{number}"
        if not raw.strip():
            continue
        try:
            line = decode_bytes(raw, doc_id=fallback_id, location=location)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", location=location) from exc
            if not isinstance(record, dict):
                raise InputError("each line must be a JSON object with a 'text' field", location=location)
            doc_id = str(record.get("id") or fallback_id)
            text = record.get("text")
            if not isinstance(text, str):
                raise InputError("the 'text' field is missing or not a string", doc_id=doc_id, location=location)
            date = record.get("date") or default_date
            yield make_document(
                text,
                doc_id=doc_id,
                date=str(date)[:10] if date else None,
                url=record.get("url"),
                source=record.get("source"),
                location=location,
            )
        except InputError as error:
            yield _problem(error, doc_id=fallback_id)


def read_file(path: Path, *, default_date: str | None = None) -> Iterator[Document | Problem]:
    """Documents from one file: .txt and .html hold one document, .jsonl one per line."""
    suffix = path.suffix.lower()
    doc_id = path.stem if suffix not in JSONL_SUFFIXES else str(path)
    try:
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as handle:
                yield from read_jsonl_lines(handle, name=str(path), default_date=default_date)
            return
        size = path.stat().st_size
        if size > MAX_DOCUMENT_CHARS * 4:
            raise InputError(
                f"the file is {size / 1e6:.1f} MB, too large for one document",
                doc_id=doc_id,
                location=str(path),
            )
        text = decode_bytes(path.read_bytes(), doc_id=doc_id, location=str(path))
        if suffix in HTML_SUFFIXES:
            check_text(text, doc_id=doc_id, location=str(path))
            text = html_to_text(text, doc_id=doc_id, location=str(path))
        yield make_document(text, doc_id=doc_id, date=default_date, source=str(path), location=str(path))
    except InputError as error:
        yield _problem(error, doc_id=doc_id)
    except OSError as error:
        yield Problem(
            doc_id=doc_id, stage="read", message=f"cannot read the file: {error.strerror}", location=str(path)
        )


def read_stream(
    stream: BinaryIO, *, name: str = "stdin", default_date: str | None = None
) -> Iterator[Document | Problem]:
    """Documents from a byte stream: JSONL when it starts with '{', otherwise one text document."""
    raw = stream.read()
    if raw.lstrip()[:1] == b"{":
        yield from read_jsonl_lines(raw.splitlines(), name=name, default_date=default_date)
        return
    try:
        text = decode_bytes(raw, doc_id=name, location=name)
        yield make_document(text, doc_id=name, date=default_date, location=name)
    except InputError as error:
        yield _problem(error, doc_id=name)


def read_inputs(
    inputs: Iterable[str], *, default_date: str | None = None, stdin: BinaryIO | None = None
) -> Iterator[Document | Problem]:
    """Documents from files, directories (searched recursively) and '-' (stdin)."""
    for item in inputs:
        if item == "-":
            if stdin is None:
                import sys

                stdin = sys.stdin.buffer
            yield from read_stream(stdin, default_date=default_date)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)
            if not files:
                yield Problem(
                    doc_id=str(path),
                    stage="read",
                    message="the directory holds no .txt, .html or .jsonl files",
                    location=str(path),
                )
            for file in files:
                yield from read_file(file, default_date=default_date)
        elif path.is_file():
            yield from read_file(path, default_date=default_date)
        else:
            yield Problem(doc_id=str(path), stage="read", message="no such file or directory", location=str(path))
