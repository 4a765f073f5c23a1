#!/bin/sh
# Parallel walker on a slow file system: every fstatat/openat/readdir-open pays an artificial
# delay (LD_PRELOAD shim, like a network round trip), and a no-change rescan is timed with
# walk_threads 1, 2, 4, 8, 16. Usage: scripts/bench-crawl-slowfs.sh [FILES] [DELAY_US]
set -eu
FILES=${1:-20000}
DELAY=${2:-200}
WORK=${WORK:-/tmp/hdrive-bench-slow}
HDRIVE=$(realpath "${HDRIVE:-.build/release/hdrive}")
mkdir -p "$WORK"
cat > "$WORK/slowstat.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
static int delay_us(void) { const char *d = getenv("SLOW_US"); return d ? atoi(d) : 0; }
int fstatat(int dirfd, const char *path, struct stat *buf, int flags) {
    static int (*real)(int, const char *, struct stat *, int);
    if (!real) real = dlsym(RTLD_NEXT, "fstatat");
    usleep(delay_us());
    return real(dirfd, path, buf, flags);
}
C
gcc -shared -fPIC -O2 -o "$WORK/slowstat.so" "$WORK/slowstat.c" -ldl
TREE=$WORK/tree-$FILES
if [ ! -d "$TREE" ]; then
    python3 - "$TREE" "$FILES" <<'PY'
import os, sys
root, total = sys.argv[1], int(sys.argv[2])
for i in range(total):
    d = os.path.join(root, "d%03d" % (i // 200))
    if i % 200 == 0: os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.txt" % i), "w") as f: f.write("word%d\n" % i)
PY
fi
"$HDRIVE" index --quiet --data-dir "$WORK/data" "$TREE" > /dev/null
echo "| walk_threads | no-change rescan, ${FILES} files, ${DELAY} us per stat | speed-up |"
echo "|---|---|---|"
base=""
for threads in 1 2 4 8 16; do
    printf 'data_dir: %s\nroots:\n  - path: %s\nlimits:\n  walk_threads: %s\n' "$WORK/data" "$TREE" "$threads" > "$WORK/hdrive.yaml"
    start=$(date +%s.%N)
    SLOW_US=$DELAY LD_PRELOAD="$WORK/slowstat.so" "$HDRIVE" index --quiet --config "$WORK/hdrive.yaml" > /dev/null
    end=$(date +%s.%N)
    t=$(python3 -c "print(round($end - $start, 2))")
    [ -n "$base" ] || base=$t
    echo "| $threads | $t s | $(python3 -c "print(round($base / $t, 1))")x |"
done
