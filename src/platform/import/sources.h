// Reading import files into rows of JSON objects, each with the line it started on.
// Formats: NDJSON (one object per line), a JSON array of objects, or CSV with a header row
// (dotted headers nest: "salary.min"; list columns split on ';').
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "engine/store/records.h"

namespace meridian {

struct SourceRow {
  int line = 0;
  Json value;    // valid when error is OK
  Status error;  // a row that could not even be parsed
};

// Splits NDJSON, a top-level JSON array, or one (pretty-printed) JSON object.
std::vector<SourceRow> ReadJsonRows(std::string_view text);

// CSV rows for `entity`, typed by the entity's column schema (numbers, booleans, lists).
// A header naming an unknown column is an error for the whole file (returned as the first
// row's error with line 1).
std::vector<SourceRow> ReadCsvRows(std::string_view text, Entity entity);

}  // namespace meridian
