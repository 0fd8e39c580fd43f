"""Helpers shared by tests that give `code_pair` character spans."""


def span(text: str, part: str) -> tuple[int, int]:
    """The character span of the first occurrence of ``part`` in ``text``."""
    start = text.index(part)
    return start, start + len(part)
