"""Throughput of pair coding (``Coder.code_pairs``, lexicon + classifier) against bare spaCy parsing of the
same sentences, in one run.

Sentences come from ../shared/corpus/india-police-2002.jsonl: the corpus is parsed once (not timed) to
find sentences with at least two named entities; the first two are the source and the target. Then
``nlp.pipe`` over those sentences and ``code_pairs`` over the same sentences and pairs are timed.

    .venv/bin/python benchmarks/pairs.py [--sentences 1000] [--batch-size 64] [--repeats 3]

Each is timed --repeats times, alternating, and the medians are compared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "india-police-2002.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each, alternating (median kept)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (the shared folder must sit beside the project)", file=sys.stderr)
        return 1

    from polevent import Coder
    from polevent.ingest import repair_text

    coder = Coder(batch_size=args.batch_size)
    nlp = coder.nlp
    items: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    with open(args.corpus, encoding="utf-8") as handle:
        texts = (repair_text(json.loads(line)["text"]) for line in handle)
        for doc in nlp.pipe(texts, batch_size=16):
            for sentence in doc.sents:
                ents = [e for e in sentence.ents if e.label_ in {"PERSON", "ORG", "GPE", "NORP"}]
                if len(ents) >= 2 and len(sentence) <= 80:
                    base = sentence.start_char
                    items.append(
                        (
                            sentence.text,
                            (ents[0].start_char - base, ents[0].end_char - base),
                            (ents[1].start_char - base, ents[1].end_char - base),
                        )
                    )
            if len(items) >= args.sentences:
                break
    items = items[: args.sentences]
    sentences = [text for text, _, _ in items]
    classifier = coder.classifier  # loaded before timing, as in a long run
    list(coder.code_pairs(items[:16]))  # warm up

    # Alternate the two runs and keep each one's median, so that a busy moment of the machine does not
    # land on one side only.
    bare_times, pair_times = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(sentences, batch_size=args.batch_size))
        bare_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        coded = list(coder.code_pairs(items))
        pair_times.append(time.perf_counter() - start)
    bare, paired = statistics.median(bare_times), statistics.median(pair_times)

    decided = sum(e.explanation.startswith("model") for e in coded)
    n = len(items)
    print(f"sentences: {n}, tokens: {tokens}, classifier: {'on' if classifier else 'off'}; model decided {decided}")
    print(f"bare spaCy nlp.pipe : {n / bare:8.1f} sentences/s ({bare:.1f} s)")
    print(f"polevent code_pairs : {n / paired:8.1f} sentences/s ({paired:.1f} s)")
    print(f"ratio code_pairs / bare spaCy: {bare / paired:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
