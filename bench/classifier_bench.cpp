// Per-prediction latency of the scam and spam classifier (issue 7) on job-description-sized
// texts (2-5 KB): p50 and p99 of TextClassifier::Predict with reasons (top 5) and without.
//
//   meridian_classifier_bench [MODEL.clf] [--n 2000]
//
// With MODEL (written by `meridian eval classifier --save`) it times that model; without,
// it trains one on a synthetic corpus first. The texts are synthetic posts drawn from a fixed
// vocabulary with a fixed seed, so runs are comparable.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "engine/ml/text_classifier.h"

namespace {

using meridian::LabeledText;
using meridian::TextClassifier;

const char* const kWords[] = {
    "we",        "are",      "hiring",   "a",          "senior",     "backend",   "engineer",
    "remote",    "team",     "across",   "europe",     "and",        "americas",  "you",
    "will",      "build",    "services", "in",         "go",         "rust",      "python",
    "with",      "postgres", "kafka",    "kubernetes", "experience", "years",     "of",
    "salary",    "benefits", "equity",   "paid",       "time",       "off",       "our",
    "customers", "product",  "design",   "review",     "code",       "on-call",   "growth",
    "the",       "for",      "to",       "apply",      "now",        "interview", "process",
    "telegram",  "whatsapp", "deposit",  "training",   "fee",        "earn",      "$500",
    "daily",     "no",       "needed",   "contact",    "manager",    "urgent",    "crypto"};

std::string Post(std::mt19937_64& rng, size_t bytes) {
  std::string s;
  const size_t n = sizeof kWords / sizeof kWords[0];
  while (s.size() < bytes) {
    // A Zipf-like draw: common words much more often than the rest.
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    s += kWords[std::min(n - 1, static_cast<size_t>(static_cast<double>(n) * u * u * u))];
    s += (rng() % 12 == 0) ? ".\n" : " ";
  }
  return s;
}

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path;
  size_t n = 2000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--n") == 0 && i + 1 < argc) {
      n = std::stoul(argv[++i]);
    } else {
      model_path = argv[i];
    }
  }
  std::mt19937_64 rng(42);
  auto load = [&]() -> meridian::StatusOr<TextClassifier> {
    if (!model_path.empty()) return TextClassifier::Load(model_path);
    std::vector<LabeledText> train;
    for (int i = 0; i < 600; ++i) {
      LabeledText e;
      e.text = Post(rng, 2000 + rng() % 3000);
      e.positive = i % 3 == 0;
      if (e.positive) e.text += " send the training fee by telegram to start earning";
      train.push_back(std::move(e));
    }
    return TextClassifier::Train(train, {}, {});
  };
  meridian::StatusOr<TextClassifier> model = load();
  if (!model.ok()) {
    std::fprintf(stderr, "error: %s\n", model.status().ToString().c_str());
    return 1;
  }
  if (!model->signal_names().empty()) {
    std::fprintf(stderr, "error: the bench feeds no signals; this model takes %zu\n",
                 model->signal_names().size());
    return 1;
  }
  std::vector<std::string> posts;
  for (size_t i = 0; i < n; ++i) posts.push_back(Post(rng, 2000 + rng() % 3000));
  for (size_t top_n : {size_t{5}, size_t{0}}) {
    std::vector<double> ms;
    for (const std::string& post : posts) {
      const auto t0 = std::chrono::steady_clock::now();
      auto p = model->Predict(post, {}, {.top_n = top_n});
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      if (!p.ok()) {
        std::fprintf(stderr, "error: %s\n", p.status().ToString().c_str());
        return 1;
      }
    }
    std::printf("predict (%s) over %zu posts of 2-5 KB, %zu columns: p50 %.3f ms, p99 %.3f ms\n",
                top_n ? "top 5 reasons" : "no reasons", posts.size(), model->features().columns(),
                Percentile(ms, 0.5), Percentile(ms, 0.99));
  }
  return 0;
}
