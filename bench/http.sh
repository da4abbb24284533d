#!/usr/bin/env bash
# HTTP benchmark: requests/s of GET /api/v1/jobs/{slug} from `meridian serve` beside nginx
# serving the very same JSON bytes as a static file, measured in the same run with the same
# load generator (wrk, 64 connections, loopback). Ends with `ratio_vs_nginx_static: X`.
#   bench/http.sh [path/to/meridian]     env: DURATION=10 THREADS=2 CONNECTIONS=64 ROUNDS=5
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
duration=${DURATION:-10}
wrk_threads=${THREADS:-2}
connections=${CONNECTIONS:-64}
rounds=${ROUNDS:-5}
server_threads=${SERVER_THREADS:-2}
for tool in wrk /usr/sbin/nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench/http.sh: $tool is missing (scripts/install-deps)" >&2; exit 1; }
done

work=$(mktemp -d)
meridian_pid=""
nginx_pid=""
cleanup() {
  [ -n "$meridian_pid" ] && kill "$meridian_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$bin" demo --db "$work/bench.db" --jobs 5000 --talent 200 --articles 20 >/dev/null
port=$(free_port)
"$bin" serve --db "$work/bench.db" --port "$port" --threads "$server_threads" --access-log false \
  --log-level warn >"$work/meridian.out" 2>&1 &
meridian_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
slug=$(curl -sf "http://127.0.0.1:$port/api/v1/jobs?limit=1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["slug"])')
url="http://127.0.0.1:$port/api/v1/jobs/$slug"
mkdir -p "$work/www"
curl -sf "$url" >"$work/www/job.json"
chmod 755 "$work" "$work/www" && chmod 644 "$work/www/job.json"  # nginx workers run unprivileged
bytes=$(stat -c %s "$work/www/job.json")

nport=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<CONF
worker_processes $server_threads;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  open_file_cache max=16 inactive=60s;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nport;
    location = /job.json { root $work/www; default_type application/json; }
  }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$nport/job.json" >/dev/null && break; sleep 0.1; done
if ! cmp -s <(curl -sf "$url") <(curl -sf "http://127.0.0.1:$nport/job.json"); then
  echo "bench/http.sh: bodies differ" >&2; curl -s -i "http://127.0.0.1:$nport/job.json" | head -5 >&2; tail -3 "$work/nginx/error.log" >&2; exit 1
fi

rps() { wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "machine: $(nproc) cores, $(uname -r); wrk -t$wrk_threads -c$connections -d${duration}s, loopback; $rounds alternating rounds"
echo "payload: $bytes bytes of JSON (GET /api/v1/jobs/$slug); meridian and nginx each with $server_threads worker threads, access logs off"
wrk -t2 -c16 -d2s "$url" >/dev/null
wrk -t2 -c16 -d2s "http://127.0.0.1:$nport/job.json" >/dev/null
ratios=()
best_m=0
best_n=0
for r in $(seq "$rounds"); do
  m=$(rps "$url")
  n=$(rps "http://127.0.0.1:$nport/job.json")
  ratio=$(/usr/bin/python3 -c "print(f'{$m / $n:.3f}')")
  ratios+=("$ratio")
  echo "round $r: meridian $m req/s, nginx static $n req/s, ratio $ratio"
  best_m=$(/usr/bin/python3 -c "print(max($best_m, $m))")
  best_n=$(/usr/bin/python3 -c "print(max($best_n, $n))")
done
# CPU time per request (user + kernel, from perf's task-clock): steadier than requests/s on a
# noisy machine, since it does not depend on how the scheduler shares the cores with wrk.
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
  cpu_per_req() {  # pids url
    perf stat -e task-clock -p "$1" -o "$work/perf.txt" -- sleep "$duration" &
    local perf_pid=$!
    local r
    r=$(rps "$2")
    wait "$perf_pid" || true
    local ms
    ms=$(awk '/task-clock/ {gsub(",", "", $1); print $1}' "$work/perf.txt")
    /usr/bin/python3 -c "print(f'{$ms * 1000 / ($r * $duration):.2f}')"
  }
  nginx_workers=$(pgrep -P "$nginx_pid" | paste -sd, -)
  echo "cpu_us_per_request: meridian $(cpu_per_req "$meridian_pid" "$url"), nginx $(cpu_per_req "$nginx_workers" "http://127.0.0.1:$nport/job.json")"
fi

# The same route with the response cache off: every request reads SQLite and renders JSON.
kill "$meridian_pid"; wait "$meridian_pid" 2>/dev/null || true
"$bin" serve --db "$work/bench.db" --port "$port" --threads "$server_threads" --access-log false \
  --log-level warn --response-cache 0 >"$work/meridian-nocache.out" 2>&1 &
meridian_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
uncached=$(rps "$url")
echo "meridian without response cache: $uncached req/s (reference, not the target)"
echo "meridian_rps: $best_m"
echo "nginx_static_rps: $best_n"
echo "best_ratio: $(/usr/bin/python3 -c "print(f'{$best_m / $best_n:.2f}')")"
# The headline figure: the median of the per-round ratios (the two servers alternate, so each
# round compares them under the same background noise).
echo "ratio_vs_nginx_static: $(/usr/bin/python3 -c "import statistics; print(f'{statistics.median([$(IFS=,; echo "${ratios[*]}")]):.2f}')")"
