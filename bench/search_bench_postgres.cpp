// PostgreSQL full-text search as the server peer, through libpq (one connection does
// everything). A table with a stored generated tsvector (title weight A, tags B,
// description C; 'english' configuration) is loaded with COPY in the transaction that
// creates it, then a GIN index is built and the table vacuumed and analyzed: the three
// together are the build. Queries are plainto_tsquery('english', text) (all words
// required), top 10 by ts_rank_cd with the weights {D, C, B, A} = {0.1, 1/3, 2/3, 1}, so that
// title, tags and description weigh 3:2:1 as in the other engines; the seniority filter is
// a plain column.
//
// Peak RSS is the server's, read from /proc (the bench and the server share a machine): the
// backend's VmHWM, its peak resident set (its private memory plus every shared-buffer and
// file page it touched; it ran the load, the index build and the queries), plus the current
// private memory (RssAnon) of the other server processes. Shared buffers those touched are
// the backend's pages already, so nothing is counted twice. The client's own peak (it holds
// the documents to COPY them) is printed apart as client_peak_rss_mb.
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "search_bench.h"

namespace search_bench {
namespace {

PGresult* Run(PGconn* conn, const std::string& sql) {
  PGresult* r = PQexec(conn, sql.c_str());
  ExecStatusType s = PQresultStatus(r);
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
    Die(sql + ": " + PQerrorMessage(conn));
  }
  return r;
}
void Exec(PGconn* conn, const std::string& sql) {
  PQclear(Run(conn, sql));
}
std::string Value(PGconn* conn, const std::string& sql) {
  PGresult* r = Run(conn, sql);
  std::string v = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  return v;
}

void AppendCopyField(std::string* out, const std::string& v) {
  for (char c : v) {
    switch (c) {
      case '\\':
        *out += "\\\\";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      default:
        *out += c;
    }
  }
}

void Copy(PGconn* conn, const Corpus& corpus) {
  PGresult* r = PQexec(conn, "COPY jobs (slug, seniority, title, tags, description) FROM STDIN");
  if (PQresultStatus(r) != PGRES_COPY_IN) Die(std::string("COPY: ") + PQerrorMessage(conn));
  PQclear(r);
  std::string buf;
  for (const auto& d : corpus.docs) {
    for (const std::string* v : {&d.slug, &d.seniority, &d.title}) {
      AppendCopyField(&buf, *v);
      buf += '\t';
    }
    AppendCopyField(&buf, JoinTags(d));
    buf += '\t';
    AppendCopyField(&buf, d.description);
    buf += '\n';
    if (buf.size() > (1 << 20)) {
      if (PQputCopyData(conn, buf.data(), static_cast<int>(buf.size())) != 1) Die("COPY data");
      buf.clear();
    }
  }
  if (!buf.empty() && PQputCopyData(conn, buf.data(), static_cast<int>(buf.size())) != 1) {
    Die("COPY data");
  }
  if (PQputCopyEnd(conn, nullptr) != 1) Die("COPY end");
  while ((r = PQgetResult(conn)) != nullptr) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Die(std::string("COPY: ") + PQerrorMessage(conn));
    PQclear(r);
  }
}

struct ProcMem {
  bool ok = false;
  long ppid = -1;
  double hwm_mb = 0, anon_mb = 0;
};
ProcMem ReadProc(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  ProcMem m;
  std::string key;
  while (in >> key) {
    if (key == "PPid:") {
      in >> m.ppid;
    } else if (key == "VmHWM:") {
      in >> m.hwm_mb;
      m.hwm_mb /= 1024;
      m.ok = true;
    } else if (key == "RssAnon:") {
      in >> m.anon_mb;
      m.anon_mb /= 1024;
    }
    in.ignore(1 << 10, '\n');
  }
  return m;
}

}  // namespace

int PostgresMode(const std::string& db, const std::string& queries_path,
                 const std::string& results_path, const std::string& conninfo) {
  Corpus corpus = LoadCorpus(db);
  std::vector<Query> queries = ReadQueries(queries_path);
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) Die(std::string("connect: ") + PQerrorMessage(conn));
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  // One core, like the others (no parallel scans); no JIT compilation of the ranking
  // queries (it costs tens of ms on the large ones); enough memory to build GIN in one go.
  Exec(conn, "SET max_parallel_workers_per_gather = 0");
  Exec(conn, "SET max_parallel_maintenance_workers = 0");
  Exec(conn, "SET jit = off");
  Exec(conn, "SET maintenance_work_mem = '1GB'");
  Exec(conn, "DROP TABLE IF EXISTS jobs");

  auto t0 = Clock::now();
  Exec(conn, "BEGIN");
  Exec(conn,
       "CREATE TABLE jobs (slug text NOT NULL, seniority text NOT NULL, title text NOT NULL, "
       "tags text NOT NULL, description text NOT NULL, doc tsvector GENERATED ALWAYS AS ("
       "setweight(to_tsvector('english', title), 'A') || "
       "setweight(to_tsvector('english', tags), 'B') || "
       "setweight(to_tsvector('english', description), 'C')) STORED)");
  Copy(conn, corpus);
  Exec(conn, "COMMIT");
  double load = Since(t0);
  auto t1 = Clock::now();
  Exec(conn, "CREATE INDEX jobs_doc ON jobs USING gin (doc)");
  double index = Since(t1);
  auto t2 = Clock::now();
  Exec(conn, "VACUUM ANALYZE jobs");
  double analyze = Since(t2);
  double total_mb = std::atof(Value(conn, "SELECT pg_total_relation_size('jobs')").c_str()) / 1e6;
  double gin_mb = std::atof(Value(conn, "SELECT pg_relation_size('jobs_doc')").c_str()) / 1e6;

  const char* kRank =
      " ORDER BY ts_rank_cd('{0.1, 0.3333, 0.6667, 1.0}', doc, "
      "plainto_tsquery('english', $1)) DESC LIMIT 10";
  std::string plain_sql =
      std::string("SELECT slug FROM jobs WHERE doc @@ plainto_tsquery('english', $1)") + kRank;
  std::string filtered_sql = std::string(
                                 "SELECT slug FROM jobs WHERE doc @@ plainto_tsquery('english', "
                                 "$1) AND seniority = $2") +
                             kRank;
  for (auto [name, sql, n] : {std::tuple{"plain", &plain_sql, 1}, {"filtered", &filtered_sql, 2}}) {
    PGresult* r = PQprepare(conn, name, sql->c_str(), n, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Die(std::string("prepare: ") + PQerrorMessage(conn));
    PQclear(r);
  }
  std::vector<TopSlugs> results;
  Timing timing = RunQueries(
      queries,
      [&](const Query& q, TopSlugs* out) {
        const char* params[2] = {q.text.c_str(), q.seniority.c_str()};
        bool filtered = !q.seniority.empty();
        PGresult* r = PQexecPrepared(conn, filtered ? "filtered" : "plain", filtered ? 2 : 1,
                                     params, nullptr, nullptr, 0);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
          Die("query " + q.text + ": " + PQerrorMessage(conn));
        }
        for (int i = 0; i < PQntuples(r); ++i) out->push_back(PQgetvalue(r, i, 0));
        PQclear(r);
      },
      &results);
  WriteResults(results_path, queries, results);

  std::string settings;
  for (const char* s : {"server_version", "shared_buffers", "work_mem", "maintenance_work_mem",
                        "fsync", "wal_level", "jit", "max_parallel_workers_per_gather"}) {
    settings +=
        std::string(settings.empty() ? "" : " ") + s + "=" + Value(conn, "SHOW " + std::string(s));
  }
  long backend_pid = std::atol(Value(conn, "SELECT pg_backend_pid()").c_str());
  ProcMem backend = ReadProc(backend_pid);
  double others_mb = 0;
  if (backend.ok) {
    ProcMem postmaster = ReadProc(backend.ppid);
    others_mb += postmaster.anon_mb;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
      std::string name = e.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      long pid = std::atol(name.c_str());
      if (pid == backend_pid) continue;
      ProcMem m = ReadProc(pid);
      if (m.ok && m.ppid == backend.ppid) others_mb += m.anon_mb;
    }
  }
  PQfinish(conn);

  std::printf("settings: %s\n", settings.c_str());
  std::printf("load_s: %.2f\n", load);
  std::printf("gin_s: %.2f\n", index);
  std::printf("vacuum_analyze_s: %.2f\n", analyze);
  std::printf("index_only_mb: %.1f\n", gin_mb);
  std::printf("server_backend_hwm_mb: %.0f\n", backend.ok ? backend.hwm_mb : -1.0);
  std::printf("server_others_anon_mb: %.0f\n", backend.ok ? others_mb : -1.0);
  std::printf("client_peak_rss_mb: %.0f\n", PeakRssMb());
  PrintFigures({.engine = "postgres_fts",
                .docs = corpus.docs.size(),
                .build_s = load + index + analyze,
                .index_mb = total_mb,
                .peak_rss_mb = backend.ok ? backend.hwm_mb + others_mb : -1.0},
               timing, results);
  return 0;
}

}  // namespace search_bench
