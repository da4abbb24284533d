#!/usr/bin/env bash
# Sign-in under load: argon2id hashing costs ~70 ms of CPU per sign-in. This runs a sign-in
# storm (wrk, 8 connections) against `meridian serve --threads 1` and, at the same time,
# measures the latency of GET /healthz on a second connection: once with password hashing on
# the I/O thread (--blocking-threads 0) and once on the blocking pool (--blocking-threads 2).
#   bench/signin.sh [path/to/meridian]     env: DURATION=5
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
duration=${DURATION:-5}
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench/signin.sh: $tool is missing" >&2; exit 1; }
done
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "bench-signin-password-1" | "$bin" users create --email bench@example.org --role member \
  --db "$work/bench.db" >/dev/null
cat >"$work/signin.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"bench@example.org","password":"bench-signin-password-1"}'
LUA

run() {
  local blocking=$1 port
  port=$(free_port)
  "$bin" serve --db "$work/bench.db" --port "$port" --threads 1 --blocking-threads "$blocking" \
    --signin-per-minute 0 --access-log false --log-level warn >"$work/serve.out" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  wrk -t1 -c8 -d"${duration}s" -s "$work/signin.lua" "http://127.0.0.1:$port/api/v1/auth/signin" \
    >"$work/signin.txt" &
  local storm=$!
  sleep 0.5
  wrk -t1 -c1 -d"$((duration - 1))s" --latency "http://127.0.0.1:$port/healthz" >"$work/health.txt"
  wait "$storm"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  local signins p50 p99
  signins=$(awk '/Requests\/sec/ {print $2}' "$work/signin.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/health.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/health.txt")
  echo "blocking_threads=$blocking: sign-ins ${signins}/s; healthz during the storm p50 $p50, p99 $p99"
}
run 0
run 2
