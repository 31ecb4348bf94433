#!/usr/bin/env python3
"""Build a set of pages from several sites, saved without naming their site.

Usage:
  make_site_set.py --corpus CORPUS.jsonl --out DIR [--sites N] [--pages P]
                   [--stories S] [--rate R] [--seed N]
  make_site_set.py --self-test

CORPUS is the performance corpus (../shared/bench/make_corpus.sh), read for
its Brown corpus records as make_spun_set.py reads them. DIR gets, in the
format of ../shared/eval:

  - N sites (default 6), each with a header (a masthead and 25 words of
    its own) and a footer (70 words of its own and a copyright line),
    both drawn from Brown text outside the press reportage files, so that
    no two sites share furniture;
  - P pages on each site (default 10): header, an article of its own
    (170 words of feature text), footer;
  - S wire stories (default 8, the first 150 words of press reportage
    files ca01...): each is carried by 3 pages of 3 different sites, in
    the middle of the page's own article (40 words before, 40 after),
    each word reworded with probability R (default 0.05) as
    make_spun_set.py rewords.

No record has a source, url or date: nothing but the text tells the sites'
pages apart, as with pages saved into one folder. Gold pairs: the pages
carrying one story, with each other (label 1). Every other pair shares at
most its site's header and footer, which is furniture, not reuse.

The output is a function of the corpus and the arguments alone. Only the
Python 3 standard library is used.
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_spun_set import Spinner, run_set_script  # noqa: E402

CARRIERS = 3


def build(paras, sites, pages, stories, rate, seed):
    """(docs, gold_pairs) as lists of dicts."""
    rnd = random.Random(seed)
    press = sorted(n for n in paras if n.startswith("ca"))
    others = sorted(n for n in paras if not n.startswith("ca"))
    if len(press) < stories or not others:
        raise ValueError(f"the corpus lacks {stories} Brown press files or "
                         "any other Brown file")
    if sites < CARRIERS:
        raise ValueError(f"needs at least {CARRIERS} sites")
    # A stream of words from the other files, each used once.
    pool = [w for name in others for p in paras[name] for w in p.split()]
    at = [0]

    def words(n):
        if at[0] + n > len(pool):
            raise ValueError("the corpus has too little Brown text")
        out = pool[at[0]:at[0] + n]
        at[0] += n
        return " ".join(out)

    vocab = pool[-5000:]
    spin = Spinner(rate, vocab, rnd)
    frames = [(f"SITE {s} DAILY | " + words(25) + "\n", "\n" + words(70) +
               f" Copyright Site {s} Media, all rights reserved.")
              for s in range(sites)]
    wire = [" ".join(" ".join(paras[press[i]]).split()[:150])
            for i in range(stories)]
    # Story i goes to the first free page of sites 3i, 3i + 1 and 3i + 2
    # (modulo the number of sites): three different sites.
    carried = {}
    next_page = [0] * sites
    for i in range(stories):
        for c in range(CARRIERS):
            site = (i * CARRIERS + c) % sites
            if next_page[site] == pages:
                raise ValueError("too many stories for the sites' pages")
            carried[(site, next_page[site])] = i
            next_page[site] += 1
    docs = []
    carriers = [[] for _ in range(stories)]
    for s in range(sites):
        header, footer = frames[s]
        for p in range(pages):
            if (s, p) in carried:
                i = carried[(s, p)]
                body = words(40) + " " + spin(wire[i]) + " " + words(40)
                carriers[i].append(f"site{s}/page{p}")
            else:
                body = words(170)
            docs.append({"id": f"site{s}/page{p}", "text": header + body + footer})
    pairs = [{"a": ids[x], "b": ids[y], "label": 1}
             for ids in carriers
             for x in range(len(ids)) for y in range(x + 1, len(ids))]
    return docs, pairs


def self_test():
    paras = {f"ca{i:02d}": [f"Story {i} paragraph {p} says the mayor met the "
                            "council again today ." for p in range(20)]
             for i in range(1, 9)}
    for i in range(1, 40):
        paras[f"cb{i:02d}"] = [" ".join(f"w{i}x{p}x{k}" for k in range(60))
                               for p in range(9)]
    docs, pairs = build(paras, 6, 10, 8, 0.0, 1)
    assert len(docs) == 60 and len(pairs) == 8 * 3, (len(docs), len(pairs))
    by_id = {d["id"]: d["text"] for d in docs}
    for g in pairs:
        assert g["a"].split("/")[0] != g["b"].split("/")[0], g  # other sites
    story_pages = {g[k] for g in pairs for k in ("a", "b")}
    assert len(story_pages) == 24
    assert all(("Story" in t) == (i in story_pages) for i, t in by_id.items())
    # Pages of one site share the header's and footer's words, and no
    # other words; pages of two sites share none but the wire story's.
    def own(i):
        return set(by_id[i].split())
    assert own("site0/page5") & own("site1/page5") <= {"SITE", "DAILY", "|",
                                                       "Copyright", "Site",
                                                       "Media,", "all", "rights",
                                                       "reserved."}
    assert build(paras, 6, 10, 8, 0.05, 1) == build(paras, 6, 10, 8, 0.05, 1)
    print("make_site_set.py self-test: ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus")
    ap.add_argument("--out")
    ap.add_argument("--sites", type=int, default=6)
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--stories", type=int, default=8)
    ap.add_argument("--rate", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()

    def build_files(paras):
        docs, pairs = build(paras, args.sites, args.pages, args.stories,
                            args.rate, args.seed)
        return {"docs": docs, "gold_pairs": pairs}

    return run_set_script("make_site_set.py", ap, args, 0 <= args.rate <= 1,
                          "and --rate in [0, 1]", self_test, build_files)

if __name__ == "__main__":
    sys.exit(main())
