#!/bin/sh
# Crawler benchmark: first full crawl, no-change rescan against find(1) on the same tree in the
# same run, and peak memory. Usage: scripts/bench-crawl.sh [FILES] [WORKDIR]
# Needs a release build (make release). Prints Markdown rows for BENCHMARKS.md.
set -eu
FILES=${1:-1000000}
WORK=${2:-/tmp/hdrive-bench}
HDRIVE=${HDRIVE:-.build/release/hdrive}
TREE=$WORK/tree-$FILES
DATA=$WORK/data-$FILES

[ -x "$HDRIVE" ] || { echo "build first: make release" >&2; exit 1; }
mkdir -p "$WORK"
if [ ! -f "$TREE/.complete" ]; then
    echo "generating $FILES files in $TREE ..." >&2
    python3 - "$TREE" "$FILES" <<'PY'
import os, sys, random
root, total = sys.argv[1], int(sys.argv[2])
words = "budget report meeting project invoice contract summary draft review plan minutes quarterly".split()
rng = random.Random(42)
per_dir = 1000
for i in range(total):
    d = os.path.join(root, "dept%03d" % (i // (per_dir * 100)), "team%02d" % ((i // per_dir) % 100))
    if i % per_dir == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "doc%07d.txt" % i), "w") as f:
        f.write(" ".join(rng.choice(words) for _ in range(12)) + " token%d\n" % i)
open(os.path.join(root, ".complete"), "w").close()
PY
fi
sync
rm -rf "$DATA"
seconds() { python3 -c "import sys; print(float(sys.argv[1]))" "$1"; }

# First full crawl (files/s) and peak memory.
/usr/bin/time -f "%e %M" -o "$WORK/first.time" "$HDRIVE" index --quiet --data-dir "$DATA" "$TREE" > "$WORK/first.out" 2>/dev/null || true
read first_s first_kb < "$WORK/first.time"

# Warm the caches equally, then time find and the no-change rescan back to back, three times each.
find "$TREE" -printf '%s %T@\n' > /dev/null
best_find=999999; best_scan=999999; scan_kb=0
for run in 1 2 3; do
    /usr/bin/time -f "%e" -o "$WORK/find.time" find "$TREE" -printf '%s %T@\n' > /dev/null
    /usr/bin/time -f "%e %M" -o "$WORK/scan.time" "$HDRIVE" index --quiet --data-dir "$DATA" "$TREE" > "$WORK/scan.out" 2>/dev/null || true
    f=$(cat "$WORK/find.time"); read s kb < "$WORK/scan.time"
    best_find=$(python3 -c "print(min($best_find, $f))"); best_scan=$(python3 -c "print(min($best_scan, $s))")
    scan_kb=$kb
done
ratio=$(python3 -c "print(round($best_scan / $best_find, 2))")
rate=$(python3 -c "print(int($FILES / $first_s))")
echo
echo "| files | first crawl | first crawl peak RSS | no-change rescan | find -printf | rescan / find | rescan peak RSS |"
echo "|---|---|---|---|---|---|---|"
echo "| $FILES | ${first_s} s ($rate files/s) | $((first_kb / 1024)) MiB | ${best_scan} s | ${best_find} s | ${ratio}x | $((scan_kb / 1024)) MiB |"
echo
echo "first run: $(cat "$WORK/first.out")"
echo "rescan:    $(cat "$WORK/scan.out")"
