#!/usr/bin/env python3
"""Build a set of pages from several sites, saved without naming their site.

Usage:
  make_site_set.py --corpus CORPUS.jsonl --out DIR [--sites N] [--pages P]
                   [--stories S] [--updates U] [--inserts I] [--rate R]
                   [--seed N]
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
    make_spun_set.py rewords;
  - of the first U stories (default 4), one more page on the site of the
    story's first carrier, reworded afresh: an updated version of a story
    at another address of the same site. These two pages of one site carry
    the story whole, right under the header behind a headline of their own
    (8 words), and end it at the footer;
  - each page carrying a story inserts I lines of its own into it (default
    1; "READ MORE:" and a headline of 10 words, or "Photo:" and a caption
    of 16, on a line of their own), after a sentence of the story: the
    page's first, second, third... carrier of the story after its first,
    second, third... sentence, so that no two pages insert at one place.

No record has a source, url or date: nothing but the text tells the sites'
pages apart, as with pages saved into one folder. Gold pairs: the pages
carrying one story, with each other (label 1); gold passages: the story's
bytes in both pages of each, inserted lines included. Every other pair shares at most its site's
header and footer, which is furniture, not reuse; nor are they reuse where
two pages of a site carry one story.

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


def insert_lines(story, place, lines, words):
    """`story` with `lines` lines of new words after sentences place + 1,
    place + 2, ... (or its last sentences, if it has fewer)."""
    tokens = story.split(" ")
    ends = [t + 1 for t, w in enumerate(tokens[:-1]) if w == "."]
    if not ends or lines == 0:
        return story
    cuts = sorted({ends[min(place + n, len(ends) - 1)] for n in range(lines)})
    out, at = [], 0
    for n, cut in enumerate(cuts):
        out.append(" ".join(tokens[at:cut]))
        out.append(("READ MORE: " + words(10)) if (place + n) % 2 == 0
                   else ("Photo: " + words(16)))
        at = cut
    out.append(" ".join(tokens[at:]))
    return "\n".join(out)


def build(paras, sites, pages, stories, rate, seed, updates=0, inserts=0):
    """(docs, gold_pairs, gold_passages) as lists of dicts."""
    rnd = random.Random(seed)
    press = sorted(n for n in paras if n.startswith("ca"))
    others = sorted(n for n in paras if not n.startswith("ca"))
    if len(press) < stories or not others:
        raise ValueError(f"the corpus lacks {stories} Brown press files or "
                         "any other Brown file")
    if sites < CARRIERS:
        raise ValueError(f"needs at least {CARRIERS} sites")
    if updates > stories:
        raise ValueError("more updates than stories")
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
    placements = [(i, (i * CARRIERS + c) % sites)
                  for i in range(stories) for c in range(CARRIERS)]
    placements += [(i, (i * CARRIERS) % sites) for i in range(updates)]
    for i, site in placements:
        if next_page[site] == pages:
            raise ValueError("too many stories for the sites' pages")
        carried[(site, next_page[site])] = i
        next_page[site] += 1
    docs = []
    carriers = [[] for _ in range(stories)]  # (id, story's byte range)
    for s in range(sites):
        header, footer = frames[s]
        for p in range(pages):
            if (s, p) in carried:
                i = carried[(s, p)]
                updated = i < updates and s == (i * CARRIERS) % sites
                before = header + words(8 if updated else 40) + " "
                story = insert_lines(spin(wire[i]), len(carriers[i]),
                                     inserts, words)
                start = len(before.encode("utf-8"))
                carriers[i].append((f"site{s}/page{p}",
                                    start, start + len(story.encode("utf-8"))))
                body = before + story + ("" if updated else " " + words(40))
            else:
                body = header + words(170)
            docs.append({"id": f"site{s}/page{p}", "text": body + footer})
    pairs, passages = [], []
    for ids in carriers:
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                (a, a_start, a_end), (b, b_start, b_end) = ids[x], ids[y]
                pairs.append({"a": a, "b": b, "label": 1})
                passages.append({"a": a, "b": b, "a_start": a_start,
                                 "a_end": a_end, "b_start": b_start,
                                 "b_end": b_end})
    return docs, pairs, passages


def self_test():
    paras = {f"ca{i:02d}": [f"Story {i} paragraph {p} says the mayor met the "
                            "council again today ." for p in range(20)]
             for i in range(1, 9)}
    for i in range(1, 40):
        paras[f"cb{i:02d}"] = [" ".join(f"w{i}x{p}x{k}" for k in range(60))
                               for p in range(9)]
    docs, pairs, passages = build(paras, 6, 10, 8, 0.0, 1, updates=2,
                                  inserts=1)
    # 3 pairs a story, 3 more for each of the 2 stories updated.
    assert len(docs) == 60 and len(pairs) == 8 * 3 + 2 * 3, (len(docs),
                                                            len(pairs))
    by_id = {d["id"]: d["text"] for d in docs}
    site = [(g["a"].split("/")[0], g["b"].split("/")[0]) for g in pairs]
    assert sum(a == b for a, b in site) == 2, site  # the updates' pairs
    story_pages = {g[k] for g in pairs for k in ("a", "b")}
    assert len(story_pages) == 26
    def story(line):  # the story's words, without the inserted line
        return [w for x in line.split(b"\n") if not x.startswith((b"READ",
                                                                 b"Photo"))
                for w in x.split()]
    for g in passages:  # rate 0: the story verbatim in both
        a = by_id[g["a"]].encode("utf-8")[g["a_start"]:g["a_end"]]
        b = by_id[g["b"]].encode("utf-8")[g["b_start"]:g["b_end"]]
        assert story(a) == story(b) and a.startswith(b"Story ") and a != b, g
        assert b" w" not in b"\n".join(x for x in a.split(b"\n")
                                       if x.startswith(b"Story")), g
        # One inserted line in each, at different sentences.
        la, lb = a.split(b"\n"), b.split(b"\n")
        assert len(la) == len(lb) == 3 and len(la[0]) != len(lb[0]), g
        if g["a"].split("/")[0] == g["b"].split("/")[0]:
            # An update: the story runs on into the footer in both pages.
            for d, end in ((g["a"], g["a_end"]), (g["b"], g["b_end"])):
                assert by_id[d].encode("utf-8")[end:end + 1] == b"\n", g
    assert all(("Story" in t) == (i in story_pages) for i, t in by_id.items())
    # Pages of one site share the header's and footer's words, and no
    # other words; pages of two sites share none but the wire story's.
    def own(i):
        return set(by_id[i].split())
    assert own("site0/page5") & own("site1/page5") <= {"SITE", "DAILY", "|",
                                                       "Copyright", "Site",
                                                       "Media,", "all", "rights",
                                                       "reserved."}
    assert build(paras, 6, 10, 8, 0.05, 1, 2, 1) == build(paras, 6, 10, 8,
                                                          0.05, 1, 2, 1)
    assert build(paras, 6, 10, 8, 0.0, 1, 2, 0)[2][0]["a_end"] < \
        passages[0]["a_end"]
    print("make_site_set.py self-test: ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus")
    ap.add_argument("--out")
    ap.add_argument("--sites", type=int, default=6)
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--stories", type=int, default=8)
    ap.add_argument("--updates", type=int, default=4)
    ap.add_argument("--inserts", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()

    def build_files(paras):
        docs, pairs, passages = build(paras, args.sites, args.pages,
                                      args.stories, args.rate, args.seed,
                                      args.updates, args.inserts)
        return {"docs": docs, "gold_pairs": pairs, "gold_passages": passages}

    return run_set_script("make_site_set.py", ap, args,
                          0 <= args.rate <= 1 and args.inserts >= 0,
                          "--rate in [0, 1] and --inserts at least 0",
                          self_test, build_files)

if __name__ == "__main__":
    sys.exit(main())
