// JSON parsing with limits, and a strict object reader that names the offending field.
//
//   ASSIGN_OR_RETURN(Json body, ParseJson(text));
//   JsonReader r(body);                       // must be an object
//   r.String("title", &job.title, {.required = true, .max_chars = 200});
//   r.Int("year", &year, {.min = 1970, .max = 2100});
//   RETURN_IF_ERROR(r.Finish());              // first error, or "unknown field 'x'"
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"

namespace meridian {

using Json = nlohmann::json;

struct JsonParseOptions {
  int max_depth = 32;  // deeper nesting is rejected before parsing
};

// Parses one JSON document. Errors (malformed syntax, invalid UTF-8, nesting too deep) are
// kInvalidArgument with a message that says where.
StatusOr<Json> ParseJson(std::string_view text, const JsonParseOptions& options = {});

// Serializes with invalid UTF-8 replaced (never throws).
std::string DumpJson(const Json& j);

// Name of a JSON value's type for error messages: "string", "number", "object"...
std::string_view JsonTypeName(const Json& j);

struct TextRule {
  bool required = false;
  bool allow_empty = false;  // "" counts as absent unless allowed
  size_t max_chars = 200;    // in code points
  bool multiline = false;    // allow CR/LF
  bool allow_null = true;    // null == absent
};

struct NumberRule {
  bool required = false;
  std::optional<double> min;
  std::optional<double> max;
};

// Reads fields of one JSON object, remembering which keys were consumed so that Finish()
// can reject unknown ones. Keeps only the first error. Field paths are prefixed with
// `path` (e.g. "salary") so messages read "salary.currency: ...".
class JsonReader {
 public:
  explicit JsonReader(const Json& object, std::string path = {});

  bool Has(std::string_view key) const;   // present and not null
  const Json* Raw(std::string_view key);  // marks the key known; nullptr when absent

  void String(std::string_view key, std::string* out, const TextRule& rule = {});
  void OptString(std::string_view key, std::optional<std::string>* out, const TextRule& rule = {});
  void Double(std::string_view key, std::optional<double>* out, const NumberRule& rule = {});
  void Int(std::string_view key, std::optional<int64_t>* out, const NumberRule& rule = {});
  void Bool(std::string_view key, bool* out);
  // An array of strings; each element follows `rule`, at most `max_items` elements.
  void StringList(std::string_view key, std::vector<std::string>* out, const TextRule& rule,
                  size_t max_items);
  // Marks keys as accepted without reading them.
  void Ignore(std::initializer_list<std::string_view> keys);

  // Records an error for `key` (first error wins).
  void Fail(std::string_view key, std::string reason);
  void FailStatus(const Status& status);

  bool ok() const { return status_.ok(); }
  std::string FieldPath(std::string_view key) const;
  // The first error, else an error for the first unknown key, else OK.
  Status Finish();

 private:
  const Json& object_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
  Status status_;
};

// Validates a text value against a rule; on error returns a message without the field name.
std::optional<std::string> CheckText(std::string_view value, const TextRule& rule);

}  // namespace meridian
