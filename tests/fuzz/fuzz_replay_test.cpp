// Every fuzz target on every build: each seed of tests/fuzz/corpus/<target>, then each
// saved crash of tests/fuzz/regressions/<target> as its own test named after the file
// (FuzzRegression/Replay.<target>_<file>). A crash found by `make fuzz` is fixed and its
// input kept there, so that it can never come back unnoticed.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz_targets.h"

namespace meridian::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kFuzzDir = fs::path(MERIDIAN_SOURCE_DIR) / "tests" / "fuzz";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> FilesIn(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().filename() != "README.md") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The app's logs would fill the test output; errors still show.
class QuietLogs {
 public:
  QuietLogs() : level_(spdlog::get_level()) { spdlog::set_level(spdlog::level::err); }
  ~QuietLogs() { spdlog::set_level(level_); }

 private:
  spdlog::level::level_enum level_;
};

TEST(FuzzCorpusTest, EveryTargetHasSeedsAndSurvivesThem) {
  QuietLogs quiet;
  for (const Target& t : AllTargets()) {
    std::vector<fs::path> seeds = FilesIn(kFuzzDir / "corpus" / t.name);
    EXPECT_GE(seeds.size(), 3u) << "tests/fuzz/corpus/" << t.name << " needs seeds";
    for (const fs::path& p : seeds) {
      SCOPED_TRACE(p.string());
      t.fn(ReadAll(p));
    }
  }
}

struct Regression {
  std::string target;
  fs::path file;
};

std::vector<Regression> Regressions() {
  std::vector<Regression> out;
  for (const Target& t : AllTargets()) {
    for (const fs::path& p : FilesIn(kFuzzDir / "regressions" / t.name)) {
      out.push_back({t.name, p});
    }
  }
  return out;
}

class FuzzRegression : public ::testing::TestWithParam<Regression> {};

TEST_P(FuzzRegression, Replay) {
  QuietLogs quiet;
  for (const Target& t : AllTargets()) {
    if (GetParam().target == t.name) t.fn(ReadAll(GetParam().file));
  }
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FuzzRegression);
INSTANTIATE_TEST_SUITE_P(Saved, FuzzRegression, ::testing::ValuesIn(Regressions()),
                         [](const ::testing::TestParamInfo<Regression>& param) {
                           std::string name =
                               param.param.target + "_" + param.param.file.filename().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace meridian::fuzz
