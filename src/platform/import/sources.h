// Reading import files as a stream of rows (JSON objects, each with the line it started
// on), so a large file is never held as parsed JSON all at once. Formats: NDJSON (one object
// per line), a JSON array of objects, a single pretty-printed JSON object, or CSV with a
// header row (dotted headers nest: "salary.min"; list columns split on ';').
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "engine/store/records.h"

namespace meridian {

struct SourceRow {
  int line = 0;
  Json value;    // valid when error is OK
  Status error;  // a row that could not even be parsed
};

class RowReader {
 public:
  virtual ~RowReader() = default;
  // The next row; false at the end. `text` must outlive the reader.
  virtual bool Next(SourceRow* row) = 0;
  // Rows to expect, estimated from line breaks (0 when unknown); for progress only.
  virtual int64_t EstimatedRows() const = 0;
};

// NDJSON, a top-level JSON array, or one JSON object (detected from the content).
std::unique_ptr<RowReader> JsonRowReader(std::string_view text);

// CSV rows for `entity`, typed by the entity's column schema (numbers, booleans, lists). A
// header naming an unknown or duplicate column yields a single error row for line 1.
std::unique_ptr<RowReader> CsvRowReader(std::string_view text, Entity entity);

}  // namespace meridian
