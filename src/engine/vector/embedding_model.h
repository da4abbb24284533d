// Document embeddings (issue 5): a text part and a skill part, concatenated with weights
// and L2-normalized, so cosine similarity is a dot product (exact_index.h).
//
//  - Text part: TF-IDF over a document's analyzed terms, their bigrams and (when asked
//    for) character n-grams, each kind normalized apart, then mixed by share. It is
//    projected onto the top `dims` right singular vectors of the corpus's TF-IDF matrix
//    (latent semantic analysis), plus `sketch_dims` random Gaussian directions orthogonal
//    to them: a Johnson-Lindenstrauss sketch of what the singular vectors leave out,
//    chiefly the rare, telling terms.
//  - Skill part: vectors for skills and terms learned from their co-occurrence in the
//    training documents (PPMI, reduced by SVD to `skill_dims`). A document's skill vector
//    is the IDF-weighted mean of its skills' vectors or, when it has no known skill, of
//    its terms' vectors (skills and terms share one space).
//
// Both reductions are randomized truncated SVDs (randomized_svd.h). docs/knn.md has the
// method, the choice of defaults and the measurements.
//
//   ASSIGN_OR_RETURN(EmbeddingModel m, EmbeddingModel::Train(docs, {}));
//   std::vector<float> v = m.Embed({.terms = {"python", "develop"}, .skills = {"django"}});
//   RETURN_IF_ERROR(m.Save("var/meridian.db.embeddings"));
//
// Training holds all documents in memory; its cost grows with their total terms (200k
// job documents of 200 terms: see docs/knn.md). A trained model is immutable: Embed may
// be called from many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/statusor.h"

namespace meridian {

struct EmbeddingDoc {
  std::vector<std::string> terms;   // analyzed text terms (repeats count)
  std::vector<std::string> skills;  // normalized skill/tag names (may be empty)
};

struct EmbeddingOptions {
  // Text part.
  size_t dims = 128;           // singular directions
  size_t sketch_dims = 64;     // random directions orthogonal to them (0: none)
  size_t min_df = 2;           // terms, bigrams and skills in fewer documents are left out
  size_t max_terms = 100'000;  // of each feature kind, the most frequent are kept
  // Shares of the text part's cosine taken by term bigrams and by character 3- to 5-grams
  // of the terms (0 leaves the kind out); the terms keep the rest.
  float bigram_share = 0.3f;
  float subword_share = 0;

  // Skill part (0 dims: none).
  size_t skill_dims = 32;
  float skill_share = 0.2f;  // of the cosine of two documents that have both parts
  size_t max_items = 8192;   // skills and terms given vectors: the most frequent
  size_t window = 5;         // a term co-occurs with the next `window` terms

  // The randomized SVDs and the sketch.
  size_t svd_docs = 50'000;  // singular vectors from a uniform sample this big (IDF: all)
  int power_iterations = 2;  // subspace iterations: better accuracy for the top vectors
  size_t oversampling = 10;
  uint64_t seed = 42;  // same documents, options and seed: same model
};

class EmbeddingModel {
 public:
  static constexpr uint32_t kFormatVersion = 2;

  // kInvalidArgument for a share out of 0..1, no text dimensions or svd_docs, or nothing
  // to learn from (no term in min_df documents). Deterministic for the same documents
  // (in the same order), options and build.
  static StatusOr<EmbeddingModel> Train(const std::vector<EmbeddingDoc>& docs,
                                        const EmbeddingOptions& options);

  // Total output dimensions: the text part's (singular, then sketch), then the skill
  // part's (224 by default). Fewer than asked for when the corpus has fewer documents or
  // features than the dimensions, and no skill part when nothing co-occurs.
  size_t dims() const { return text_.dims + skill_.dims; }
  // The unit-length embedding of a document; all zeros when it has no known term or skill.
  std::vector<float> Embed(const EmbeddingDoc& doc) const;
  // A stable identifier of this trained model: "emb-" and 16 hex digits of the checksum
  // of its saved contents. Vectors are comparable only under one id.
  const std::string& id() const { return id_; }
  // Vocabulary sizes: text features (terms, bigrams, subwords); skills and terms with
  // skill-part vectors.
  size_t features() const { return text_.vocab.size(); }
  size_t items() const { return skill_.items.size(); }

  // The versioned, checksummed bytes of the model (embedding_model_file.cpp has the
  // layout): exactly what Save writes, for a model registry to store.
  std::string Serialize() const;
  // The model Serialize (or Save) wrote: same id, same embeddings. kDataLoss when the
  // bytes are truncated, corrupt, foreign or of another format version (the reason says
  // which; a model of another version must be trained again).
  static StatusOr<EmbeddingModel> Deserialize(std::string_view bytes);

  // Serialize's bytes, written to a temporary file and renamed.
  Status Save(const std::string& path) const;
  // Deserialize of the file's bytes, the path in the reason; kNotFound when missing.
  static StatusOr<EmbeddingModel> Load(const std::string& path);

 private:
  struct TextPart {
    size_t dims = 0;                                  // singular + sketch
    bool bigrams = false, subwords = false;           // feature kinds in use
    float shares[3] = {1, 0, 0};                      // of terms, bigrams, subwords
    std::vector<std::string> vocab;                   // embedding_features.h; sorted
    std::vector<float> idf;                           // per feature
    std::vector<float> projection;                    // features x dims, row-major
    std::unordered_map<std::string, uint32_t> index;  // feature -> row (not saved)
  };
  struct SkillPart {
    size_t dims = 0;
    std::vector<std::string> items;                   // terms, and "\x03" + skill; sorted
    std::vector<float> idf;                           // per item
    std::vector<float> vectors;                       // items x dims, row-major, unit rows
    std::unordered_map<std::string, uint32_t> index;  // item -> row (not saved)
  };
  struct Corpus;  // the training documents as term and skill ids (embedding_model.cpp)

  static Status TrainText(const Corpus& corpus, const EmbeddingOptions& options, TextPart* part);
  static void TrainSkills(const Corpus& corpus, const EmbeddingOptions& options, SkillPart* part);
  // The weighted TF-IDF row of a document's feature occurrences (ids into the vocabulary;
  // sorted here): (feature, weight) pairs, by feature.
  static std::vector<std::pair<uint32_t, float>> WeightedRow(const TextPart& part,
                                                             std::vector<uint32_t>* ids);
  static std::vector<float> TextVector(const TextPart& part, const std::vector<std::string>& terms);
  static std::vector<float> SkillVector(const SkillPart& part, const EmbeddingDoc& doc);

  // Deserialize and Load; `source` names the bytes in errors (a path).
  static StatusOr<EmbeddingModel> FromBytes(std::string_view bytes, const std::string& source);
  std::string Contents() const;  // the saved contents, after the file header
  // Fills the parts' indexes, and id_ from the checksum of Contents().
  void Index(uint64_t checksum);

  float skill_share_ = 0;
  TextPart text_;
  SkillPart skill_;
  std::string id_;
};

}  // namespace meridian
