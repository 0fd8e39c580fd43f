import io
import json

import pytest

from polevent.ingest import MAX_DOCUMENT_CHARS, read_inputs, repair_text
from polevent.records import Document, Problem


def _read(*paths, stdin=None):
    return list(read_inputs([str(p) for p in paths], stdin=stdin))


def test_repair_fixes_mojibake_controls_and_drops_page_furniture():
    text = "Beijingâ€™s rejection\x07 stands.\n\nMost Commented\nSome other headline"
    assert repair_text(text) == "Beijing's rejection stands."


def test_bad_inputs_become_problems_naming_the_document_and_the_run_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9 talks in Montr\u00e9al".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("a" * (MAX_DOCUMENT_CHARS + 10))
    (tmp_path / "good.txt").write_text("India and Pakistan held talks on Monday.")
    lines = [
        json.dumps({"id": "ok-1", "text": "Russia accused Ukraine.", "date": "2024-05-01"}),
        '{"id": "broken", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "ok-2", "text": "China criticized Japan."}),
    ]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines) + "\n")
    items = _read(tmp_path)
    problems = {p.location or p.doc_id: p for p in items if isinstance(p, Problem)}
    documents = [d for d in items if isinstance(d, Document)]
    assert sorted(d.id for d in documents) == ["good", "ok-1", "ok-2"]
    assert len(items) == 3 + 7  # every input accounted for
    messages = {key.rsplit("/", 1)[-1]: p.message for key, p in problems.items()}
    assert "empty" in messages["empty.txt"]
    assert "binary" in messages["binary.txt"]
    assert "UTF-8" in messages["latin1.txt"]
    assert "over the limit" in messages["huge.txt"]
    assert "malformed JSON" in messages["docs.jsonl:2"]
    assert "JSON object" in messages["docs.jsonl:3"]
    assert "'text'" in messages["docs.jsonl:4"]
    assert problems[str(tmp_path / "docs.jsonl") + ":4"].doc_id == "no-text"


def test_a_twenty_megabyte_single_line_is_refused_with_its_line_number(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x " * 10_000_000}) + "\n")
    [problem] = _read(path)
    assert isinstance(problem, Problem)
    assert problem.doc_id == "big" and problem.location.endswith("big.jsonl:1")


def test_html_goes_through_the_boilerplate_remover(tmp_path):
    body = "<p>" + " ".join(["The Indian government criticized Pakistan on Monday over the attack."] * 5) + "</p>"
    html = (
        f"<html><head><title>t</title></head><body><nav>Home | Sports | Login</nav><article>{body}</article>"
        "<footer>Copyright Newspaper</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html)
    [document] = _read(tmp_path / "page.html")
    assert isinstance(document, Document)
    assert "criticized Pakistan" in document.text and "Login" not in document.text


def test_broken_html_without_text_is_a_problem(tmp_path):
    (tmp_path / "broken.html").write_text("<html><body><div><script>var x = 1;</script>")
    [problem] = _read(tmp_path / "broken.html")
    assert isinstance(problem, Problem) and "HTML" in problem.message


@pytest.mark.parametrize("payload", [b"Plain text from a pipe.", b'{"id": "s1", "text": "From JSONL."}\n'])
def test_stdin_takes_text_or_jsonl(payload):
    [document] = list(read_inputs(["-"], stdin=io.BytesIO(payload)))
    assert isinstance(document, Document)
    assert document.text in {"Plain text from a pipe.", "From JSONL."}


def test_a_missing_path_is_reported():
    [problem] = list(read_inputs(["does/not/exist.txt"]))
    assert isinstance(problem, Problem) and "no such file" in problem.message
