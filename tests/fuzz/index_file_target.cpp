#include <cstdio>
#include <cstring>

#include "engine/search/index_file.h"
#include "engine/vector/vector_index.h"
#include "fuzz_targets.h"

namespace meridian::fuzz {

namespace {

void WriteFile(const std::string& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) Fail("cannot write " + path);
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    Fail("cannot write " + path);
  }
  std::fclose(f);
}

}  // namespace

void IndexFileTarget(std::string_view input) {
  if (input.empty()) return;
  const auto selector = static_cast<unsigned char>(input[0]);
  std::string bytes(input.substr(1));
  const std::string path = ScratchDir() + "/fuzz.idx";
  if (selector % 2 == 0) {
    // The job index. With the high bit, the header's magic, version and payload size are
    // made right, so that the payload reader (which runs before the checksum is compared)
    // sees every input.
    if ((selector & 0x80) && bytes.size() >= 40) {
      std::memcpy(bytes.data(), "MRDNJIX\0", 8);
      const uint32_t version = JobIndexFile::kFormatVersion;
      std::memcpy(bytes.data() + 8, &version, 4);
      const uint64_t payload = bytes.size() - 40;
      std::memcpy(bytes.data() + 24, &payload, 8);
    }
    WriteFile(path, bytes);
    StatusOr<JobIndexFile::Loaded> loaded = JobIndexFile::Read(path);
    if (!loaded.ok() && loaded.status().code() != StatusCode::kDataLoss) {
      Fail("a bad index file must be kDataLoss: " + loaded.status().ToString());
    }
    if (loaded.ok()) {
      // What loads must answer searches.
      SearchQuery q;
      q.text = "engineer";
      (void)loaded->index.Search(q);
    }
  } else {
    // The vector index's header file (its hnswlib graph file is trusted once the header's
    // checksum of it has passed; see docs/formats.md).
    WriteFile(path, bytes);
    std::string meta;
    StatusOr<VectorIndex> loaded =
        VectorIndex::Load(path, 1 + selector % 32, VectorIndexOptions{}, &meta);
    if (loaded.ok()) Fail("a vector index loaded without its graph file");
  }
}

}  // namespace meridian::fuzz
