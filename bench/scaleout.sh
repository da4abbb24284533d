#!/usr/bin/env bash
# Scale-out benchmark (issue 9). On one throwaway PostgreSQL 15 cluster (durable: fsync on,
# synchronous commits) seeded with the demo (SCALEOUT_JOBS jobs):
#   1. search throughput through nginx (deploy/nginx/meridian-proxy.conf) with 1 replica,
#      then 2 replicas, same machine, same database: wrk -t2 -c$SCALEOUT_CONNECTIONS for
#      SCALEOUT_SECONDS on 12 rotating queries; prints both and `ratio_2_vs_1_replicas: X`;
#   2. how soon a job written through replica 1 is found by replica 2's search (20 writes);
#   3. catch-up: replica 2 killed (SIGKILL), 500 jobs written through replica 1, replica 2
#      restarted: seconds until it is ready and its search finds all 500;
#   4. write throughput, jobs/s created through the API (POST /api/v1/jobs, wrk, 8
#      connections) on a fresh SQLite file and on a fresh PostgreSQL database, one server
#      each; prints both and `ratio_postgres_vs_sqlite_writes: X`.
# Everything shares this machine's cores (wrk, nginx, PostgreSQL, the replicas): on a small
# VM two replicas cannot run faster than the cores allow; the figures say what they measured.
#   bench/scaleout.sh [path/to/meridian]   env: SCALEOUT_JOBS=5000 SCALEOUT_SECONDS=10
#     SCALEOUT_CONNECTIONS=32
#   make bench-scaleout
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
src=$(cd "$(dirname "$0")/.." && pwd)
jobs=${SCALEOUT_JOBS:-5000}
seconds=${SCALEOUT_SECONDS:-10}
conns=${SCALEOUT_CONNECTIONS:-32}
pgbin=${PGBIN:-/usr/lib/postgresql/15/bin}
for tool in wrk /usr/sbin/nginx curl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "bench/scaleout.sh: $tool is missing (scripts/install-deps)" >&2; exit 1; }
done
[ -x "$pgbin/initdb" ] || { echo "bench/scaleout.sh: PostgreSQL 15 is missing (scripts/install-deps)" >&2; exit 1; }

work=$(mktemp -d)
chmod 711 "$work"
pgdir=$work/pg
pids=()
nginx_pid=""
pg_started=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
  if [ -n "$pg_started" ]; then as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
token=bench-admin-token-$RANDOM$RANDOM$RANDOM
auth="Authorization: Bearer $token"

echo "machine: $(nproc) cores, $(uname -r); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'), $(nginx -v 2>&1 | sed 's/.*\///'), demo with $jobs jobs"

# PostgreSQL 15, durable as in production (fsync, synchronous commit, full page writes).
mkdir -p "$pgdir"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pgdir"; fi
as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
pgport=$(free_port)
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w start -o "-p $pgport \
  -c listen_addresses=127.0.0.1 -k $pgdir -c shared_buffers=512MB -c max_connections=300 \
  -c jit=off" >/dev/null
pg_started=1
psql() { as_pg "$pgbin/psql" -X -q -h "$pgdir" -p "$pgport" -U postgres "$@"; }
url() { echo "postgresql://postgres@127.0.0.1:$pgport/$1"; }
psql -c "CREATE DATABASE demo" -c "CREATE DATABASE writes" >/dev/null

cd "$work"
t0=$(date +%s.%N)
"$bin" demo --db "$(url demo)" --jobs "$jobs" --index-dir "$work/seed-index" --log-level warn >/dev/null
echo "seeded the demo into PostgreSQL in $(/usr/bin/python3 -c "print(round($(date +%s.%N) - $t0, 1))") s"

wait_ready() {  # port
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz")" = 200 ] && return 0
    sleep 0.1
  done
  echo "bench/scaleout.sh: the server on port $1 did not become ready" >&2
  exit 1
}
declare -A replica_pid
start_replica() {  # index, port, database URL
  "$bin" serve --db "$3" --port "$2" --index-dir "$work/index-$1" --admin-token "$token" \
    --access-log false --writes-per-minute 0 --log-level warn >"$work/replica-$1.log" 2>&1 &
  replica_pid[$1]=$!
  pids+=($!)
  wait_ready "$2"
}
start_nginx() {  # ports of the replicas
  local servers="" p
  for p in "$@"; do servers+="    server 127.0.0.1:$p max_fails=2 fail_timeout=5s;"$'\n'; done
  mkdir -p "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  upstream meridian {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    client_max_body_size 1m;
    location / {
      include $src/deploy/nginx/meridian-proxy.conf;
      proxy_pass http://meridian;
    }
  }
}
EOF
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; fi
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$nginx_port/healthz" && return 0
    sleep 0.05
  done
}

cat >"$work/search.lua" <<'EOF'
local queries = {"engineer", "senior+python", "react", "data+engineer", "devops+kubernetes",
  "designer", "backend+go", "product+manager", "rust", "java", "machine+learning", "remote+sales"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/jobs?limit=10&q=" .. queries[(n % #queries) + 1])
end
EOF
search_qps() {  # label
  local out
  out=$(wrk -t2 -c"$conns" -d"${seconds}s" -s "$work/search.lua" "http://127.0.0.1:$nginx_port")
  local qps errors
  qps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
  errors=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
  echo "$1: ${qps} requests/s (non-2xx: ${errors:-0}; $(echo "$out" | sed -n 's/^ *Latency *\([^ ]*\).*/mean latency \1/p'))" >&2
  echo "$qps"
}

p1=$(free_port)
p2=$(free_port)
nginx_port=$(free_port)
echo
echo "== search through nginx"
start_replica 1 "$p1" "$(url demo)"
start_nginx "$p1"
qps1=$(search_qps "1 replica")
start_replica 2 "$p2" "$(url demo)"
start_nginx "$p1" "$p2"
qps2=$(search_qps "2 replicas")
echo "search_qps_1_replica: $qps1"
echo "search_qps_2_replicas: $qps2"
echo "ratio_2_vs_1_replicas: $(/usr/bin/python3 -c "print(round($qps2 / $qps1, 2))")"

# A small HTTP client for the timed steps (keep-alive, one connection per server).
cat >"$work/client.py" <<'EOF'
import http.client, json, statistics, sys, time
token, p1, p2, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
def conn(port): return http.client.HTTPConnection("127.0.0.1", port, timeout=30)
def post(c, slug, title):
    body = json.dumps({"slug": slug, "company": "bench-co", "title": title,
                       "tags": ["go"], "posted_at": "2026-11-20"})
    c.request("POST", "/api/v1/jobs", body, auth); r = c.getresponse(); r.read()
    if r.status != 201: sys.exit(f"POST {slug}: {r.status}")
def total(c, q):
    c.request("GET", "/api/v1/jobs?limit=1&q=" + q); r = c.getresponse(); body = r.read()
    return json.loads(body)["meta"]["total"] if r.status == 200 else -1
a, b = conn(p1), conn(p2)
if mode == "company":
    a.request("POST", "/api/v1/companies", json.dumps({"name": "Bench Co", "slug": "bench-co"}), auth)
    r = a.getresponse(); r.read()
elif mode == "visibility":
    waits = []
    for i in range(20):
        word = f"zvisible{i}q"
        post(a, f"visible-{i}", f"Engineer {word}")
        t = time.monotonic()
        while total(b, word) != 1:
            if time.monotonic() - t > 30: sys.exit(f"{word} never became visible")
            time.sleep(0.002)
        waits.append(time.monotonic() - t)
    print(f"visibility_ms_median: {statistics.median(waits) * 1000:.1f}")
    print(f"visibility_ms_max: {max(waits) * 1000:.1f}")
elif mode == "write":
    for i in range(500): post(a, f"away-{i}", "Engineer zcatchupq")
elif mode == "caughtup":
    t = time.monotonic()
    while total(b, "zcatchupq") != 500:
        if time.monotonic() - t > 300: sys.exit("replica 2 never caught up")
        time.sleep(0.01)
EOF
client() { /usr/bin/python3 "$work/client.py" "$token" "$p1" "$p2" "$1"; }

echo
echo "== a write through replica 1, searched through replica 2"
client company
client visibility

echo
echo "== catch-up after kill -9"
{ kill -9 "${replica_pid[2]}" && wait "${replica_pid[2]}"; } 2>/dev/null || true
client write
t0=$(date +%s.%N)
start_replica 2 "$p2" "$(url demo)"
ready=$(/usr/bin/python3 -c "print(round($(date +%s.%N) - $t0, 2))")
client caughtup
caught=$(/usr/bin/python3 -c "print(round($(date +%s.%N) - $t0, 2))")
echo "restart_ready_s: $ready"
echo "catchup_500_jobs_s: $caught"
{ kill -9 "${replica_pid[1]}" "${replica_pid[2]}" && wait "${replica_pid[1]}" "${replica_pid[2]}"; } 2>/dev/null || true

echo
echo "== write throughput through the API (one server each, wrk -t2 -c8, ${seconds} s)"
cat >"$work/write.lua" <<EOF
local thread_id = 0
local threads = 0
setup = function(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"slug":"w-%d-%d","company":"bench-co","title":"Write Bench Engineer %d","tags":["go","sql"],"description":"Generated by the scale-out benchmark.","posted_at":"2026-11-20"}', tid, n, n)
  return wrk.format("POST", "/api/v1/jobs", {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"}, body)
end
EOF
write_rate() {  # label, database URL
  local port
  port=$(free_port)
  start_replica "w$1" "$port" "$2"
  p1=$port client company
  local out created
  out=$(wrk -t2 -c8 -d"${seconds}s" -s "$work/write.lua" "http://127.0.0.1:$port")
  local reqs errors
  reqs=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
  errors=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
  created=$((reqs - ${errors:-0}))
  echo "$1: $created jobs created in ${seconds} s (non-2xx: ${errors:-0})" >&2
  { kill -9 "${replica_pid[w$1]}" && wait "${replica_pid[w$1]}"; } 2>/dev/null || true
  /usr/bin/python3 -c "print(round($created / $seconds, 1))"
}
sqlite_rate=$(write_rate sqlite "$work/writes.db")
pg_rate=$(write_rate postgres "$(url writes)")
echo "write_jobs_per_s_sqlite: $sqlite_rate"
echo "write_jobs_per_s_postgres: $pg_rate"
echo "ratio_postgres_vs_sqlite_writes: $(/usr/bin/python3 -c "print(round($pg_rate / $sqlite_rate, 2))")"
