// The index file: a round trip answers exactly like the index it was written from, and a
// missing, truncated, corrupt, foreign or newer-format file is refused with the reason.
#include "engine/search/index_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>

namespace meridian {
namespace {

class IndexFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "meridian_idx_" + std::to_string(::getpid()) + ".idx";
    std::remove(path_.c_str());
    std::vector<SearchDoc> docs;
    const char* titles[] = {"Senior Python Developer", "Go Engineer", "Rust Engineer",
                            "Data Scientist", "Zürich Platform Engineer"};
    for (int i = 0; i < 40; ++i) {
      SearchDoc d;
      d.slug = "job-" + std::to_string(i);
      d.title = titles[i % 5];
      d.tags = {i % 2 ? "python" : "go", "remote"};
      d.description = "Description number " + std::to_string(i) + " with kubernetes.";
      d.company = "co-" + std::to_string(i % 4);
      d.seniority = i % 3 ? "senior" : "junior";
      d.status = "live";
      d.posted_at = i;
      if (i % 2) d.salary_min_usd = 50000 + i * 1000;
      d.eligible_areas = {i % 2 ? "150" : "WW"};
      d.window_key = i % 3 ? "z|Europe/Berlin|540|1020" : "";
      docs.push_back(d);
    }
    index_ = JobIndex::Build(docs);
  }
  void TearDown() override {
    std::remove(path_.c_str());
    std::remove((path_ + ".tmp").c_str());
  }
  std::string ReadAll() {
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  void WriteAll(const std::string& bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  std::string path_;
  JobIndex index_;
};

TEST_F(IndexFileTest, RoundTripAnswersTheSame) {
  ASSERT_TRUE(JobIndexFile::Write(index_, 1234, path_).ok());
  auto loaded = JobIndexFile::Read(path_);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->change_seq, 1234);
  EXPECT_EQ(loaded->index.size(), index_.size());
  auto europe = [](std::string_view a) { return a == "150"; };
  for (SearchQuery q : {SearchQuery{.text = "engineer ", .facets = {"tags", "company"}},
                        SearchQuery{.text = "pyhton"}, SearchQuery{.text = "zurich kube"},
                        SearchQuery{.text = "", .seniority = "senior", .sort = SearchSort::kSalary},
                        SearchQuery{.text = "", .area_ok = europe, .facets = {"seniority"}}}) {
    auto a = index_.Search(q);
    auto b = loaded->index.Search(q);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->total, b->total) << q.text;
    ASSERT_EQ(a->hits.size(), b->hits.size()) << q.text;
    for (size_t i = 0; i < a->hits.size(); ++i) {
      EXPECT_EQ(a->hits[i].slug, b->hits[i].slug) << q.text;
      EXPECT_EQ(a->hits[i].score, b->hits[i].score) << q.text;
    }
    EXPECT_EQ(a->facets.size(), b->facets.size());
  }
  EXPECT_EQ(loaded->index.FindDoc("job-7"), index_.FindDoc("job-7"));
}

TEST_F(IndexFileTest, BadFilesAreRefusedWithTheReason) {
  EXPECT_EQ(JobIndexFile::Read(path_).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(JobIndexFile::Write(index_, 1, path_).ok());
  const std::string good = ReadAll();
  auto code_after = [&](const std::string& bytes) {
    WriteAll(bytes);
    return JobIndexFile::Read(path_).status();
  };
  // One flipped byte anywhere in the payload.
  for (size_t at : {size_t{60}, good.size() / 2, good.size() - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    Status s = code_after(bad);
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << at;
    EXPECT_NE(s.message().find("corrupt"), std::string::npos) << s.message();
  }
  Status s = code_after(good.substr(0, good.size() - 10));
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("size"), std::string::npos) << s.message();
  s = code_after(good.substr(0, 20));
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  s = code_after("not an index file at all, just some text that is long enough...");
  EXPECT_NE(s.message().find("not a Meridian index"), std::string::npos) << s.message();
  std::string newer = good;
  newer[8] = 99;  // the format version
  s = code_after(newer);
  EXPECT_NE(s.message().find("format 99"), std::string::npos) << s.message();
  EXPECT_TRUE(code_after(good).ok());  // and the good bytes still load
}

}  // namespace
}  // namespace meridian
