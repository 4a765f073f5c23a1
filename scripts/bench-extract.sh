#!/bin/sh
# Extraction throughput (BENCHMARKS.md, "Throughput"): MB/s of .docx, .xlsx and .odt against
# the raw limit of inflating and reading their XML in the same run, and files/s on a folder of
# small mixed files. Documents are written by LibreOffice (Writer and Calc) from generated
# HTML and CSV, into WORKDIR, and reused on the next run.
# Usage: scripts/bench-extract.sh [WORKDIR]   (SMALL_FILES=2400 RUNS=9 to change the sizes)
set -eu
WORK=${1:-${TMPDIR:-/tmp}/hdrive-bench-extract}
SMALL_FILES=${SMALL_FILES:-2400}
RUNS=${RUNS:-9}
BENCH=${BENCH:-.build/release/hdrive-bench}

[ -x "$BENCH" ] || { echo "build first: swift build -c release --product hdrive-bench" >&2; exit 1; }
command -v soffice >/dev/null || { echo "needs LibreOffice: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui" >&2; exit 1; }
CORPUS=$WORK/corpus-$SMALL_FILES
mkdir -p "$WORK"

convert() {  # convert FORMAT OUTDIR FILES...: one LibreOffice run, a private profile
    format=$1 outdir=$2
    shift 2
    soffice -env:UserInstallation="file://$WORK/profile" --headless --convert-to "$format" \
        --outdir "$outdir" "$@" >/dev/null 2>&1
}

if [ ! -f "$CORPUS/.complete" ]; then
    echo "generating documents in $CORPUS (a few minutes) ..." >&2
    rm -rf "$CORPUS"
    mkdir -p "$CORPUS/src" "$CORPUS/large" "$CORPUS/small"
    python3 - "$CORPUS" "$SMALL_FILES" <<'PY'
import os, random, sys
root, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
words = ("begroting vergadering dijkversterking gemaal onderhoud besluit waterschap verslag planning "
         "budget review meeting project invoice contract summary draft plan minutes quarterly "
         "Zürich café financiën coöperatie").split()
def sentence(n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."
def html(sections, paragraphs):
    out = ["<html><head><meta charset='utf-8'><title>Rapport</title></head><body>"]
    for s in range(sections):
        out.append(f"<h2>Hoofdstuk {s + 1}</h2>")
        for _ in range(paragraphs):
            out.append(f"<p>{sentence(12)} <b>{sentence(3)}</b> {sentence(14)} <i>{sentence(4)}</i></p>")
        out.append("<ul>" + "".join(f"<li>{sentence(6)}</li>" for _ in range(4)) + "</ul>")
        out.append("<table border='1'>" + "".join(
            "<tr>" + "".join(f"<td>{sentence(2)}</td>" for _ in range(4)) + "</tr>" for _ in range(4)) + "</table>")
    return "\n".join(out) + "</body></html>\n"
def csv(rows):
    return "".join(",".join([str(r), sentence(3), str(rng.randint(1, 99999)), f"{rng.random() * 1000:.2f}",
                             rng.choice(words), sentence(5)]) + "\n" for r in range(rows))
src, small = os.path.join(root, "src"), os.path.join(root, "small")
open(os.path.join(src, "report.html"), "w").write(html(300, 20))
open(os.path.join(src, "ledger.csv"), "w").write(csv(40000))
# Small files: a sixth each of txt, html, csv, and sources LibreOffice turns into docx, odt, pdf.
for i in range(count):
    kind = ("txt", "html", "csv", "docx", "odt", "pdf")[i % 6]
    folder = os.path.join(small, f"dept{i % 12:02d}")
    os.makedirs(folder, exist_ok=True)
    name = f"note{i:05d}"
    if kind == "txt":
        open(os.path.join(folder, name + ".txt"), "w").write("\n".join(sentence(12) for _ in range(rng.randint(3, 30))))
    elif kind == "html":
        open(os.path.join(folder, name + ".html"), "w").write(html(1, rng.randint(2, 10)))
    elif kind == "csv":
        open(os.path.join(folder, name + ".csv"), "w").write(csv(rng.randint(5, 60)))
    else:
        # Batches of 100: one LibreOffice run over many hundreds of files may stop halfway.
        batch = os.path.join(src, kind, f"{i // 600:03d}")
        os.makedirs(batch, exist_ok=True)
        open(os.path.join(batch, f"{folder[-6:]}-{name}.html"), "w").write(html(1, rng.randint(2, 10)))
PY
    # HTML goes to Writer (not Writer/Web), which is what saves .docx and .odt.
    writer='--infilter=HTML (StarWriter)'
    convert docx "$CORPUS/large" "$writer" "$CORPUS/src/report.html"
    convert odt "$CORPUS/large" "$writer" "$CORPUS/src/report.html"
    convert xlsx "$CORPUS/large" "$CORPUS/src/ledger.csv"
    for kind in docx odt pdf; do
        for batch in "$CORPUS/src/$kind"/*/; do
            convert "$kind" "$batch" "$writer" "$batch"*.html
            for file in "$batch"*."$kind"; do
                base=$(basename "$file")
                mv "$file" "$CORPUS/small/${base%%-*}/${base#*-}"
            done
        done
    done
    touch "$CORPUS/.complete"
fi

# A copy of the binary, so that a rebuild during the run cannot change what is measured.
cp "$BENCH" "$WORK/hdrive-bench"
"$WORK/hdrive-bench" "$CORPUS/large" "$CORPUS/small" "$RUNS"
