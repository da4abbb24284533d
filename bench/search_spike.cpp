// The spike behind docs/search.md: Xapian (the engine issue 4 expected) and SQLite FTS5
// indexing the same demo jobs (title weighted 3, tags 2, description 1; English stemming)
// and answering the same 1,000 one- and two-word queries drawn from job titles. Prints index
// time, size, peak RSS, QPS and latency for each. Built and run by bench/search_spike.sh;
// not part of the product build. `--no-desc-positions` indexes descriptions without
// positions and flushes Xapian every 50,000 documents (its smaller, faster configuration).
//
//   search_spike DB [LIMIT] [--no-desc-positions]
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;
double Secs(Clock::time_point a) {
  return std::chrono::duration<double>(Clock::now() - a).count();
}
struct Doc {
  std::string slug, title, tags, desc;
};
uint64_t DirSize(const std::string& p) {
  uint64_t n = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(p))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}
long PeakRssMb() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: search_spike DB [LIMIT] [--no-desc-positions]\n");
    return 2;
  }
  std::string dbpath = argv[1];
  int limit = argc > 2 ? atoi(argv[2]) : 200000;
  bool desc_positions = !(argc > 3 && std::string(argv[3]) == "--no-desc-positions");
  if (!desc_positions) setenv("XAPIAN_FLUSH_THRESHOLD", "50000", 1);
  std::string work =
      std::filesystem::temp_directory_path() / ("search_spike_" + std::to_string(getpid()));
  std::filesystem::create_directories(work);
  sqlite3* db;
  sqlite3_open(dbpath.c_str(), &db);
  sqlite3_stmt* st;
  sqlite3_prepare_v2(db, "SELECT slug, title, tags, description FROM jobs LIMIT ?", -1, &st,
                     nullptr);
  sqlite3_bind_int(st, 1, limit);
  std::vector<Doc> docs;
  size_t raw = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    Doc d{(const char*)sqlite3_column_text(st, 0), (const char*)sqlite3_column_text(st, 1),
          (const char*)sqlite3_column_text(st, 2), (const char*)sqlite3_column_text(st, 3)};
    raw += d.title.size() + d.tags.size() + d.desc.size();
    docs.push_back(std::move(d));
  }
  sqlite3_finalize(st);
  printf("docs %zu raw text %.1f MB, rss after load %ld MB\n", docs.size(), raw / 1e6, PeakRssMb());
  // Xapian
  std::string xdir = work + "/xapian";
  std::filesystem::remove_all(xdir);
  auto t0 = Clock::now();
  {
    Xapian::WritableDatabase w(xdir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("en"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    int n = 0;
    for (auto& d : docs) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(d.title, 3);
      tg.index_text(d.title, 1, "S");
      tg.increase_termpos();
      tg.index_text(d.tags, 2);
      tg.increase_termpos();
      if (desc_positions) {
        tg.index_text(d.desc);
      } else {
        tg.index_text_without_positions(d.desc);
      }
      doc.add_boolean_term("Q" + d.slug);
      doc.set_data(d.slug);
      w.add_document(doc);
      if (desc_positions && ++n % 50000 == 0) w.commit();
    }
    w.commit();
  }
  double xt = Secs(t0);
  printf("xapian: index %.1f s (%.0f docs/s), size %.1f MB, peak rss %ld MB\n", xt,
         docs.size() / xt, DirSize(xdir) / 1e6, PeakRssMb());
  // Queries: words from titles/tags.
  std::mt19937 rng(42);
  std::vector<std::string> words;
  for (size_t i = 0; i < docs.size(); i += 97) {
    std::string t = docs[i].title;
    for (auto& c : t) c = tolower(c);
    size_t s = 0;
    while (s < t.size()) {
      size_t e = t.find(' ', s);
      if (e == std::string::npos) e = t.size();
      if (e - s > 2) words.push_back(t.substr(s, e - s));
      s = e + 1;
    }
  }
  std::vector<std::string> queries;
  for (int i = 0; i < 1000; ++i) {
    int k = 1 + rng() % 2;
    std::string q;
    for (int j = 0; j < k; ++j) {
      if (j) q += " ";
      q += words[rng() % words.size()];
    }
    queries.push_back(q);
  }
  Xapian::Database r(xdir);
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("en"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_database(r);
  qp.set_default_op(Xapian::Query::OP_AND);
  std::vector<double> lat;
  size_t hits = 0;
  for (auto& q : queries) {
    auto a = Clock::now();
    Xapian::Enquire e(r);
    e.set_query(
        qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PARTIAL));
    auto m = e.get_mset(0, 10, 1000);
    hits += m.size();
    lat.push_back(Secs(a) * 1e3);
  }
  std::sort(lat.begin(), lat.end());
  double sum = 0;
  for (double l : lat) sum += l;
  printf("xapian: qps %.0f p50 %.3f ms p99 %.3f ms (hits %zu)\n", 1000.0 / sum * 1000, lat[500],
         lat[990], hits);
  // FTS5
  std::string fpath = work + "/fts.db";
  std::filesystem::remove(fpath);
  sqlite3* f;
  sqlite3_open(fpath.c_str(), &f);
  sqlite3_exec(f,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; CREATE VIRTUAL TABLE fts USING "
               "fts5(slug UNINDEXED, title, tags, description, tokenize='porter unicode61');",
               nullptr, nullptr, nullptr);
  t0 = Clock::now();
  sqlite3_exec(f, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_prepare_v2(f, "INSERT INTO fts VALUES (?,?,?,?)", -1, &st, nullptr);
  for (auto& d : docs) {
    sqlite3_bind_text(st, 1, d.slug.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d.title.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, d.tags.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, d.desc.c_str(), -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_exec(f, "COMMIT", nullptr, nullptr, nullptr);
  double ft = Secs(t0);
  printf("fts5: index %.1f s (%.0f docs/s), size %.1f MB\n", ft, docs.size() / ft,
         std::filesystem::file_size(fpath) / 1e6);
  sqlite3_prepare_v2(
      f, "SELECT slug FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 0, 3, 2, 1) LIMIT 10", -1, &st,
      nullptr);
  lat.clear();
  hits = 0;
  for (auto& q : queries) {
    auto a = Clock::now();
    sqlite3_bind_text(st, 1, q.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) hits++;
    sqlite3_reset(st);
    lat.push_back(Secs(a) * 1e3);
  }
  std::sort(lat.begin(), lat.end());
  sum = 0;
  for (double l : lat) sum += l;
  printf("fts5: qps %.0f p50 %.3f ms p99 %.3f ms (hits %zu)\n", 1000.0 / sum * 1000, lat[500],
         lat[990], hits);
  sqlite3_finalize(st);
  sqlite3_close(f);
  sqlite3_close(db);
  std::filesystem::remove_all(work);
}
