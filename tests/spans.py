"""Helpers shared by tests that give `code_pair` character spans."""


def span(text: str, part: str) -> tuple[int, int]:
    """The character span of the first occurrence of ``part`` in ``text``."""
    start = text.index(part)
    return start, start + len(part)


def dyads(events: list) -> set[tuple[str | None, str | None, str]]:
    """(source code, target code or None, CAMEO code) of each coded event, for comparing with a set."""
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}
