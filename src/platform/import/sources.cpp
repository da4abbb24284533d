#include "platform/import/sources.h"

#include <algorithm>
#include <set>
#include <vector>

#include "base/csv.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace meridian {
namespace {

int64_t CountLines(std::string_view text) {
  return static_cast<int64_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

SourceRow Parsed(int line, std::string_view text) {
  SourceRow row;
  row.line = line;
  auto parsed = ParseJson(text);
  if (parsed.ok()) {
    row.value = std::move(*parsed);
  } else {
    row.error = parsed.status();
  }
  return row;
}

// One object per line; blank lines are skipped.
class NdjsonReader final : public RowReader {
 public:
  explicit NdjsonReader(std::string_view text) : text_(text) {}
  bool Next(SourceRow* row) override {
    while (pos_ <= text_.size() && !done_) {
      size_t end = text_.find('\n', pos_);
      if (end == std::string_view::npos) {
        end = text_.size();
        done_ = true;
      }
      std::string_view l = text_.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_;
      if (Trim(l).empty()) continue;
      *row = Parsed(line_, l);
      return true;
    }
    return false;
  }
  int64_t EstimatedRows() const override { return CountLines(text_); }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 0;
  bool done_ = false;
};

// A top-level array: walks it at depth 1 and cuts out each element, so one bad element is
// one bad row.
class ArrayReader final : public RowReader {
 public:
  ArrayReader(std::string_view text, size_t open) : text_(text), pos_(open) {}
  bool Next(SourceRow* row) override {
    if (finished_) return false;
    size_t start = std::string_view::npos;
    for (; pos_ < text_.size(); ++pos_) {
      char c = text_[pos_];
      if (in_string_) {
        if (c == '\\') {
          ++pos_;
        } else if (c == '"') {
          in_string_ = false;
        }
        continue;
      }
      if (c == '"') {
        in_string_ = true;
        if (depth_ == 1 && start == std::string_view::npos) start = pos_;
        continue;
      }
      if (c == '[' || c == '{') {
        if (depth_ == 1 && start == std::string_view::npos) start = pos_;
        ++depth_;
        continue;
      }
      if (c == ']' || c == '}' || c == ',') {
        if (c != ',') --depth_;
        bool element_end = (c == ',' && depth_ == 1) || (c == ']' && depth_ == 0);
        if (c == ']' && depth_ == 0) finished_ = true;
        if (element_end && start != std::string_view::npos) {
          *row = Parsed(LineAt(start), text_.substr(start, pos_ - start));
          ++pos_;
          return true;
        }
        if (finished_) return false;
        continue;
      }
      if (depth_ == 1 && start == std::string_view::npos && c != ' ' && c != '\n' && c != '\r' &&
          c != '\t') {
        start = pos_;
      }
    }
    finished_ = true;
    row->line = LineAt(text_.size());
    row->value = Json();
    row->error = InvalidArgumentError("malformed JSON: the array is not closed");
    return true;
  }
  int64_t EstimatedRows() const override { return 0; }

 private:
  int LineAt(size_t offset) {
    for (; scanned_ < offset && scanned_ < text_.size(); ++scanned_) {
      if (text_[scanned_] == '\n') ++line_;
    }
    return line_;
  }
  std::string_view text_;
  size_t pos_;
  int depth_ = 0;
  bool in_string_ = false;
  bool finished_ = false;
  size_t scanned_ = 0;
  int line_ = 1;
};

// One document (a pretty-printed JSON Resume, say).
class SingleReader final : public RowReader {
 public:
  SingleReader(int line, Json value) : line_(line), value_(std::move(value)) {}
  bool Next(SourceRow* row) override {
    if (done_) return false;
    done_ = true;
    row->line = line_;
    row->value = std::move(value_);
    row->error = OkStatus();
    return true;
  }
  int64_t EstimatedRows() const override { return 1; }

 private:
  int line_;
  Json value_;
  bool done_ = false;
};

enum class Kind { kText, kNumber, kBool, kList, kSkills };

struct Column {
  std::string_view name;
  Kind kind;
};

const std::vector<Column>& Schema(Entity e) {
  static const std::vector<Column> company = {
      {"slug", Kind::kText},        {"name", Kind::kText},         {"website", Kind::kText},
      {"description", Kind::kText}, {"regions", Kind::kList},      {"remote_policy", Kind::kText},
      {"size", Kind::kText},        {"technologies", Kind::kList}, {"has_logo", Kind::kBool},
      {"verified", Kind::kBool}};
  static const std::vector<Column> job = {{"slug", Kind::kText},
                                          {"company", Kind::kText},
                                          {"title", Kind::kText},
                                          {"description", Kind::kText},
                                          {"apply_url", Kind::kText},
                                          {"tags", Kind::kList},
                                          {"seniority", Kind::kText},
                                          {"employment_type", Kind::kText},
                                          {"eligibility.areas", Kind::kList},
                                          {"eligibility.evidence", Kind::kText},
                                          {"timezone.zone", Kind::kText},
                                          {"timezone.start", Kind::kText},
                                          {"timezone.end", Kind::kText},
                                          {"timezone.utc_min", Kind::kNumber},
                                          {"timezone.utc_max", Kind::kNumber},
                                          {"salary.min", Kind::kNumber},
                                          {"salary.max", Kind::kNumber},
                                          {"salary.currency", Kind::kText},
                                          {"salary.period", Kind::kText},
                                          {"posted_at", Kind::kText},
                                          {"valid_through", Kind::kText},
                                          {"status", Kind::kText}};
  static const std::vector<Column> talent = {{"slug", Kind::kText},
                                             {"name", Kind::kText},
                                             {"headline", Kind::kText},
                                             {"summary", Kind::kText},
                                             {"skills", Kind::kSkills},
                                             {"seniority", Kind::kText},
                                             {"city", Kind::kText},
                                             {"country", Kind::kText},
                                             {"timezone", Kind::kText},
                                             {"working_hours.start", Kind::kText},
                                             {"working_hours.end", Kind::kText},
                                             {"desired_salary.min", Kind::kNumber},
                                             {"desired_salary.max", Kind::kNumber},
                                             {"desired_salary.currency", Kind::kText},
                                             {"desired_salary.period", Kind::kText},
                                             {"availability", Kind::kText},
                                             {"visibility", Kind::kText},
                                             {"email", Kind::kText},
                                             {"contact", Kind::kText},
                                             {"links", Kind::kList}};
  static const std::vector<Column> city = {{"slug", Kind::kText},
                                           {"name", Kind::kText},
                                           {"country", Kind::kText},
                                           {"province", Kind::kText},
                                           {"lat", Kind::kNumber},
                                           {"lng", Kind::kNumber},
                                           {"population", Kind::kNumber},
                                           {"timezone", Kind::kText},
                                           {"cost_of_living_usd", Kind::kNumber},
                                           {"internet_mbps", Kind::kNumber},
                                           {"safety_index", Kind::kNumber}};
  static const std::vector<Column> article = {{"slug", Kind::kText},        {"title", Kind::kText},
                                              {"summary", Kind::kText},     {"body", Kind::kText},
                                              {"tags", Kind::kList},        {"author", Kind::kText},
                                              {"published_at", Kind::kText}};
  static const std::vector<Column> none;
  switch (e) {
    case Entity::kCompany:
      return company;
    case Entity::kJob:
      return job;
    case Entity::kTalent:
      return talent;
    case Entity::kCity:
      return city;
    case Entity::kArticle:
      return article;
    case Entity::kEvent:
      return none;
  }
  return none;
}

// Sets a dotted path ("salary.min") in a JSON object.
void SetPath(Json& obj, std::string_view path, Json value) {
  size_t dot = path.find('.');
  if (dot == std::string_view::npos) {
    obj[std::string(path)] = std::move(value);
    return;
  }
  Json& child = obj[std::string(path.substr(0, dot))];
  if (!child.is_object()) child = Json::object();
  SetPath(child, path.substr(dot + 1), std::move(value));
}

class CsvRows final : public RowReader {
 public:
  CsvRows(std::string_view text, Entity entity) : text_(text), csv_(text), schema_(Schema(entity)) {
    std::vector<std::string> header;
    if (!csv_.Next(&header)) {
      pending_error_ = SourceRow{1,
                                 {},
                                 csv_.status().ok()
                                     ? InvalidArgumentError("empty CSV file: expected a header row")
                                     : csv_.status()};
      return;
    }
    std::set<std::string> seen;
    for (const std::string& raw : header) {
      std::string h(Trim(raw));
      const Column* col = nullptr;
      for (const Column& c : schema_) {
        if (c.name == h) col = &c;
      }
      if (!col || !seen.insert(h).second) {
        std::string allowed;
        for (const Column& c : schema_)
          allowed += (allowed.empty() ? "" : ", ") + std::string(c.name);
        pending_error_ =
            SourceRow{1,
                      {},
                      InvalidArgumentError(
                          col ? "duplicate column '" + SanitizeUtf8(h) + "'"
                              : "unknown column '" + SanitizeUtf8(h) + "' (known: " + allowed + ")",
                          SanitizeUtf8(h))};
        return;
      }
      columns_.push_back(col);
    }
  }

  bool Next(SourceRow* row) override {
    if (pending_error_) {
      *row = std::move(*pending_error_);
      pending_error_.reset();
      stopped_ = true;
      return true;
    }
    if (stopped_) return false;
    std::vector<std::string> fields;
    if (!csv_.Next(&fields)) {
      stopped_ = true;
      if (csv_.status().ok()) return false;
      *row = SourceRow{csv_.line(), {}, csv_.status()};
      return true;
    }
    *row = SourceRow{csv_.line(), Json::object(), OkStatus()};
    if (fields.size() != columns_.size()) {
      row->error = InvalidArgumentError("expected " + std::to_string(columns_.size()) +
                                        " fields, found " + std::to_string(fields.size()));
      return true;
    }
    for (size_t i = 0; i < fields.size() && row->error.ok(); ++i) {
      row->error = SetCell(*columns_[i], fields[i], &row->value);
    }
    return true;
  }

  int64_t EstimatedRows() const override { return std::max<int64_t>(0, CountLines(text_) - 2); }

 private:
  static Status SetCell(const Column& col, std::string_view cell, Json* obj) {
    std::string name(col.name);
    if (!IsValidUtf8(cell)) return InvalidArgumentError(name + ": is not valid UTF-8", name);
    if (col.kind != Kind::kText) cell = Trim(cell);
    if (cell.empty()) return OkStatus();
    Json value;
    switch (col.kind) {
      case Kind::kText:
        value = std::string(cell);
        break;
      case Kind::kNumber: {
        auto d = ParseDouble(cell);
        if (!d) {
          return InvalidArgumentError(
              name + ": expected a number, got '" + std::string(Utf8Prefix(cell, 40)) + "'", name);
        }
        value = *d;
        if (*d == static_cast<double>(static_cast<int64_t>(*d)) && *d < 9e15 && *d > -9e15) {
          value = static_cast<int64_t>(*d);
        }
        break;
      }
      case Kind::kBool: {
        std::string l = AsciiLower(cell);
        if (l == "true" || l == "1" || l == "yes") {
          value = true;
        } else if (l == "false" || l == "0" || l == "no") {
          value = false;
        } else {
          return InvalidArgumentError(name + ": expected true or false", name);
        }
        break;
      }
      case Kind::kList:
      case Kind::kSkills: {
        value = Json::array();
        for (const std::string& part : Split(cell, ';')) {
          std::string item(Trim(part));
          if (item.empty()) continue;
          // skills: "rust:4" -> {"name": "rust", "level": 4}
          size_t colon = item.rfind(':');
          if (col.kind == Kind::kSkills && colon != std::string::npos &&
              ParseInt(item.substr(colon + 1))) {
            value.push_back(
                {{"name", item.substr(0, colon)}, {"level", *ParseInt(item.substr(colon + 1))}});
          } else {
            value.push_back(item);
          }
        }
        break;
      }
    }
    SetPath(*obj, col.name, std::move(value));
    return OkStatus();
  }

  std::string_view text_;
  CsvReader csv_;
  const std::vector<Column>& schema_;
  std::vector<const Column*> columns_;
  std::optional<SourceRow> pending_error_;
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<RowReader> JsonRowReader(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text.substr(first, 3) == "\xEF\xBB\xBF") {
    first = text.find_first_not_of(" \t\r\n", first + 3);
  }
  if (first != std::string_view::npos && text[first] == '[')
    return std::make_unique<ArrayReader>(text, first);
  // One pretty-printed document is one row. NDJSON fails this parse at its second line, so
  // the probe is cheap.
  if (first != std::string_view::npos && text[first] == '{' &&
      text.find('\n', first) != std::string_view::npos) {
    auto whole = ParseJson(text.substr(first));
    if (whole.ok()) {
      int line = 1 + static_cast<int>(
                         std::count(text.begin(), text.begin() + static_cast<long>(first), '\n'));
      return std::make_unique<SingleReader>(line, std::move(*whole));
    }
  }
  return std::make_unique<NdjsonReader>(text);
}

std::unique_ptr<RowReader> CsvRowReader(std::string_view text, Entity entity) {
  return std::make_unique<CsvRows>(text, entity);
}

}  // namespace meridian
