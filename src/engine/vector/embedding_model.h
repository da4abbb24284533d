// Document embeddings (issue 5): TF-IDF over analyzed terms, projected onto the top right
// singular vectors of the corpus's TF-IDF matrix (latent semantic analysis), computed by
// randomized truncated SVD (Halko, Martinsson and Tropp 2011) with Eigen. Embeddings are
// L2-normalized, so cosine similarity is a dot product (exact_index.h).
//
//   ASSIGN_OR_RETURN(EmbeddingModel m, EmbeddingModel::Train(docs, {.dims = 128}));
//   std::vector<float> v = m.Embed({"python", "develop", "django"});
//   RETURN_IF_ERROR(m.Save("var/meridian.db.embeddings"));
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/statusor.h"

namespace meridian {

struct EmbeddingOptions {
  size_t dims = 128;
  size_t min_df = 2;           // terms in fewer documents are left out
  size_t max_terms = 100'000;  // the most frequent terms are kept
  int power_iterations = 2;    // subspace iterations: better accuracy for the top vectors
  size_t oversampling = 10;
  uint64_t seed = 42;  // same documents and seed, same model
};

// One document to learn from or embed.
struct EmbeddingDoc {
  std::vector<std::string> terms;   // analyzed text terms (repeats count)
  std::vector<std::string> skills;  // normalized skill or tag names (may be empty)
};

class EmbeddingModel {
 public:
  static constexpr uint32_t kFormatVersion = 1;

  // `docs` are analyzed documents (each a list of terms, repeats counting). kInvalidArgument
  // when there is nothing to learn from (no term in two documents).
  static StatusOr<EmbeddingModel> Train(const std::vector<std::vector<std::string>>& docs,
                                        const EmbeddingOptions& options);

  // Interim: skills join the terms (skill co-occurrence vectors come next).
  static StatusOr<EmbeddingModel> Train(const std::vector<EmbeddingDoc>& docs,
                                        const EmbeddingOptions& options);
  std::vector<float> Embed(const EmbeddingDoc& doc) const;
  // A stable identifier of this trained model ("emb-" and 16 hex digits of its contents).
  const std::string& id() const { return id_; }

  size_t dims() const { return dims_; }
  size_t terms() const { return vocab_.size(); }
  // The unit-length embedding of a document; all zeros when it has no known term.
  std::vector<float> Embed(const std::vector<std::string>& terms) const;

  // Versioned, checksummed file (magic, version, dims, checksum, then the vocabulary, the
  // IDF weights and the projection); written to a temporary file and renamed.
  Status Save(const std::string& path) const;
  // kNotFound when missing; kDataLoss when truncated, corrupt or of another version.
  static StatusOr<EmbeddingModel> Load(const std::string& path);

 private:
  void ComputeId();

  size_t dims_ = 0;
  std::string id_;
  std::vector<std::string> vocab_;  // sorted
  std::vector<float> idf_;          // per term
  std::vector<float> projection_;   // terms x dims, row-major
};

}  // namespace meridian
