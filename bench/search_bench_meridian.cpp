// Meridian's job index: built in memory from the corpus, queried single-thread (top 10 by
// relevance, all words required, each with its typo variants and stems). The text goes in
// with a trailing space so that the last word is not also matched as a prefix
// (search-as-you-type), which neither FTS5 nor PostgreSQL does here.
#include <cstdio>

#include "search_bench.h"

namespace search_bench {

int MeridianMode(const std::string& db, const std::string& queries_path,
                 const std::string& results_path) {
  Corpus corpus = LoadCorpus(db);
  std::vector<Query> queries = ReadQueries(queries_path);

  auto t0 = Clock::now();
  meridian::JobIndex index = meridian::JobIndex::Build(corpus.docs);
  double build = Since(t0);

  std::vector<TopSlugs> results;
  Timing timing = RunQueries(
      queries,
      [&](const Query& q, TopSlugs* out) {
        meridian::SearchQuery sq;
        sq.text = q.text + " ";
        sq.seniority = q.seniority;
        sq.sort = meridian::SearchSort::kRelevance;
        sq.limit = 10;
        auto r = index.Search(sq);
        if (!r.ok()) Die("search failed: " + q.text);
        for (auto& h : r->hits) out->push_back(std::move(h.slug));
      },
      &results);
  WriteResults(results_path, queries, results);

  std::printf("text_mb: %.1f\n", static_cast<double>(corpus.text_bytes) / 1e6);
  std::printf("docs_rss_mb: %.0f\n", corpus.rss_mb_after);
  PrintFigures({.engine = "meridian",
                .docs = corpus.docs.size(),
                .build_s = build,
                .index_mb = static_cast<double>(index.MemoryBytes()) / 1e6,
                .peak_rss_mb = PeakRssMb()},
               timing, results);
  return 0;
}

}  // namespace search_bench
