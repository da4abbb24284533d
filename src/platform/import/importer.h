// Bulk import of companies, jobs, talent, cities and articles from files.
//
// Every row is validated by the same codec as the API. Invalid rows are reported as
// (line, field, reason) and skipped; valid rows are upserted by slug in batched
// transactions. In strict mode the file is all-or-nothing: any invalid row and nothing is
// written.
//
//   ImportOptions o{.entity = Entity::kJob, .format = ImportFormat::kAuto};
//   ASSIGN_OR_RETURN(ImportReport r, ImportText(store, text, o));
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"

namespace meridian {

enum class ImportFormat {
  kAuto,        // from the content: '[' or '{' -> JSON (JobPosting / JSON Resume sniffed), else CSV
  kNdjson,      // Meridian JSON objects, one per line, or a JSON array of them
  kCsv,         // header row + rows
  kJsonResume,  // talent only
  kJobPosting,  // jobs only: schema.org JobPosting, one per line or a JSON array
};

// Parses "auto", "ndjson", "json", "csv", "jsonresume", "jobposting".
StatusOr<ImportFormat> ParseImportFormat(std::string_view name);

struct ImportOptions {
  Entity entity = Entity::kJob;
  ImportFormat format = ImportFormat::kAuto;
  bool strict = false;
  int batch_size = 1000;
  UnixSeconds now = 0;  // default posted_at / published_at
  // Called after each written batch with rows read so far and the rows expected (estimated
  // from line breaks; never less than `done`).
  std::function<void(int64_t done, int64_t total)> progress;
};

struct RowError {
  int line = 0;
  std::string field;  // "" when the row as a whole is broken
  std::string reason;
};

struct ImportReport {
  int64_t rows = 0;
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t invalid = 0;
  bool written = true;  // false when strict mode rejected the file
  std::vector<RowError> errors;
  ImportFormat format = ImportFormat::kAuto;  // the format actually used
};

// Imports `text`. Returns an error only for problems that are not about rows (a storage
// failure); row problems are in the report.
StatusOr<ImportReport> ImportText(Store& store, std::string_view text,
                                  const ImportOptions& options);

}  // namespace meridian
