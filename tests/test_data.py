"""The bundled data: ontology tables, lexicon, knowledge base, manifest."""

import hashlib
import re
from importlib import resources

from polevent.kb import knowledge_base
from polevent.lexicon import lexicon
from polevent.ontology import actor_roles, cameo_codes, plover_types


def test_cameo_table_is_complete_and_consistent():
    codes = cameo_codes()
    assert len(codes) == 312
    assert sorted(c for c in codes if len(c) == 2) == [f"{n:02d}" for n in range(1, 21)]
    plover = plover_types()
    for code, entry in codes.items():
        assert -10 <= entry.goldstein <= 10, code
        assert entry.quad_class in {1, 2, 3, 4}, code
        assert entry.root == code[:2]
        assert entry.parent is None or code.startswith(entry.parent)
        # PLOVER does not code plain statements (CAMEO 01); everything else maps to a PLOVER type.
        if entry.root != "01":
            assert entry.plover in plover, code


def test_lexicon_covers_every_cameo_root_with_valid_codes():
    entries = [e for group in lexicon().entries.values() for e in group]
    assert len(entries) >= 500
    codes = cameo_codes()
    assert all(e.cameo in codes for e in entries)
    assert {e.cameo[:2] for e in entries} == {f"{n:02d}" for n in range(1, 21)}


def test_knowledge_base_has_every_iso_country_and_valid_sectors():
    import pycountry

    kb = knowledge_base()
    assert {c.alpha_3 for c in pycountry.countries} <= set(kb.country_names)
    assert kb.phrases[("u.s.",)].country == "USA"
    assert kb.cased[("US",)].country == "USA"
    assert kb.phrases[("beijing",)].sector == "GOV"
    assert kb.phrases[("chinese",)].country == "CHN"
    roles = actor_roles()
    assert all(sector in roles for sector, _ in kb.sectors.values())
    assert kb.sectors[("defense", "ministry")][0] == "MIL"


def test_manifest_matches_the_data_files():
    data = resources.files("polevent").joinpath("data")
    manifest = data.joinpath("MANIFEST.sha256").read_text(encoding="utf-8")
    listed = dict(reversed(line.split("  ", 1)) for line in manifest.splitlines() if line.strip())
    for path, digest in listed.items():
        content = data.joinpath(*path.split("/")).read_bytes()
        assert hashlib.sha256(content).hexdigest() == digest, f"{path} changed: run `make manifest`"
    on_disk = {
        p.relative_to(str(data)).as_posix() if hasattr(p, "relative_to") else p
        for p in __import__("pathlib").Path(str(data)).rglob("*")
        if p.is_file() and p.name != "MANIFEST.sha256" and "__pycache__" not in p.parts
    }
    assert on_disk == set(listed), "data files and manifest differ: run `make manifest`"


def test_every_data_folder_has_a_readme():
    from pathlib import Path

    data = Path(str(resources.files("polevent").joinpath("data")))
    for folder in (p for p in data.iterdir() if p.is_dir() and p.name != "__pycache__"):
        readme = folder / "README.md"
        assert readme.exists(), f"{folder.name} has no README.md"
        assert re.search(r"(?i)licen[cs]e", readme.read_text()), f"{folder.name}/README.md names no licence"
