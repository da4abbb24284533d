#!/usr/bin/env bash
# Data-path benchmark: demo seeding (target >= 20,000 jobs/s at --jobs 200000) and bulk import
# (rows/s for NDJSON and CSV through full validation), beside the sqlite3 shell's raw `.import`
# of the same CSV into an untyped table (no validation, no indexes: the floor for loading
# these bytes into SQLite), measured in the same run.
#   bench/data.sh [path/to/meridian]     env: JOBS=200000 IMPORT_ROWS=50000
set -euo pipefail
bin=$(realpath "${1:-build/meridian}")
jobs=${JOBS:-200000}
rows=${IMPORT_ROWS:-50000}
for tool in sqlite3 /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "bench/data.sh: $tool is missing (scripts/install-deps)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(uname -r)"
seed=$("$bin" demo --db "$work/seed.db" --jobs "$jobs")
echo "$seed"
echo "demo_seed_jobs_per_s: $(echo "$seed" | sed -n 's/.*jobs: \([0-9,]*\) jobs\/s.*/\1/p' | tr -d ,)"

# Export companies and the first $rows jobs in Meridian's import shape (NDJSON and CSV).
/usr/bin/python3 - "$work" "$rows" <<'PY'
import csv, json, sqlite3, sys, datetime
work, rows = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(f"{work}/seed.db")
iso = lambda t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
with open(f"{work}/companies.ndjson", "w") as f:
    for slug, name, website in db.execute("SELECT slug, name, website FROM companies"):
        f.write(json.dumps({"slug": slug, "name": name, **({"website": website} if website else {})}) + "\n")
q = """SELECT j.slug, c.slug, j.title, j.description, j.tags, j.seniority, j.employment_type,
       j.eligible_areas, j.salary_min, j.salary_max, j.salary_currency, j.salary_period,
       j.posted_at, j.valid_through, j.status FROM jobs j JOIN companies c ON c.id = j.company_id
       ORDER BY j.id LIMIT ?"""
cols = ["slug", "company", "title", "description", "tags", "seniority", "employment_type",
        "eligibility.areas", "salary.min", "salary.max", "salary.currency", "salary.period",
        "posted_at", "valid_through", "status"]
with open(f"{work}/jobs.ndjson", "w") as nd, open(f"{work}/jobs.csv", "w", newline="") as cf:
    w = csv.writer(cf)
    w.writerow(cols)
    for r in db.execute(q, (rows,)):
        job = {"slug": r[0], "company": r[1], "title": r[2], "description": r[3], "tags": json.loads(r[4]),
               "seniority": r[5] or None, "employment_type": r[6], "eligibility": {"areas": json.loads(r[7])},
               "posted_at": iso(r[12]), "status": r[14]}
        if r[13]: job["valid_through"] = iso(r[13])
        if r[8] is not None or r[9] is not None:
            job["salary"] = {k: v for k, v in (("min", r[8]), ("max", r[9]), ("currency", r[10]),
                                               ("period", r[11])) if v is not None}
        nd.write(json.dumps({k: v for k, v in job.items() if v is not None}) + "\n")
        w.writerow([r[0], r[1], r[2], r[3], ";".join(json.loads(r[4])), r[5], r[6], ";".join(json.loads(r[7])),
                    "" if r[8] is None else r[8], "" if r[9] is None else r[9], r[10] or "", r[11] or "",
                    iso(r[12]), iso(r[13]) if r[13] else "", r[14]])
PY
echo "import files: $rows jobs, NDJSON $(stat -c %s "$work/jobs.ndjson") bytes, CSV $(stat -c %s "$work/jobs.csv") bytes"

rate() { echo "$1" | sed -n 's/.*(\([0-9,]*\) rows\/s).*/\1/p' | tr -d ,; }
"$bin" import companies "$work/companies.ndjson" --db "$work/nd.db" >/dev/null
out=$("$bin" import jobs "$work/jobs.ndjson" --db "$work/nd.db")
echo "$out"
nd_rate=$(rate "$out")
"$bin" import companies "$work/companies.ndjson" --db "$work/csv.db" >/dev/null
out=$("$bin" import jobs "$work/jobs.csv" --db "$work/csv.db")
echo "$out"
csv_rate=$(rate "$out")

start=$(date +%s.%N)
sqlite3 "$work/raw.db" ".mode csv" ".import $work/jobs.csv jobs_raw"
end=$(date +%s.%N)
raw_rate=$(/usr/bin/python3 -c "print(int($rows / ($end - $start)))")
echo "sqlite3 .import of the same CSV (untyped table, no validation): $raw_rate rows/s"
echo "import_ndjson_rows_per_s: $nd_rate"
echo "import_csv_rows_per_s: $csv_rate"
echo "sqlite3_raw_import_rows_per_s: $raw_rate"
echo "ratio_csv_import_vs_sqlite3_raw: $(/usr/bin/python3 -c "print(f'{$csv_rate / $raw_rate:.2f}')")"
