#!/usr/bin/env bash
# Runs bench/search_spike.cpp (Xapian and SQLite FTS5 on the demo corpus; see docs/search.md).
#   bench/search_spike.sh [path/to/meridian] [JOBS=200000]     needs libxapian-dev
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
jobs=${JOBS:-200000}
pkg-config --exists xapian-core || { echo "bench/search_spike.sh: install libxapian-dev" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
g++ -O2 -std=c++20 bench/search_spike.cpp -o "$work/search_spike" \
  $(pkg-config --cflags --libs xapian-core sqlite3)
"$bin" demo --db "$work/corpus.db" --jobs "$jobs" --talent 10 --articles 1 >/dev/null
"$work/search_spike" "$work/corpus.db" "$jobs"
"$work/search_spike" "$work/corpus.db" "$jobs" --no-desc-positions
