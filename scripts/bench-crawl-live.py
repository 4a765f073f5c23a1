#!/usr/bin/env python3
"""Live-update latency: start `hdrive serve` on a tree, save a file 200 times (a new file or an
edit), and time until a search finds the new word. With --during-rescans the daemon is sent
SIGHUP every 0.2 s, so full rescans of the tree run back to back while the saves are timed.
Usage: scripts/bench-crawl-live.py [SAVES] [FILES] [--during-rescans]"""
import json, os, shutil, signal, subprocess, sys, tempfile, threading, time, urllib.request

args = [a for a in sys.argv[1:] if not a.startswith("--")]
saves = int(args[0]) if len(args) > 0 else 200
files = int(args[1]) if len(args) > 1 else 2000
rescans = "--during-rescans" in sys.argv
hdrive = os.path.abspath(os.environ.get("HDRIVE", ".build/release/hdrive"))
work = tempfile.mkdtemp(prefix="hdrive-live-")
# LIVE_TREE and LIVE_DATA: an already indexed tree (of FILES files) and its data directory.
tree = os.environ.get("LIVE_TREE", os.path.join(work, "share"))
data = os.environ.get("LIVE_DATA", os.path.join(work, "data"))
for i in range(0 if "LIVE_TREE" in os.environ else files):
    d = os.path.join(tree, "d%02d" % (i % 20))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%04d.txt" % i), "w") as f:
        f.write("filler text %d\n" % i)
    if i % 10000 == 0:
        print("%d files written" % i, file=sys.stderr)
port = 18000 + os.getpid() % 1000
server = subprocess.Popen([hdrive, "serve", "--data-dir", data, "--listen", "127.0.0.1:%d" % port, tree],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def hits(word):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/api/search?q=%s" % (port, word), timeout=2) as r:
            return json.load(r).get("total", 0)
    except Exception:
        return -1

stop = threading.Event()
def hangups():
    while not stop.wait(0.2):
        server.send_signal(signal.SIGHUP)

try:
    # Ready once the first crawl has queued and indexed every file.
    deadline = time.time() + 3600
    while time.time() < deadline:
        if hits("filler") >= files or ("LIVE_TREE" in os.environ and hits("budget") > 0):
            break
        time.sleep(0.5)
    if rescans:
        threading.Thread(target=hangups, daemon=True).start()
        time.sleep(1)
    latencies = []
    for i in range(saves):
        word = "zq%06dx" % i
        # Odd saves edit an existing file, even ones create a new file.
        path = os.path.join(tree, "d%02d" % (i % 20), ("f%04d.txt" % i) if i % 2 else ("new%04d.txt" % i))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        start = time.time()
        with open(path, "w") as f:
            f.write("saved %s\n" % word)
        while hits(word) < 1:
            if time.time() - start > 30:
                break
            time.sleep(0.005)
        latencies.append(time.time() - start)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print("| saves | files | rescans running | p50 | p95 | max |")
    print("|---|---|---|---|---|---|")
    print("| %d | %d | %s | %.2f s | %.2f s | %.2f s |" % (saves, files, "yes" if rescans else "no",
                                                     p(0.5), p(0.95), latencies[-1]))
finally:
    stop.set()
    server.send_signal(signal.SIGTERM)
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
