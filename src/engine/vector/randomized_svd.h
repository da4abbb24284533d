// Truncated SVD of a large sparse matrix by randomized subspace iteration (Halko,
// Martinsson and Tropp 2011, algorithms 4.4 and 5.1): a Gaussian sketch of the range,
// power iterations re-orthonormalized by QR, then the exact SVD of the small projected
// matrix (Eigen's BDC SVD). Internal to engine/vector: its interface has Eigen types.
//
//   TruncatedSvd svd = RandomizedSvd(SparseView(rows, cols, nnz, outer, inner, values),
//                                    {.rank = 128});
//   // svd.v.col(k) is the k-th right singular vector, svd.s(k) its singular value.
#pragma once

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <cstdint>
#include <vector>

namespace meridian {

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor>;
using SparseView = Eigen::Map<const SparseRows>;

// A compressed row-major sparse matrix built one row at a time, in order; View() maps it
// without a copy (a 200k-document TF-IDF matrix is hundreds of megabytes).
struct SparseRowsBuilder {
  explicit SparseRowsBuilder(Eigen::Index columns) : cols(columns) { outer.push_back(0); }
  void Add(int col, float value) {
    inner.push_back(col);
    values.push_back(value);
  }
  void EndRow() { outer.push_back(static_cast<int>(inner.size())); }
  SparseView View() const {
    return SparseView(static_cast<Eigen::Index>(outer.size() - 1), cols,
                      static_cast<Eigen::Index>(inner.size()), outer.data(), inner.data(),
                      values.data());
  }

  Eigen::Index cols;
  std::vector<int> outer, inner;
  std::vector<float> values;
};

struct SvdOptions {
  size_t rank = 128;  // clamped to min(rows, cols)
  size_t oversampling = 10;
  int power_iterations = 2;
  uint64_t seed = 42;  // same matrix and seed, same result
  bool left = false;   // also compute u
};

struct TruncatedSvd {
  Eigen::VectorXf s;  // rank singular values, descending
  Eigen::MatrixXf v;  // cols x rank: right singular vectors
  Eigen::MatrixXf u;  // rows x rank: left singular vectors (when asked for)
};

TruncatedSvd RandomizedSvd(const SparseView& x, const SvdOptions& options);

}  // namespace meridian
