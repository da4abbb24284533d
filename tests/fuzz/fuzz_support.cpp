#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "fuzz_targets.h"

namespace meridian::fuzz {

const std::vector<Target>& AllTargets() {
  static const std::vector<Target> targets = {{"search_query", SearchQueryTarget},
                                              {"http_request", HttpRequestTarget},
                                              {"api_write", ApiWriteTarget},
                                              {"record_json", RecordJsonTarget},
                                              {"import", ImportTarget},
                                              {"foreign_json", ForeignJsonTarget},
                                              {"model_artifact", ModelArtifactTarget},
                                              {"index_file", IndexFileTarget}};
  return targets;
}

namespace {
std::string* scratch = nullptr;
void RemoveScratch() {
  std::error_code ec;
  if (scratch) std::filesystem::remove_all(*scratch, ec);
}
}  // namespace

const std::string& ScratchDir() {
  if (!scratch) {
    std::string base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string pattern = base + "/meridian-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) Fail("cannot create a scratch folder under " + base);
    scratch = new std::string(pattern);
    std::atexit(RemoveScratch);
  }
  return *scratch;
}

void Fail(std::string_view what) {
  std::fprintf(stderr, "fuzz target invariant failed: %.*s\n", static_cast<int>(what.size()),
               what.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace meridian::fuzz
