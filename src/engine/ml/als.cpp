#include "engine/ml/als.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

#include "engine/ml/top_items.h"

namespace meridian {

namespace {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One half-step: solves every row of `x` against the fixed `y`.
void Solve(const AlsOptions& options, const std::vector<std::vector<uint32_t>>& rated,
           const std::vector<std::vector<float>>& confidence, const Matrix& y, Matrix* x);

}  // namespace

struct ImplicitAls::Factors {
  Matrix users, items;
  Eigen::MatrixXf yty;  // items' Gram matrix plus lambda I, for FoldIn

  // One expression for training and FromFactors, so both get the same bits.
  void ComputeGram(double regularization) {
    yty = (items.transpose() * items).cast<float>();
    yty.diagonal().array() += static_cast<float>(regularization);
  }
};

ImplicitAls::ImplicitAls(ImplicitAls&&) noexcept = default;
ImplicitAls::~ImplicitAls() = default;

ImplicitAls::ImplicitAls(const TrainTest& split, const AlsOptions& options,
                         std::unique_ptr<Factors> f)
    : split_(split), options_(options), f_(std::move(f)) {}

StatusOr<ImplicitAls> ImplicitAls::FromFactors(const TrainTest& split, const AlsOptions& options,
                                               std::span<const float> item_factors) {
  const size_t f = options.factors;
  if (f == 0 || f > kMaxFactors) {
    return InvalidArgumentError("als: " + std::to_string(f) + " factors (1 to " +
                                std::to_string(kMaxFactors) + ")");
  }
  if (item_factors.size() / f != split.items || item_factors.size() % f != 0) {
    return InvalidArgumentError("als: " + std::to_string(item_factors.size()) +
                                " item factors for " + std::to_string(split.items) + " items of " +
                                std::to_string(f) + " factors");
  }
  if (!std::isfinite(options.regularization) || !std::isfinite(options.alpha)) {
    return InvalidArgumentError("als: regularization or alpha is not finite");
  }
  if (!std::all_of(item_factors.begin(), item_factors.end(),
                   [](float x) { return std::isfinite(x); })) {
    return InvalidArgumentError("als: an item factor is not finite");
  }
  auto factors = std::make_unique<Factors>();
  factors->users.resize(0, static_cast<Eigen::Index>(f));
  factors->items = Eigen::Map<const Matrix>(
      item_factors.data(), static_cast<Eigen::Index>(split.items), static_cast<Eigen::Index>(f));
  factors->ComputeGram(options.regularization);
  return ImplicitAls(split, options, std::move(factors));
}

ImplicitAls::ImplicitAls(const TrainTest& split, const AlsOptions& options)
    : split_(split), options_(options), f_(std::make_unique<Factors>()) {
  const auto f = static_cast<Eigen::Index>(options.factors);
  std::mt19937_64 rng(options.seed);
  std::normal_distribution<float> g(0.0f, 0.01f);
  f_->users =
      Matrix::NullaryExpr(static_cast<Eigen::Index>(split.users), f, [&] { return g(rng); });
  f_->items =
      Matrix::NullaryExpr(static_cast<Eigen::Index>(split.items), f, [&] { return g(rng); });
  // Confidence minus one, per user and per item (the transposed lists).
  std::vector<std::vector<float>> user_conf(split.users);
  std::vector<std::vector<uint32_t>> by_item(split.items);
  std::vector<std::vector<float>> item_conf(split.items);
  for (uint32_t u = 0; u < split.users; ++u) {
    for (size_t j = 0; j < split.train[u].size(); ++j) {
      float w = options.binary ? 1.0f : split.train_weights[u][j];
      float c = static_cast<float>(options.alpha) * w;
      user_conf[u].push_back(c);
      by_item[split.train[u][j]].push_back(u);
      item_conf[split.train[u][j]].push_back(c);
    }
  }
  for (int it = 0; it < options.iterations; ++it) {
    Solve(options, split.train, user_conf, f_->items, &f_->users);
    Solve(options, by_item, item_conf, f_->users, &f_->items);
  }
  f_->ComputeGram(options.regularization);
}

std::vector<float> ImplicitAls::FoldIn(std::span<const uint32_t> items,
                                       std::span<const float> weights) const {
  const Eigen::Index f = f_->items.cols();
  Eigen::MatrixXf a = f_->yty;
  Eigen::VectorXf b = Eigen::VectorXf::Zero(f);
  for (size_t j = 0; j < items.size() && j < weights.size(); ++j) {
    if (items[j] >= static_cast<uint32_t>(f_->items.rows())) continue;
    auto y = f_->items.row(items[j]).transpose();
    float c = static_cast<float>(options_.alpha) * weights[j];
    a.noalias() += c * (y * y.transpose());
    b += (1 + c) * y;
  }
  Eigen::VectorXf x = a.ldlt().solve(b);
  return {x.data(), x.data() + x.size()};
}

std::vector<float> ImplicitAls::UserVector(uint32_t user) const {
  auto row = f_->users.row(user);
  return {row.data(), row.data() + row.size()};
}

std::vector<float> ImplicitAls::ScoreAll(std::span<const float> user) const {
  Eigen::Map<const Eigen::VectorXf> x(user.data(), static_cast<Eigen::Index>(user.size()));
  Eigen::VectorXf s = f_->items * x;
  return {s.data(), s.data() + s.size()};
}

size_t ImplicitAls::items() const {
  return static_cast<size_t>(f_->items.rows());
}

size_t ImplicitAls::users() const {
  return static_cast<size_t>(f_->users.rows());
}

std::span<const float> ImplicitAls::ItemFactors() const {
  return {f_->items.data(), static_cast<size_t>(f_->items.size())};
}

namespace {

void Solve(const AlsOptions& options, const std::vector<std::vector<uint32_t>>& rated,
           const std::vector<std::vector<float>>& confidence, const Matrix& y, Matrix* x) {
  const Eigen::Index f = y.cols();
  // YtY + lambda I is shared by every row.
  Eigen::MatrixXf yty = (y.transpose() * y).cast<float>();
  yty.diagonal().array() += static_cast<float>(options.regularization);
  auto work = [&](size_t begin, size_t end) {
    Eigen::VectorXf r(f), p(f), ap(f), xu(f);
    for (size_t u = begin; u < end; ++u) {
      const auto& items = rated[u];
      const auto& conf = confidence[u];
      xu = x->row(static_cast<Eigen::Index>(u)).transpose();
      // r = b - A x, with A = YtY + lambda I + sum (c-1) y y^T and b = sum c y.
      r = -(yty * xu);
      for (size_t j = 0; j < items.size(); ++j) {
        auto yi = y.row(items[j]).transpose();
        float c = conf[j];
        r += ((c + 1) - c * yi.dot(xu)) * yi;
      }
      p = r;
      float rs_old = r.squaredNorm();
      for (int step = 0; step < options.cg_steps && rs_old > 1e-20f; ++step) {
        ap = yty * p;
        for (size_t j = 0; j < items.size(); ++j) {
          auto yi = y.row(items[j]).transpose();
          ap += conf[j] * yi.dot(p) * yi;
        }
        float alpha = rs_old / p.dot(ap);
        xu += alpha * p;
        r -= alpha * ap;
        float rs_new = r.squaredNorm();
        p = r + (rs_new / rs_old) * p;
        rs_old = rs_new;
      }
      x->row(static_cast<Eigen::Index>(u)) = xu.transpose();
    }
  };
  size_t n = rated.size(), threads = std::max<size_t>(1, options.threads);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) {
    pool.emplace_back(work, n * t / threads, n * (t + 1) / threads);
  }
  work(0, n / threads);
  for (auto& t : pool) t.join();
}

}  // namespace

double ImplicitAls::Score(uint32_t user, uint32_t item) const {
  return f_->users.row(user).dot(f_->items.row(item));
}

std::vector<uint32_t> ImplicitAls::Recommend(uint32_t user, size_t k) const {
  std::vector<float> scores = ScoreAll(UserVector(user));
  for (uint32_t i : split_.train[user]) scores[i] = kLeftOut;
  return TopItems(scores, k);
}

}  // namespace meridian
