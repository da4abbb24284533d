// Golden relevance cases for job search (tests/golden/search): a small hand-written corpus
// and declarative cases (query and filters -> the expected top slugs, members, non-members,
// totals, facet counts). Eligibility and timezone overlap use the API's own predicates
// (platform/search_filters.h) at the instant each case names, so DST cases are deterministic.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/json.h"
#include "engine/search/job_index.h"
#include "platform/search_filters.h"

#ifndef MERIDIAN_SOURCE_DIR
#define MERIDIAN_SOURCE_DIR "."
#endif

namespace meridian {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<SearchDoc> LoadCorpus(const std::string& path) {
  std::vector<SearchDoc> docs;
  std::istringstream lines(ReadFile(path));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    Json j = Json::parse(line);
    SearchDoc d;
    d.slug = j["slug"];
    d.title = j["title"];
    for (const Json& t : j["tags"]) d.tags.push_back(t);
    d.description = j.value("description", "");
    d.company = j["company"];
    d.seniority = j.value("seniority", "");
    d.employment_type = "FULL_TIME";
    d.status = j.value("status", "live");
    if (j.contains("salary_min_usd")) d.salary_min_usd = j["salary_min_usd"].get<double>();
    if (j.contains("salary_max_usd")) d.salary_max_usd = j["salary_max_usd"].get<double>();
    d.posted_at = j["posted_at"];
    for (const Json& a : j["eligible_areas"]) d.eligible_areas.push_back(a);
    d.window_key = j.value("window", "");
    docs.push_back(std::move(d));
  }
  return docs;
}

TEST(SearchGoldenTest, Cases) {
  const std::string dir = std::string(MERIDIAN_SOURCE_DIR) + "/tests/golden/search/";
  std::vector<SearchDoc> docs = LoadCorpus(dir + "corpus.ndjson");
  ASSERT_GE(docs.size(), 10u) << "corpus missing at " << dir;
  JobIndex index = JobIndex::Build(docs);
  Json cases = Json::parse(ReadFile(dir + "cases.json"));
  ASSERT_GE(cases.size(), 20u);
  for (const Json& c : cases) {
    SCOPED_TRACE(c["name"].get<std::string>());
    SearchQuery q;
    q.text = c.value("q", "");
    q.statuses = {"live"};
    q.limit = c.value("limit", 50);
    if (c.contains("tags_any")) {
      for (const Json& t : c["tags_any"]) q.tags_any.push_back(t);
    }
    if (c.contains("salary_min")) q.salary_min_usd = c["salary_min"].get<double>();
    std::string sort = c.value("sort", "relevance");
    q.sort = sort == "newest"   ? SearchSort::kNewest
             : sort == "salary" ? SearchSort::kSalary
                                : SearchSort::kRelevance;
    if (c.contains("eligible_from")) q.area_ok = EligibleFrom(c["eligible_from"]);
    if (c.contains("tz")) {
      q.window_ok = OverlapsOfficeHours(c["tz"], c.value("min_overlap", 1),
                                        *ParseTimestamp(c["at"].get<std::string>()));
    }
    if (c.contains("facets")) {
      for (const auto& [name, values] : c["facets"].items()) q.facets.push_back(name);
    }
    auto r = index.Search(q);
    ASSERT_TRUE(r.ok()) << r.status();
    std::vector<std::string> got;
    for (const SearchHit& h : r->hits) got.push_back(h.slug);
    std::string shown;
    for (const std::string& s : got) shown += s + " ";
    if (c.contains("top")) {
      for (size_t i = 0; i < c["top"].size(); ++i) {
        ASSERT_LT(i, got.size()) << "results: " << shown;
        EXPECT_EQ(got[i], c["top"][i].get<std::string>()) << "results: " << shown;
      }
    }
    for (const char* key : {"contains", "excludes"}) {
      if (!c.contains(key)) continue;
      for (const Json& slug : c[key]) {
        bool present = std::find(got.begin(), got.end(), slug.get<std::string>()) != got.end();
        EXPECT_EQ(present, std::string(key) == "contains") << slug << " results: " << shown;
      }
    }
    if (c.contains("total")) {
      EXPECT_EQ(r->total, c["total"].get<size_t>()) << shown;
    }
    if (c.contains("facets")) {
      for (const auto& [name, values] : c["facets"].items()) {
        std::map<std::string, size_t> counts;
        for (const FacetCount& f : r->facets[name]) counts[f.value] = f.count;
        for (const auto& [value, count] : values.items()) {
          EXPECT_EQ(counts[value], count.get<size_t>()) << name << "=" << value;
        }
      }
    }
  }
}

}  // namespace
}  // namespace meridian
