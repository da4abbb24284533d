// SQLite FTS5 as the in-process peer: a fresh database in WORKDIR with one FTS5 table
// (title, tags, description; porter over unicode61, as the spike), loaded in one
// transaction and then merged into a single segment ('optimize'), both timed as the build.
// Queries AND their quoted words and order by bm25 with weights 3, 2, 1; the seniority
// filter is an UNINDEXED column checked on the matches.
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>

#include "search_bench.h"

namespace search_bench {
namespace {

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = std::string(sql) + ": " + (err ? err : "?");
    sqlite3_free(err);
    Die(message);
  }
}

sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    Die(std::string(sql) + ": " + sqlite3_errmsg(db));
  }
  return st;
}

// `"w1" "w2"`: FTS5's implicit AND, each word a quoted string (no query syntax).
std::string MatchExpression(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) {
      if (!out.empty()) out += ' ';
      out += '"';
      for (size_t i = start; i < end; ++i) {
        if (text[i] == '"') out += '"';
        out += text[i];
      }
      out += '"';
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

int Fts5Mode(const std::string& db, const std::string& queries_path,
             const std::string& results_path, const std::string& workdir) {
  Corpus corpus = LoadCorpus(db);
  std::vector<Query> queries = ReadQueries(queries_path);

  std::filesystem::create_directories(workdir);
  std::string path = workdir + "/fts5.db";
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix);
  }
  sqlite3* f = nullptr;
  if (sqlite3_open(path.c_str(), &f) != SQLITE_OK) Die("cannot create " + path);
  // A throwaway file: no journal, no syncs. 64 MB of page cache, as for the spike's peer.
  Exec(f,
       "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;"
       "CREATE VIRTUAL TABLE jobs USING fts5(slug UNINDEXED, seniority UNINDEXED, title, tags, "
       "description, tokenize='porter unicode61');");

  auto t0 = Clock::now();
  Exec(f, "BEGIN");
  sqlite3_stmt* ins = Prepare(f, "INSERT INTO jobs VALUES (?,?,?,?,?)");
  for (const auto& d : corpus.docs) {
    std::string tags = JoinTags(d);
    sqlite3_bind_text(ins, 1, d.slug.data(), static_cast<int>(d.slug.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, d.seniority.data(), static_cast<int>(d.seniority.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, d.title.data(), static_cast<int>(d.title.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, tags.data(), static_cast<int>(tags.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, d.description.data(), static_cast<int>(d.description.size()),
                      SQLITE_STATIC);
    if (sqlite3_step(ins) != SQLITE_DONE) Die(std::string("insert: ") + sqlite3_errmsg(f));
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  Exec(f, "COMMIT");
  double load = Since(t0);
  auto t1 = Clock::now();
  Exec(f, "INSERT INTO jobs(jobs) VALUES ('optimize')");
  double optimize = Since(t1);

  // The full-text index alone (segments and their b-tree), without FTS5's copy of the text.
  double index_only_mb = -1;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(f,
                         "SELECT sum(pgsize) FROM dbstat WHERE name IN ('jobs_data', 'jobs_idx')",
                         -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    index_only_mb = sqlite3_column_double(st, 0) / 1e6;
  }
  sqlite3_finalize(st);

  // bm25 with the weights as the table's rank: `ORDER BY rank` measured ~5 % faster than
  // `ORDER BY bm25(jobs, 0, 0, 3, 2, 1)` (same order).
  Exec(f, "INSERT INTO jobs(jobs, rank) VALUES ('rank', 'bm25(0, 0, 3, 2, 1)')");
  const char* kSql = "SELECT slug FROM jobs WHERE jobs MATCH ?1 ORDER BY rank LIMIT 10";
  const char* kFilteredSql =
      "SELECT slug FROM jobs WHERE jobs MATCH ?1 AND seniority = ?2 ORDER BY rank LIMIT 10";
  sqlite3_stmt* plain = Prepare(f, kSql);
  sqlite3_stmt* filtered = Prepare(f, kFilteredSql);
  std::vector<TopSlugs> results;
  Timing timing = RunQueries(
      queries,
      [&](const Query& q, TopSlugs* out) {
        sqlite3_stmt* s = q.seniority.empty() ? plain : filtered;
        std::string match = MatchExpression(q.text);
        sqlite3_bind_text(s, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
        if (!q.seniority.empty()) {
          sqlite3_bind_text(s, 2, q.seniority.data(), static_cast<int>(q.seniority.size()),
                            SQLITE_TRANSIENT);
        }
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
          out->push_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        }
        if (rc != SQLITE_DONE) Die("query " + match + ": " + sqlite3_errmsg(f));
        sqlite3_reset(s);
      },
      &results);
  sqlite3_finalize(plain);
  sqlite3_finalize(filtered);
  sqlite3_close(f);
  WriteResults(results_path, queries, results);

  std::printf("load_s: %.2f\n", load);
  std::printf("optimize_s: %.2f\n", optimize);
  std::printf("index_only_mb: %.1f\n", index_only_mb);
  std::printf("docs_rss_mb: %.0f\n", corpus.rss_mb_after);
  PrintFigures({.engine = "sqlite_fts5",
                .docs = corpus.docs.size(),
                .build_s = load + optimize,
                .index_mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6,
                .peak_rss_mb = PeakRssMb()},
               timing, results);
  return 0;
}

}  // namespace search_bench
