#!/usr/bin/env python3
"""Ranking quality through the path users take.

Writes each document of a test collection to a text file (title as the first line), indexes
the folder with `hdrive index`, runs every query with `hdrive search QUERY --json --limit 100`
and scores the ranked files against the relevance judgments: nDCG@10, MAP (over the top 100)
and R@100.

A collection is a folder with docs.jsonl ({"id","title","text"} per line), queries.tsv
(id<TAB>text) and qrels.tsv (query<TAB>doc<TAB>grade, grade > 0 relevant).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time


def load_collection(folder):
    for name in ("docs.jsonl", "queries.tsv", "qrels.tsv"):
        if not os.path.exists(os.path.join(folder, name)):
            sys.exit(f"eval-ranking: {folder} is not a collection (no {name}); "
                     "set EVAL_DIR to the evaluation data folder")
    queries = []
    with open(os.path.join(folder, "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            qid, _, text = line.rstrip("\n").partition("\t")
            if qid:
                queries.append((qid, text))
    qrels = {}
    with open(os.path.join(folder, "qrels.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return queries, qrels


def write_documents(folder, share):
    os.makedirs(share, exist_ok=True)
    count = 0
    with open(os.path.join(folder, "docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            path = os.path.join(share, f"{doc['id']}.txt")
            text = (doc.get("title") or "").strip() + "\n" + (doc.get("text") or "")
            if not os.path.exists(path):
                with open(path, "w", encoding="utf-8") as out:
                    out.write(text)
            count += 1
    return count


def ndcg_at(ranked, judged, k):
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def average_precision(ranked, relevant):
    hits, total = 0, 0.0
    for i, d in enumerate(ranked):
        if d in relevant:
            hits += 1
            total += hits / (i + 1)
    return total / len(relevant) if relevant else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("collection", help="collection folder")
    parser.add_argument("--hdrive", default=".build/release/hdrive")
    parser.add_argument("--work", default=".build-eval", help="where the files and the index go")
    parser.add_argument("--runs", help="write the ranked lists here (TREC run format)")
    args = parser.parse_args()

    name = os.path.basename(os.path.normpath(args.collection))
    queries, qrels = load_collection(args.collection)
    share = os.path.join(args.work, name, "share")
    data = os.path.join(args.work, name, "data")
    docs = write_documents(args.collection, share)

    started = time.time()
    index = subprocess.run([args.hdrive, "index", "--quiet", share, "--data-dir", data], capture_output=True, text=True)
    if index.returncode != 0:
        sys.exit(f"eval-ranking: hdrive index failed: {index.stderr.strip()}")
    index_seconds = time.time() - started

    ndcg, ap, recall, latencies = [], [], [], []
    run_lines = []
    for qid, text in queries:
        judged = qrels.get(qid)
        if not judged:
            continue
        relevant = {d for d, g in judged.items() if g > 0}
        t0 = time.time()
        result = subprocess.run([args.hdrive, "search", text, "--json", "--limit", "100", "--data-dir", data],
                                capture_output=True, text=True)
        latencies.append(time.time() - t0)
        if result.returncode != 0:
            sys.exit(f"eval-ranking: query {qid} failed: {result.stderr.strip()}")
        ranked = [os.path.splitext(os.path.basename(h["path"]))[0] for h in json.loads(result.stdout)]
        ndcg.append(ndcg_at(ranked, judged, 10))
        ap.append(average_precision(ranked, relevant))
        recall.append(len(relevant & set(ranked[:100])) / len(relevant))
        for rank, doc in enumerate(ranked):
            run_lines.append(f"{qid} Q0 {doc} {rank + 1} {100 - rank} hdrive")
    if args.runs:
        with open(args.runs, "w") as f:
            f.write("\n".join(run_lines) + "\n")

    n = len(ndcg)
    print(f"collection {name}: {docs} documents, {n} judged queries, indexed in {index_seconds:.1f} s")
    print(f"nDCG@10 {sum(ndcg) / n:.4f}  MAP@100 {sum(ap) / n:.4f}  R@100 {sum(recall) / n:.4f}")
    print(f"(per query through the CLI, process start included: median {sorted(latencies)[n // 2] * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
