#!/usr/bin/env bash
# Reliability under load (issue 10), one `meridian serve` on loopback with the demo
# (SOAK_JOBS jobs) and its default settings (rate limits off: all the load comes from one
# address):
#   1. SOAK_SECONDS (600) of mixed traffic at SOAK_CONNECTIONS (256): search, pages,
#      recommendations, record reads, job writes and events; the first 60 s are warm-up.
#      The data set stays bounded: jobs are created and deleted over a fixed pool of slugs,
#      events come from a fixed pool of visitors (only the events table grows).
#      Per route: requests, 5xx, p50/p99; the server's RSS and open descriptors after
#      warm-up and at the end, both with no client connection open.
#   2. SOAK_IDLE (10,000) idle keep-alive connections: all served, a normal client's latency
#      beside them, memory per connection.
#   3. SOAK_SLOW (1,000) slowloris connections (one header byte a second): the server closes
#      them after its read timeout (30 s) while a normal client is served.
# Fails on any 5xx after warm-up, growth of the server's own (anonymous) memory >= 10 % after
# warm-up (the mapped database file is reported, not judged), a descriptor leak (more
# than 16 more open at the end), or a phase failing.
# The server logs at info level (background work: index rebuilds, model reloads), and the
# traffic phase lists the seconds with requests slower than 1 s, to match the two;
# SOAK_SERVER_LOG=path keeps the server's log.
#   bench/soak.sh [meridian] [meridian_soak]     make soak
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
soak=$(realpath "${2:-build/bench/meridian_soak}")
seconds=${SOAK_SECONDS:-600}
conns=${SOAK_CONNECTIONS:-256}
jobs=${SOAK_JOBS:-5000}
idle=${SOAK_IDLE:-10000}
slow=${SOAK_SLOW:-1000}
warmup=$((seconds >= 120 ? 60 : seconds / 4))
# Room for the idle connections on both sides (the server inherits the limit).
want=$((idle + 2000))
if [ "$(ulimit -n)" -lt "$want" ]; then
  ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
if [ "$(ulimit -n)" -lt "$want" ]; then
  echo "bench/soak.sh: open files limit $(ulimit -n) is below $want; using $(($(ulimit -n) - 2000)) idle connections" >&2
  idle=$(($(ulimit -n) - 2000))
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  if [ -n "${SOAK_SERVER_LOG:-}" ] && [ -f "$work/server.err" ]; then
    cp "$work/server.err" "$SOAK_SERVER_LOG"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
token=soak-admin-token-$RANDOM$RANDOM$RANDOM$RANDOM

echo "machine: $(nproc) cores, $(uname -r); demo with $jobs jobs; open files limit $(ulimit -n)"
"$bin" demo --db "$work/soak.db" --jobs "$jobs" --log-level warn | tail -1
"$bin" serve --db "$work/soak.db" --port 0 --admin-token "$token" --access-log false \
  --log-level info --writes-per-minute 0 --signin-per-minute 0 --signup-per-minute 0 \
  >"$work/server.out" 2>"$work/server.err" &
server=$!
port=""
for _ in $(seq 1 600); do
  port=$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$work/server.out" 2>/dev/null | sed 's/.*://' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "bench/soak.sh: the server did not start"; cat "$work/server.err"; exit 1; }
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.2; done
echo "server pid $server on port $port"

status=0
echo "== 1. mixed traffic: $conns connections, $seconds s ($warmup s warm-up)"
"$soak" traffic --port "$port" --pid "$server" --token "$token" --connections "$conns" \
  --seconds "$seconds" --warmup "$warmup" || status=1
echo "== 2. $idle idle keep-alive connections"
"$soak" idle --port "$port" --pid "$server" --connections "$idle" || status=1
echo "== 3. $slow slowloris connections"
"$soak" slowloris --port "$port" --pid "$server" --connections "$slow" --seconds 60 || status=1
if ! kill -0 "$server" 2>/dev/null; then
  echo "bench/soak.sh: the server died"; status=1
else
  kill -TERM "$server"
  if wait "$server"; then echo "server stopped cleanly"; else echo "server exit status $?"; status=1; fi
  server=""
fi
error_lines=$(grep -iE 'error|sanitizer' "$work/server.err" | grep -v '\[info\]' || true)
if [ -n "$error_lines" ]; then
  echo "server log: $(wc -l <<<"$error_lines") error lines (5xx during warm-up included); the first 5:"
  head -5 <<<"$error_lines"
fi
[ $status -eq 0 ] && echo "soak: passed" || echo "soak: FAILED"
exit $status
