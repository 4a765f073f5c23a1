#!/usr/bin/env python3
"""Search latency on long documents, where snippets and stored text dominate.

Writes DOCS text files of about SIZE bytes each, made of the words of a ranking collection, with
"Jaarverslag waterschap" at the start of every file and "kwartaalcijfers" once somewhere in the
middle; indexes them with `hdrive index`, serves them, and reports the server's own `took_ms`
(p50 and max over ROUNDS) for a query whose words stand at the start of each body and for one
whose word stands deep inside.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import urllib.parse

from hdrive_server import serving


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("collection", help="a ranking collection folder with docs.jsonl")
    parser.add_argument("--hdrive", default=".build/release/hdrive")
    parser.add_argument("--work", default=".build-bench/long-documents")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    source = os.path.join(args.collection, "docs.jsonl")
    if not os.path.exists(source):
        sys.exit(f"bench-long-documents: {args.collection} is not a collection; set EVAL_DIR to the evaluation data folder")
    words = []
    with open(source, encoding="utf-8") as f:
        for line in f:
            words += json.loads(line)["text"].split()
            if len(words) > 500_000:
                break
    rng = random.Random(1)
    share, data = os.path.join(args.work, "share"), os.path.join(args.work, "data")
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(share)
    for i in range(args.docs):
        body = []
        length = 0
        while length < args.size:
            word = rng.choice(words)
            body.append(word)
            length += len(word) + 1
        body.insert(len(body) // 2, "kwartaalcijfers")
        with open(os.path.join(share, f"verslag-{i}.txt"), "w", encoding="utf-8") as f:
            f.write("Jaarverslag waterschap " + " ".join(body))

    subprocess.run([args.hdrive, "index", "--quiet", share, "--data-dir", data], check=True, stdout=subprocess.DEVNULL)
    with serving(args.hdrive, share, data) as (connection, _):
        print(f"{args.docs} documents of about {args.size // 1000} KB; took_ms over {args.rounds} rounds\n")
        print("| query | words stand | p50 | max |")
        print("|---|---|---:|---:|")
        for query, where in (("jaarverslag waterschap", "at the start"), ("kwartaalcijfers", "in the middle")):
            took = []
            for _ in range(args.rounds):
                connection.request("GET", "/api/search?" + urllib.parse.urlencode({"q": query, "limit": 10}))
                took.append(json.loads(connection.getresponse().read())["took_ms"])
            took.sort()
            print(f"| {query} | {where} | {took[len(took) // 2]:.1f} ms | {took[-1]:.1f} ms |")


if __name__ == "__main__":
    main()
