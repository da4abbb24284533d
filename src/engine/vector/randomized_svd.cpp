#include "engine/vector/randomized_svd.h"

#include <Eigen/SVD>
#include <algorithm>
#include <random>

namespace meridian {
namespace {

// Orthonormal basis of the columns of m (thin QR).
Eigen::MatrixXf Orthonormal(const Eigen::MatrixXf& m) {
  Eigen::HouseholderQR<Eigen::MatrixXf> qr(m);
  return qr.householderQ() * Eigen::MatrixXf::Identity(m.rows(), m.cols());
}

}  // namespace

TruncatedSvd RandomizedSvd(const SparseView& x, const SvdOptions& options) {
  // Row-major dense factors and products: Eigen then multiplies a sparse matrix by them in
  // one pass over its nonzeros, a row at a time, instead of one pass per column.
  using Dense = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Index small = std::min(x.rows(), x.cols());
  const Eigen::Index rank = std::min(static_cast<Eigen::Index>(options.rank), small);
  const Eigen::Index width =
      std::min(rank + static_cast<Eigen::Index>(options.oversampling), small);
  std::mt19937_64 rng(options.seed);
  std::normal_distribution<float> gauss(0.0f, 1.0f);
  Dense omega(x.cols(), width);
  for (Eigen::Index j = 0; j < width; ++j) {
    for (Eigen::Index i = 0; i < x.cols(); ++i) omega(i, j) = gauss(rng);
  }
  // The power iterations sharpen the spectrum (the singular values decay slowly on text);
  // the QR between products keeps the small directions from drowning in rounding.
  // Each product goes into a row-major matrix first: its rows are what the kernel adds to.
  Dense product = x * omega;
  omega = Dense();
  Dense q = Orthonormal(product);
  for (int it = 0; it < options.power_iterations; ++it) {
    product.noalias() = x.transpose() * q;
    Dense z = Orthonormal(product);
    product.noalias() = x * z;
    q = Orthonormal(product);
  }
  product.noalias() = x.transpose() * q;  // cols x width
  Eigen::MatrixXf b = product.transpose();
  Eigen::BDCSVD<Eigen::MatrixXf> svd(
      b, options.left ? Eigen::ComputeThinU | Eigen::ComputeThinV : Eigen::ComputeThinV);
  TruncatedSvd out;
  out.s = svd.singularValues().head(rank);
  out.v = svd.matrixV().leftCols(rank);
  if (options.left) out.u = q * svd.matrixU().leftCols(rank);
  return out;
}

}  // namespace meridian
