#!/usr/bin/env python3
"""Measures how well each shingle length k separates near-duplicates from
unrelated documents, using `reprint dedupe` itself.

For each k it runs dedupe with every threshold at its floor (so that every
pair LSH finds is printed with its exact Jaccard and containment) on
  * fixtures/seeds + fixtures/near: the three planted near-duplicate pairs
    against all other pairs (same topic, no copied text, or passage-level
    reuse only);
  * a labelled set such as ../shared/eval/clough_stevenson: containment of
    `cut`/`light` answers in their source against `non` answers.
and prints, per k, the weakest near-duplicate score, the strongest unrelated
score and the margin between them.

  python3 scripts/choose_k.py --reprint build/src/reprint [--eval DIR]
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pairs(reprint, k, inputs):
    cmd = [reprint, "dedupe", "--quiet", "--format", "jsonl", "--shingle-k", str(k),
           "--threshold", "0.01", "--containment", "0.01", "--lsh-threshold", "0.05"] + inputs
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("choose_k: %s failed: %s" % (" ".join(cmd), out.stderr.strip()))
    got = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        if r.get("type") == "pair":
            got[(r["a"], r["b"])] = r
    return got


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reprint", default=os.path.join(ROOT, "build/src/reprint"))
    ap.add_argument("--eval", default=os.path.join(ROOT, "../shared/eval/clough_stevenson"))
    ap.add_argument("--ks", default="2,3,4,5,6,7,8")
    args = ap.parse_args()
    planted = {("fixtures/seeds/001_huffpost_met_armed_patrols_2018.txt", "fixtures/near/001_huffpost_recrawl_other_furniture.txt"),
               ("fixtures/seeds/002_business_standard_wire_2018.txt", "fixtures/near/002_business_standard_trimmed.txt"),
               ("fixtures/seeds/003_met_federation_survey_2016.txt", "fixtures/near/003_federation_survey_typography.txt")}
    gold = []
    gold_path = os.path.join(args.eval, "gold_pairs.jsonl")
    if os.path.exists(gold_path):
        gold = [json.loads(l) for l in open(gold_path)]
    print("| k | seeds: weakest near-dup max(J, containment) | strongest other pair | margin "
          "| eval: weakest cut/light containment (of those > 0) | strongest non | margin |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for k in [int(x) for x in args.ks.split(",")]:
        got = pairs(args.reprint, k, ["fixtures/seeds", "fixtures/near"])
        score = lambda r: max(r["jaccard"], r["containment_a"], r["containment_b"])
        near = [score(got[p]) if p in got else 0.0 for p in planted]
        other = [score(r) for p, r in got.items() if p not in planted]
        row = [k, min(near), max(other or [0.0])]
        row.append(row[1] - row[2])
        if gold:
            ev = pairs(args.reprint, k, [os.path.join(args.eval, "docs.jsonl")])
            def cont(g):
                r = ev.get((g["a"], g["b"])) or ev.get((g["b"], g["a"]))
                if r is None:
                    return 0.0
                return r["containment_a"] if r["a"] == g["a"] else r["containment_b"]
            copied = [c for c in (cont(g) for g in gold if g.get("category") in ("cut", "light")) if c > 0]
            non = [cont(g) for g in gold if g.get("category") == "non"]
            row += [min(copied or [0.0]), max(non or [0.0])]
            row.append(row[4] - row[5])
        print("| " + " | ".join(str(x) if isinstance(x, int) else "%.3f" % x for x in row) + " |")


if __name__ == "__main__":
    main()
