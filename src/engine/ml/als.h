// Implicit-feedback matrix factorization (Hu, Koren and Volinsky 2008), issue 6: users and
// items get f-dimensional factors such that x_u . y_i predicts a preference p_ui = 1 for
// every observed pair, weighted by confidence c_ui = 1 + alpha * w_ui (0 and 1 elsewhere).
// Each half-step solves every user (then item) exactly as a regularized least squares
// problem, with a few conjugate-gradient steps warm-started from the current factors (as
// the `implicit` library does), so the cost is linear in the interactions. Eigen, threads.
//
//   ImplicitAls als(split, {.factors = 64});
//   std::vector<uint32_t> top = als.Recommend(user, 10);
//
// A served model is rebuilt from saved item factors (a model registry's artifact) with
// FromFactors; it answers FoldIn and ScoreAll as the trained one did.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "base/statusor.h"
#include "engine/ml/interactions.h"

namespace meridian {

struct AlsOptions {
  size_t factors = 64;
  double regularization = 0.05;
  double alpha = 2.0;  // confidence per unit of weight
  int iterations = 15;
  int cg_steps = 3;
  size_t threads = 2;
  bool binary = true;  // every interaction weighs 1 (ratings as implicit feedback)
  uint64_t seed = 42;
};

class ImplicitAls {
 public:
  // FoldIn solves an f x f system per call, and a rebuilt model allocates one: saved
  // factors beyond this are refused rather than trusted.
  static constexpr size_t kMaxFactors = 1024;

  // Trains on `split` (kept by reference: it must outlive the model).
  ImplicitAls(const TrainTest& split, const AlsOptions& options);
  // Rebuilds a trained model from its item factors (split.items x options.factors floats,
  // row-major, as ItemFactors returns them); of `options` only factors, regularization
  // and alpha matter. YtY + lambda I is recomputed as training computes it, so FoldIn and
  // ScoreAll answer as the trained model's (on the same build). User factors are not kept:
  // the model has users() == 0, so Recommend, Score and UserVector must not be called.
  // kInvalidArgument when factors is 0 or above kMaxFactors, the sizes do not match, or a
  // factor, regularization or alpha is not finite.
  static StatusOr<ImplicitAls> FromFactors(const TrainTest& split, const AlsOptions& options,
                                           std::span<const float> item_factors);
  ImplicitAls(ImplicitAls&&) noexcept;
  ~ImplicitAls();

  // The k items with the highest predicted preference that `user` has not seen.
  // Precondition for Recommend, Score and UserVector: user < users().
  std::vector<uint32_t> Recommend(uint32_t user, size_t k) const;
  double Score(uint32_t user, uint32_t item) const;

  // Serving (the "for you" feed): a user vector re-solved exactly from the user's items
  // and weights with the item factors fixed (the closed form of one user half-step:
  // (YtY + lambda I + sum (c-1) y yT) x = sum c y), so an event or a new user is taken in
  // without retraining. Items out of range are skipped. Weights count as given (they are
  // not made binary).
  std::vector<float> FoldIn(std::span<const uint32_t> items, std::span<const float> weights) const;
  // The trained factors of `user` (as FoldIn returns them).
  std::vector<float> UserVector(uint32_t user) const;
  // Predicted preference x . y_i of every item for a user vector.
  std::vector<float> ScoreAll(std::span<const float> user) const;
  size_t items() const;
  size_t users() const;  // users with trained factors (0 for a rebuilt model)
  size_t factors() const { return options_.factors; }
  const AlsOptions& options() const { return options_; }
  // items() x factors() floats, row-major: what FromFactors takes.
  std::span<const float> ItemFactors() const;

 private:
  struct Factors;  // Eigen matrices (als.cpp)
  ImplicitAls(const TrainTest& split, const AlsOptions& options, std::unique_ptr<Factors> f);

  const TrainTest& split_;
  AlsOptions options_;
  std::unique_ptr<Factors> f_;
};

}  // namespace meridian
