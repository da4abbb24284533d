#include "base/csv.h"

namespace meridian {

CsvReader::CsvReader(std::string_view text, char delimiter) : text_(text), delim_(delimiter) {
  // Skip a UTF-8 byte order mark, as spreadsheet exports often start with one.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (!status_.ok()) return false;
  // Skip blank lines.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++current_line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = current_line_;
  std::string field;
  while (true) {
    field.clear();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) {
          status_ = InvalidArgumentError("line " + std::to_string(record_line_) +
                                         ": unterminated quoted field");
          return false;
        }
        char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            break;
          }
        } else {
          if (c == '\n') ++current_line_;
          field += c;
        }
      }
      if (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n' &&
          text_[pos_] != '\r') {
        status_ = InvalidArgumentError("line " + std::to_string(current_line_) +
                                       ": unexpected character after a closing quote");
        return false;
      }
    } else {
      while (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n' &&
             text_[pos_] != '\r') {
        field += text_[pos_++];
      }
    }
    fields->push_back(field);
    if (pos_ >= text_.size()) return true;
    char c = text_[pos_];
    if (c == delim_) {
      ++pos_;
      continue;
    }
    // End of record: CRLF, LF or lone CR.
    if (c == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++current_line_;
    return true;
  }
}

}  // namespace meridian
