// RFC 4180 CSV reader: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.
//
//   CsvReader csv(text);
//   std::vector<std::string> row;
//   while (csv.Next(&row)) Use(row, csv.line());   // line() = where the record started
//   if (!csv.status().ok()) Report(csv.status());
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace meridian {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text, char delimiter = ',');

  // Reads the next record into `fields`. Returns false at the end or on a syntax error
  // (then status() says what and where). Blank lines are skipped.
  bool Next(std::vector<std::string>* fields);
  // 1-based line number where the last record returned by Next() started.
  int line() const { return record_line_; }
  const Status& status() const { return status_; }

 private:
  std::string_view text_;
  char delim_;
  size_t pos_ = 0;
  int current_line_ = 1;
  int record_line_ = 0;
  Status status_;
};

}  // namespace meridian
