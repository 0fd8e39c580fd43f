"""Throughput of polevent against bare spaCy parsing of the same documents, in one run.

Codes the first N documents of ../shared/corpus/india-police-2002.jsonl and
prints documents/s and tokens/s for `nlp.pipe` alone and for polevent (reading,
repair, parse, actors, events, dates, places), their ratio, and peak memory.

    .venv/bin/python benchmarks/throughput.py [--limit 300] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "india-police-2002.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(
            f"corpus not found: {args.corpus} (the shared folder must sit beside the project)",
            file=sys.stderr,
        )
        return 1

    from polevent import Coder
    from polevent.ingest import read_jsonl_lines
    from polevent.kb import knowledge_base
    from polevent.lexicon import lexicon
    from polevent.places import gazetteer
    from polevent.records import Document

    with open(args.corpus, "rb") as handle:
        lines = [line for _, line in zip(range(args.limit), handle, strict=False)]
    raw_texts = [json.loads(line)["text"] for line in lines]

    coder = Coder(batch_size=args.batch_size)
    nlp = coder.nlp
    knowledge_base(), lexicon(), gazetteer()  # one-off loading is not throughput
    list(nlp.pipe(raw_texts[:8]))  # warm up

    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(raw_texts, batch_size=args.batch_size))
    bare = time.perf_counter() - start

    start = time.perf_counter()
    documents = [item for item in read_jsonl_lines(lines, name=args.corpus.name) if isinstance(item, Document)]
    events = sum(len(found) for _, found in coder.code_many(documents))
    full = time.perf_counter() - start

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(raw_texts)
    print(f"documents: {n} ({len(documents)} readable), tokens: {tokens}, events coded: {events}")
    print(f"bare spaCy nlp.pipe : {n / bare:8.2f} docs/s {tokens / bare:10.0f} tokens/s ({bare:.1f} s)")
    print(f"polevent            : {n / full:8.2f} docs/s {tokens / full:10.0f} tokens/s ({full:.1f} s)")
    print(f"ratio polevent / bare spaCy: {bare / full:.3f}")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
