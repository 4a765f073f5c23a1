#!/usr/bin/env python3
"""Measures extraction on the office evaluation set: `hdrive extract --json` on every file.

Reports recall of expected.tsv (share of expected substrings found) per file type and
overall, failures by kind, and whether every hostile, malformed and encrypted file ended
cleanly: a failure record or a document without leaked entity text, no crash, within the
time and memory bounds. The evaluation data is never copied into the repository.

Usage: eval-extract.py [--binary .build/release/hdrive] [--eval-dir DIR] [--verbose]
The eval folder comes from --eval-dir, else $HDRIVE_EVAL_DIR, else ../shared/eval.
"""
import argparse
import collections
import json
import os
import re
import resource
import subprocess
import sys
import time

TIMEOUT_SECONDS = 300          # a hang is anything past this
RSS_LIMIT_MIB = 1024           # "bounded memory" for one extraction, helpers included
LEAK_MARKERS = ["root:x:0:0"]  # what an XXE reading /etc/passwd would put in the text


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=".build/release/hdrive")
    parser.add_argument("--eval-dir", default=os.environ.get("HDRIVE_EVAL_DIR", "../shared/eval"))
    parser.add_argument("--verbose", action="store_true", help="list every missed row")
    return parser.parse_args()


def read_tsv(path):
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if line.strip()]
    return rows[1:]


def file_type(name):
    base = os.path.basename(name)
    return base.rsplit(".", 1)[-1].lower() if "." in base else "(none)"


def run(binary, path):
    """Runs one extraction; returns (report or None, exit status, seconds)."""
    started = time.monotonic()
    process = subprocess.Popen([binary, "extract", "--json", path], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    try:
        output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        output = b""
    seconds = time.monotonic() - started
    status = process.returncode
    try:
        report = json.loads(output.decode("utf-8"))
    except ValueError:
        report = None
    return report, status, seconds


def searchable_text(report):
    """What the index would make searchable: title, metadata values, body, members' text."""
    if not report or "failure" in report and report.get("failure"):
        return ""
    parts = [report.get("title") or "", report.get("text") or ""]
    parts += [str(value) for value in (report.get("metadata") or {}).values()]
    for member in report.get("members") or []:
        document = member.get("document") or {}
        parts += [document.get("title") or "", document.get("body") or ""]
    return re.sub(r"\s+", " ", " ".join(parts))


def main():
    arguments = parse_arguments()
    office = os.path.join(arguments.eval_dir, "office")
    if not os.path.isfile(os.path.join(office, "expected.tsv")):
        sys.exit(f"eval-extract: no evaluation set at {office} (set EVAL_DIR=... or HDRIVE_EVAL_DIR)")
    if not os.access(arguments.binary, os.X_OK):
        sys.exit(f"eval-extract: {arguments.binary} not found; build it with `swift build -c release`")
    binary = os.path.abspath(arguments.binary)
    manifest = {row[0]: row[7] if len(row) > 7 else "" for row in read_tsv(os.path.join(office, "manifest.tsv"))}
    expected = collections.defaultdict(list)
    for row in read_tsv(os.path.join(office, "expected.tsv")):
        expected[row[0]].append(re.sub(r"\s+", " ", row[1]))

    found = collections.Counter()
    total = collections.Counter()
    failures = collections.Counter()
    hostile = []
    slowest = (0.0, "")
    durations = []
    misses = []
    peak_rss = 0
    for name in sorted(manifest):
        path = os.path.join(office, name)
        report, status, seconds = run(binary, path)
        # The largest resident set of any finished child or grandchild (helper programs) so far.
        peak_rss = max(peak_rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
        slowest = max(slowest, (seconds, name))
        durations.append(seconds)
        failure = (report or {}).get("failure")
        if failure:
            failures[failure["kind"]] += 1
        text = searchable_text(report)
        kind = file_type(name)
        for substring in expected.get(name, []):
            total[kind] += 1
            if substring in text:
                found[kind] += 1
            else:
                misses.append(f"{name}: {substring[:70]!r}" + (f" ({failure['kind']}: {failure['message']})" if failure else ""))
        category = manifest[name]
        if category.startswith(("hostile", "malformed", "encrypted")):
            clean = report is not None and status in (0, 1) and seconds < TIMEOUT_SECONDS
            leaked = any(marker in text for marker in LEAK_MARKERS)
            wanted_encrypted = category.startswith("encrypted")
            right_kind = not wanted_encrypted or (failure or {}).get("kind") == "encrypted"
            members = len((report or {}).get("members") or [])
            outcome = (f"{failure['kind']}: {failure['message']}" if failure
                       else "document, no entity text leaked" + (f", {members} members" if members else ""))
            hostile.append((name, category, clean and not leaked and right_kind, outcome, seconds))

    print("## Recall of expected.tsv by file type\n")
    print("| type | found | expected | recall |")
    print("|---|---:|---:|---:|")
    for kind in sorted(total, key=lambda k: (-total[k], k)):
        print(f"| {kind} | {found[kind]} | {total[kind]} | {100 * found[kind] / total[kind]:.0f}% |")
    all_found, all_total = sum(found.values()), sum(total.values())
    print(f"| **all** | **{all_found}** | **{all_total}** | **{100 * all_found / max(all_total, 1):.1f}%** |")
    print(f"\n## Failures by kind ({len(manifest)} files)\n")
    print("| kind | files |")
    print("|---|---:|")
    for kind, count in failures.most_common():
        print(f"| {kind} | {count} |")
    print("\n## Hostile, malformed and encrypted files\n")
    print("| file | category | handled | outcome | seconds |")
    print("|---|---|---|---|---:|")
    for name, category, handled, outcome, seconds in hostile:
        print(f"| {name} | {category} | {'yes' if handled else 'NO'} | {outcome} | {seconds:.2f} |")
    handled = sum(1 for row in hostile if row[2])
    durations.sort()
    print(f"\nHandled: {handled}/{len(hostile)}. Peak RSS of any extraction (helpers included): {peak_rss} MiB "
          f"(bound {RSS_LIMIT_MIB} MiB).")
    print(f"Time per file, process start included: median {1000 * durations[len(durations) // 2]:.0f} ms, "
          f"total {sum(durations):.1f} s for {len(durations)} files; slowest {slowest[1]} ({slowest[0]:.2f} s).")
    if arguments.verbose and misses:
        print("\n## Missed rows\n")
        for miss in misses:
            print(f"- {miss}")
    return 0 if handled == len(hostile) and peak_rss <= RSS_LIMIT_MIB else 1


if __name__ == "__main__":
    sys.exit(main())
