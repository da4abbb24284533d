// The job index on a demo corpus: build rate, memory, and single-thread query latency for
// 1,000 queries drawn from the corpus (1-2 title words; 10 % with one typo, 30 % with a
// filter). The first step towards `make bench-search` (issue 4), which will run the same
// queries against SQLite FTS5 and PostgreSQL in the same run.
//
//   build/bench/meridian_search_bench DB     (DB from `meridian demo --jobs 200000`)
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "base/json.h"
#include "engine/search/job_index.h"

namespace {
using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}
long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}
std::string Text(sqlite3_stmt* st, int col) {
  const unsigned char* t = sqlite3_column_text(st, col);
  return t ? reinterpret_cast<const char*>(t) : "";
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: meridian_search_bench DB\n");
    return 2;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 1;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT j.slug, j.title, j.tags, j.description, c.slug, j.seniority, "
                     "j.employment_type, j.status, j.salary_usd_min, j.salary_usd_max, "
                     "j.posted_at FROM jobs j JOIN companies c ON c.id = j.company_id",
                     -1, &st, nullptr);
  std::vector<meridian::SearchDoc> docs;
  size_t raw = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    meridian::SearchDoc d;
    d.slug = Text(st, 0);
    d.title = Text(st, 1);
    auto tags = meridian::ParseJson(Text(st, 2));
    if (tags.ok() && tags->is_array()) {
      for (const auto& t : *tags) d.tags.push_back(t.get<std::string>());
    }
    d.description = Text(st, 3);
    d.company = Text(st, 4);
    d.seniority = Text(st, 5);
    d.employment_type = Text(st, 6);
    d.status = Text(st, 7);
    if (sqlite3_column_type(st, 8) != SQLITE_NULL) d.salary_min_usd = sqlite3_column_double(st, 8);
    if (sqlite3_column_type(st, 9) != SQLITE_NULL) d.salary_max_usd = sqlite3_column_double(st, 9);
    d.posted_at = sqlite3_column_int64(st, 10);
    raw += d.title.size() + Text(st, 2).size() + d.description.size();
    docs.push_back(std::move(d));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  long rss_docs = PeakRssMb();

  auto t0 = Clock::now();
  meridian::JobIndex index = meridian::JobIndex::Build(docs);
  double build = Since(t0);
  std::printf("corpus: %zu jobs, %.1f MB of text\n", docs.size(), raw / 1e6);
  std::printf(
      "build: %.2f s, %.0f jobs/s; index %.1f MB (%.2f x the text); peak RSS %ld MB "
      "(%ld MB before building, the documents themselves)\n",
      build, docs.size() / build, index.MemoryBytes() / 1e6,
      static_cast<double>(index.MemoryBytes()) / static_cast<double>(raw), PeakRssMb(), rss_docs);

  std::mt19937 rng(42);
  std::vector<std::string> words;
  for (size_t i = 0; i < docs.size(); i += 97) {
    std::string t = docs[i].title;
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t s = 0;
    while (s < t.size()) {
      size_t e = t.find(' ', s);
      if (e == std::string::npos) e = t.size();
      if (e - s > 2) words.push_back(t.substr(s, e - s));
      s = e + 1;
    }
  }
  const char* levels[] = {"junior", "mid", "senior", "lead"};
  std::vector<meridian::SearchQuery> queries;
  for (int i = 0; i < 1000; ++i) {
    meridian::SearchQuery q;
    int n = 1 + static_cast<int>(rng() % 2);
    for (int j = 0; j < n; ++j) {
      std::string w = words[rng() % words.size()];
      if (rng() % 10 == 0 && w.size() >= 5) w[1 + rng() % (w.size() - 2)] = 'x';  // a typo
      q.text += w + " ";
    }
    if (rng() % 10 < 3) q.seniority = levels[rng() % 4];
    q.limit = 10;
    queries.push_back(q);
  }
  std::vector<double> lat;
  size_t hits = 0;
  auto all = Clock::now();
  for (const auto& q : queries) {
    auto a = Clock::now();
    auto r = index.Search(q);
    lat.push_back(Since(a) * 1e3);
    if (r.ok()) hits += r->hits.size();
  }
  double total = Since(all);
  std::sort(lat.begin(), lat.end());
  std::printf("queries: %zu, %.0f QPS single thread, p50 %.3f ms, p99 %.3f ms, %zu hits\n",
              queries.size(), queries.size() / total, lat[lat.size() / 2],
              lat[lat.size() * 99 / 100], hits);
  return 0;
}
