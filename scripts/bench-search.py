#!/usr/bin/env python3
"""hdrive's index against SQLite FTS5 on the same documents, in one run.

Writes a collection's documents to text files (title as the first line), builds both indexes,
and reports build time, index size, peak memory and top-10 latency (p50/p99) for the
collection's own queries and for a log of 1-3 word queries made of common words.

hdrive is built with `hdrive index` and queried through `hdrive serve`'s HTTP API (latency is
the server's own `took_ms`, so process start and HTTP are not counted), without facets, as FTS5
counts none; the common-word log is also timed with `facets=true`. Each log runs twice on both
engines and the second pass is timed. FTS5 is queried the usual way, in-process:
`... MATCH ? ORDER BY bm25(docs) LIMIT 10`.

Both builds read the files from a warm page cache: the script reads them all once first.
Serve's peak memory counts the index file's mapped pages once per reader that mapped them;
the report says how many of its pages were mapped index pages at the end.

--scale N generates N documents from the collection's texts (each a mix of two originals) to
measure a larger index.
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

from hdrive_server import serving

WORD = re.compile(r"\w+", re.UNICODE)
FTS_TOP10 = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10"


def load_documents(folder, scale, seed=1):
    docs = []
    with open(os.path.join(folder, "docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append((d["id"], (d.get("title") or "").strip(), d.get("text") or ""))
    if not scale or scale <= len(docs):
        return docs
    rng = random.Random(seed)
    sentences = [re.split(r"(?<=[.!?])\s+", text) for _, _, text in docs]
    generated = []
    for n in range(scale):
        a, b = rng.randrange(len(docs)), rng.randrange(len(docs))
        mixed = sentences[a][: max(1, len(sentences[a]) // 2)] + sentences[b][len(sentences[b]) // 2:]
        generated.append((f"g{n}", docs[a][1], " ".join(mixed)))
    return generated


def write_files(docs, share):
    if os.path.isdir(share) and len(os.listdir(share)) == len(docs):
        return
    shutil.rmtree(share, ignore_errors=True)
    os.makedirs(share)
    for doc_id, title, text in docs:
        with open(os.path.join(share, f"{doc_id}.txt"), "w", encoding="utf-8") as out:
            out.write(title + "\n" + text)


def warm(share):
    """Reads every file once, so that neither engine pays for the disk: hdrive builds first and
    would otherwise read the files cold (a 100,000-file build took 17 s cold, 11 s warm) while
    FTS5 reads them after it, warm."""
    for name in os.listdir(share):
        with open(os.path.join(share, name), "rb") as f:
            f.read()


def directory_bytes(path):
    return sum(os.path.getsize(os.path.join(dirpath, name)) for dirpath, _, names in os.walk(path) for name in names)


def timed(command):
    """Runs a command under /usr/bin/time; returns (seconds, peak RSS in MiB)."""
    started = time.time()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, capture_output=True, text=True)
    seconds = time.time() - started
    if result.returncode != 0:
        sys.exit(f"bench-search: {' '.join(command)} failed: {result.stderr.strip()}")
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    return seconds, peak_kib / 1024


def common_word_queries(docs, count, seed=2):
    frequency = collections.Counter()
    for _, title, text in docs[:20000]:
        frequency.update(w.lower() for w in WORD.findall(title + " " + text) if not w.isdigit())
    common = [w for w, _ in frequency.most_common(150)]
    rng = random.Random(seed)
    return [" ".join(rng.sample(common, rng.randint(1, 3))) for _ in range(count)]


def fts_query(text, any_word):
    tokens = [t for t in WORD.findall(text.lower())]
    quoted = ['"' + t.replace('"', '""') + '"' for t in tokens]
    return (" OR " if any_word else " ").join(quoted)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def hdrive_latencies(hdrive, share, data, queries):
    """Each log runs twice and the second pass is timed (the first warms caches, as FTS5's
    does); `faceted` kinds ask for facets too (every match counted by type, year, folder, author)."""
    with serving(hdrive, share, data) as (connection, server):
        results = {}
        for name, texts in queries.items():
            for _ in range(2):  # the second pass is the one kept
                latencies = []
                for text in texts:
                    parameters = {"q": text, "limit": 10, **({"facets": "true"} if name.endswith("faceted") else {})}
                    connection.request("GET", "/api/search?" + urllib.parse.urlencode(parameters))
                    response = connection.getresponse()
                    payload = json.loads(response.read())
                    if response.status != 200:
                        sys.exit(f"bench-search: hdrive refused {text!r}: {payload}")
                    latencies.append(payload["took_ms"])
            results[name] = latencies
        with open(f"/proc/{server.pid}/status") as f:
            status = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in f if line.startswith(("VmHWM", "RssFile"))}
        # Each reader maps the index file, and a mapped page counts once per mapping that
        # touched it: the file part is the OS's page cache, not memory hdrive holds.
        return results, (status["VmHWM"], status["RssFile"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("collection")
    parser.add_argument("--hdrive", default=".build/release/hdrive")
    parser.add_argument("--work", default=".build-bench")
    parser.add_argument("--scale", type=int, default=0, help="generate this many documents")
    parser.add_argument("--common", type=int, default=300, help="common-word queries in the log")
    args = parser.parse_args()

    if not os.path.exists(os.path.join(args.collection, "docs.jsonl")):
        sys.exit(f"bench-search: {args.collection} is not a collection; set EVAL_DIR to the evaluation data folder")
    name = os.path.basename(os.path.normpath(args.collection)) + (f"-{args.scale}" if args.scale else "")
    work = os.path.join(args.work, name)
    docs = load_documents(args.collection, args.scale)
    share, data, fts_path = os.path.join(work, "share"), os.path.join(work, "data"), os.path.join(work, "fts5.db")
    write_files(docs, share)
    shutil.rmtree(data, ignore_errors=True)
    if os.path.exists(fts_path):
        os.remove(fts_path)

    warm(share)
    hdrive_seconds, hdrive_peak = timed([args.hdrive, "index", "--quiet", share, "--data-dir", data])
    subprocess.run(["python3", "-c", "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')",
                    os.path.join(data, "hdrive.db")], check=True)
    hdrive_bytes = directory_bytes(data)

    started = time.time()
    fts = sqlite3.connect(fts_path)
    fts.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')")
    with fts:
        for doc_id, title, text in docs:
            # Read from the same files hdrive indexed, so both pay for reading them.
            with open(os.path.join(share, f"{doc_id}.txt"), encoding="utf-8") as f:
                first, _, rest = f.read().partition("\n")
            fts.execute("INSERT INTO docs(title, body) VALUES (?, ?)", (first, rest))
    fts_seconds = time.time() - started
    fts_bytes = os.path.getsize(fts_path)

    queries = {"collection": [], "common": common_word_queries(docs, args.common)}
    queries["common faceted"] = queries["common"]
    with open(os.path.join(args.collection, "queries.tsv"), encoding="utf-8") as f:
        queries["collection"] = [line.rstrip("\n").partition("\t")[2] for line in f if line.strip()]
    hdrive_latency, server_peak = hdrive_latencies(args.hdrive, share, data, queries)
    fts_latency = {}
    for kind, texts in queries.items():
        if kind.endswith("faceted"):
            continue
        matches = [fts_query(text, any_word=(kind == "collection")) for text in texts]
        for match in matches:  # the warm-up pass
            fts.execute(FTS_TOP10, (match,)).fetchall()
        latencies = []
        for match in matches:
            t0 = time.perf_counter()
            fts.execute(FTS_TOP10, (match,)).fetchall()
            latencies.append((time.perf_counter() - t0) * 1000)
        fts_latency[kind] = latencies

    print(f"## {name}: {len(docs)} documents")
    print()
    print("| | hdrive | FTS5 | ratio |")
    print("|---|---|---|---|")
    print(f"| index build | {hdrive_seconds:.1f} s | {fts_seconds:.1f} s | {hdrive_seconds / fts_seconds:.2f}x |")
    print(f"| index size | {hdrive_bytes / 2**20:.1f} MiB | {fts_bytes / 2**20:.1f} MiB | {hdrive_bytes / fts_bytes:.2f}x |")
    for kind in ("collection", "common"):
        h, f = hdrive_latency[kind], fts_latency[kind]
        label = "collection queries" if kind == "collection" else "common-word queries (1-3 words)"
        print(f"| {label}: p50 | {percentile(h, 50):.2f} ms | {percentile(f, 50):.2f} ms | FTS5/hdrive {percentile(f, 50) / max(percentile(h, 50), 1e-6):.1f}x |")
        print(f"| {label}: p99 | {percentile(h, 99):.2f} ms | {percentile(f, 99):.2f} ms | FTS5/hdrive {percentile(f, 99) / max(percentile(h, 99), 1e-6):.1f}x |")
    faceted = hdrive_latency["common faceted"]
    print(f"| common-word queries with facets=true: p50, p99 | {percentile(faceted, 50):.2f} ms, {percentile(faceted, 99):.2f} ms | | |")
    print(f"| peak memory | index {hdrive_peak:.0f} MiB, serve {server_peak[0]:.0f} MiB "
          f"({server_peak[1]:.0f} MiB of it mapped index pages at the end) | | |")
    print()
    print(f"({len(queries['collection'])} collection queries, {len(queries['common'])} common-word queries; "
          "hdrive includes file reading, extraction, stemming vocabulary and stored text for snippets)")


if __name__ == "__main__":
    main()
