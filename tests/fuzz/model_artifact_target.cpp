#include <cstring>

#include "base/checksum.h"
#include "engine/ml/artifact_frame.h"
#include "engine/ml/text_classifier.h"
#include "engine/ml/text_features.h"
#include "engine/mlops/drift.h"
#include "engine/vector/embedding_model.h"
#include "fuzz_targets.h"
#include "platform/recs/rec_model.h"
#include "platform/trust/salary_estimator.h"

namespace meridian::fuzz {

namespace {

// Re-sealing: the layouts of docs/formats.md ("Model artifacts"), rebuilt around the fuzzed
// payload with a correct size and checksum, so that the readers behind the checksum run.
template <typename T>
void Append(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

std::string SealFramed(const char (&magic)[8], std::string_view payload) {
  const ml::ArtifactFrame frame{.magic = magic, .version = 1, .what = "fuzz", .noun = "fuzz"};
  return ml::FrameArtifact(frame, payload);
}

std::string SealEmbeddings(std::string_view payload, uint64_t dims) {
  std::string out("MRDNEMB\0", 8);
  Append<uint32_t>(&out, EmbeddingModel::kFormatVersion);
  Append<uint64_t>(&out, dims);
  Append<uint64_t>(&out, payload.size());
  Append<uint64_t>(&out, Checksum64(0, payload.data(), payload.size()));
  out += payload;
  return out;
}

// A loader may refuse anything, but with a message; what it accepts must be usable.
template <typename T>
void Expect(const StatusOr<T>& loaded, const char* what) {
  if (!loaded.ok() && loaded.status().message().empty()) {
    Fail(std::string(what) + ": an error without a message");
  }
}

}  // namespace

void ModelArtifactTarget(std::string_view input) {
  if (input.empty()) return;
  const auto selector = static_cast<unsigned char>(input[0]);
  const bool sealed = (selector & 0x80) != 0;
  std::string_view bytes = input.substr(1);
  std::string buffer;
  switch (selector % 6) {
    case 0:
      // The scam classifier's envelope (its text features are case 5; the trees inside are
      // libxgboost's UBJSON, which trusts its input once our checksum has passed: xgb.h).
      Expect(TextClassifier::Deserialize(bytes), "classifier");
      break;
    case 1: {
      Expect(SalaryEstimator::Deserialize(bytes), "salary estimator");
      break;
    }
    case 2: {
      if (sealed) {
        const uint64_t dims = bytes.empty() ? 1 : 1 + static_cast<uint8_t>(bytes[0]) % 64;
        buffer = SealEmbeddings(bytes.empty() ? bytes : bytes.substr(1), dims);
        bytes = buffer;
      }
      StatusOr<EmbeddingModel> m = EmbeddingModel::Deserialize(bytes);
      Expect(m, "embeddings");
      if (m.ok()) (void)m->Serialize();
      break;
    }
    case 3: {
      if (sealed) {
        buffer = SealFramed("MRDNREC", bytes);
        bytes = buffer;
      }
      Expect(RecModel::Deserialize(bytes), "recommenders");
      break;
    }
    case 4:
      Expect(mlops::ReferenceColumn::Deserialize(bytes), "drift reference");
      break;
    default: {
      StatusOr<TextFeatures> f = TextFeatures::Deserialize(bytes);
      Expect(f, "text features");
      break;
    }
  }
}

}  // namespace meridian::fuzz
