// meridian_search_bench: Meridian's job index beside SQLite FTS5 and PostgreSQL full-text
// search on the same demo corpus and the same queries (issue 4). See search_bench.h for the
// modes; bench/search.sh runs them, each in its own process, and prints the comparison.
#include "search_bench.h"

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "base/json.h"

namespace search_bench {

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void Die(const std::string& message) {
  std::fprintf(stderr, "meridian_search_bench: %s\n", message.c_str());
  std::exit(1);
}

namespace {
std::string Text(sqlite3_stmt* st, int col) {
  const unsigned char* t = sqlite3_column_text(st, col);
  return t ? reinterpret_cast<const char*>(t) : "";
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t i = static_cast<size_t>(p * static_cast<double>(sorted.size()));
  return sorted[std::min(i, sorted.size() - 1)];
}
}  // namespace

Corpus LoadCorpus(const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    Die("cannot open " + db_path);
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT j.slug, j.title, j.tags, j.description, c.slug, j.seniority, "
                         "j.employment_type, j.status, j.salary_usd_min, j.salary_usd_max, "
                         "j.posted_at FROM jobs j JOIN companies c ON c.id = j.company_id "
                         "ORDER BY j.id",
                         -1, &st, nullptr) != SQLITE_OK) {
    Die(std::string("reading jobs: ") + sqlite3_errmsg(db));
  }
  Corpus c;
  while (sqlite3_step(st) == SQLITE_ROW) {
    meridian::SearchDoc d;
    d.slug = Text(st, 0);
    d.title = Text(st, 1);
    std::string tags_json = Text(st, 2);
    auto tags = meridian::ParseJson(tags_json);
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
    c.text_bytes += d.title.size() + tags_json.size() + d.description.size();
    c.docs.push_back(std::move(d));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (c.docs.empty()) Die(db_path + " has no jobs");
  c.rss_mb_after = PeakRssMb();
  return c;
}

std::string JoinTags(const meridian::SearchDoc& doc) {
  std::string out;
  for (const auto& t : doc.tags) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::vector<Query> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die("cannot read " + path);
  std::vector<Query> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = Split(line, '\t');
    if (cols.size() != 4) Die(path + ": expected 4 columns: " + line);
    out.push_back({std::atoi(cols[0].c_str()), cols[1] == "1", cols[2], cols[3]});
  }
  return out;
}

void WriteQueries(const std::string& path, const std::vector<Query>& queries) {
  std::ofstream out(path);
  out << "# id\ttypo\tseniority\ttext\n";
  for (const auto& q : queries) {
    out << q.id << '\t' << (q.typo ? 1 : 0) << '\t' << q.seniority << '\t' << q.text << '\n';
  }
  if (!out) Die("cannot write " + path);
}

void WriteResults(const std::string& path, const std::vector<Query>& queries,
                  const std::vector<TopSlugs>& results) {
  std::ofstream out(path);
  for (size_t i = 0; i < queries.size(); ++i) {
    out << queries[i].id << '\t';
    for (size_t j = 0; j < results[i].size(); ++j) out << (j ? "," : "") << results[i][j];
    out << '\n';
  }
  if (!out) Die("cannot write " + path);
}

std::vector<std::pair<int, TopSlugs>> ReadResults(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die("cannot read " + path);
  std::vector<std::pair<int, TopSlugs>> out;
  std::string line;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) Die(path + ": bad line: " + line);
    TopSlugs slugs;
    std::string rest = line.substr(tab + 1);
    if (!rest.empty()) slugs = Split(rest, ',');
    out.emplace_back(std::atoi(line.substr(0, tab).c_str()), std::move(slugs));
  }
  return out;
}

Timing RunQueries(const std::vector<Query>& queries,
                  const std::function<void(const Query&, TopSlugs*)>& run,
                  std::vector<TopSlugs>* results) {
  TopSlugs scratch;
  for (const auto& q : queries) {
    scratch.clear();
    run(q, &scratch);
  }
  results->assign(queries.size(), {});
  Timing t;
  t.latencies_ms.reserve(queries.size());
  auto all = Clock::now();
  for (size_t i = 0; i < queries.size(); ++i) {
    auto a = Clock::now();
    run(queries[i], &(*results)[i]);
    t.latencies_ms.push_back(Since(a) * 1e3);
  }
  t.total_s = Since(all);
  std::sort(t.latencies_ms.begin(), t.latencies_ms.end());
  return t;
}

void PrintFigures(const Figures& f, const Timing& t, const std::vector<TopSlugs>& results) {
  size_t hits = 0, empty = 0;
  for (const auto& r : results) {
    hits += r.size();
    if (r.empty()) ++empty;
  }
  std::printf("engine: %s\n", f.engine.c_str());
  std::printf("docs: %zu\n", f.docs);
  std::printf("build_s: %.2f\n", f.build_s);
  std::printf("docs_per_s: %.0f\n", static_cast<double>(f.docs) / f.build_s);
  std::printf("index_mb: %.1f\n", f.index_mb);
  std::printf("peak_rss_mb: %.0f\n", f.peak_rss_mb);
  std::printf("queries: %zu\n", results.size());
  std::printf("qps: %.1f\n", static_cast<double>(results.size()) / t.total_s);
  std::printf("p50_ms: %.3f\n", Percentile(t.latencies_ms, 0.50));
  std::printf("p99_ms: %.3f\n", Percentile(t.latencies_ms, 0.99));
  std::printf("hits: %zu\n", hits);
  std::printf("empty_results: %zu\n", empty);
  std::fflush(stdout);
}

#ifndef MERIDIAN_BENCH_LIBPQ
int PostgresMode(const std::string&, const std::string&, const std::string&, const std::string&) {
  std::fprintf(stderr, "meridian_search_bench: built without libpq (install libpq-dev)\n");
  return 3;
}
#endif

}  // namespace search_bench

int main(int argc, char** argv) {
  using namespace search_bench;
  std::vector<std::string> a(argv + 1, argv + argc);
  auto mode = [&](const char* name, size_t args) {
    return !a.empty() && a[0] == name && a.size() == args + 1;
  };
  if (mode("queries", 2)) return QueriesMode(a[1], a[2]);
  if (mode("meridian", 4)) return MeridianMode(a[1], a[2], a[3], a[4]);
  if (mode("fts5", 4)) return Fts5Mode(a[1], a[2], a[3], a[4]);
  if (mode("postgres", 4)) return PostgresMode(a[1], a[2], a[3], a[4]);
  if (mode("overlap", 3)) return OverlapMode(a[1], a[2], a[3]);
  std::fprintf(stderr,
               "usage: meridian_search_bench queries  DB OUT.tsv\n"
               "       meridian_search_bench meridian DB QUERIES.tsv RESULTS.tsv WORKDIR\n"
               "       meridian_search_bench fts5     DB QUERIES.tsv RESULTS.tsv WORKDIR\n"
               "       meridian_search_bench postgres DB QUERIES.tsv RESULTS.tsv CONNINFO\n"
               "       meridian_search_bench overlap  MERIDIAN.tsv OTHER.tsv QUERIES.tsv\n");
  return 2;
}
