#!/usr/bin/env python3
"""Build a labelled wire-copy set with reworded copies, for eval_report.py.

Usage:
  make_spun_set.py --corpus CORPUS.jsonl --out DIR [--rate R] [--seed N]
  make_spun_set.py --self-test

CORPUS is the performance corpus (../shared/bench/make_corpus.sh), whose
"brown/<file>/<paragraph>" records are the Brown corpus one paragraph per
record. The set, in the format of ../shared/eval, is written to DIR:

  - 40 wire stories: the first 500 or so words of each press-reportage file
    (ca01-ca40), outlet "wire", dated first.
  - 3 outlet copies of each, dated later, from 6 invented outlets. A copy is
    its outlet's header, an intro paragraph of its own (an editorial or
    feature paragraph), the story without 0-2 of its last paragraphs, then
    its outlet's footer. Every word of the story's text is, with
    probability R (default 0.2), replaced (3/5 of the time), dropped (1/5)
    or followed by an inserted word (1/5), words drawn from other Brown
    text: a spinner's rewording as far as alignment can tell (a word is
    equal or it is not).
  - 60 outlet articles of their own (feature text), with the same
    furniture, which share nothing with any story.

Gold pairs: each story with its copies and the copies with each other
(240). Gold passages: for each pair, the story text both carry (the
paragraphs both kept), as byte ranges in each. Furniture is shared only
within an outlet (its "source" field), so it is never reuse.

The output is a function of the corpus, R and the seed alone.
Only the Python 3 standard library is used.
"""

import argparse
import collections
import json
import os
import random
import sys

OUTLETS = ["dailyherald", "metrotimes", "valleynews", "coastpost", "citybeat",
           "northstar"]
STORIES = 40
COPIES = 3
OWN_ARTICLES = 60


def read_brown(path):
    """{file: [paragraph text, ...]} in paragraph order."""
    paras = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith('{"id": "brown/'):
                continue
            rec = json.loads(line)
            _, name, number = rec["id"].split("/")
            paras[name].append((int(number), rec["text"]))
    return {name: [t for _, t in sorted(ps)] for name, ps in paras.items()}


def furniture(outlet):
    header = (f"{outlet.upper()} | Home | News | Sport | Opinion | Subscribe to "
              f"the {outlet} newsletter for the day's top stories delivered "
              "free every morning\n")
    footer = ("\nShare this story on social media. Comments are closed. You may "
              f"also like: {outlet} readers also read these stories today. "
              f"Copyright {outlet} Media Group, all rights reserved. Terms and "
              "privacy policy apply to all content.")
    return header, footer


class Spinner:
    def __init__(self, rate, vocab, rnd):
        self.rate, self.vocab, self.rnd = rate, vocab, rnd

    def __call__(self, text):
        out = []
        for word in text.split(" "):
            r = self.rnd.random()
            if r < self.rate * 0.6:
                out.append(self.rnd.choice(self.vocab))
            elif r < self.rate * 0.8:
                continue
            elif r < self.rate:
                out.extend([word, self.rnd.choice(self.vocab)])
            else:
                out.append(word)
        return " ".join(out)


def utf8_len(s):
    return len(s.encode("utf-8"))


def build(paras, rate, seed):
    """(docs, gold_pairs, gold_passages) as lists of dicts."""
    rnd = random.Random(seed)
    press = sorted(n for n in paras if n.startswith("ca"))[:STORIES]
    feature = sorted(n for n in paras if n[:2] in ("cb", "cc", "cf", "cg"))
    if len(press) < STORIES or len(feature) < 40:
        raise ValueError("the corpus has too few Brown press or feature files")
    vocab = [w for n in feature[:20] for t in paras[n] for w in t.split()
             if w.isalpha()]
    spin = Spinner(rate, vocab, rnd)
    docs, pairs, passages = [], [], []
    for k, name in enumerate(press):
        story = []
        for t in paras[name]:
            story.append(t)
            if sum(len(p.split()) for p in story) > 500:
                break
        wire_id = f"wire/{name}"
        day = k % 28 + 1
        docs.append({"id": wire_id, "text": "\n\n".join(story), "source": "wire",
                     "date": f"1961-03-{day:02d}T08:00:00Z"})
        # story_end[i]: byte end of the story's first i paragraphs.
        story_end = [0]
        for i, p in enumerate(story):
            story_end.append(story_end[-1] + (2 if i else 0) + utf8_len(p))
        copies = []  # (id, kept paragraphs, [byte end of first i kept])
        for c in range(COPIES):
            outlet = OUTLETS[(k + c) % len(OUTLETS)]
            kept = max(1, len(story) - rnd.randint(0, 2))
            intro = paras[feature[(k * COPIES + c) % len(feature)]][0]
            header, footer = furniture(outlet)
            text = header + intro + "\n\n"
            ends = [utf8_len(text)]
            for i in range(kept):
                if i:
                    text += "\n\n"
                text += spin(story[i])
                ends.append(utf8_len(text))
            text += footer
            copy_id = f"{outlet}/{name}"
            docs.append({"id": copy_id, "text": text, "source": outlet,
                         "date": f"1961-03-{day:02d}T12:00:00Z"})
            copies.append((copy_id, kept, ends))
            pairs.append({"a": wire_id, "b": copy_id, "label": 1})
            passages.append({"a": wire_id, "b": copy_id, "a_start": 0,
                             "a_end": story_end[kept], "b_start": ends[0],
                             "b_end": ends[kept]})
        for x in range(COPIES):
            for y in range(x + 1, COPIES):
                (ia, ka, ea), (ib, kb, eb) = copies[x], copies[y]
                both = min(ka, kb)
                pairs.append({"a": ia, "b": ib, "label": 1})
                passages.append({"a": ia, "b": ib, "a_start": ea[0],
                                 "a_end": ea[both], "b_start": eb[0],
                                 "b_end": eb[both]})
    for j in range(OWN_ARTICLES):
        outlet = OUTLETS[j % len(OUTLETS)]
        header, footer = furniture(outlet)
        body = "\n\n".join(paras[feature[(j + 7) % len(feature)]][1:8])
        docs.append({"id": f"{outlet}/own{j}", "text": header + body + footer,
                     "source": outlet, "date": "1961-04-01T12:00:00Z"})
    return docs, pairs, passages


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def run_set_script(name, ap, args, ok, needs, self_test, build, about=""):
    """The main() of a set-building script (this one, make_wide_set.py,
    make_site_set.py): --self-test, or build(paras) from the corpus's Brown
    records, a {file name: records} dict holding "docs" and "gold_pairs",
    written as DIR/<name>.jsonl. `ok`: the script's own arguments are
    valid; `needs` says what they must be. Returns the exit status."""
    if args.self_test:
        self_test()
        return 0
    if not args.corpus or not args.out or not ok:
        ap.print_usage(sys.stderr)
        print(f"{name}: needs --corpus and --out, {needs}", file=sys.stderr)
        return 2
    try:
        files = build(read_brown(args.corpus))
    except (OSError, ValueError) as e:
        print(f"{name}: {e}", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    for file_name, records in files.items():
        write_jsonl(os.path.join(args.out, file_name + ".jsonl"), records)
    print(f"{name}: {len(files['docs'])} documents, "
          f"{len(files['gold_pairs'])} gold pairs{about} in {args.out}")
    return 0


def self_test():
    paras = {f"ca{i:02d}": [f"Story {i} paragraph {p} says the mayor met the "
                            f"council on day {p} ." for p in range(8)]
             for i in range(1, 41)}
    for i in range(40):
        paras[f"cb{i:02d}"] = [f"Feature {i} line {p} about gardens and rain ."
                               for p in range(9)]
    docs, pairs, passages = build(paras, 0.0, 1)
    assert len(docs) == STORIES * (COPIES + 1) + OWN_ARTICLES, len(docs)
    assert len(pairs) == len(passages) == STORIES * (COPIES + 3)
    text = {d["id"]: d["text"].encode("utf-8") for d in docs}
    for g in passages:
        a = text[g["a"]][g["a_start"]:g["a_end"]]
        b = text[g["b"]][g["b_start"]:g["b_end"]]
        assert a == b, (g, a[:60], b[:60])  # rate 0: the copies are verbatim
        assert a.startswith(b"Story ") and a.endswith(b".")
    again = build(paras, 0.3, 1)
    assert again == build(paras, 0.3, 1)  # deterministic
    assert again[0] != docs
    print("make_spun_set.py self-test: ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus")
    ap.add_argument("--out")
    ap.add_argument("--rate", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()

    def build_files(paras):
        docs, pairs, passages = build(paras, args.rate, args.seed)
        return {"docs": docs, "gold_pairs": pairs, "gold_passages": passages}

    return run_set_script("make_spun_set.py", ap, args, 0 <= args.rate <= 1,
                          "and --rate in [0, 1]", self_test, build_files,
                          about=f" (edit rate {args.rate})")

if __name__ == "__main__":
    sys.exit(main())
