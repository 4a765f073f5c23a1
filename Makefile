# hdrive: `make run` to try it, `make test` to check it. Every dependency is installed here.

SWIFT       ?= swift
BUILD_FLAGS := --explicit-target-dependency-import-check error
SHARE       ?= examples/share
DATA_DIR    ?= hdrive-data
PREFIX      ?= /usr/local

# Debian packages: C libraries behind the shims, what the tests run (bindfs for FUSE mounts,
# gcc for a test helper), and the helper programs extraction runs for PDF (poppler-utils) and
# Word 97-2003 (antiword).
DEB_PACKAGES := pkg-config libmagic-dev libmagic-mgc libxml2-dev libsqlite3-dev zlib1g-dev libzstd-dev libssl-dev libstemmer-dev \
                systemd curl python3 time gcc bindfs poppler-utils antiword

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Evaluation data lives outside the repository (third-party licenses); see BENCHMARKS.md.
EVAL_DIR    ?= ../shared/eval
COLLECTION  ?= scifact

.PHONY: deps build release run test install clean eval-extract eval-ranking bench-search bench-crawl bench-extract bench-long-documents

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build -c release $(BUILD_FLAGS)

# Serves $(SHARE) (the demo share by default) on http://127.0.0.1:8080 with the index in $(DATA_DIR).
run: release
	.build/release/hdrive serve --data-dir $(DATA_DIR) $(SHARE)

# The whole suite, on a debug build; a release build too, since it reports some
# concurrency errors that debug builds accept.
test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build
	$(SWIFT) build -c release $(BUILD_FLAGS)

# Recall of the office evaluation set, failures by kind, hostile files handled (BENCHMARKS.md).
eval-extract: release
	python3 scripts/eval-extract.py --binary .build/release/hdrive --eval-dir $(EVAL_DIR)

# Extraction throughput against the raw inflate-plus-libxml2 limit, and files/s on small files
# (BENCHMARKS.md, "Throughput"). LibreOffice writes the documents, in a temporary folder.
BENCH_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui
bench-extract: deps
	@missing=""; \
	for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	$(SWIFT) build -c release $(BUILD_FLAGS) --product hdrive-bench
	scripts/bench-extract.sh

# Crawler benchmarks (BENCHMARKS.md, "Crawler"): BENCH_FILES files, a slow file system, live latency.
BENCH_FILES ?= 1000000
bench-crawl: release
	scripts/bench-crawl.sh $(BENCH_FILES)
	scripts/bench-crawl-slowfs.sh
	scripts/bench-crawl-live.py

install: release
	install -D -m 0755 .build/release/hdrive $(DESTDIR)$(PREFIX)/bin/hdrive
	install -D -m 0644 systemd/hdrive.service $(DESTDIR)/etc/systemd/system/hdrive.service
	install -D -m 0644 systemd/hdrive-rescan.service $(DESTDIR)/etc/systemd/system/hdrive-rescan.service
	install -D -m 0644 systemd/hdrive-rescan.timer $(DESTDIR)/etc/systemd/system/hdrive-rescan.timer
	[ -e $(DESTDIR)/etc/hdrive/hdrive.yaml ] || install -D -m 0644 config/hdrive.yaml $(DESTDIR)/etc/hdrive/hdrive.yaml
	id -u hdrive >/dev/null 2>&1 || useradd --system --home-dir /var/lib/hdrive --shell /usr/sbin/nologin hdrive

clean:
	rm -rf .build $(DATA_DIR)

# nDCG@10, MAP and R@100 of a test collection, through `hdrive index` and `hdrive search`.
eval-ranking: release
	python3 scripts/eval-ranking.py $(if $(wildcard $(EVAL_DIR)/ranking/$(COLLECTION)),$(EVAL_DIR)/ranking/$(COLLECTION),$(EVAL_DIR)/$(COLLECTION))

# hdrive against SQLite FTS5 on a collection: build time, size, latency (SCALE=100000 to generate more).
SCALE ?= 0
bench-search: release
	python3 scripts/bench-search.py $(EVAL_DIR)/ranking/$(COLLECTION) --scale $(SCALE)

# Search latency on long documents, where snippets and stored text dominate.
bench-long-documents: release
	python3 scripts/bench-long-documents.py $(EVAL_DIR)/ranking/$(COLLECTION)
