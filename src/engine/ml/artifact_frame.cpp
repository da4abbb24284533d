#include "engine/ml/artifact_frame.h"

#include <cstring>

#include "base/checksum.h"

namespace meridian::ml {
namespace {

constexpr size_t kMagicSize = 8;
constexpr size_t kHeader = kMagicSize + 4 + 8, kTrailer = 8;

template <typename T>
void Append(std::string* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof value);
}
template <typename T>
T At(std::string_view in, size_t at) {
  T value{};
  std::memcpy(&value, in.data() + at, sizeof value);
  return value;
}

}  // namespace

std::string FrameArtifact(const ArtifactFrame& frame, std::string_view payload) {
  std::string out(frame.magic, kMagicSize);
  Append(&out, frame.version);
  Append(&out, uint64_t{payload.size()});
  out += payload;
  Append(&out, Checksum64(0, out.data(), out.size()));
  return out;
}

StatusOr<std::string_view> UnframeArtifact(const ArtifactFrame& frame, std::string_view bytes) {
  auto bad = [&](const std::string& why) {
    return DataLossError(std::string(frame.what) + ": " + why);
  };
  if (bytes.size() < kMagicSize || std::memcmp(bytes.data(), frame.magic, kMagicSize) != 0) {
    return bad("not " + std::string(frame.noun) + " (bad magic)");
  }
  if (bytes.size() < kHeader + kTrailer) return bad("truncated");
  if (auto version = At<uint32_t>(bytes, kMagicSize); version != frame.version) {
    return bad("format version " + std::to_string(version) + "; this build reads version " +
               std::to_string(frame.version) + " only: train the model again");
  }
  const auto size = At<uint64_t>(bytes, kMagicSize + 4);
  if (size != bytes.size() - kHeader - kTrailer) return bad("truncated, or trailing bytes");
  const size_t body = bytes.size() - kTrailer;
  if (Checksum64(0, bytes.data(), body) != At<uint64_t>(bytes, body)) {
    return bad("corrupt (checksum)");
  }
  return bytes.substr(kHeader, size);
}

}  // namespace meridian::ml
