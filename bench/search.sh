#!/usr/bin/env bash
# Search benchmark (issue 4): Meridian's job index beside SQLite FTS5 (bm25) and PostgreSQL 15
# full-text search (GIN, ts_rank_cd), on the same demo corpus and the same 1,000 queries
# (bench/search_bench_queries.cpp: 1-3 words, 10 % with a typo, 30 % with a seniority
# filter), each engine in its own process building its own index, queried single-thread
# (top 10). Prints each engine's figures, a table, and ends with
# `ratio_qps_vs_sqlite_fts5: X` and `ratio_qps_vs_postgres_fts: Y` (Meridian's QPS / the peer's).
#   bench/search.sh [path/to/meridian]     env: SEARCH_JOBS=200000 (20000: a quick try),
#     SEARCH_SEED=42, SEARCH_BENCH=path/to/meridian_search_bench (default: beside meridian)
#   make bench-search [SEARCH_JOBS=20000]   (not JOBS: the Makefile's JOBS is the -j count)
# The corpus (`meridian demo --jobs JOBS --seed SEED`) is cached beside the binary in
# bench-data/. PostgreSQL runs as a throwaway cluster (initdb in a temporary directory, a free
# port, stopped and removed on exit); the bench connects through its Unix socket.
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
jobs=${SEARCH_JOBS:-200000}
seed=${SEARCH_SEED:-42}
bench=${SEARCH_BENCH:-$(dirname "$bin")/bench/meridian_search_bench}
pgbin=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$bench" ] || { echo "bench/search.sh: $bench is missing (cmake --build the build directory)" >&2; exit 1; }
[ -x "$pgbin/initdb" ] || { echo "bench/search.sh: PostgreSQL 15 is missing (scripts/install-deps)" >&2; exit 1; }
command -v /usr/bin/python3 >/dev/null || { echo "bench/search.sh: python3 is missing" >&2; exit 1; }

work=$(mktemp -d)
pgdir=$work/pg
pg_started=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$pg_started" ]; then as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
get() { sed -n "s/^$2: //p" "$work/$1.out" | head -n 1; }

source "$(dirname "$0")/corpus.sh"
corpus=$(demo_corpus "$bin" "$jobs" "$seed")
echo "machine: $(nproc) cores, $(uname -r); corpus: $corpus ($jobs jobs, seed $seed)"
"$bench" queries "$corpus" "$work/queries.tsv"

run() {  # engine name, then the mode's arguments
  local name=$1
  shift
  echo
  echo "== $name"
  "$bench" "$@" >"$work/$name.out"
  cat "$work/$name.out"
}
mkdir -p "$work/meridian"
run meridian meridian "$corpus" "$work/queries.tsv" "$work/meridian.tsv" "$work/meridian"
rm -rf "$work/meridian"
run sqlite_fts5 fts5 "$corpus" "$work/queries.tsv" "$work/sqlite_fts5.tsv" "$work/fts5"
rm -rf "$work/fts5"

# PostgreSQL 15: a throwaway cluster, tuned as a bulk-loaded search server would be on this
# machine (data that fits shared_buffers, no durability for a disposable table, no JIT,
# no autovacuum racing the measurement; the bench vacuums and analyzes itself).
mkdir -p "$pgdir"
chmod 711 "$work"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pgdir"; fi
as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
port=$(free_port)
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w start -o "-p $port \
  -c listen_addresses=127.0.0.1 -k $pgdir -c shared_buffers=1GB -c fsync=off \
  -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 \
  -c max_wal_size=4GB -c autovacuum=off -c jit=off" >/dev/null
pg_started=1
run postgres_fts postgres "$corpus" "$work/queries.tsv" "$work/postgres_fts.tsv" \
  "host=$pgdir port=$port user=postgres dbname=postgres"
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null
pg_started=""

echo
for peer in sqlite_fts5 postgres_fts; do
  "$bench" overlap "$work/meridian.tsv" "$work/$peer.tsv" "$work/queries.tsv" >"$work/overlap_$peer.out"
  echo "== top-10 overlap, meridian vs $peer (non-typo queries; |A∩B| / max(1, min(|A|,|B|)))"
  cat "$work/overlap_$peer.out"
done

echo
row() { printf '%-13s %9s %9s %9s %9s %9s %9s %9s %9s\n' "$@"; }
row engine build_s docs/s index_MB peak_RSS QPS p50_ms p99_ms overlap
for e in meridian sqlite_fts5 postgres_fts; do
  overlap=-
  [ -f "$work/overlap_$e.out" ] && overlap=$(get "overlap_$e" overlap_top10)
  row "$e" "$(get $e build_s)" "$(get $e docs_per_s)" "$(get $e index_mb)" \
    "$(get $e peak_rss_mb)" "$(get $e qps)" "$(get $e p50_ms)" "$(get $e p99_ms)" "$overlap"
done
echo "(index_MB: Meridian's index file; the FTS5 database file; PostgreSQL's"
echo " pg_total_relation_size. peak_RSS: PostgreSQL's is the server's, see the bench source.)"
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "ratio_qps_vs_sqlite_fts5: $(ratio "$(get meridian qps)" "$(get sqlite_fts5 qps)")"
echo "ratio_qps_vs_postgres_fts: $(ratio "$(get meridian qps)" "$(get postgres_fts qps)")"
