"""Write src/polevent/data/MANIFEST.sha256: the sha256 of every bundled data file.

Run after editing anything under src/polevent/data (`make manifest`); a test
checks that the manifest matches the files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "polevent" / "data"
MANIFEST = DATA / "MANIFEST.sha256"


def data_files() -> list[Path]:
    """Every data file except the manifest itself, in a stable order."""
    return sorted(p for p in DATA.rglob("*") if p.is_file() and p != MANIFEST and "__pycache__" not in p.parts)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    lines = [f"{digest(path)}  {path.relative_to(DATA).as_posix()}" for path in data_files()]
    MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{MANIFEST.relative_to(DATA.parents[2])}: {len(lines)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
