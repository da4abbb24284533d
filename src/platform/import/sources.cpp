#include "platform/import/sources.h"

#include <set>

#include "base/csv.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace meridian {
namespace {

int LineAt(std::string_view text, size_t offset, size_t* scanned, int* line) {
  for (; *scanned < offset && *scanned < text.size(); ++*scanned) {
    if (text[*scanned] == '\n') ++*line;
  }
  return *line;
}

std::vector<SourceRow> ReadArray(std::string_view text, size_t open) {
  std::vector<SourceRow> rows;
  // Walk the array at depth 1 and cut out each element; parse elements one by one so one
  // bad element is one bad row.
  int depth = 0;
  bool in_string = false;
  size_t start = std::string_view::npos;
  size_t scanned = 0;
  int line = 1;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      if (depth == 1 && start == std::string_view::npos) start = i;
      continue;
    }
    if (c == '[' || c == '{') {
      if (depth == 1 && start == std::string_view::npos) start = i;
      ++depth;
      continue;
    }
    if (c == ']' || c == '}' || c == ',') {
      if (c != ',') --depth;
      if ((c == ',' && depth == 1) || (c == ']' && depth == 0)) {
        if (start != std::string_view::npos) {
          SourceRow row;
          row.line = LineAt(text, start, &scanned, &line);
          auto parsed = ParseJson(text.substr(start, i - start));
          if (parsed.ok()) {
            row.value = std::move(*parsed);
          } else {
            row.error = parsed.status();
          }
          rows.push_back(std::move(row));
          start = std::string_view::npos;
        }
        if (c == ']') return rows;
      }
      continue;
    }
    if (depth == 1 && start == std::string_view::npos && c != ' ' && c != '\n' && c != '\r' &&
        c != '\t') {
      start = i;
    }
  }
  SourceRow bad;
  bad.line = LineAt(text, text.size(), &scanned, &line);
  bad.error = InvalidArgumentError("malformed JSON: the array is not closed");
  rows.push_back(std::move(bad));
  return rows;
}

}  // namespace

std::vector<SourceRow> ReadJsonRows(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text.substr(first, 3) == "\xEF\xBB\xBF") first += 3;
  if (first != std::string_view::npos && text[first] == '[') return ReadArray(text, first);
  std::vector<SourceRow> rows;
  // One pretty-printed document (a JSON Resume file, say) is one row. NDJSON fails this
  // parse at its second line, so the probe is cheap.
  if (first != std::string_view::npos && text[first] == '{' &&
      text.find('\n', first) != std::string_view::npos) {
    auto whole = ParseJson(text.substr(first));
    if (whole.ok()) {
      int line = 1;
      for (size_t i = 0; i < first; ++i) line += text[i] == '\n';
      rows.push_back({line, std::move(*whole), OkStatus()});
      return rows;
    }
  }
  int line = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view l =
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    ++line;
    if (!Trim(l).empty()) {
      SourceRow row;
      row.line = line;
      auto parsed = ParseJson(l);
      if (parsed.ok()) {
        row.value = std::move(*parsed);
      } else {
        row.error = parsed.status();
      }
      rows.push_back(std::move(row));
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return rows;
}

namespace {

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

}  // namespace

std::vector<SourceRow> ReadCsvRows(std::string_view text, Entity entity) {
  std::vector<SourceRow> rows;
  CsvReader csv(text);
  std::vector<std::string> header;
  if (!csv.Next(&header)) {
    SourceRow bad{1,
                  {},
                  csv.status().ok() ? InvalidArgumentError("empty CSV file: expected a header row")
                                    : csv.status()};
    rows.push_back(std::move(bad));
    return rows;
  }
  const auto& schema = Schema(entity);
  std::vector<const Column*> columns;
  std::set<std::string> seen;
  for (const std::string& raw : header) {
    std::string h(Trim(raw));
    const Column* col = nullptr;
    for (const Column& c : schema) {
      if (c.name == h) col = &c;
    }
    if (!col || !seen.insert(h).second) {
      std::string allowed;
      for (const Column& c : schema) allowed += (allowed.empty() ? "" : ", ") + std::string(c.name);
      rows.push_back({1,
                      {},
                      InvalidArgumentError(
                          col ? "duplicate column '" + SanitizeUtf8(h) + "'"
                              : "unknown column '" + SanitizeUtf8(h) + "' (known: " + allowed + ")",
                          SanitizeUtf8(h))});
      return rows;
    }
    columns.push_back(col);
  }
  std::vector<std::string> fields;
  while (csv.Next(&fields)) {
    SourceRow row;
    row.line = csv.line();
    row.value = Json::object();
    if (fields.size() != columns.size()) {
      row.error = InvalidArgumentError("expected " + std::to_string(columns.size()) +
                                       " fields, found " + std::to_string(fields.size()));
      rows.push_back(std::move(row));
      continue;
    }
    for (size_t i = 0; i < fields.size() && row.error.ok(); ++i) {
      const Column& col = *columns[i];
      std::string_view cell = fields[i];
      if (!IsValidUtf8(cell)) {
        row.error = InvalidArgumentError(std::string(col.name) + ": is not valid UTF-8",
                                         std::string(col.name));
        break;
      }
      if (col.kind != Kind::kText) cell = Trim(cell);
      if (cell.empty()) continue;
      Json value;
      switch (col.kind) {
        case Kind::kText:
          value = std::string(cell);
          break;
        case Kind::kNumber: {
          auto d = ParseDouble(cell);
          if (!d) {
            row.error = InvalidArgumentError(std::string(col.name) + ": expected a number, got '" +
                                                 std::string(Utf8Prefix(cell, 40)) + "'",
                                             std::string(col.name));
            continue;
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
            row.error = InvalidArgumentError(std::string(col.name) + ": expected true or false",
                                             std::string(col.name));
            continue;
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
      SetPath(row.value, col.name, std::move(value));
    }
    rows.push_back(std::move(row));
  }
  if (!csv.status().ok()) {
    rows.push_back({csv.line(), {}, csv.status()});
  }
  return rows;
}

}  // namespace meridian
