#include "engine/ml/xgb.h"

#include <fmt/format.h>
#include <xgboost/c_api.h>

#include <algorithm>
#include <string>

namespace meridian::xgb {
namespace {

Status Check(int rc, std::string_view what) {
  if (rc == 0) return OkStatus();
  return InternalError(fmt::format("xgboost: {}: {}", what, XGBGetLastError()));
}

// Owns a DMatrix handle.
class Matrix {
 public:
  ~Matrix() {
    if (handle_ != nullptr) XGDMatrixFree(handle_);
  }
  static StatusOr<std::unique_ptr<Matrix>> From(const SparseRows& x, size_t cols) {
    auto m = std::make_unique<Matrix>();
    static_assert(sizeof(unsigned) == sizeof(uint32_t));
    RETURN_IF_ERROR(
        Check(XGDMatrixCreateFromCSREx(x.indptr.data(), x.indices.data(), x.values.data(),
                                       x.indptr.size(), x.values.size(), cols, &m->handle_),
              "creating a matrix"));
    return m;
  }
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

Status SetParam(BoosterHandle b, const char* name, const std::string& value) {
  return Check(XGBoosterSetParam(b, name, value.c_str()), fmt::format("parameter {}", name));
}

}  // namespace

void SparseRows::Add(std::span<const std::pair<uint32_t, float>> row) {
  for (const auto& [col, value] : row) {
    indices.push_back(col);
    values.push_back(value);
    cols = std::max<size_t>(cols, size_t{col} + 1);
  }
  indptr.push_back(indices.size());
}

SparseRows SparseRows::Slice(std::span<const size_t> which) const {
  SparseRows out;
  out.cols = cols;
  for (size_t r : which) {
    for (size_t k = indptr[r]; k < indptr[r + 1]; ++k) {
      out.indices.push_back(indices[k]);
      out.values.push_back(values[k]);
    }
    out.indptr.push_back(out.indices.size());
  }
  return out;
}

Booster::Booster(void* handle, size_t features)
    : handle_(handle), features_(features), mu_(std::make_unique<std::mutex>()) {}

Booster::Booster(Booster&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      features_(other.features_),
      mu_(std::move(other.mu_)) {}

Booster& Booster::operator=(Booster&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) XGBoosterFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    features_ = other.features_;
    mu_ = std::move(other.mu_);
  }
  return *this;
}

Booster::~Booster() {
  if (handle_ != nullptr) XGBoosterFree(handle_);
}

StatusOr<Booster> Booster::Train(const SparseRows& x, std::span<const float> labels,
                                 const TrainOptions& options, std::span<const float> weights) {
  if (x.rows() == 0) return InvalidArgumentError("no rows to train on");
  if (labels.size() != x.rows()) return InvalidArgumentError("one label per row is needed");
  if (!weights.empty() && weights.size() != x.rows()) {
    return InvalidArgumentError("one weight per row is needed");
  }
  if (options.rounds < 1) return InvalidArgumentError("rounds must be at least 1");
  const size_t cols = std::max<size_t>(x.cols, 1);
  ASSIGN_OR_RETURN(std::unique_ptr<Matrix> m, Matrix::From(x, cols));
  RETURN_IF_ERROR(Check(XGDMatrixSetFloatInfo(m->get(), "label", labels.data(), labels.size()),
                        "setting labels"));
  if (!weights.empty()) {
    RETURN_IF_ERROR(Check(XGDMatrixSetFloatInfo(m->get(), "weight", weights.data(), weights.size()),
                          "weights"));
  }
  BoosterHandle raw = nullptr;
  DMatrixHandle dmats[] = {m->get()};
  RETURN_IF_ERROR(Check(XGBoosterCreate(dmats, 1, &raw), "creating a booster"));
  Booster booster(raw, cols);
  const std::pair<const char*, std::string> params[] = {
      {"verbosity", "0"},
      {"objective", options.objective},
      {"max_depth", std::to_string(options.max_depth)},
      {"eta", fmt::format("{}", options.eta)},
      {"subsample", fmt::format("{}", options.subsample)},
      {"colsample_bytree", fmt::format("{}", options.colsample_bytree)},
      {"min_child_weight", fmt::format("{}", options.min_child_weight)},
      {"lambda", fmt::format("{}", options.lambda)},
      {"scale_pos_weight", fmt::format("{}", options.scale_pos_weight)},
      {"tree_method", options.tree_method},
      {"max_bin", std::to_string(options.max_bin)},
      {"nthread", std::to_string(std::max(options.threads, 1))},
      {"seed", std::to_string(options.seed)},
  };
  for (const auto& [name, value] : params) RETURN_IF_ERROR(SetParam(raw, name, value));
  for (int i = 0; i < options.rounds; ++i) {
    RETURN_IF_ERROR(Check(XGBoosterUpdateOneIter(raw, i, m->get()), "training"));
  }
  // Serving predicts a row or a page at a time: threads cost more than they save there.
  RETURN_IF_ERROR(SetParam(raw, "nthread", "1"));
  return booster;
}

StatusOr<Booster> Booster::Load(std::string_view bytes) {
  if (bytes.empty()) return DataLossError("the model is empty");
  if (bytes.front() != '{') return DataLossError("the model is not a UBJSON XGBoost model");
  BoosterHandle raw = nullptr;
  RETURN_IF_ERROR(Check(XGBoosterCreate(nullptr, 0, &raw), "creating a booster"));
  Booster booster(raw, 0);
  RETURN_IF_ERROR(
      Check(XGBoosterLoadModelFromBuffer(raw, bytes.data(), bytes.size()), "loading the model"));
  bst_ulong features = 0;
  RETURN_IF_ERROR(Check(XGBoosterGetNumFeature(raw, &features), "reading the feature count"));
  booster.features_ = features;
  RETURN_IF_ERROR(SetParam(raw, "nthread", "1"));
  return booster;
}

StatusOr<std::string> Booster::Save() const {
  std::lock_guard lock(*mu_);
  bst_ulong len = 0;
  const char* data = nullptr;
  RETURN_IF_ERROR(Check(XGBoosterSaveModelToBuffer(handle_, R"({"format": "ubj"})", &len, &data),
                        "saving the model"));
  return std::string(data, len);
}

StatusOr<std::vector<float>> Booster::Run(const SparseRows& x, int type) const {
  if (x.cols > features_) {
    return InvalidArgumentError(
        fmt::format("rows have {} columns, the model knows {}", x.cols, features_));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Matrix> m, Matrix::From(x, features_));
  const std::string config =
      fmt::format(R"({{"type": {}, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
                  R"("strict_shape": false}})",
                  type);
  std::lock_guard lock(*mu_);
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  RETURN_IF_ERROR(
      Check(XGBoosterPredictFromDMatrix(handle_, m->get(), config.c_str(), &shape, &dim, &result),
            "predicting"));
  size_t n = 1;
  for (bst_ulong d = 0; d < dim; ++d) n *= shape[d];
  return std::vector<float>(result, result + n);
}

StatusOr<std::vector<uint32_t>> Booster::UsedFeatures() const {
  std::lock_guard lock(*mu_);
  bst_ulong n = 0, dim = 0;
  const char** names = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  RETURN_IF_ERROR(Check(XGBoosterFeatureScore(handle_, R"({"importance_type": "weight"})", &n,
                                              &names, &dim, &shape, &scores),
                        "reading the used features"));
  std::vector<uint32_t> used;
  for (bst_ulong i = 0; i < n; ++i) {
    // Without feature names XGBoost calls column k "fk".
    const std::string_view name = names[i];
    if (name.size() < 2 || name[0] != 'f') return InternalError("unexpected feature name");
    used.push_back(static_cast<uint32_t>(std::stoul(std::string(name.substr(1)))));
  }
  std::sort(used.begin(), used.end());
  return used;
}

StatusOr<std::vector<float>> Booster::Predict(const SparseRows& x) const {
  return Run(x, 0);
}

StatusOr<std::vector<float>> Booster::Contributions(const SparseRows& x) const {
  return Run(x, 2);
}

}  // namespace meridian::xgb
