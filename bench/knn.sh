#!/usr/bin/env bash
# KNN benchmark (issue 5): Meridian's vector index against exact search and raw hnswlib
# (its own graph over the same vectors, same M/ef_construction/ef) on the demo job corpus,
# unfiltered and with filters passing 50 %, 10 %, 1 % and 0.1 % of the jobs. Ends with
# `ratio_qps_vs_hnswlib: X` and one `recall_at_10_<case>: R` line per case.
#   bench/knn.sh [path/to/meridian]     env: KNN_JOBS=200000 (20000: a quick try), KNN_SEED=42
#   make bench-knn [KNN_JOBS=20000]
# The corpus (`meridian demo --jobs JOBS --seed SEED`) is cached beside the binary in
# bench-data/, shared with bench/search.sh.
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
jobs=${KNN_JOBS:-200000}
seed=${KNN_SEED:-42}
bench=$(dirname "$bin")/bench/meridian_knn_bench
[ -x "$bench" ] || { echo "bench/knn.sh: $bench is missing (cmake --build the build directory)" >&2; exit 1; }
source "$(dirname "$0")/corpus.sh"
corpus=$(demo_corpus "$bin" "$jobs" "$seed")
echo "machine: $(nproc) cores, $(uname -r); corpus: $corpus ($jobs jobs, seed $seed)"
"$bench" "$corpus"
