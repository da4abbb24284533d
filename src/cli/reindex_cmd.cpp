// `meridian reindex`: rebuilds the search indexes from the store and writes their files,
// which the next `meridian serve` loads (a running server keeps its own until restarted).
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "engine/search/index_file.h"
#include "engine/search/search_service.h"

namespace meridian::cli {

std::string SearchIndexPath(const Settings& settings, const std::string& name) {
  std::string prefix = IndexFilePrefix(settings);
  return prefix.empty() ? "" : prefix + "." + name + ".idx";
}

int RunReindex(const Settings& settings) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  if (SearchIndexPath(settings, "jobs").empty()) {
    return Fail(
        FailedPreconditionError("search.index_files is off: there are no index files to write"));
  }
  for (const auto& [name, source] : {std::pair{std::string("jobs"), JobSearchSource(**store)},
                                     std::pair{std::string("site"), SiteSearchSource(**store)}}) {
    std::string path = SearchIndexPath(settings, name);
    auto start = std::chrono::steady_clock::now();
    SearchService index(source, {.index_path = path});
    if (Status s = index.Rebuild(); !s.ok()) return Fail(s);
    if (Status s = index.file_write_status(); !s.ok()) return Fail(s);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %zu documents in %.2f s; %s (%.1f MB)\n", name.c_str(),
                index.snapshot()->documents, seconds, path.c_str(),
                static_cast<double>(JobIndexFile::FileBytes(path)) / 1e6);
  }
  return 0;
}

}  // namespace meridian::cli
