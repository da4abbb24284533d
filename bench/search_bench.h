// Shared pieces of meridian_search_bench (`make bench-search`, issue 4): one program whose
// modes each run in their own process, driven by bench/search.sh.
//
//   meridian_search_bench queries  DB OUT.tsv
//   meridian_search_bench meridian DB QUERIES.tsv RESULTS.tsv
//   meridian_search_bench fts5     DB QUERIES.tsv RESULTS.tsv WORKDIR
//   meridian_search_bench postgres DB QUERIES.tsv RESULTS.tsv CONNINFO   (built with libpq)
//   meridian_search_bench overlap  MERIDIAN.tsv OTHER.tsv QUERIES.tsv
//
// Every engine mode prints `key: value` lines: engine, docs, build_s, docs_per_s, index_mb,
// peak_rss_mb, qps, p50_ms, p99_ms (plus engine-specific extras), and writes the top-10 slugs
// of every query to RESULTS.tsv (`id<TAB>slug,slug,...`).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/search/job_index.h"

namespace search_bench {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t);
// ru_maxrss of this process, in MB.
double PeakRssMb();
// Prints `message` and exits with status 1.
[[noreturn]] void Die(const std::string& message);

// The jobs of a demo database, as every engine indexes them.
struct Corpus {
  std::vector<meridian::SearchDoc> docs;
  size_t text_bytes = 0;    // title + tags + description
  double rss_mb_after = 0;  // peak RSS once loaded: the bench's own copy of the documents
};
Corpus LoadCorpus(const std::string& db_path);
// Tags as one text field for the SQL engines ("go backend aws").
std::string JoinTags(const meridian::SearchDoc& doc);

struct Query {
  int id = 0;
  bool typo = false;
  std::string seniority;  // "" = no filter
  std::string text;       // words separated by single spaces
};
std::vector<Query> ReadQueries(const std::string& path);
void WriteQueries(const std::string& path, const std::vector<Query>& queries);

using TopSlugs = std::vector<std::string>;
// Results per query id, in query order.
void WriteResults(const std::string& path, const std::vector<Query>& queries,
                  const std::vector<TopSlugs>& results);
std::vector<std::pair<int, TopSlugs>> ReadResults(const std::string& path);

struct Timing {
  double total_s = 0;
  std::vector<double> latencies_ms;  // sorted
};
// Runs every query once to warm up, then once more timed (single thread); the timed
// pass's top slugs go to *results.
Timing RunQueries(const std::vector<Query>& queries,
                  const std::function<void(const Query&, TopSlugs*)>& run,
                  std::vector<TopSlugs>* results);

// The common figures, as `key: value` lines.
struct Figures {
  std::string engine;
  size_t docs = 0;
  double build_s = 0;
  double index_mb = 0;
  double peak_rss_mb = 0;
};
void PrintFigures(const Figures& f, const Timing& t, const std::vector<TopSlugs>& results);

int QueriesMode(const std::string& db, const std::string& out);
int OverlapMode(const std::string& mine, const std::string& other, const std::string& queries);
int MeridianMode(const std::string& db, const std::string& queries, const std::string& results,
                 const std::string& workdir);
int Fts5Mode(const std::string& db, const std::string& queries, const std::string& results,
             const std::string& workdir);
int PostgresMode(const std::string& db, const std::string& queries, const std::string& results,
                 const std::string& conninfo);

}  // namespace search_bench
