// The serving side of job search: changes from the change log become searchable through
// the small index of changed jobs, a full rebuild folds them into the base, and the overlay
// answers like one index built from scratch.
#include "engine/search/search_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "engine/store/change_feed.h"
#include "engine/store/sqlite/sqlite_store.h"

namespace meridian {
namespace {

std::set<std::string> Slugs(const SearchResult& r) {
  std::set<std::string> out;
  for (const SearchHit& h : r.hits) out.insert(h.slug);
  return out;
}

class SearchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "meridian_search_" + std::to_string(::getpid()) + ".db";
    Clean();
    store_ = std::move(*OpenSqliteStore({.path = path_}));
    Company c;
    c.slug = "acme";
    c.name = "Acme";
    ASSERT_TRUE(
        store_->Write([&](StoreWriter& w) { return w.PutCompany(&c, PutMode::kCreate).status(); })
            .ok());
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE(Put("job-" + std::to_string(i), i % 2 ? "Python Developer" : "Go Engineer").ok());
    }
  }
  void TearDown() override {
    store_.reset();
    Clean();
  }
  void Clean() {
    for (const char* s : {"", "-wal", "-shm", ".idx", ".idx.tmp"}) std::remove((path_ + s).c_str());
  }
  Status Put(const std::string& slug, const std::string& title) {
    Job j;
    j.slug = slug;
    j.company_slug = "acme";
    j.title = title;
    j.tags = {"remote"};
    j.status = "live";
    j.posted_at = 1000 + static_cast<int64_t>(slug.size());
    return store_->Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kUpsert).status(); });
  }
  // Waits (up to 10 s, never a timing assertion) until `query` finds exactly `want`.
  bool Eventually(const SearchService& s, const std::string& text, std::set<std::string> want) {
    for (int i = 0; i < 1000; ++i) {
      auto r = s.Search({.text = text, .limit = 100});
      if (r.ok() && Slugs(*r) == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(SearchServiceTest, ChangesAreSearchableWithoutAFullRebuild) {
  SearchService search(*store_, {.debounce = std::chrono::milliseconds(1)});
  ChangeFeed feed(*store_, {.poll_interval = std::chrono::milliseconds(5)});
  feed.Subscribe([&](const std::vector<Change>& batch) { search.Apply(batch); });
  ASSERT_TRUE(feed.Start().ok());
  ASSERT_TRUE(search.Start().ok());
  EXPECT_EQ(search.base_builds(), 1u);

  ASSERT_TRUE(Put("rust-1", "Rust Engineer").ok());
  EXPECT_TRUE(Eventually(search, "rust ", {"rust-1"}));
  // An edit replaces the old version: its old words stop matching.
  ASSERT_TRUE(Put("job-1", "Elixir Developer").ok());
  EXPECT_TRUE(Eventually(search, "elixir ", {"job-1"}));
  auto python = search.Search({.text = "python ", .limit = 100});
  ASSERT_TRUE(python.ok());
  EXPECT_EQ(python->total, 9u);
  EXPECT_EQ(Slugs(*python).count("job-1"), 0u);
  // A delete removes it.
  ASSERT_TRUE(store_->Write([](StoreWriter& w) { return w.Delete(Entity::kJob, "job-3"); }).ok());
  std::set<std::string> python_jobs;
  for (int i = 5; i < 20; i += 2) python_jobs.insert("job-" + std::to_string(i));
  EXPECT_TRUE(Eventually(search, "python ", python_jobs));  // not job-1 (edited), not job-3
  auto all = search.Search({.text = "", .facets = {"company"}, .limit = 100});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 20u);  // 20 + rust-1 - job-3
  EXPECT_EQ(all->facets["company"][0].count, 20u);
  EXPECT_EQ(search.base_builds(), 1u);  // all of it without rebuilding the base
  feed.Stop();
  search.Stop();
}

TEST_F(SearchServiceTest, ManyChangesFoldIntoANewBase) {
  SearchService search(*store_, {.debounce = std::chrono::milliseconds(1), .max_delta_docs = 3});
  ChangeFeed feed(*store_, {.poll_interval = std::chrono::milliseconds(5)});
  feed.Subscribe([&](const std::vector<Change>& batch) { search.Apply(batch); });
  ASSERT_TRUE(feed.Start().ok());
  ASSERT_TRUE(search.Start().ok());
  std::set<std::string> want;
  for (int i = 0; i < 12; ++i) {
    std::string slug = "kotlin-" + std::to_string(i);
    ASSERT_TRUE(Put(slug, "Kotlin Developer").ok());
    want.insert(slug);
  }
  EXPECT_TRUE(Eventually(search, "kotlin ", want));
  for (int i = 0; i < 1000 && search.base_builds() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(search.base_builds(), 2u);
  EXPECT_TRUE(Eventually(search, "kotlin ", want));
  auto all = search.Search({.text = "", .limit = 100});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 32u);
  feed.Stop();
  search.Stop();
}

// With an index file, a start loads it and indexes only what changed since it was
// written; a corrupt file is rebuilt from the store.
TEST_F(SearchServiceTest, StartsFromTheIndexFileAndCatchesUp) {
  const std::string idx = path_ + ".idx";
  {
    SearchService first(*store_, {.index_path = idx});
    ASSERT_TRUE(first.Start().ok());
    EXPECT_EQ(first.start_report().rfind("build", 0), 0u) << first.start_report();
    EXPECT_EQ(first.base_builds(), 1u);
  }
  // Written while no server ran: an edit, a new job and a delete.
  ASSERT_TRUE(Put("job-1", "Elixir Developer").ok());
  ASSERT_TRUE(Put("scala-1", "Scala Developer").ok());
  ASSERT_TRUE(store_->Write([](StoreWriter& w) { return w.Delete(Entity::kJob, "job-3"); }).ok());
  {
    SearchService second(*store_, {.index_path = idx});
    ASSERT_TRUE(second.Start().ok());
    EXPECT_EQ(second.start_report().rfind("file (20 documents", 0), 0u) << second.start_report();
    EXPECT_NE(second.start_report().find("3 changed since"), std::string::npos);
    EXPECT_EQ(second.base_builds(), 0u);
    EXPECT_EQ(Slugs(*second.Search({.text = "elixir "})), (std::set<std::string>{"job-1"}));
    EXPECT_EQ(Slugs(*second.Search({.text = "scala "})), (std::set<std::string>{"scala-1"}));
    EXPECT_EQ(second.Search({.text = "python ", .limit = 100})->total, 8u);
    EXPECT_EQ(second.Search({.text = ""})->total, 20u);
  }
  // A damaged file: the service says why and builds from the store.
  {
    std::FILE* f = std::fopen(idx.c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    std::fseek(f, 100, SEEK_SET);
    std::fputc('#', f);
    std::fclose(f);
    SearchService third(*store_, {.index_path = idx});
    ASSERT_TRUE(third.Start().ok());
    EXPECT_NE(third.start_report().find("corrupt"), std::string::npos) << third.start_report();
    EXPECT_EQ(third.base_builds(), 1u);
    EXPECT_EQ(third.Search({.text = ""})->total, 20u);
  }
  // The rebuild wrote a good file again.
  SearchService fourth(*store_, {.index_path = idx});
  ASSERT_TRUE(fourth.Start().ok());
  EXPECT_EQ(fourth.start_report().rfind("file", 0), 0u) << fourth.start_report();
}

// The overlay (base minus changed documents, plus their new versions) answers like one
// index built from the final documents: the same matches, totals and facets, and pages
// that cover the results exactly once.
TEST(SearchSnapshotTest, OverlayAnswersLikeAFreshIndex) {
  std::vector<SearchDoc> docs;
  const char* titles[] = {"Python Developer", "Go Engineer", "Rust Engineer", "Data Scientist",
                          "Python Data Engineer"};
  for (int i = 0; i < 50; ++i) {
    SearchDoc d;
    d.slug = "d" + std::to_string(i);
    d.title = titles[i % 5];
    d.tags = {i % 3 ? "remote" : "onsite"};
    d.seniority = i % 2 ? "senior" : "junior";
    d.status = "live";
    d.posted_at = i;
    docs.push_back(d);
  }
  auto base = std::make_shared<const JobIndex>(JobIndex::Build(docs));
  // Change d0..d9: odd ones deleted, even ones retitled.
  std::vector<SearchDoc> changed, final_docs;
  SearchSnapshot snap;
  snap.base = base;
  snap.hidden.assign(docs.size(), 0);
  for (int i = 0; i < 50; ++i) {
    SearchDoc d = docs[static_cast<size_t>(i)];
    if (i < 10) {
      snap.hidden[static_cast<size_t>(i)] = 1;
      ++snap.hidden_count;
      if (i % 2) continue;
      d.title = "Python Platform Engineer";
      changed.push_back(d);
    }
    final_docs.push_back(d);
  }
  snap.delta = std::make_shared<const JobIndex>(JobIndex::Build(changed, {.stats_from = &*base}));
  JobIndex fresh = JobIndex::Build(final_docs);
  for (std::string text :
       {"", "python ", "engineer ", "platform ", "pyth", "data -python ", "pyhton "}) {
    SearchQuery q{.text = text, .facets = {"tags", "seniority"}, .limit = 100};
    auto a = snap.Search(q);
    auto b = fresh.Search(q);
    ASSERT_TRUE(a.ok() && b.ok()) << text;
    EXPECT_EQ(a->total, b->total) << text;
    EXPECT_EQ(Slugs(*a), Slugs(*b)) << text;
    EXPECT_EQ(a->used_typos, b->used_typos) << text;
    for (const char* f : {"tags", "seniority"}) {
      ASSERT_EQ(a->facets[f].size(), b->facets[f].size()) << text;
      for (size_t i = 0; i < a->facets[f].size(); ++i) {
        EXPECT_EQ(a->facets[f][i].value, b->facets[f][i].value) << text;
        EXPECT_EQ(a->facets[f][i].count, b->facets[f][i].count) << text;
      }
    }
    // Newest-first pages of 7 walk the same sequence as the fresh index.
    std::vector<std::string> pa, pb;
    for (size_t off = 0; off < 60; off += 7) {
      SearchQuery page{.text = text, .sort = SearchSort::kNewest, .offset = off, .limit = 7};
      SearchResult ra = *snap.Search(page);
      SearchResult rb = *fresh.Search(page);
      for (const SearchHit& h : ra.hits) pa.push_back(h.slug);
      for (const SearchHit& h : rb.hits) pb.push_back(h.slug);
    }
    EXPECT_EQ(pa, pb) << text;
  }
}

}  // namespace
}  // namespace meridian
