"""Shared fixtures: the real English pipeline (marked tests) and the path to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared folder beside the project is needed for this test")
    return path


@pytest.fixture(scope="session")
def coder():
    from polevent import Coder

    return Coder()
