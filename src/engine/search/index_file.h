// The job index on disk (docs/formats.md, "Search index files"): one file per index with a
// magic number, a format version, the change-log position the index reflects and a
// checksum of everything after the header. A missing, truncated, corrupt or older-format
// file is reported, never half-loaded, and the caller rebuilds from the store.
//
//   RETURN_IF_ERROR(JobIndexFile::Write(index, seq, "var/meridian.db.jobs.idx"));
//   StatusOr<JobIndexFile::Loaded> l = JobIndexFile::Read("var/meridian.db.jobs.idx");
//   // kNotFound: no file; kDataLoss: unusable (the message says why)
#pragma once

#include <cstdint>
#include <string>

#include "base/statusor.h"
#include "engine/search/job_index.h"

namespace meridian {

class JobIndexFile {
 public:
  static constexpr uint32_t kFormatVersion = 2;  // 2: phrase pair filters

  struct Loaded {
    JobIndex index;
    int64_t change_seq = 0;  // the index holds every change up to this one
  };

  // Writes to `path` + ".tmp", syncs, then renames over `path`: readers see the old file
  // or the new one, never a partial one.
  static Status Write(const JobIndex& index, int64_t change_seq, const std::string& path);
  static StatusOr<Loaded> Read(const std::string& path);
  static uint64_t FileBytes(const std::string& path);  // 0 when missing
};

}  // namespace meridian
