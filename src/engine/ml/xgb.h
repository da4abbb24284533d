// A small owner of XGBoost (C API, Debian libxgboost-dev 1.7) for issue 7's scam classifier
// and salary estimator: sparse rows in, a trained booster out, probabilities or values and
// per-feature contributions (SHAP, `pred_contribs`) back, and the model as bytes (UBJSON) so
// that callers wrap it in their own artifact format. Every XGBoost error becomes a Status.
//
//   xgb::SparseRows x;  x.Add({{3, 0.5f}, {17, 1.0f}});  ...
//   ASSIGN_OR_RETURN(xgb::Booster b, xgb::Booster::Train(x, labels, {.rounds = 200}));
//   ASSIGN_OR_RETURN(std::vector<float> p, b.Predict(x));
//
// Entries left out of a row are "missing" to XGBoost (it learns a default direction), which
// is what sparse text features want.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/statusor.h"

namespace meridian::xgb {

// Compressed sparse rows, column indices below `cols`.
struct SparseRows {
  std::vector<size_t> indptr{0};
  std::vector<uint32_t> indices;
  std::vector<float> values;
  size_t cols = 0;

  // Appends one row; columns need not be sorted, and `cols` grows to cover them.
  void Add(std::span<const std::pair<uint32_t, float>> row);
  size_t rows() const { return indptr.size() - 1; }
  // Rows [begin, end) of this matrix, or the rows listed.
  SparseRows Slice(std::span<const size_t> which) const;
};

struct TrainOptions {
  std::string objective = "binary:logistic";  // or reg:squarederror, reg:absoluteerror, ...
  int rounds = 200;
  int max_depth = 6;
  double eta = 0.1;
  double subsample = 1.0;
  double colsample_bytree = 1.0;
  double min_child_weight = 1.0;
  double lambda = 1.0;
  double scale_pos_weight = 1.0;
  std::string tree_method = "hist";
  int max_bin = 256;
  int threads = 2;
  uint64_t seed = 7;
};

class Booster {
 public:
  // `labels` has one value per row; `weights` is empty or one per row.
  static StatusOr<Booster> Train(const SparseRows& x, std::span<const float> labels,
                                 const TrainOptions& options, std::span<const float> weights = {});
  // A model saved by Save(). Bytes that are not a UBJSON object are refused here. Callers
  // must check the bytes' integrity first (our artifacts carry a checksum): libxgboost
  // 1.7's UBJSON reader reads past the end of a truncated buffer (AddressSanitizer reports
  // it), so truncated bytes must never reach it.
  static StatusOr<Booster> Load(std::string_view bytes);

  Booster(Booster&&) noexcept;
  Booster& operator=(Booster&&) noexcept;
  ~Booster();

  StatusOr<std::string> Save() const;
  // One prediction per row: probabilities for binary:logistic, values for regression.
  StatusOr<std::vector<float>> Predict(const SparseRows& x) const;
  // rows x (features + 1) contributions in margin (log-odds) space, the last column being
  // the bias; each row sums to the row's margin.
  StatusOr<std::vector<float>> Contributions(const SparseRows& x) const;
  // The feature columns some split of some tree uses, ascending (XGBoost's "weight"
  // importance); SHAP contributions of every other column are zero.
  StatusOr<std::vector<uint32_t>> UsedFeatures() const;
  // The number of feature columns the model was trained on.
  size_t features() const { return features_; }

 private:
  Booster(void* handle, size_t features);
  StatusOr<std::vector<float>> Run(const SparseRows& x, int type) const;

  void* handle_ = nullptr;
  size_t features_ = 0;
  // XGBoost's prediction buffers belong to the booster: one prediction at a time.
  std::unique_ptr<std::mutex> mu_;
};

}  // namespace meridian::xgb
