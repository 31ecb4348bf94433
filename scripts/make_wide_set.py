#!/usr/bin/env python3
"""Build a set where one story is carried by more documents than the cap.

Usage:
  make_wide_set.py --corpus CORPUS.jsonl --out DIR [--copies N] [--rate R]
  make_wide_set.py --self-test

CORPUS is the performance corpus (../shared/bench/make_corpus.sh), read for
its Brown corpus records as make_spun_set.py reads them. DIR gets, in the
format of ../shared/eval:

  - one wire story: the first 12 paragraphs of Brown file ca01 (outlet
    "wire", dated first);
  - N copies of it (default 120), each from an outlet of its own: an intro
    of the outlet's own (a paragraph of a Brown file outside the press
    reportage files; some run to hundreds of words), then the story with
    each word reworded with probability R (default 0.05), as
    make_spun_set.py rewords;
  - 300 unrelated articles (four paragraphs of those files each), spread
    over the same outlets.

With the defaults the collection holds 421 documents, so reprint's adaptive
document-frequency cap is its floor of 50, and the story is in well over
50 of them. Gold pairs: the wire story with each copy (label 1), the
question a newsroom asks ("who carries the wire story?"); the copies share
the story with each other too, and those pairs go to unknown_pairs.jsonl,
left out of scoring.

The output is a function of the corpus and the arguments alone. Only the
Python 3 standard library is used.
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_spun_set import Spinner, run_set_script  # noqa: E402

OTHERS = 300


def build(paras, copies, rate, seed):
    """(docs, gold_pairs, unknown_pairs) as lists of dicts."""
    rnd = random.Random(seed)
    if "ca01" not in paras or "cb01" not in paras:
        raise ValueError("the corpus lacks the Brown files ca01 and cb01")
    story = " ".join(paras["ca01"][:12])
    others = sorted(n for n in paras if not n.startswith("ca"))
    if not others:
        raise ValueError("the corpus has no Brown files besides press reportage")
    vocab = " ".join(paras["cb01"]).split()
    spin = Spinner(rate, vocab, rnd)
    docs = [{"id": "wire/ca01", "text": story, "source": "wire",
             "date": "2020-01-01"}]
    pairs = []
    for i in range(copies):
        name = others[i % len(others)]
        intro = " ".join(paras[name][(i // len(others)) % 3:][:1])
        copy_id = f"outlet{i}/ca01"
        docs.append({"id": copy_id, "text": intro + "\n\n" + spin(story),
                     "source": f"outlet{i}", "date": "2020-01-02"})
        pairs.append({"a": "wire/ca01", "b": copy_id, "label": 1})
    unknown = [{"a": f"outlet{x}/ca01", "b": f"outlet{y}/ca01"}
               for x in range(copies) for y in range(x + 1, copies)]
    for j in range(OTHERS):
        name = others[(j * 7) % len(others)]
        start = 3 + j % 5
        docs.append({"id": f"own{j}", "text": " ".join(paras[name][start:start + 4]),
                     "source": f"outlet{j % max(1, copies)}", "date": "2020-01-03"})
    return docs, pairs, unknown


def self_test():
    paras = {"ca01": [f"Story paragraph {p} says the mayor met the council ."
                      for p in range(14)]}
    for i in range(1, 30):
        paras[f"cb{i:02d}"] = [f"Feature {i} line {p} about gardens and rain ."
                               for p in range(9)]
    docs, pairs, unknown = build(paras, 60, 0.0, 1)
    assert len(docs) == 1 + 60 + OTHERS, len(docs)
    assert len(pairs) == 60 and len(unknown) == 60 * 59 // 2
    story = docs[0]["text"]
    assert all(d["text"].endswith(story) for d in docs[1:61])  # rate 0: verbatim
    assert all("Story" not in d["text"] for d in docs[61:])
    assert build(paras, 60, 0.05, 1) == build(paras, 60, 0.05, 1)  # deterministic
    print("make_wide_set.py self-test: ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus")
    ap.add_argument("--out")
    ap.add_argument("--copies", type=int, default=120)
    ap.add_argument("--rate", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()

    def build_files(paras):
        docs, pairs, unknown = build(paras, args.copies, args.rate, args.seed)
        return {"docs": docs, "gold_pairs": pairs, "unknown_pairs": unknown}

    return run_set_script("make_wide_set.py", ap, args,
                          args.copies >= 1 and 0 <= args.rate <= 1,
                          "--copies of at least 1 and --rate in [0, 1]",
                          self_test, build_files)

if __name__ == "__main__":
    sys.exit(main())
