#!/usr/bin/env python3
"""Live-update latency: start `hdrive serve` on a tree, save a file 200 times (a new file or an
edit), and time until a search finds the new word. Usage: scripts/bench-crawl-live.py [SAVES]"""
import json, os, shutil, signal, subprocess, sys, tempfile, time, urllib.request

saves = int(sys.argv[1]) if len(sys.argv) > 1 else 200
hdrive = os.path.abspath(os.environ.get("HDRIVE", ".build/release/hdrive"))
work = tempfile.mkdtemp(prefix="hdrive-live-")
tree = os.path.join(work, "share")
for i in range(2000):
    d = os.path.join(tree, "d%02d" % (i % 20))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%04d.txt" % i), "w") as f:
        f.write("filler text %d\n" % i)
port = 18000 + os.getpid() % 1000
server = subprocess.Popen([hdrive, "serve", "--data-dir", os.path.join(work, "data"), "--listen", "127.0.0.1:%d" % port, tree],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def hits(word):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/api/search?q=%s" % (port, word), timeout=2) as r:
            return json.load(r).get("total", 0)
    except Exception:
        return -1

try:
    deadline = time.time() + 60
    while hits("filler") <= 0 and time.time() < deadline:
        time.sleep(0.1)
    latencies = []
    for i in range(saves):
        word = "zq%06dx" % i
        # Odd saves edit an existing file, even ones create a new file.
        path = os.path.join(tree, "d%02d" % (i % 20), ("f%04d.txt" % i) if i % 2 else ("new%04d.txt" % i))
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
    print("| saves | p50 | p95 | max |")
    print("|---|---|---|---|")
    print("| %d | %.2f s | %.2f s | %.2f s |" % (saves, p(0.5), p(0.95), latencies[-1]))
finally:
    server.send_signal(signal.SIGTERM)
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
