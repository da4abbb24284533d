// The job index on a small corpus: ranking, typos, plurals, prefixes, phrases, exclusions,
// filters, exact facets, sorts, paging and hostile query text.
#include "engine/search/job_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

namespace meridian {
namespace {

SearchDoc Doc(std::string slug, std::string title, std::vector<std::string> tags,
              std::string description, std::string company, std::string seniority,
              std::optional<double> salary, int64_t posted) {
  SearchDoc d;
  d.slug = std::move(slug);
  d.title = std::move(title);
  d.tags = std::move(tags);
  d.description = std::move(description);
  d.company = std::move(company);
  d.seniority = std::move(seniority);
  d.employment_type = "FULL_TIME";
  d.status = "live";
  d.salary_min_usd = salary;
  d.salary_max_usd = salary ? std::optional<double>(*salary + 20000) : std::nullopt;
  d.posted_at = posted;
  return d;
}

class JobIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    docs_ = {
        Doc("py-backend", "Senior Python Developer", {"python", "django"},
            "Build APIs in Python and Postgres.", "acme", "senior", 120000, 100),
        Doc("py-data", "Data Engineer", {"python", "spark"},
            "Pipelines with Python, Spark and machine learning models.", "beta", "mid", 90000, 200),
        Doc("k8s-sre", "Site Reliability Engineer", {"kubernetes", "go"},
            "Run Kubernetes clusters; on-call rotation.", "acme", "senior", 150000, 300),
        Doc("java-dev", "Java Developer", {"java", "spring"},
            "Spring Boot services. Some Python scripting.", "gamma", "junior", 70000, 400),
        Doc("ml-eng", "Machine Learning Engineer", {"python", "pytorch"},
            "Train models; learning machine optional.", "beta", "senior", std::nullopt, 500),
        Doc("fe-dev", "Frontend Developer", {"typescript", "react"},
            "React and TypeScript. Node.js a plus.", "acme", "mid", 80000, 600),
    };
    index_ = JobIndex::Build(docs_);
  }
  std::vector<std::string> Slugs(SearchQuery q) {
    auto r = index_.Search(q);
    EXPECT_TRUE(r.ok()) << r.status();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) out.push_back(h.slug);
    }
    return out;
  }
  std::set<std::string> Set(SearchQuery q) {
    auto v = Slugs(std::move(q));
    return {v.begin(), v.end()};
  }
  std::vector<SearchDoc> docs_;
  JobIndex index_;
};

using S = std::set<std::string>;

TEST_F(JobIndexTest, TitleOutranksTagsOutranksDescription) {
  auto hits = Slugs({.text = "python "});
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0], "py-backend");    // in the title
  EXPECT_EQ(hits.back(), "java-dev");  // only in the description
}

TEST_F(JobIndexTest, TyposPluralsAndPrefixes) {
  EXPECT_EQ(Set({.text = "pyhton "}), (S{"py-backend", "py-data", "ml-eng", "java-dev"}));
  EXPECT_EQ(Set({.text = "developers "}), (S{"py-backend", "java-dev", "fe-dev"}));
  EXPECT_EQ(Set({.text = "kube"}), (S{"k8s-sre"}));        // prefix: search as you type
  EXPECT_EQ(Set({.text = "kube "}), S{});                  // a finished word is not a prefix
  EXPECT_EQ(Set({.text = "kubernets "}), (S{"k8s-sre"}));  // one typo at 9 letters
  EXPECT_EQ(Set({.text = "jav "}), S{});                   // no typo budget below 4 letters
  EXPECT_EQ(Set({.text = "node.js "}), (S{"fe-dev"}));
}

// Typos are a fallback (as in Typesense): a word that matches exactly does not pull in its
// near-misses; a word that matches nothing is retried with its typo variants.
TEST_F(JobIndexTest, TyposOnlyWhenTheExactWordsFindNothing) {
  JobIndex index = JobIndex::Build({Doc("react", "React Developer", {}, "", "a", "mid", {}, 1),
                                    Doc("reach", "Reach Developer", {}, "", "a", "mid", {}, 2)});
  auto exact = index.Search({.text = "react "});
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->total, 1u);
  EXPECT_FALSE(exact->used_typos);
  EXPECT_EQ(exact->terms, (std::vector<std::string>{"react"}));
  auto on = index.Search({.text = "react ", .typos = TypoMode::kOn});
  EXPECT_EQ(on->total, 2u);  // "reach" is one edit away
  auto typo = index.Search({.text = "raect "});
  ASSERT_TRUE(typo.ok());
  EXPECT_EQ(typo->total, 1u);
  EXPECT_TRUE(typo->used_typos);
  EXPECT_EQ(index.Search({.text = "raect ", .typos = TypoMode::kOff})->total, 0u);
}

// A facet whose own filter is set counts as if that filter were not (disjunctive), so the
// values show what choosing them would give; the other facets count the final matches.
TEST_F(JobIndexTest, FacetsOfAFilteredFieldIgnoreTheirOwnFilter) {
  auto count = [](const SearchResult& r, const std::string& facet, const std::string& value) {
    for (const FacetCount& f : r.facets.at(facet)) {
      if (f.value == value) return f.count;
    }
    return size_t{0};
  };
  auto r = index_.Search({.text = "", .seniority = "senior", .facets = {"seniority", "company"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 3u);
  EXPECT_EQ(count(*r, "seniority", "senior"), 3u);
  EXPECT_EQ(count(*r, "seniority", "mid"), 2u);
  EXPECT_EQ(count(*r, "seniority", "junior"), 1u);
  EXPECT_EQ(count(*r, "company", "acme"), 2u);  // the final matches: two senior acme jobs
  EXPECT_EQ(count(*r, "company", "gamma"), 0u);
  r = index_.Search({.text = "", .tags_any = {"go"}, .seniority = "senior", .facets = {"tags"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 1u);
  EXPECT_EQ(count(*r, "tags", "python"), 2u);  // senior jobs with python, ignoring tag=go
  EXPECT_EQ(count(*r, "tags", "go"), 1u);
  EXPECT_EQ(count(*r, "tags", "java"), 0u);  // the java job is junior
}

TEST_F(JobIndexTest, HiddenDocumentsAreSkipped) {
  std::vector<uint8_t> hidden(docs_.size(), 0);
  hidden[*index_.FindDoc("py-backend")] = 1;
  auto r = index_.Search({.text = "python ", .facets = {"company"}}, {.hidden = &hidden});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 3u);
  EXPECT_EQ(r->facets["company"].size(), 2u);  // beta and gamma; acme's only match is hidden
  EXPECT_EQ(index_.Search({.text = ""}, {.hidden = &hidden})->total, 5u);
  EXPECT_FALSE(index_.FindDoc("nope").has_value());
}

TEST_F(JobIndexTest, PhrasesAndExclusions) {
  EXPECT_EQ(Set({.text = "\"machine learning\""}), (S{"py-data", "ml-eng"}));
  // Phrase words must be adjacent and in order ("learning machine" is in ml-eng's text).
  EXPECT_EQ(Set({.text = "\"learning machine\""}), (S{"ml-eng"}));
  EXPECT_EQ(Set({.text = "\"machine models\""}), S{});  // "machine learning models"
  EXPECT_EQ(Set({.text = "\"pipelines with python\""}), (S{"py-data"}));  // a stop word inside
  EXPECT_EQ(Set({.text = "\"pyhton spark\""}), (S{"py-data"}));           // a typo inside a phrase
  EXPECT_EQ(Set({.text = "\"spark machine\""}), S{});  // "Spark and machine": a word between
  EXPECT_EQ(Set({.text = "\"spark and machine\""}), (S{"py-data"}));
  EXPECT_EQ(Set({.text = "engineer -kubernetes "}), (S{"py-data", "ml-eng"}));
  EXPECT_EQ(Set({.text = "-python "}), (S{"k8s-sre", "fe-dev"}));
  EXPECT_EQ(Set({.text = "python java "}), (S{"java-dev"}));  // every word must match
}

TEST_F(JobIndexTest, Filters) {
  EXPECT_EQ(Set({.text = "", .company = "acme"}), (S{"py-backend", "k8s-sre", "fe-dev"}));
  EXPECT_EQ(Set({.text = "engineer ", .seniority = "senior"}), (S{"k8s-sre", "ml-eng"}));
  EXPECT_EQ(Set({.text = "", .tags_any = {"go", "react"}}), (S{"k8s-sre", "fe-dev"}));
  EXPECT_EQ(Set({.text = "", .tags_all = {"python", "spark"}}), (S{"py-data"}));
  EXPECT_EQ(Set({.text = "", .tags_all = {"python", "cobol"}}), S{});
  EXPECT_EQ(Set({.text = "", .salary_min_usd = 130000}), (S{"py-backend", "k8s-sre"}));
  // A range: jobs whose range overlaps 85k-100k (py-data 90-110k, fe-dev 80-100k,
  // java-dev 70-90k; py-backend starts at 120k).
  EXPECT_EQ(Set({.text = "", .salary_min_usd = 85000, .salary_max_usd = 100000}),
            (S{"py-data", "fe-dev", "java-dev"}));
  EXPECT_EQ(Set({.text = "", .salary_max_usd = 60000}), S{});
  EXPECT_EQ(Set({.text = "", .posted_since = 450}), (S{"ml-eng", "fe-dev"}));
  EXPECT_EQ(Set({.text = "", .company = "nobody"}), S{});
  EXPECT_EQ(Set({.text = "", .statuses = {"expired"}}), S{});
  EXPECT_EQ(Set({.text = "", .statuses = {"live", "expired"}}).size(), 6u);
}

TEST_F(JobIndexTest, PredicateFiltersAskOncePerDistinctValue) {
  std::vector<SearchDoc> docs = docs_;
  docs[0].eligible_areas = {"150"};
  docs[1].eligible_areas = {"US", "CA"};
  docs[2].eligible_areas = {"WW"};
  docs[3].window_key = "night";
  docs[4].window_key = "day";
  JobIndex index = JobIndex::Build(docs);
  int asked = 0;
  auto europe = [&](std::string_view area) {
    ++asked;
    return area == "150" || area == "WW";
  };
  auto r = index.Search({.text = "", .area_ok = europe, .limit = 10});
  ASSERT_TRUE(r.ok());
  std::set<std::string> got;
  for (const auto& h : r->hits) got.insert(h.slug);
  EXPECT_EQ(got, (S{"py-backend", "k8s-sre"}));  // jobs without areas are open to nobody here
  EXPECT_EQ(asked, 4);                           // 150, US, CA, WW
  auto day = [](std::string_view key) { return key != "night"; };  // "" = no constraint
  r = index.Search({.text = "", .window_ok = day, .limit = 10});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 5u);
}

TEST_F(JobIndexTest, SortsAndPages) {
  EXPECT_EQ(Slugs({.text = "", .sort = SearchSort::kNewest, .limit = 3}),
            (std::vector<std::string>{"fe-dev", "ml-eng", "java-dev"}));
  EXPECT_EQ(Slugs({.text = "", .sort = SearchSort::kSalary, .limit = 2}),
            (std::vector<std::string>{"k8s-sre", "py-backend"}));
  auto page1 = Slugs({.text = "", .sort = SearchSort::kNewest, .offset = 0, .limit = 4});
  auto page2 = Slugs({.text = "", .sort = SearchSort::kNewest, .offset = 4, .limit = 4});
  EXPECT_EQ(page2.size(), 2u);
  std::set<std::string> all(page1.begin(), page1.end());
  all.insert(page2.begin(), page2.end());
  EXPECT_EQ(all.size(), 6u);
  auto r = index_.Search({.text = "python ", .offset = 10});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->hits.empty());
  EXPECT_EQ(r->total, 4u);
}

TEST_F(JobIndexTest, BadQueriesAreErrorsOrEmpty) {
  EXPECT_EQ(index_.Search({.text = "x", .facets = {"salary"}}).status().field(), "facets");
  EXPECT_EQ(index_.Search({.text = "x", .limit = 500000}).status().field(), "limit");
  EXPECT_EQ(index_.Search({.text = "x", .offset = 500000}).status().field(), "offset");
  for (std::string text : {std::string("\"\"\""), std::string("- -- ---"), std::string("\""),
                           std::string(10000, 'a'), std::string("\x01\x02\xff\xfe"),
                           std::string("(((( ]]]] ****"), std::string("-"), std::string(" ")}) {
    auto r = index_.Search({.text = text});
    EXPECT_TRUE(r.ok()) << r.status();
  }
  EXPECT_EQ(index_.Search({.text = "the"})->total, 0u);  // only a stop word: no match
  EXPECT_EQ(index_.Search({.text = "%"})->total, 0u);
  EXPECT_EQ(index_.Search({.text = "  "})->total, 6u);  // blank: everything
  JobIndex empty = JobIndex::Build({});
  auto r = empty.Search({.text = "python", .facets = {"tags"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 0u);
}

// Facet counts equal a brute-force count over the documents the query matched.
TEST(JobIndexFacetsTest, ExactCountsOnARandomCorpus) {
  std::mt19937 rng(11);
  const std::vector<std::string> words = {"rust",     "python", "golang", "engineer", "developer",
                                          "platform", "data",   "cloud",  "security", "mobile"};
  const std::vector<std::string> tags = {"rust", "python", "go", "aws", "gcp", "react"};
  const std::vector<std::string> levels = {"junior", "mid", "senior", "lead"};
  std::vector<SearchDoc> docs;
  for (int i = 0; i < 2000; ++i) {
    SearchDoc d;
    d.slug = "job-" + std::to_string(i);
    d.title = words[rng() % words.size()] + " " + words[rng() % words.size()];
    d.description = words[rng() % words.size()] + " " + words[rng() % words.size()];
    for (const std::string& t : tags) {
      if (rng() % 3 == 0) d.tags.push_back(t);
    }
    d.company = "co-" + std::to_string(rng() % 20);
    d.seniority = levels[rng() % levels.size()];
    d.employment_type = "FULL_TIME";
    d.status = "live";
    d.posted_at = static_cast<int64_t>(rng() % 1000);
    docs.push_back(d);
  }
  JobIndex index = JobIndex::Build(docs);
  for (const std::string& w : words) {
    auto r =
        index.Search({.text = w + " ", .facets = {"tags", "seniority", "company"}, .limit = 1000});
    ASSERT_TRUE(r.ok());
    // Brute force: a document matches when the word is in its title, tags or description.
    std::map<std::string, size_t> tag_count, level_count, company_count;
    size_t matched = 0;
    for (const SearchDoc& d : docs) {
      std::string text = d.title + " " + d.description;
      for (const std::string& t : d.tags) text += " " + t;
      bool hit = (" " + text + " ").find(" " + w + " ") != std::string::npos;
      if (!hit) continue;
      ++matched;
      for (const std::string& t : d.tags) ++tag_count[t];
      ++level_count[d.seniority];
      ++company_count[d.company];
    }
    EXPECT_EQ(r->total, matched) << w;
    for (const FacetCount& f : r->facets["tags"]) EXPECT_EQ(f.count, tag_count[f.value]) << w;
    for (const FacetCount& f : r->facets["seniority"])
      EXPECT_EQ(f.count, level_count[f.value]) << w;
    size_t sum = 0;
    for (const FacetCount& f : r->facets["company"]) {
      EXPECT_EQ(f.count, company_count[f.value]) << w;
      sum += f.count;
    }
    EXPECT_EQ(sum, matched);
  }
}

}  // namespace
}  // namespace meridian
