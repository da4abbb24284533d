# Sourced by the benchmark scripts: `demo_corpus BIN JOBS SEED` prints the path of the demo
# job corpus (`meridian demo --jobs JOBS --seed SEED`, no talent or articles), made on first
# use and cached beside the binary in bench-data/.
demo_corpus() {
  local bin=$1 jobs=$2 seed=$3
  local cache
  cache=$(dirname "$bin")/bench-data
  local corpus=$cache/search-$jobs-seed$seed.db
  mkdir -p "$cache"
  if [ ! -f "$corpus" ]; then
    rm -f "$corpus.tmp" "$corpus.tmp-wal" "$corpus.tmp-shm"
    "$bin" demo --db "$corpus.tmp" --jobs "$jobs" --talent 0 --articles 0 --seed "$seed" >/dev/null
    mv "$corpus.tmp" "$corpus"
  fi
  echo "$corpus"
}
