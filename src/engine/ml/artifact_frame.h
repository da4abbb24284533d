// The frame around a model artifact's payload (the salary estimator, the recommender
// snapshot): 8-byte magic | u32 format version | u64 payload size | payload |
// u64 Checksum64 of everything before it (little-endian, as the machine writes).
//
//   std::string bytes = FrameArtifact(kSalaryFrame, payload);
//   ASSIGN_OR_RETURN(std::string_view payload, UnframeArtifact(kSalaryFrame, bytes));
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/statusor.h"

namespace meridian::ml {

struct ArtifactFrame {
  const char* magic;  // exactly 8 bytes
  uint32_t version;
  const char* what;  // "salary model": the errors' prefix
  const char* noun;  // "a salary model file": "not <noun> (bad magic)"
};

std::string FrameArtifact(const ArtifactFrame& frame, std::string_view payload);
// The payload, after the magic, version, size and checksum are verified; kDataLoss naming
// which failed ("salary model: format version 2; this build reads version 1 only: train the
// model again", "...: truncated", "...: corrupt (checksum)").
StatusOr<std::string_view> UnframeArtifact(const ArtifactFrame& frame, std::string_view bytes);

}  // namespace meridian::ml
