#include "engine/search/job_index.h"
#include "engine/search/snippet.h"
#include "fuzz_targets.h"

namespace meridian::fuzz {
namespace {

const JobIndex& Index() {
  static const JobIndex index = [] {
    std::vector<SearchDoc> docs;
    const char* titles[] = {"Senior Python Developer",
                            "C++ Engineer (Zürich)",
                            "Node.js Dev",
                            "Go/Rust \"Platform\" Engineer",
                            ".NET Lead",
                            "Data Scientist"};
    for (int i = 0; i < 60; ++i) {
      SearchDoc d;
      d.slug = "job-" + std::to_string(i);
      d.title = titles[i % 6];
      d.tags = {i % 2 ? "python" : "c++", "kubernetes"};
      d.description =
          "Build APIs; -operators- \"quoted\" text ünïcödé and k8s #" + std::to_string(i);
      d.company = "co-" + std::to_string(i % 5);
      d.seniority = i % 3 ? "senior" : "mid";
      d.status = "live";
      d.posted_at = i;
      docs.push_back(d);
    }
    return JobIndex::Build(docs);
  }();
  return index;
}

}  // namespace

void SearchQueryTarget(std::string_view input) {
  SearchQuery q;
  if (!input.empty()) {
    auto c = static_cast<unsigned char>(input[0]);
    q.typos = static_cast<TypoMode>(c % 3);
    q.sort = static_cast<SearchSort>((c / 3) % 3);
    q.offset = (c / 9) % 4 * 7;
    q.limit = 1 + (c / 36) % 20;
    if (c & 0x80) q.facets = {"tags", "company", "seniority"};
    input.remove_prefix(1);
  }
  q.text = std::string(input);
  StatusOr<SearchResult> r = Index().Search(q);
  if (!r.ok()) Fail("a query text made the search fail: " + r.status().ToString());
  if (r->hits.size() > q.limit || r->total > Index().size())
    Fail("more hits than asked or indexed");
  Analyzer analyzer;
  Snippet s = MakeSnippet(analyzer, input, r->terms, {.max_bytes = 1 + input.size() % 200});
  for (const auto& [b, e] : s.marks) {
    if (b > e || e > s.text.size()) Fail("a snippet mark outside the snippet");
  }
  (void)SnippetHtml(s);
}

}  // namespace meridian::fuzz
