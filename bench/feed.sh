#!/usr/bin/env bash
# "For you" benchmark (issue 6): event-to-updated-feed latency (store the event, fold it
# in, answer the feed) beside one full retrain of the recommenders, on a demo catalogue
# with generated visitor events. Ends with `event_to_feed_p50_ms: X` ... lines.
#   bench/feed.sh [path/to/meridian]   env: FEED_JOBS=20000 FEED_VISITORS=5000 FEED_ROUNDS=1000
#   make bench-feed
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
jobs=${FEED_JOBS:-20000}
visitors=${FEED_VISITORS:-5000}
rounds=${FEED_ROUNDS:-1000}
bench=$(dirname "$bin")/bench/meridian_feed_bench
[ -x "$bench" ] || { echo "bench/feed.sh: $bench is missing (cmake --build the build directory)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" demo --db "$dir/feed.db" --jobs "$jobs" --visitors "$visitors" --log-level warn >/dev/null
echo "machine: $(nproc) cores, $(uname -r); corpus: $jobs jobs, $visitors generated visitors"
"$bench" "$dir/feed.db" "$rounds"
