#!/usr/bin/env python3
"""Evaluate `reprint report` on labelled sets.

Usage:
  eval_report.py --reprint BIN --set DIR [--set DIR ...] [--extra-args "..."]
                 [--json OUT] [--timeout SECONDS]
  eval_report.py --self-test

A set is a folder in the format of the shared evaluation data:
  docs.jsonl           {"id": str, "text": str, ...}
  gold_pairs.jsonl     {"a": id, "b": id, "label": 0|1, ["category": str], ...}
  gold_clusters.jsonl  {"id": id, "cluster": str}                  (optional)
  gold_passages.jsonl  {"a", "b", "a_start", "a_end", "b_start", "b_end"}
                       UTF-8 byte offsets, half-open                 (optional)
  unknown_pairs.jsonl  {"a": id, "b": id}: no truth, left out of scoring
                                                                     (optional)

For every set this runs `BIN report --format jsonl [EXTRA] DIR/docs.jsonl` and
reads the records it prints:
  {"type": "pair", "a": id, "b": id, "coverage_a": f, "coverage_b": f,
   "source": id|null, "passages": [{"a": [s, e], "b": [s, e],
   "kind": "verbatim"|"rewritten", "similarity": f}, ...]}
  {"type": "cluster", "id": int, "members": [ids], "source": id|null}
  {"type": "summary", ...}
Other record types are ignored. A record whose fields sit under "data"
({"type": ..., "data": {...}}) is read the same way.

Measures:
  pairs     precision, recall, F1 over unordered pairs. Positives are gold
            pairs with label 1; pairs in unknown_pairs.jsonl are dropped from
            both sides; every other predicted pair is a false positive.
  clusters  Adjusted Rand Index (Hubert & Arabie 1985) between the gold
            clusters and the predicted ones, over the documents of
            gold_clusters.jsonl; a document in no predicted cluster is a
            singleton.
  passages  the PAN measures of Potthast et al. (COLING 2010): macro-averaged
            character (here: byte) precision and recall, granularity and
            plagdet. Each gold passage is a case, each predicted passage a
            detection; see pan_measures() for the exact definitions.
            Predicted passages of a gold-positive pair with no gold passage
            (pan13 keeps only passages whose text matches their offsets) or
            of an unknown pair are left out and counted; those of any other
            pair are scored and can only lower precision.
  category  where gold pairs carry "category" (Clough & Stevenson): how many
            gold pairs of each category were predicted.

Exit status: 0 when every set was evaluated, 2 on a usage error, a missing
binary, a failed run or unreadable data (the other sets are still evaluated).
Only the Python 3 standard library is used.
"""

import argparse
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

EXIT_OK = 0
EXIT_ERROR = 2

CATEGORY_ORDER = ["cut", "light", "heavy", "non"]


class EvalError(Exception):
    """A problem that stops the evaluation of one set."""


# ---------------------------------------------------------------------------
# Reading


def read_jsonl(path):
    """Yields (line_number, object) for every non-blank line of `path`."""
    try:
        f = open(path, "r", encoding="utf-8")
    except OSError as e:
        raise EvalError(f"{path}: {e.strerror}") from None
    with f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise EvalError(f"{path}:{n}: invalid JSON: {e.msg}") from None
            if not isinstance(obj, dict):
                raise EvalError(f"{path}:{n}: not a JSON object")
            yield n, obj


def doc_key(v):
    """Document ids are compared as strings; a non-string id (reprint keeps
    integer ids as written) becomes its JSON text."""
    return v if isinstance(v, str) else json.dumps(v)


def pair_key(a, b):
    """The unordered key of a document pair."""
    return (a, b) if a <= b else (b, a)


def load_set(directory):
    """Reads one labelled set. Raises EvalError on missing or bad files."""
    docs_path = os.path.join(directory, "docs.jsonl")
    gold_path = os.path.join(directory, "gold_pairs.jsonl")
    for p in (docs_path, gold_path):
        if not os.path.isfile(p):
            raise EvalError(f"{p}: not found")
    s = {
        "dir": directory,
        "docs_path": docs_path,
        "doc_ids": set(),
        "gold_pos": set(),
        "gold_neg": set(),
        "categories": {},  # pair key -> category
        "unknown": set(),
        "clusters": None,  # id -> gold cluster label
        "passages": None,  # list of (a, b, a_start, a_end, b_start, b_end)
    }
    for n, d in read_jsonl(docs_path):
        if d.get("id") is None:
            raise EvalError(f"{docs_path}:{n}: missing field \"id\"")
        s["doc_ids"].add(doc_key(d["id"]))
    for n, g in read_jsonl(gold_path):
        try:
            k = pair_key(doc_key(g["a"]), doc_key(g["b"]))
            label = int(g["label"])
        except (KeyError, TypeError, ValueError):
            raise EvalError(f"{gold_path}:{n}: needs \"a\", \"b\" and \"label\"")
        (s["gold_pos"] if label == 1 else s["gold_neg"]).add(k)
        if "category" in g:
            s["categories"][k] = str(g["category"])
    unknown_path = os.path.join(directory, "unknown_pairs.jsonl")
    if os.path.isfile(unknown_path):
        for n, u in read_jsonl(unknown_path):
            try:
                s["unknown"].add(pair_key(doc_key(u["a"]), doc_key(u["b"])))
            except KeyError:
                raise EvalError(f"{unknown_path}:{n}: needs \"a\" and \"b\"")
    clusters_path = os.path.join(directory, "gold_clusters.jsonl")
    if os.path.isfile(clusters_path):
        s["clusters"] = {}
        for n, c in read_jsonl(clusters_path):
            try:
                s["clusters"][doc_key(c["id"])] = str(c["cluster"])
            except KeyError:
                raise EvalError(f"{clusters_path}:{n}: needs \"id\" and \"cluster\"")
    passages_path = os.path.join(directory, "gold_passages.jsonl")
    if os.path.isfile(passages_path):
        s["passages"] = []
        for n, p in read_jsonl(passages_path):
            try:
                s["passages"].append((doc_key(p["a"]), doc_key(p["b"]),
                                      int(p["a_start"]), int(p["a_end"]),
                                      int(p["b_start"]), int(p["b_end"])))
            except (KeyError, TypeError, ValueError):
                raise EvalError(f"{passages_path}:{n}: needs a, b, a_start, a_end, b_start, b_end")
    return s


def parse_report(lines, where="<output>"):
    """Parses `reprint report --format jsonl` output.

    Returns {"pairs": [...], "clusters": [...], "summary": dict|None}. Each
    pair is {"a", "b", "passages": [((as, ae), (bs, be)), ...]}; each cluster
    a list of member ids. Raises EvalError on a line that is not JSON.
    """
    out = {"pairs": [], "clusters": [], "summary": None}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalError(f"{where}:{n}: invalid JSON: {e.msg}") from None
        if not isinstance(rec, dict):
            continue
        typ = rec.get("type")
        if isinstance(rec.get("data"), dict):
            body = dict(rec["data"])
            body.setdefault("type", typ)
        else:
            body = rec
        if typ == "pair":
            try:
                a, b = doc_key(body["a"]), doc_key(body["b"])
            except KeyError:
                raise EvalError(f"{where}:{n}: pair record without \"a\"/\"b\"")
            passages = []
            for p in body.get("passages") or []:
                try:
                    ra, rb = p["a"], p["b"]
                    passages.append(((int(ra[0]), int(ra[1])), (int(rb[0]), int(rb[1]))))
                except (KeyError, TypeError, ValueError, IndexError):
                    raise EvalError(f"{where}:{n}: passage without [start, end] ranges")
            out["pairs"].append({"a": a, "b": b, "passages": passages})
        elif typ == "cluster":
            members = body.get("members")
            if not isinstance(members, list):
                raise EvalError(f"{where}:{n}: cluster record without \"members\" list")
            out["clusters"].append([doc_key(m) for m in members])
        elif typ == "summary":
            out["summary"] = body
    return out


# ---------------------------------------------------------------------------
# Pair measures


def prf(tp, fp, fn):
    """Precision, recall, F1. An empty prediction has precision 0 unless there
    was nothing to find (then 1); likewise for recall."""
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pair_measures(predicted, gold_pos, unknown=frozenset()):
    """Scores predicted unordered pairs against gold positives.

    `predicted` and `gold_pos` are iterables of (a, b) in any order; pairs in
    `unknown` are left out of both. Self-pairs are ignored.
    """
    pred = {pair_key(a, b) for a, b in predicted if a != b}
    gold = {pair_key(a, b) for a, b in gold_pos if a != b}
    unk = {pair_key(a, b) for a, b in unknown}
    pred -= unk
    gold -= unk
    tp = len(pred & gold)
    fp = len(pred - gold)
    fn = len(gold - pred)
    p, r, f = prf(tp, fp, fn)
    return {"predicted": len(pred), "tp": tp, "fp": fp, "fn": fn,
            "precision": p, "recall": r, "f1": f}


# ---------------------------------------------------------------------------
# Adjusted Rand Index


def _comb2(n):
    return n * (n - 1) // 2


def adjusted_rand_index(gold, pred):
    """ARI between two labellings given as dicts id -> label over the same ids.

    ARI = (I - E) / (M - E) with I = sum_ij C(n_ij, 2), E = sum_i C(a_i, 2) *
    sum_j C(b_j, 2) / C(n, 2) and M = (sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2.
    Where M == E (both all singletons, or both one cluster) the partitions are
    identical and the result is 1.
    """
    ids = list(gold)
    n = len(ids)
    if n < 2:
        return 1.0
    cont = Counter((gold[i], pred[i]) for i in ids)
    a = Counter(gold[i] for i in ids)
    b = Counter(pred[i] for i in ids)
    index = sum(_comb2(v) for v in cont.values())
    sa = sum(_comb2(v) for v in a.values())
    sb = sum(_comb2(v) for v in b.values())
    expected = sa * sb / _comb2(n)
    maximum = (sa + sb) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def predicted_labels(ids, clusters):
    """Labels for `ids` from predicted clusters; unclustered ids are singletons.
    Returns (labels, number of ids found in more than one cluster)."""
    labels = {}
    multi = 0
    for ci, members in enumerate(clusters):
        for m in members:
            if m in labels:
                multi += 1
                continue
            labels[m] = ("c", ci)
    return {i: labels.get(i, ("s", i)) for i in ids}, multi


# ---------------------------------------------------------------------------
# PAN measures (Potthast, Stein, Barron-Cedeno, Rosso: An Evaluation Framework
# for Plagiarism Detection, COLING 2010)
#
# An annotation is (key, a_start, a_end, b_start, b_end): key names the
# ordered document pair, the ranges are half-open byte ranges in a and b.


def _len(x):
    return (x[2] - x[1]) + (x[4] - x[3])


def detects(x, y):
    """True if annotations x and y belong to the same document pair and
    overlap on both sides."""
    return (x[0] == y[0] and y[1] < x[2] and x[1] < y[2]
            and y[3] < x[4] and x[3] < y[4])


def _union_within(lo, hi, ranges):
    """Bytes of [lo, hi) covered by the union of `ranges`."""
    clipped = sorted((max(lo, s), min(hi, e)) for s, e in ranges if s < hi and e > lo)
    total, cur_s, cur_e = 0, None, None
    for s, e in clipped:
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def covered(x, others):
    """|union over y in others detecting x of (x intersect y)|, both sides."""
    hits = [y for y in others if detects(x, y)]
    if not hits:
        return 0
    return (_union_within(x[1], x[2], [(y[1], y[2]) for y in hits])
            + _union_within(x[3], x[4], [(y[3], y[4]) for y in hits]))


def _by_key(anns):
    index = defaultdict(list)
    for x in anns:
        index[x[0]].append(x)
    return index


def macro_recall(cases, detections):
    """rec(S, R) = 1/|S| * sum_{s in S} |union_{r in R} (s meet r)| / |s|,
    where s meet r = s intersect r if r detects s, else empty.
    Both empty: 1; one empty: 0 (as in the PAN reference implementation)."""
    if not cases and not detections:
        return 1.0
    if not cases or not detections:
        return 0.0
    det_index = _by_key(detections)
    total = 0.0
    for s in cases:
        total += covered(s, det_index.get(s[0], ())) / _len(s)
    return total / len(cases)


def macro_precision(cases, detections):
    """prec(S, R) = 1/|R| * sum_{r in R} |union_{s in S} (s meet r)| / |r|:
    recall with the roles of cases and detections swapped."""
    return macro_recall(detections, cases)


def granularity(cases, detections):
    """gran(S, R) = 1/|S_R| * sum_{s in S_R} |R_s|, where S_R are the cases
    detected by at least one detection and R_s the detections of s; 1 when
    nothing is detected."""
    if not detections:
        return 1.0
    det_index = _by_key(detections)
    counts = []
    for s in cases:
        k = sum(1 for r in det_index.get(s[0], ()) if detects(s, r))
        if k:
            counts.append(k)
    if not counts:
        return 1.0
    return sum(counts) / len(counts)


def plagdet(precision, recall, gran):
    """plagdet = F1 / log2(1 + gran); 0 when precision and recall are 0."""
    if precision <= 0 and recall <= 0:
        return 0.0
    if gran < 1:
        return 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return f1 / math.log2(1 + gran)


def pan_measures(cases, detections):
    """All four PAN measures for lists of annotations."""
    p = macro_precision(cases, detections)
    r = macro_recall(cases, detections)
    g = granularity(cases, detections)
    return {"cases": len(cases), "detections": len(detections),
            "precision": p, "recall": r, "granularity": g,
            "plagdet": plagdet(p, r, g)}


def build_annotations(gold_passages, pred_pairs, gold_pos, unknown):
    """Turns gold passages into cases and predicted passages into detections.

    Cases keep the gold order (a, b). A predicted passage of pair (x, y) is
    keyed to the gold order when (x, y) or (y, x) has gold passages, swapping
    its ranges in the second case. Predicted passages of a gold-positive pair
    that has no gold passage, or of an unknown pair, cannot be judged and are
    excluded (counted in the second return value). Passages of any other pair
    are kept under the pair's sorted key: they detect nothing and so lower
    precision. Empty or reversed ranges are dropped (third return value).
    """
    cases, bad = [], 0
    ordered = set()
    for a, b, as_, ae, bs, be in gold_passages:
        if ae < as_ or be < bs or (ae - as_) + (be - bs) == 0:
            bad += 1
            continue
        cases.append(((a, b), as_, ae, bs, be))
        ordered.add((a, b))
    unjudged_pairs = ({pair_key(a, b) for a, b in gold_pos} | set(unknown)) - {
        pair_key(a, b) for a, b in ordered}
    detections, excluded = [], 0
    for pr in pred_pairs:
        x, y = pr["a"], pr["b"]
        if (x, y) in ordered:
            key, swap = (x, y), False
        elif (y, x) in ordered:
            key, swap = (y, x), True
        elif pair_key(x, y) in unjudged_pairs:
            excluded += len(pr["passages"])
            continue
        else:
            key = pair_key(x, y)
            swap = key != (x, y)
        for (as_, ae), (bs, be) in pr["passages"]:
            if swap:
                as_, ae, bs, be = bs, be, as_, ae
            if ae < as_ or be < bs or (ae - as_) + (be - bs) == 0:
                bad += 1
                continue
            detections.append((key, as_, ae, bs, be))
    return cases, detections, excluded, bad


# ---------------------------------------------------------------------------
# Evaluation of one set


def category_recall(categories, predicted):
    """{category: (predicted, total)} over gold pairs with a category."""
    pred = {pair_key(a, b) for a, b in predicted}
    out = {}
    for k, cat in categories.items():
        hit, tot = out.get(cat, (0, 0))
        out[cat] = (hit + (k in pred), tot + 1)
    return out


def ordered_categories(cats):
    return [c for c in CATEGORY_ORDER if c in cats] + sorted(c for c in cats if c not in CATEGORY_ORDER)


def evaluate(s, report):
    """Computes every measure that set `s` has labels for."""
    res = {}
    pred_pairs = [(p["a"], p["b"]) for p in report["pairs"]]
    pm = pair_measures(pred_pairs, s["gold_pos"], s["unknown"])
    pred = {pair_key(a, b) for a, b in pred_pairs if a != b} - s["unknown"]
    fps = pred - s["gold_pos"]
    # Diagnostics, not scored: false positives whose two documents both reuse
    # one third document (two copies of one source), or share a gold cluster.
    partners = defaultdict(set)
    for a, b in s["gold_pos"]:
        partners[a].add(b)
        partners[b].add(a)
    pm["fp_common_gold_partner"] = sum(
        1 for a, b in fps if partners.get(a, set()) & partners.get(b, set()))
    if s["clusters"] is not None:
        g = s["clusters"]
        pm["fp_within_gold_cluster"] = sum(
            1 for a, b in fps if a in g and b in g and g[a] == g[b])
    res["pairs"] = pm
    if s["clusters"] is not None:
        clusters = report["clusters"]
        derived = False
        if not clusters and report["pairs"]:
            clusters = _components(pred_pairs)
            derived = True
        labels, multi = predicted_labels(s["clusters"].keys(), clusters)
        res["clusters"] = {
            "ari": adjusted_rand_index(s["clusters"], labels),
            "gold_clusters": len(set(s["clusters"].values())),
            "predicted_clusters": len(clusters),
            "derived_from_pairs": derived,
            "docs_in_several_clusters": multi,
        }
    if s["categories"]:
        cr = category_recall(s["categories"], pred_pairs)
        res["categories"] = {c: {"predicted": cr[c][0], "total": cr[c][1]}
                             for c in ordered_categories(cr)}
    if s["passages"] is not None:
        cases, dets, excluded, bad = build_annotations(
            s["passages"], report["pairs"], s["gold_pos"], s["unknown"])
        pan = pan_measures(cases, dets)
        pan["excluded_unjudged"] = excluded
        pan["dropped_empty"] = bad
        res["passages"] = pan
    return res


def _components(pairs):
    """Connected components (size >= 2) of a pair list."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups = defaultdict(list)
    for x in parent:
        groups[find(x)].append(x)
    return [sorted(g) for _, g in sorted(groups.items()) if len(g) > 1]


def run_reprint(binary, docs_path, extra_args, timeout):
    """Runs `binary report --format jsonl EXTRA docs_path`; returns
    (parsed report, wall seconds, exit code, command line)."""
    cmd = [binary, "report", "--format", "jsonl"] + list(extra_args) + [docs_path]
    with tempfile.TemporaryFile(mode="w+b") as out, tempfile.TemporaryFile(mode="w+b") as err:
        t0 = time.monotonic()
        try:
            proc = subprocess.run(cmd, stdout=out, stderr=err, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise EvalError(f"{shlex.join(cmd)}: timed out after {timeout} s") from None
        except OSError as e:
            raise EvalError(f"{binary}: cannot run: {e.strerror}") from None
        wall = time.monotonic() - t0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        if proc.returncode not in (0, 1):
            tail = "\n".join(stderr.strip().splitlines()[-15:])
            how = (f"killed by signal {-proc.returncode}" if proc.returncode < 0
                   else f"exit code {proc.returncode}")
            raise EvalError(f"{shlex.join(cmd)}: {how}" + (f"\n{tail}" if tail else ""))
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    report = parse_report(text.splitlines(), where=f"{binary} output")
    return report, wall, proc.returncode, shlex.join(cmd)


# ---------------------------------------------------------------------------
# Printing


def fmt(x, digits=3):
    return "-" if x is None else f"{x:.{digits}f}"


def print_set(name, s, res, run):
    n_pos = len(s["gold_pos"] - s["unknown"])
    print(f"== {name}: {len(s['doc_ids'])} docs, {n_pos} gold positive pairs"
          + (f", {len(s['unknown'])} unknown" if s["unknown"] else ""))
    print(f"   run: {run['command']}  ({run['wall_s']:.2f} s wall, exit {run['exit_code']})")
    pm = res["pairs"]
    line = (f"   pairs: predicted {pm['predicted']}, tp {pm['tp']}, fp {pm['fp']}, fn {pm['fn']}; "
            f"P {fmt(pm['precision'])} R {fmt(pm['recall'])} F1 {fmt(pm['f1'])}")
    notes = []
    if pm.get("fp_common_gold_partner"):
        notes.append(f"{pm['fp_common_gold_partner']} fp are two documents that both reuse a third")
    if pm.get("fp_within_gold_cluster"):
        notes.append(f"{pm['fp_within_gold_cluster']} fp inside one gold cluster")
    if notes:
        line += "  (" + "; ".join(notes) + ")"
    print(line)
    if "clusters" in res:
        c = res["clusters"]
        note = ", derived from pairs: no cluster records" if c["derived_from_pairs"] else ""
        print(f"   clusters: ARI {fmt(c['ari'])} ({c['gold_clusters']} gold, "
              f"{c['predicted_clusters']} predicted{note})")
        if c["docs_in_several_clusters"]:
            print(f"   warning: {c['docs_in_several_clusters']} documents in more than one predicted cluster")
    if "categories" in res:
        parts = [f"{k} {v['predicted']}/{v['total']}" for k, v in res["categories"].items()]
        print("   categories (gold pairs predicted): " + ", ".join(parts))
    if "passages" in res:
        p = res["passages"]
        extra = []
        if p["excluded_unjudged"]:
            extra.append(f"{p['excluded_unjudged']} detections in pairs without passage truth left out")
        if p["dropped_empty"]:
            extra.append(f"{p['dropped_empty']} empty or reversed ranges dropped")
        print(f"   passages: {p['cases']} cases, {p['detections']} detections; "
              f"P {fmt(p['precision'])} R {fmt(p['recall'])} gran {fmt(p['granularity'])} "
              f"plagdet {fmt(p['plagdet'])}" + (f"  ({'; '.join(extra)})" if extra else ""))


def print_table(results):
    print()
    print("| set | docs | wall s | P | R | F1 | ARI | PAN P | PAN R | gran | plagdet |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        if "error" in r:
            print(f"| {r['name']} | - | - | failed | | | | | | | |")
            continue
        m = r["measures"]
        pm = m["pairs"]
        ari = m["clusters"]["ari"] if "clusters" in m else None
        pan = m.get("passages", {})
        print(f"| {r['name']} | {r['docs']} | {r['run']['wall_s']:.2f} | {fmt(pm['precision'])} | "
              f"{fmt(pm['recall'])} | {fmt(pm['f1'])} | {fmt(ari)} | {fmt(pan.get('precision'))} | "
              f"{fmt(pan.get('recall'))} | {fmt(pan.get('granularity'), 2)} | {fmt(pan.get('plagdet'))} |")


def set_names(dirs):
    """Short unique names for the set folders (basename, else the path)."""
    base = [os.path.basename(os.path.normpath(d)) or d for d in dirs]
    counts = Counter(base)
    return [b if counts[b] == 1 else os.path.normpath(d) for b, d in zip(base, dirs)]


def main_eval(args):
    binary = args.reprint
    if os.sep not in binary:
        found = None
        for d in os.environ.get("PATH", "").split(os.pathsep):
            cand = os.path.join(d, binary)
            if os.path.isfile(cand) and os.access(cand, os.X_OK):
                found = cand
                break
        if found is None and os.path.isfile(binary):
            found = os.path.join(".", binary)
        binary = found or binary
    if not os.path.isfile(binary):
        print(f"eval_report: reprint binary not found: {args.reprint} (build it first, "
              f"e.g. cmake -S . -B build && cmake --build build)", file=sys.stderr)
        return EXIT_ERROR
    if not os.access(binary, os.X_OK):
        print(f"eval_report: not executable: {binary}", file=sys.stderr)
        return EXIT_ERROR
    try:
        extra = shlex.split(args.extra_args or "")
    except ValueError as e:
        print(f"eval_report: --extra-args: {e}", file=sys.stderr)
        return EXIT_ERROR

    results = []
    failed = False
    for name, d in zip(set_names(args.set), args.set):
        entry = {"name": name, "dir": d}
        try:
            s = load_set(d)
            report, wall, rc, cmdline = run_reprint(binary, s["docs_path"], extra, args.timeout)
            entry["docs"] = len(s["doc_ids"])
            entry["run"] = {"command": cmdline, "wall_s": wall, "exit_code": rc,
                            "summary": report["summary"]}
            entry["measures"] = evaluate(s, report)
            print_set(name, s, entry["measures"], entry["run"])
        except EvalError as e:
            failed = True
            entry["error"] = str(e)
            sys.stdout.flush()
            msg = str(e).replace("\n", "\n   ")
            print(f"== {name}: FAILED\n   {msg}", file=sys.stderr)
        results.append(entry)
        sys.stdout.flush()
    print_table(results)
    if args.json:
        doc = {"reprint": binary, "extra_args": extra, "sets": results}
        try:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=2, sort_keys=True)
                f.write("\n")
        except OSError as e:
            print(f"eval_report: {args.json}: {e.strerror}", file=sys.stderr)
            return EXIT_ERROR
    return EXIT_ERROR if failed else EXIT_OK


# ---------------------------------------------------------------------------
# Self-test


def self_test():
    failures = []

    def check(name, got, want, tol=1e-9):
        ok = (abs(got - want) <= tol) if isinstance(want, float) else got == want
        if not ok:
            failures.append(f"{name}: got {got!r}, want {want!r}")

    # Pairs.
    gold = [("a", "b"), ("c", "d")]
    pm = pair_measures([("b", "a"), ("c", "d")], gold)
    check("pairs perfect P", pm["precision"], 1.0)
    check("pairs perfect R", pm["recall"], 1.0)
    check("pairs perfect F1", pm["f1"], 1.0)
    pm = pair_measures([("a", "b"), ("a", "c")], gold)
    check("pairs half P", pm["precision"], 0.5)
    check("pairs half R", pm["recall"], 0.5)
    check("pairs half F1", pm["f1"], 0.5)
    pm = pair_measures([("a", "b"), ("a", "c")], gold, unknown={("c", "a")})
    check("pairs unknown dropped fp", pm["fp"], 0)
    check("pairs unknown P", pm["precision"], 1.0)
    pm = pair_measures([], gold)
    check("pairs empty prediction P", pm["precision"], 0.0)
    check("pairs empty prediction F1", pm["f1"], 0.0)
    pm = pair_measures([], [])
    check("pairs nothing to find P", pm["precision"], 1.0)
    check("pairs self-pair ignored", pair_measures([("a", "a")], [])["fp"], 0)

    res = evaluate({"gold_pos": {("s", "x"), ("s", "y")}, "unknown": set(), "clusters": None,
                    "categories": {}, "passages": None},
                   {"pairs": [{"a": "x", "b": "y", "passages": []}], "clusters": []})
    check("pairs fp with a common gold partner", res["pairs"]["fp_common_gold_partner"], 1)

    # ARI.
    g = {"1": "x", "2": "x", "3": "y", "4": "y", "5": "z"}
    check("ARI identical", adjusted_rand_index(g, dict(g)), 1.0)
    check("ARI relabelled", adjusted_rand_index(g, {"1": 7, "2": 7, "3": 3, "4": 3, "5": 0}), 1.0)
    check("ARI 4/7", adjusted_rand_index({"1": 0, "2": 0, "3": 1, "4": 1},
                                         {"1": 0, "2": 0, "3": 1, "4": 2}), 4 / 7)
    singles = {str(i): str(i) for i in range(5)}
    check("ARI all singletons both", adjusted_rand_index(singles, dict(singles)), 1.0)
    check("ARI singletons vs one cluster",
          adjusted_rand_index(singles, {k: 0 for k in singles}), 0.0)
    labels, _ = predicted_labels(["1", "2", "3", "4", "5"], [["1", "2"], ["3", "4"]])
    check("ARI unclustered are singletons", adjusted_rand_index(g, labels), 1.0)
    check("components", _components([("b", "a"), ("c", "b"), ("x", "y")]), [["a", "b", "c"], ["x", "y"]])

    # PAN.
    K = ("s", "r")
    case = (K, 0, 100, 0, 100)
    m = pan_measures([case], [case])
    check("PAN perfect P", m["precision"], 1.0)
    check("PAN perfect R", m["recall"], 1.0)
    check("PAN perfect gran", m["granularity"], 1.0)
    check("PAN perfect plagdet", m["plagdet"], 1.0)
    split = [(K, 0, 50, 0, 50), (K, 50, 100, 50, 100)]
    m = pan_measures([case], split)
    check("PAN split gran", m["granularity"], 2.0)
    check("PAN split P", m["precision"], 1.0)
    check("PAN split R", m["recall"], 1.0)
    check("PAN split plagdet", m["plagdet"], 1 / math.log2(3))
    m = pan_measures([case], [(K, 25, 100, 25, 100)])
    check("PAN partial R", m["recall"], 0.75)
    check("PAN partial P", m["precision"], 1.0)
    m = pan_measures([case], [(K, 50, 150, 50, 150)])
    check("PAN overhang P", m["precision"], 0.5)
    check("PAN overhang R", m["recall"], 0.5)
    m = pan_measures([case], [(K, 0, 100, 200, 300)])
    check("PAN one-side overlap is no detection P", m["precision"], 0.0)
    check("PAN one-side overlap is no detection R", m["recall"], 0.0)
    check("PAN no detection gran", m["granularity"], 1.0)
    check("PAN one-side overlap plagdet", m["plagdet"], 0.0)
    m = pan_measures([case], [(("s", "q"), 0, 100, 0, 100)])
    check("PAN other pair P", m["precision"], 0.0)
    m = pan_measures([case, (("t", "r"), 0, 100, 0, 100)], [case])
    check("PAN one of two cases R", m["recall"], 0.5)
    check("PAN one of two cases P", m["precision"], 1.0)
    # Overlapping detections are counted once (union), granularity still 2.
    m = pan_measures([case], [(K, 0, 60, 0, 60), (K, 40, 100, 40, 100)])
    check("PAN overlapping dets R", m["recall"], 1.0)
    check("PAN overlapping dets gran", m["granularity"], 2.0)
    check("PAN both empty", pan_measures([], [])["precision"], 1.0)
    check("PAN no cases", pan_measures([], [case])["precision"], 0.0)
    # Gold order vs predicted order, and unjudged pairs.
    gold_passages = [("s", "r", 10, 20, 30, 50)]
    pred = [{"a": "r", "b": "s", "passages": [((30, 50), (10, 20))]},
            {"a": "p", "b": "q", "passages": [((0, 5), (0, 5))]},
            {"a": "u", "b": "v", "passages": [((0, 5), (0, 5))]}]
    cases, dets, excl, bad = build_annotations(gold_passages, pred, {("s", "r"), ("v", "u")}, set())
    check("PAN normalised swap", dets[0], (("s", "r"), 10, 20, 30, 50))
    check("PAN unjudged excluded", excl, 1)
    check("PAN negative pair kept", len(dets), 2)
    m = pan_measures(cases, dets)
    check("PAN swap R", m["recall"], 1.0)
    check("PAN swap P (one false detection)", m["precision"], 0.5)

    # Output parsing, both record shapes.
    lines = [
        '{"type":"begin","schema":1}',
        '{"type":"pair","a":"x","b":"y","coverage_a":0.5,"coverage_b":0.4,"source":null,'
        '"passages":[{"a":[0,10],"b":[5,15],"kind":"verbatim","similarity":1.0}]}',
        '{"type":"pair","data":{"a":"x","b":"z","passages":[]}}',
        '{"type":"cluster","id":0,"members":["x","y","z"],"source":"x"}',
        '{"type":"summary","documents":3,"bytes":100}',
    ]
    rep = parse_report(lines)
    check("parse pairs", [(p["a"], p["b"]) for p in rep["pairs"]], [("x", "y"), ("x", "z")])
    check("parse passages", rep["pairs"][0]["passages"], [((0, 10), (5, 15))])
    check("parse clusters", rep["clusters"], [["x", "y", "z"]])
    check("parse summary", rep["summary"]["bytes"], 100)
    rep = parse_report(['{"type":"pair","a":17,"b":"x","passages":[]}'])
    check("parse integer id", pair_measures([(p["a"], p["b"]) for p in rep["pairs"]],
                                            [("x", "17")])["tp"], 1)

    # The whole path, with a stand-in binary that prints a perfect answer.
    with tempfile.TemporaryDirectory() as tmp:
        sd = os.path.join(tmp, "tiny")
        os.mkdir(sd)

        def write(name, rows):
            with open(os.path.join(sd, name), "w", encoding="utf-8") as f:
                for r in rows:
                    f.write(json.dumps(r) + "\n")

        write("docs.jsonl", [{"id": i, "text": "t"} for i in ("d1", "d2", "d3", "d4")])
        write("gold_pairs.jsonl", [{"a": "d1", "b": "d2", "label": 1, "category": "cut"},
                                   {"a": "d3", "b": "d2", "label": 0, "category": "non"}])
        write("gold_clusters.jsonl", [{"id": "d1", "cluster": "k"}, {"id": "d2", "cluster": "k"},
                                      {"id": "d3", "cluster": "s3"}, {"id": "d4", "cluster": "s4"}])
        write("gold_passages.jsonl", [{"a": "d1", "b": "d2", "a_start": 0, "a_end": 10,
                                       "b_start": 4, "b_end": 14}])
        answer = [
            {"type": "pair", "a": "d2", "b": "d1", "passages": [{"a": [4, 14], "b": [0, 10]}]},
            {"type": "cluster", "id": 0, "members": ["d1", "d2"], "source": None},
            {"type": "summary", "documents": 4},
        ]
        fake = os.path.join(tmp, "fake_reprint")
        with open(fake, "w", encoding="utf-8") as f:
            f.write(f"#!{sys.executable}\nimport sys\n"
                    f"assert sys.argv[1:4] == ['report', '--format', 'jsonl'], sys.argv\n")
            for r in answer:
                f.write(f"print({json.dumps(json.dumps(r))})\n")
        os.chmod(fake, 0o755)
        s = load_set(sd)
        report, _, rc, _ = run_reprint(fake, s["docs_path"], [], 60)
        res = evaluate(s, report)
        check("e2e exit", rc, 0)
        check("e2e F1", res["pairs"]["f1"], 1.0)
        check("e2e ARI", res["clusters"]["ari"], 1.0)
        check("e2e plagdet", res["passages"]["plagdet"], 1.0)
        check("e2e categories", res["categories"],
              {"cut": {"predicted": 1, "total": 1}, "non": {"predicted": 0, "total": 1}})
        failing = os.path.join(tmp, "failing_reprint")
        with open(failing, "w", encoding="utf-8") as f:
            f.write(f"#!{sys.executable}\nimport sys\nsys.stderr.write('boom\\n')\nsys.exit(2)\n")
        os.chmod(failing, 0o755)
        try:
            run_reprint(failing, s["docs_path"], [], 60)
            failures.append("e2e failing binary: no error raised")
        except EvalError as e:
            check("e2e failing binary message", "exit code 2" in str(e) and "boom" in str(e), True)

    if failures:
        for f in failures:
            print("FAIL " + f)
        print(f"self-test: {len(failures)} failures")
        return 1
    print("self-test: all checks passed")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Evaluate `reprint report` on labelled sets (pairs, clusters, PAN passages).")
    ap.add_argument("--reprint", help="path to the reprint binary")
    ap.add_argument("--set", action="append", default=[], metavar="DIR",
                    help="a labelled set folder (docs.jsonl, gold_pairs.jsonl, ...); repeatable")
    ap.add_argument("--extra-args", default="", metavar="ARGS",
                    help="extra arguments for `reprint report`, one shell-quoted string")
    ap.add_argument("--json", metavar="OUT", help="also write the numbers to OUT as JSON")
    ap.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                    help="give up on a run after SECONDS")
    ap.add_argument("--self-test", action="store_true",
                    help="check the metric code on small hand-made cases and exit")
    argv = list(sys.argv[1:] if argv is None else argv)
    # "--extra-args '--threads 2'" would read as an option: glue the value on.
    for i in range(len(argv) - 1):
        if argv[i] == "--extra-args":
            argv[i:i + 2] = [f"--extra-args={argv[i + 1]}"]
            break
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return EXIT_ERROR if e.code else EXIT_OK
    if args.self_test:
        return self_test()
    if not args.reprint or not args.set:
        print("eval_report: --reprint and at least one --set are required (or --self-test)",
              file=sys.stderr)
        return EXIT_ERROR
    return main_eval(args)


if __name__ == "__main__":
    sys.exit(main())
