// Meridian's job search as `meridian serve` runs it: the index built by one streaming scan
// of the store (SearchService::Rebuild: no copy of the documents is kept) and written to
// its index file, then queried single-thread through the service (top 10 by relevance,
// all words required, typos only when the exact words find nothing). The text goes in
// with a trailing space so that the last word is not also matched as a prefix
// (search-as-you-type), which neither FTS5 nor PostgreSQL does here.
//
// Two phases, as the product runs: a build (`meridian reindex` or a first start: one scan,
// the index written to its file; peak RSS is this phase's), then a start from the file and
// the timed queries. Memory (issue 4's target: index on disk + resident memory <= 1.5 x
// the raw text) is the file's size plus the serving phase's VmRSS.
#include <malloc.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>

#include "engine/search/index_file.h"
#include "engine/search/search_service.h"
#include "engine/store/sqlite/sqlite_store.h"
#include "search_bench.h"

namespace search_bench {
namespace {

double ProcStatusMb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  }
  return 0;
}

// Bytes of title + tags + description, counted by SQLite (the documents never load here).
double TextMb(const std::string& db) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h,
                     "SELECT SUM(LENGTH(CAST(title AS BLOB)) + LENGTH(CAST(tags AS BLOB)) + "
                     "LENGTH(CAST(description AS BLOB))) FROM jobs",
                     -1, &st, nullptr);
  double bytes = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_double(st, 0) : 0;
  sqlite3_finalize(st);
  sqlite3_close(h);
  return bytes / 1e6;
}

}  // namespace

int MeridianMode(const std::string& db, const std::string& queries_path,
                 const std::string& results_path, const std::string& workdir) {
  std::vector<Query> queries = ReadQueries(queries_path);
  double text_mb = TextMb(db);
  std::string index_path = workdir + "/jobs.idx";
  // Build, as `meridian reindex` or a first start does: scan, build, write the file.
  double build = 0;
  size_t docs = 0;
  {
    auto store = meridian::OpenSqliteStore({.path = db});
    if (!store.ok()) Die("cannot open " + db);
    meridian::SearchService built(meridian::JobSearchSource(**store), {.index_path = index_path});
    auto t0 = Clock::now();
    if (!built.Rebuild().ok()) Die("index build failed");
    build = Since(t0);
    docs = built.snapshot()->documents;
  }
  double build_peak = PeakRssMb();
  double file_mb = static_cast<double>(meridian::JobIndexFile::FileBytes(index_path)) / 1e6;
  ::malloc_trim(0);
  // Serve, as `meridian serve` does on a restart: load the file, then answer the queries.
  auto store = meridian::OpenSqliteStore({.path = db});
  if (!store.ok()) Die("cannot open " + db);
  meridian::SearchService search(meridian::JobSearchSource(**store), {.index_path = index_path});
  auto t1 = Clock::now();
  if (!search.Start().ok()) Die("index load failed");
  double load = Since(t1);
  std::vector<TopSlugs> results;
  Timing timing = RunQueries(
      queries,
      [&](const Query& q, TopSlugs* out) {
        meridian::SearchQuery sq;
        sq.text = q.text + " ";
        sq.seniority = q.seniority;
        sq.sort = meridian::SearchSort::kRelevance;
        sq.limit = 10;
        auto r = search.Search(sq);
        if (!r.ok()) Die("search failed: " + q.text);
        for (auto& h : r->hits) out->push_back(std::move(h.slug));
      },
      &results);
  WriteResults(results_path, queries, results);
  double rss = ProcStatusMb("VmRSS");

  std::printf("text_mb: %.1f\n", text_mb);
  std::printf("index_memory_mb: %.1f\n",
              static_cast<double>(search.snapshot()->base->MemoryBytes()) / 1e6);
  std::printf("start_from_file: %s (%.2f s)\n", search.start_report().c_str(), load);
  std::printf("resident_serving_mb: %.0f (anonymous %.0f, file-backed %.0f)\n", rss,
              ProcStatusMb("RssAnon"), ProcStatusMb("RssFile"));
  std::printf("disk_plus_resident_vs_text: %.2f (target <= 1.5)\n", (file_mb + rss) / text_mb);
  PrintFigures({.engine = "meridian",
                .docs = docs,
                .build_s = build,
                .index_mb = file_mb,
                .peak_rss_mb = build_peak},
               timing, results);
  return 0;
}

}  // namespace search_bench
