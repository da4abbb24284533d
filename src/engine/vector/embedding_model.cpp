#include "engine/vector/embedding_model.h"

#include <Eigen/Dense>
#include <Eigen/SVD>
#include <Eigen/Sparse>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <unordered_map>

#include "base/checksum.h"
#include "base/file.h"
#include "engine/vector/exact_index.h"

namespace meridian {
namespace {

constexpr char kMagic[8] = {'M', 'R', 'D', 'N', 'E', 'M', 'B', '\0'};

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor>;

// Orthonormal basis of the columns of m (thin QR).
Eigen::MatrixXf Orthonormal(const Eigen::MatrixXf& m) {
  Eigen::HouseholderQR<Eigen::MatrixXf> qr(m);
  return qr.householderQ() * Eigen::MatrixXf::Identity(m.rows(), m.cols());
}

}  // namespace

StatusOr<EmbeddingModel> EmbeddingModel::Train(const std::vector<std::vector<std::string>>& docs,
                                               const EmbeddingOptions& options) {
  // Vocabulary: terms in at least min_df documents, the most frequent max_terms of them.
  std::unordered_map<std::string, uint32_t> df;
  for (const auto& doc : docs) {
    std::vector<std::string> distinct = doc;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const std::string& t : distinct) ++df[t];
  }
  std::vector<std::pair<std::string, uint32_t>> kept;
  for (auto& [t, n] : df) {
    if (n >= options.min_df) kept.emplace_back(t, n);
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (kept.size() > options.max_terms) kept.resize(options.max_terms);
  if (kept.empty()) {
    return InvalidArgumentError("embeddings: no term occurs in " + std::to_string(options.min_df) +
                                " documents");
  }
  EmbeddingModel m;
  std::sort(kept.begin(), kept.end());
  for (auto& [t, n] : kept) {
    m.vocab_.push_back(t);
    m.idf_.push_back(
        static_cast<float>(std::log((1.0 + static_cast<double>(docs.size())) / (1.0 + n)) + 1.0));
  }
  // The TF-IDF matrix, one unit-length row per document (sublinear term frequency).
  const auto n_docs = static_cast<Eigen::Index>(docs.size());
  const auto n_terms = static_cast<Eigen::Index>(m.vocab_.size());
  std::vector<Eigen::Triplet<float>> cells;
  for (Eigen::Index d = 0; d < n_docs; ++d) {
    std::map<uint32_t, float> row;
    for (const std::string& t : docs[static_cast<size_t>(d)]) {
      auto it = std::lower_bound(m.vocab_.begin(), m.vocab_.end(), t);
      if (it != m.vocab_.end() && *it == t) row[static_cast<uint32_t>(it - m.vocab_.begin())] += 1;
    }
    double norm = 0;
    for (auto& [term, tf] : row) {
      tf = static_cast<float>((1 + std::log(tf)) * m.idf_[term]);
      norm += static_cast<double>(tf) * tf;
    }
    norm = std::sqrt(norm);
    for (const auto& [term, w] : row) {
      cells.emplace_back(d, static_cast<Eigen::Index>(term), static_cast<float>(w / norm));
    }
  }
  SparseRows x(n_docs, n_terms);
  x.setFromTriplets(cells.begin(), cells.end());
  cells = {};

  // Randomized range finder with power iterations, then the SVD of the small matrix.
  const Eigen::Index rank =
      static_cast<Eigen::Index>(std::min<size_t>({options.dims, docs.size(), m.vocab_.size()}));
  const Eigen::Index width = std::min<Eigen::Index>(
      rank + static_cast<Eigen::Index>(options.oversampling), std::min(n_docs, n_terms));
  std::mt19937_64 rng(options.seed);
  std::normal_distribution<float> gauss(0.0f, 1.0f);
  Eigen::MatrixXf omega(n_terms, width);
  for (Eigen::Index j = 0; j < width; ++j) {
    for (Eigen::Index i = 0; i < n_terms; ++i) omega(i, j) = gauss(rng);
  }
  Eigen::MatrixXf q = Orthonormal(x * omega);
  for (int it = 0; it < options.power_iterations; ++it) {
    Eigen::MatrixXf z = Orthonormal(x.transpose() * q);
    q = Orthonormal(x * z);
  }
  Eigen::MatrixXf b = (x.transpose() * q).transpose();  // width x terms
  Eigen::BDCSVD<Eigen::MatrixXf> svd(b, Eigen::ComputeThinV);
  Eigen::MatrixXf v = svd.matrixV().leftCols(rank);  // terms x rank
  m.dims_ = static_cast<size_t>(rank);
  m.projection_.resize(static_cast<size_t>(n_terms) * m.dims_);
  for (Eigen::Index t = 0; t < n_terms; ++t) {
    for (Eigen::Index k = 0; k < rank; ++k) {
      m.projection_[static_cast<size_t>(t) * m.dims_ + static_cast<size_t>(k)] = v(t, k);
    }
  }
  m.ComputeId();
  return m;
}

namespace {

std::vector<std::string> Flatten(const EmbeddingDoc& d) {
  std::vector<std::string> out = d.terms;
  for (const std::string& s : d.skills) out.push_back("skill:" + s);
  return out;
}

}  // namespace

StatusOr<EmbeddingModel> EmbeddingModel::Train(const std::vector<EmbeddingDoc>& docs,
                                               const EmbeddingOptions& options) {
  std::vector<std::vector<std::string>> flat;
  flat.reserve(docs.size());
  for (const EmbeddingDoc& d : docs) flat.push_back(Flatten(d));
  return Train(flat, options);
}

std::vector<float> EmbeddingModel::Embed(const EmbeddingDoc& doc) const {
  return Embed(Flatten(doc));
}

void EmbeddingModel::ComputeId() {
  uint64_t sum = Checksum64(dims_, projection_.data(), projection_.size() * sizeof(float));
  for (const std::string& t : vocab_) sum = Checksum64(sum, t.data(), t.size());
  char buf[24];
  std::snprintf(buf, sizeof buf, "emb-%016llx", static_cast<unsigned long long>(sum));
  id_ = buf;
}

std::vector<float> EmbeddingModel::Embed(const std::vector<std::string>& terms) const {
  std::vector<float> out(dims_, 0.0f);
  std::map<uint32_t, float> row;
  for (const std::string& t : terms) {
    auto it = std::lower_bound(vocab_.begin(), vocab_.end(), t);
    if (it != vocab_.end() && *it == t) row[static_cast<uint32_t>(it - vocab_.begin())] += 1;
  }
  for (const auto& [term, tf] : row) {
    float w = (1 + std::log(tf)) * idf_[term];
    const float* p = &projection_[static_cast<size_t>(term) * dims_];
    for (size_t k = 0; k < dims_; ++k) out[k] += w * p[k];
  }
  Normalize(out);
  return out;
}

Status EmbeddingModel::Save(const std::string& path) const {
  std::string payload;
  auto put = [&](const void* data, size_t n) { payload.append(static_cast<const char*>(data), n); };
  uint64_t n = vocab_.size();
  put(&n, 8);
  for (const std::string& t : vocab_) {
    auto len = static_cast<uint32_t>(t.size());
    put(&len, 4);
    put(t.data(), t.size());
  }
  put(idf_.data(), idf_.size() * sizeof(float));
  put(projection_.data(), projection_.size() * sizeof(float));
  uint32_t version = kFormatVersion;
  uint64_t dims = dims_, size = payload.size(), sum = Checksum64(0, payload.data(), payload.size());
  Status s = ReplaceFile(path, [&](std::FILE* f) {
    return std::fwrite(kMagic, 1, 8, f) == 8 && std::fwrite(&version, 4, 1, f) == 1 &&
           std::fwrite(&dims, 8, 1, f) == 1 && std::fwrite(&size, 8, 1, f) == 1 &&
           std::fwrite(&sum, 8, 1, f) == 1 &&
           std::fwrite(payload.data(), 1, payload.size(), f) == payload.size();
  });
  if (!s.ok()) return InternalError("embeddings: " + s.message());
  return OkStatus();
}

StatusOr<EmbeddingModel> EmbeddingModel::Load(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return NotFoundError("embeddings: " + path + " does not exist");
  char magic[8];
  uint32_t version = 0;
  uint64_t dims = 0, size = 0, sum = 0;
  bool ok = std::fread(magic, 1, 8, f) == 8 && std::fread(&version, 4, 1, f) == 1 &&
            std::fread(&dims, 8, 1, f) == 1 && std::fread(&size, 8, 1, f) == 1 &&
            std::fread(&sum, 8, 1, f) == 1;
  std::string payload;
  if (ok && std::memcmp(magic, kMagic, 8) == 0 && version == kFormatVersion &&
      size <= (uint64_t{1} << 34) && dims > 0 && dims <= 4096) {
    payload.resize(size);
    ok = std::fread(payload.data(), 1, size, f) == size && std::fgetc(f) == EOF;
  } else {
    ok = false;
  }
  std::fclose(f);
  auto bad = [&](const std::string& why) {
    return DataLossError("embeddings: " + path + " " + why);
  };
  if (!ok) return bad("is truncated, of another format, or not an embeddings file");
  if (Checksum64(0, payload.data(), payload.size()) != sum) return bad("is corrupt (checksum)");
  EmbeddingModel m;
  m.dims_ = dims;
  size_t at = 0;
  auto get = [&](void* out, size_t n) {
    if (n > payload.size() - at) return false;
    std::memcpy(out, payload.data() + at, n);
    at += n;
    return true;
  };
  uint64_t n = 0;
  if (!get(&n, 8) || n > payload.size() / 4) return bad("has a bad vocabulary");
  m.vocab_.resize(n);
  for (std::string& t : m.vocab_) {
    uint32_t len = 0;
    if (!get(&len, 4) || len > payload.size() - at) return bad("has a bad vocabulary");
    t.assign(payload.data() + at, len);
    at += len;
  }
  m.idf_.resize(n);
  m.projection_.resize(n * dims);
  if (!get(m.idf_.data(), n * sizeof(float)) ||
      !get(m.projection_.data(), m.projection_.size() * sizeof(float)) || at != payload.size() ||
      !std::is_sorted(m.vocab_.begin(), m.vocab_.end())) {
    return bad("has inconsistent sizes");
  }
  m.ComputeId();
  return m;
}

}  // namespace meridian
