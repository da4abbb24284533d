# Meridian's front door. The two commands a newcomer needs:
#   make demo   installs dependencies, builds, seeds var/demo.db, serves http://localhost:8080
#   make test   installs dependencies, builds, runs unit, integration, sanitizer, fuzz (60 s
#               per target) and browser tests
SHELL := /bin/bash
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
PORT ?= 8080
DEMO_DB ?= var/demo.db
CMAKE_FLAGS ?=

.PHONY: all deps deps-build configure build demo seed serve test test-unit test-integration soak-traffic \
        test-asan test-e2e test-integration-postgres bench-http bench-scaleout bench-data bench-signin bench-search bench-knn bench-feed asan-build fuzz soak crash-soak eval-embeddings eval-recsys eval-salary eval-trust format clean

all: build

deps:
	scripts/install-deps all

deps-build:
	scripts/install-deps build

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

# Release build; leaves the binary at build/meridian.
build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

$(DEMO_DB):
	@mkdir -p $(dir $(DEMO_DB))
	$(BUILD)/meridian demo --db $(DEMO_DB)

seed: build $(DEMO_DB)

# An admin API key for the demo database (stored hashed in it; the secret only in this file,
# named after the database so that it always belongs to it).
DEMO_KEY := $(DEMO_DB).admin-key
$(DEMO_KEY): $(DEMO_DB)
	@umask 077 && $(BUILD)/meridian keys create --role admin --label "make demo" --db $(DEMO_DB) > $@

serve: build $(DEMO_KEY)
	@echo "Admin API key: $$(cat $(DEMO_KEY))  (also in $(DEMO_KEY); use Authorization: Bearer)"
	@echo "Sign up at http://localhost:$(PORT)/signup to post jobs or keep a profile."
	$(BUILD)/meridian serve --db $(DEMO_DB) --port $(PORT)

demo: deps-build
	$(MAKE) build
	$(MAKE) $(DEMO_DB)
	$(MAKE) serve

test: deps
	$(MAKE) build
	$(MAKE) test-unit test-integration
	$(MAKE) test-asan
	$(MAKE) fuzz FUZZ_SECONDS=60
	$(MAKE) test-e2e
	@echo "make test: all suites passed"

test-unit: build
	$(BUILD)/tests/meridian_unit_tests --gtest_brief=1

test-integration: build
	$(BUILD)/tests/meridian_integration_tests --gtest_brief=1

# Reliability under load (issue 10), about 30 minutes: soak-traffic, then crash-soak.
soak: soak-traffic crash-soak

# bench/soak.sh: SOAK_SECONDS (600) of mixed traffic at SOAK_CONNECTIONS (256), then 10,000
# idle keep-alive connections, then 1,000 slow clients.
soak-traffic: build
	bench/soak.sh $(BUILD)/meridian $(BUILD)/bench/meridian_soak

# The crash-safety test (tests/integration/crash_safety_test.cpp) with CRASH_POINTS kill
# points instead of make test's 52 (400: about 13 minutes on 2 cores).
CRASH_POINTS ?= 400
crash-soak: build
	MERIDIAN_CRASH_POINTS=$(CRASH_POINTS) $(BUILD)/tests/meridian_integration_tests \
	  --gtest_filter='CrashSafetyTest.*'

# Every integration test with its servers on PostgreSQL 15 (a throwaway cluster) instead of
# SQLite files; not part of `make test` (about 4 more minutes); the store suite and the
# scale-out test run on PostgreSQL in `make test` already.
test-integration-postgres: build
	MERIDIAN_TEST_STORE=postgres $(BUILD)/tests/meridian_integration_tests --gtest_brief=1

# ASan + UBSan build (clang, -O1) of the unit and integration tests, which also builds the
# libFuzzer targets (MERIDIAN_FUZZ: coverage instrumentation throughout). A build folder
# configured with another compiler is started afresh.
asan-build:
	@if [ -f $(ASAN_BUILD)/CMakeCache.txt ] && \
	  ! grep -q '^CMAKE_CXX_COMPILER:.*clang++' $(ASAN_BUILD)/CMakeCache.txt; then \
	  echo "$(ASAN_BUILD) was configured with another compiler: starting it afresh"; rm -rf $(ASAN_BUILD); fi
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DMERIDIAN_SANITIZE=ON -DMERIDIAN_FUZZ=ON \
	  $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: asan-build
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(ASAN_BUILD)/tests/meridian_unit_tests --gtest_brief=1
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  MERIDIAN_CRASH_POINTS=12 $(ASAN_BUILD)/tests/meridian_integration_tests --gtest_brief=1

# Embedding quality on real job titles (issue 5): kNN category accuracy against a TF-IDF
# baseline. Needs ../shared/data/jobs-djinni-2026 (skips with a message without it).
DJINNI ?= ../shared/data/jobs-djinni-2026/djinni.csv
eval-embeddings: build
	@if [ -f $(DJINNI) ]; then $(BUILD)/bench/meridian_embeddings_eval $(DJINNI); \
	else echo "eval-embeddings: skipped, $(DJINNI) is not here"; fi

# Recommender evaluation (issue 6, in progress): MovieLens-100K, stratified 75/25 per user
# and the predefined u1-u5 splits (80/20), every model (ALS and the hybrid tuned on a
# validation split of the training side). Needs ../shared/data/movielens-100k.
MOVIELENS ?= ../shared/data/movielens-100k
RECSYS_MODELS ?= pop,itemknn,itemknn-bm25,als,hybrid --tune
eval-recsys: build
	@if [ -f $(MOVIELENS)/u.data ]; then \
	  echo "== stratified 75/25 (seed 42)"; \
	  $(BUILD)/meridian eval recsys --interactions $(MOVIELENS)/u.data --model $(RECSYS_MODELS); \
	  for s in 1 2 3 4 5; do echo "== u$$s (80/20)"; \
	    $(BUILD)/meridian eval recsys --interactions $(MOVIELENS)/u.data --protocol predefined \
	      --test $(MOVIELENS)/u$$s.test --model $(RECSYS_MODELS) || exit 1; done; \
	else echo "eval-recsys: skipped, $(MOVIELENS) is not here"; fi

# Salary estimator (issue 7): MAE, MdAPE and P10-P90 coverage on the Djinni salaries (fixed
# 80/20 split, seed 42) against a median-by-category baseline, then the means over seeds
# 1..5. Needs ../shared/data/jobs-djinni-2026 (skips with a message without it).
eval-salary: build
	@if [ -f $(DJINNI) ]; then $(BUILD)/meridian eval salary --csv $(DJINNI) --seeds 5; \
	else echo "eval-salary: skipped, $(DJINNI) is not here"; fi

# Trust and safety models (issue 7): the scam/spam classifier against naive Bayes and
# scikit-learn's logistic regression on SpamAssassin (all five sets, hard ham included) and
# the SMS Spam Collection, stratified 80/20 (seed 42). Needs ../shared/data (or
# MERIDIAN_DATA_DIR); skips with a message without it.
TRUST_DATA ?= ../shared/data
eval-trust: build
	@if [ -d $(TRUST_DATA)/spam-assassin ] && [ -d $(TRUST_DATA)/sms-spam-collection ]; then \
	  echo "== spamassassin"; \
	  $(BUILD)/meridian eval classifier --corpus spamassassin --data-dir $(TRUST_DATA) || exit 1; \
	  echo "== sms"; \
	  $(BUILD)/meridian eval classifier --corpus sms --data-dir $(TRUST_DATA) || exit 1; \
	else echo "eval-trust: skipped, $(TRUST_DATA)/spam-assassin or sms-spam-collection is not here"; fi
	@$(MAKE) --no-print-directory eval-salary
	@d=$$(mktemp -d); echo "== demo posts (generated labels -> scam model -> the demo's own posts)"; \
	  $(BUILD)/meridian demo --db $$d/demo.db --log-level warn | grep -E '^(demo|scam):'; rm -rf $$d

# Every libFuzzer target (tests/fuzz) for FUZZ_SECONDS each, $(JOBS) at a time, from the
# seeds in tests/fuzz/corpus (scripts/fuzz); FUZZ_TARGETS="http_request import" for some.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: asan-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(JOBS) scripts/fuzz $(ASAN_BUILD) $(FUZZ_TARGETS)

test-e2e: build
	node tests/e2e/browser.test.mjs --binary $(BUILD)/meridian --out $(BUILD)/e2e

# Benchmarks print their figures beside a peer measured in the same run.
bench-http: build
	bench/http.sh $(BUILD)/meridian

bench-signin: build
	bench/signin.sh $(BUILD)/meridian

bench-data: build
	bench/data.sh $(BUILD)/meridian

# Meridian's search index beside SQLite FTS5 and PostgreSQL 15 full-text search (issue 4);
# SEARCH_JOBS=20000 for a quick run.
bench-search: build
	bench/search.sh $(BUILD)/meridian

# Event-to-updated-feed latency beside a full retrain (issue 6).
bench-feed: build
	bench/feed.sh $(BUILD)/meridian

# Several replicas on one PostgreSQL (issue 9): search throughput with 1 and 2 replicas
# behind nginx, cross-replica visibility, catch-up after kill -9, and API write throughput on
# SQLite and PostgreSQL. SCALEOUT_JOBS=5000 SCALEOUT_SECONDS=10 by default.
bench-scaleout: build
	bench/scaleout.sh $(BUILD)/meridian

KNN_JOBS ?= 200000
bench-knn: build
	KNN_JOBS=$(KNN_JOBS) bench/knn.sh $(BUILD)/meridian

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
