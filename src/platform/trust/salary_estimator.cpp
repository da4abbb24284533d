#include "platform/trust/salary_estimator.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

#include "base/file.h"
#include "base/strings.h"
#include "engine/ml/artifact_frame.h"

namespace meridian {
namespace {

constexpr ml::ArtifactFrame kFrame{.magic = "MRDNSAL",  // + the terminating NUL: 8 bytes
                                   .version = 1,
                                   .what = "salary model",
                                   .noun = "a salary model file"};

// Feature columns: a few dense ones, then hashed ones. The hashed space is part of the
// file format (a change needs a new version): every column a model may see is below kCols.
enum DenseColumn : uint32_t {
  kSeniorityRank = 0,
  kExperienceMonths,
  kTitleWords,
  kRegionCount,
  kDense = 8,
};
constexpr uint32_t kBuckets = 1u << 14;
constexpr uint32_t kCols = kDense + kBuckets;

constexpr size_t kMaxTitleBytes = 512, kMaxTitleWords = 64, kMaxListItems = 32;

constexpr std::pair<std::string_view, int> kSeniorityRanks[] = {
    {"intern", 0}, {"junior", 1}, {"mid", 2}, {"senior", 3}, {"lead", 4}, {"principal", 5}};

std::optional<int> SeniorityRank(std::string_view s) {
  for (const auto& [name, rank] : kSeniorityRanks) {
    if (name == s) return rank;
  }
  return std::nullopt;
}

// Lowercase words of a title: runs of ASCII letters and digits, '+', '#' (c++, c#) and any
// non-ASCII byte (so Cyrillic words stay whole), from the first kMaxTitleBytes bytes.
std::vector<std::string> TitleWords(std::string_view title) {
  title = title.substr(0, kMaxTitleBytes);
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && words.size() < kMaxTitleWords) words.push_back(word);
    word.clear();
  };
  for (char ch : title) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '+' || c == '#' || c >= 0x80) {
      word.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// One hashed column per distinct key (collisions share a column, as hashing does).
class RowBuilder {
 public:
  void Dense(uint32_t col, float value) { cells_.emplace_back(col, value); }
  void Hashed(std::string_view space, std::string_view key) {
    std::string k(space);
    k.push_back(':');
    k.append(key);
    cells_.emplace_back(kDense + static_cast<uint32_t>(Fnv1a64(k) % kBuckets), 1.0f);
  }
  void AddTo(xgb::SparseRows* rows) {
    std::sort(cells_.begin(), cells_.end());
    cells_.erase(std::unique(cells_.begin(), cells_.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 cells_.end());
    rows->Add(cells_);
  }

 private:
  std::vector<std::pair<uint32_t, float>> cells_;
};

void AddRow(const SalaryInput& in, xgb::SparseRows* rows) {
  RowBuilder row;
  std::vector<std::string> words = TitleWords(in.title);
  row.Dense(kTitleWords, static_cast<float>(words.size()));
  for (size_t i = 0; i < words.size(); ++i) {
    row.Hashed("w", words[i]);
    if (i + 1 < words.size()) row.Hashed("b", words[i] + " " + words[i + 1]);
  }
  for (size_t i = 0; i < in.tags.size() && i < kMaxListItems; ++i) {
    row.Hashed("t", AsciiLower(Trim(std::string_view(in.tags[i]).substr(0, kMaxTitleBytes))));
  }
  std::string seniority = in.seniority.empty() ? SeniorityFromTitle(in.title) : in.seniority;
  if (auto rank = SeniorityRank(seniority)) {
    row.Dense(kSeniorityRank, static_cast<float>(*rank));
    row.Hashed("s", seniority);
  }
  if (!in.regions.empty()) {
    row.Dense(kRegionCount, static_cast<float>(std::min(in.regions.size(), kMaxListItems)));
  }
  for (size_t i = 0; i < in.regions.size() && i < kMaxListItems; ++i) {
    row.Hashed("r", std::string_view(in.regions[i]).substr(0, 16));
  }
  if (!in.employment_type.empty()) {
    row.Hashed("e", std::string_view(in.employment_type).substr(0, 32));
  }
  if (in.experience_months && *in.experience_months >= 0) {
    row.Dense(kExperienceMonths, static_cast<float>(std::min(*in.experience_months, 600)));
  }
  row.AddTo(rows);
  rows->cols = kCols;
}

template <typename T>
void Put(std::string* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof value);
}
template <typename T>
T Get(std::string_view in, size_t at) {
  T value{};
  std::memcpy(&value, in.data() + at, sizeof value);
  return value;
}

}  // namespace

std::string SeniorityFromTitle(std::string_view title) {
  static const std::pair<std::string_view, int> kWords[] = {
      {"intern", 0},   {"internship", 0}, {"trainee", 0},   {"junior", 1}, {"jr", 1},
      {"middle", 2},   {"mid", 2},        {"senior", 3},    {"sr", 3},     {"lead", 4},
      {"teamlead", 4}, {"architect", 4},  {"principal", 5}, {"staff", 5},  {"head", 5},
      {"director", 5}, {"chief", 5},      {"vp", 5},        {"cto", 5},
  };
  int best = -1;
  for (const std::string& w : TitleWords(title)) {
    for (const auto& [word, rank] : kWords) {
      if (w == word) best = std::max(best, rank);
    }
  }
  return best < 0 ? "" : std::string(kSeniorityRanks[best].first);
}

SalaryInput SalaryInputOf(const Job& job) {
  return {.title = job.title,
          .tags = job.tags,
          .seniority = job.seniority.empty() ? SeniorityFromTitle(job.title) : job.seniority,
          .regions = job.eligible_areas,
          .employment_type = job.employment_type,
          .experience_months = std::nullopt};
}

StatusOr<SalaryEstimator> SalaryEstimator::Train(std::span<const SalaryExample> examples,
                                                 const SalaryEstimatorOptions& options,
                                                 SalaryTrainReport* report) {
  if (examples.size() < 20) {
    return InvalidArgumentError("salary: " + std::to_string(examples.size()) +
                                " examples are too few to train on (20 at least)");
  }
  xgb::SparseRows x;
  std::vector<float> y;
  for (const SalaryExample& e : examples) {
    if (!(e.annual_usd >= options.min_annual_usd && e.annual_usd <= options.max_annual_usd)) {
      return InvalidArgumentError("salary: an example's annual USD (" +
                                  std::to_string(e.annual_usd) + ") is out of range");
    }
    AddRow(e.input, &x);
    y.push_back(static_cast<float>(std::log(e.annual_usd)));
  }
  ASSIGN_OR_RETURN(RangeRegressor model, RangeRegressor::Train(x, y, options.model));
  if (report != nullptr) {
    const std::vector<double>& oof = model.out_of_fold();
    std::vector<double> ape;
    double abs_sum = 0;
    for (size_t i = 0; i < examples.size() && i < oof.size(); ++i) {
      const double truth = examples[i].annual_usd;
      const double err = std::fabs(std::exp(std::clamp(oof[i], 0.0, 20.0)) - truth);
      abs_sum += err;
      ape.push_back(100 * err / truth);
    }
    std::sort(ape.begin(), ape.end());
    const size_t n = ape.size();
    report->cv_mae = n ? abs_sum / static_cast<double>(n) : 0;
    report->cv_mdape = n == 0 ? 0 : n % 2 ? ape[n / 2] : (ape[n / 2 - 1] + ape[n / 2]) / 2;
  }
  return SalaryEstimator(std::move(model));
}

StatusOr<std::vector<SalaryEstimate>> SalaryEstimator::EstimateAll(
    std::span<const SalaryInput> inputs) const {
  xgb::SparseRows x;
  x.cols = kCols;
  for (const SalaryInput& in : inputs) AddRow(in, &x);
  ASSIGN_OR_RETURN(std::vector<RangePrediction> p, model_.Predict(x));
  // Clamped so that a broken model cannot print infinities.
  auto usd = [](double log_usd) { return std::exp(std::clamp(log_usd, 0.0, 20.0)); };
  std::vector<SalaryEstimate> out;
  out.reserve(p.size());
  for (const RangePrediction& r : p) {
    out.push_back({.low = usd(r.low), .median = usd(r.mid), .high = usd(r.high)});
  }
  return out;
}

StatusOr<SalaryEstimate> SalaryEstimator::Estimate(const SalaryInput& input) const {
  ASSIGN_OR_RETURN(std::vector<SalaryEstimate> e, EstimateAll(std::span(&input, 1)));
  return e.front();
}

std::string SalaryEstimator::Serialize() const {
  std::string payload;
  Put(&payload, kBuckets);
  payload += model_.Serialize();
  return ml::FrameArtifact(kFrame, payload);
}

StatusOr<SalaryEstimator> SalaryEstimator::Deserialize(std::string_view bytes) {
  auto bad = [](const std::string& why) { return DataLossError("salary model: " + why); };
  ASSIGN_OR_RETURN(std::string_view payload, ml::UnframeArtifact(kFrame, bytes));
  if (payload.size() < 4 || Get<uint32_t>(payload, 0) != kBuckets) {
    return bad("made with other features");
  }
  ASSIGN_OR_RETURN(RangeRegressor model, RangeRegressor::Deserialize(payload.substr(4)));
  if (model.features() > kCols) return bad("made with other features");
  return SalaryEstimator(std::move(model));
}

Status SalaryEstimator::Save(const std::string& path) const {
  std::string bytes = Serialize();
  return ReplaceFile(path, [&](std::FILE* f) {
    return std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  });
}

StatusOr<SalaryEstimator> SalaryEstimator::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("salary model: " + path + " does not exist");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto model = Deserialize(bytes);
  if (!model.ok()) return model.status().Annotate(path);
  return model;
}

StatusOr<std::vector<SalaryExample>> SalaryExamplesFromStore(Store& store) {
  std::vector<SalaryExample> out;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& job) {
    const Salary& s = job.salary;
    if (s.source != "employer" || job.status == "draft" || job.status == "flagged" ||
        job.status == "rejected") {
      return OkStatus();
    }
    std::optional<double> lo = s.annual_usd_min, hi = s.annual_usd_max;
    if (!lo && !hi) return OkStatus();
    double annual = lo && hi ? (*lo + *hi) / 2 : lo ? *lo : *hi;
    if (!(annual >= 1'000 && annual <= 2'000'000)) return OkStatus();
    out.push_back({.input = SalaryInputOf(job), .annual_usd = annual});
    return OkStatus();
  }));
  return out;
}

}  // namespace meridian
