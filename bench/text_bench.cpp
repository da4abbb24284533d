// Text analysis and term-dictionary speed on a demo corpus: how fast the analyzer turns job
// text into terms (the indexing budget of issue 4 is >= 10,000 jobs/s in total), how big
// the dictionary is, and how long typo-tolerant and prefix lookups take.
//
//   build/bench/meridian_text_bench DB     (DB from `meridian demo --jobs 200000`)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/text/analyzer.h"
#include "engine/text/term_dictionary.h"

namespace {
using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: meridian_text_bench DB\n");
    return 2;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT title, tags, description FROM jobs", -1, &st, nullptr);
  std::vector<std::string> texts;
  size_t bytes = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string t;
    for (int c = 0; c < 3; ++c) {
      t += reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      t += '\n';
    }
    bytes += t.size();
    texts.push_back(std::move(t));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);

  meridian::Analyzer analyzer;
  std::unordered_set<std::string> vocab;
  size_t tokens = 0;
  auto t0 = Clock::now();
  for (const std::string& t : texts) {
    for (meridian::Token& tok : analyzer.Analyze(t)) {
      ++tokens;
      vocab.insert(std::move(tok.term));
    }
  }
  double analyze = Since(t0);
  std::printf("analyze: %zu jobs, %.1f MB, %zu tokens in %.2f s: %.0f jobs/s, %.1f MB/s\n",
              texts.size(), bytes / 1e6, tokens, analyze, texts.size() / analyze,
              bytes / 1e6 / analyze);
  t0 = Clock::now();
  meridian::TermDictionary dict(std::vector<std::string>(vocab.begin(), vocab.end()));
  std::printf("dictionary: %zu terms, %.2f MB, built in %.3f s\n", dict.size(),
              dict.MemoryBytes() / 1e6, Since(t0));

  std::mt19937 rng(42);
  std::vector<std::string> words;
  for (uint32_t id = 0; id < dict.size(); ++id) {
    if (dict.term(id).size() >= 4) words.emplace_back(dict.term(id));
  }
  std::vector<double> lat;
  size_t found = 0;
  for (int i = 0; i < 1000; ++i) {
    std::string w = words[rng() % words.size()];
    w[rng() % w.size()] = static_cast<char>('a' + rng() % 26);  // one typo
    auto a = Clock::now();
    found += dict.Fuzzy(w, meridian::TermDictionary::MaxEditsFor(w.size())).size();
    lat.push_back(Since(a) * 1e6);
  }
  std::sort(lat.begin(), lat.end());
  std::printf("fuzzy (1 typo, Typesense budget): p50 %.1f us, p99 %.1f us, %.1f matches/query\n",
              lat[500], lat[990], found / 1000.0);
  lat.clear();
  for (int i = 0; i < 1000; ++i) {
    std::string w = words[rng() % words.size()].substr(0, 3);
    auto a = Clock::now();
    auto r = dict.PrefixRange(w);
    lat.push_back(Since(a) * 1e6);
    found += r.second - r.first;
  }
  std::sort(lat.begin(), lat.end());
  std::printf("prefix (3 letters): p50 %.2f us, p99 %.2f us\n", lat[500], lat[990]);
  return 0;
}
