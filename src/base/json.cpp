#include "base/json.h"

#include <cmath>

#include "base/utf8.h"

namespace meridian {

namespace {

// Rejects documents nested deeper than max_depth without building them, so hostile input
// like "[[[[...]]]]" cannot exhaust the stack.
bool DepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
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
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace

StatusOr<Json> ParseJson(std::string_view text, const JsonParseOptions& options) {
  if (!DepthWithin(text, options.max_depth)) {
    return InvalidArgumentError("malformed JSON: nested deeper than " +
                                std::to_string(options.max_depth) + " levels");
  }
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Re-parse with exceptions only on the error path to get nlohmann's position message.
    try {
      Json unused = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
      std::string what = e.what();
      auto pos = what.find("parse error");
      return InvalidArgumentError("malformed JSON: " +
                                  SanitizeUtf8(pos == std::string::npos ? what : what.substr(pos)));
    } catch (const std::exception& e) {
      return InvalidArgumentError(std::string("malformed JSON: ") + SanitizeUtf8(e.what()));
    }
    return InvalidArgumentError("malformed JSON");
  }
  return j;
}

std::string DumpJson(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string_view JsonTypeName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "object";
    case Json::value_t::array:
      return "array";
    case Json::value_t::string:
      return "string";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "number";
    default:
      return "value";
  }
}

std::optional<std::string> CheckText(std::string_view value, const TextRule& rule) {
  if (!IsValidUtf8(value)) return "is not valid UTF-8";
  if (HasControlChars(value, rule.multiline)) {
    return rule.multiline ? "contains control characters"
                          : "contains control characters or line breaks";
  }
  if (Utf8Length(value) > rule.max_chars) {
    return "is longer than " + std::to_string(rule.max_chars) + " characters";
  }
  return std::nullopt;
}

JsonReader::JsonReader(const Json& object, std::string path)
    : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) {
    status_ = InvalidArgumentError((path_.empty() ? std::string("body") : path_) +
                                       ": expected a JSON object, got " +
                                       std::string(JsonTypeName(object_)),
                                   path_);
  }
}

std::string JsonReader::FieldPath(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonReader::Fail(std::string_view key, std::string reason) {
  if (!status_.ok()) return;
  std::string f = FieldPath(key);
  status_ = InvalidArgumentError(f + ": " + reason, f);
}

void JsonReader::FailStatus(const Status& status) {
  if (status_.ok() && !status.ok()) status_ = status;
}

bool JsonReader::Has(std::string_view key) const {
  if (!object_.is_object()) return false;
  auto it = object_.find(key);
  return it != object_.end() && !it->is_null();
}

const Json* JsonReader::Raw(std::string_view key) {
  known_.emplace(key);
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

void JsonReader::Ignore(std::initializer_list<std::string_view> keys) {
  for (auto k : keys) known_.emplace(k);
}

void JsonReader::OptString(std::string_view key, std::optional<std::string>* out,
                           const TextRule& rule) {
  const Json* v = Raw(key);
  if (!ok()) return;
  if (!v) {
    if (rule.required) Fail(key, "is required");
    return;
  }
  if (!v->is_string()) return Fail(key, "expected a string, got " + std::string(JsonTypeName(*v)));
  const std::string& s = v->get_ref<const std::string&>();
  if (auto err = CheckText(s, rule)) return Fail(key, *err);
  if (s.empty() && !rule.allow_empty) {
    if (rule.required) Fail(key, "must not be empty");
    return;
  }
  *out = s;
}

void JsonReader::String(std::string_view key, std::string* out, const TextRule& rule) {
  std::optional<std::string> v;
  OptString(key, &v, rule);
  if (v) *out = std::move(*v);
}

void JsonReader::Double(std::string_view key, std::optional<double>* out, const NumberRule& rule) {
  const Json* v = Raw(key);
  if (!ok()) return;
  if (!v) {
    if (rule.required) Fail(key, "is required");
    return;
  }
  if (!v->is_number()) return Fail(key, "expected a number, got " + std::string(JsonTypeName(*v)));
  double d = v->get<double>();
  if (!std::isfinite(d)) return Fail(key, "must be a finite number");
  if (rule.min && d < *rule.min) return Fail(key, "must be at least " + Json(*rule.min).dump());
  if (rule.max && d > *rule.max) return Fail(key, "must be at most " + Json(*rule.max).dump());
  *out = d;
}

void JsonReader::Int(std::string_view key, std::optional<int64_t>* out, const NumberRule& rule) {
  const Json* v = Raw(key);
  if (!ok()) return;
  if (!v) {
    if (rule.required) Fail(key, "is required");
    return;
  }
  if (!v->is_number_integer()) {
    if (v->is_number_float()) {
      double d = v->get<double>();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
        // 3.0 is an integer too.
      } else {
        return Fail(key, "expected an integer, got a fractional number");
      }
    } else {
      return Fail(key, "expected an integer, got " + std::string(JsonTypeName(*v)));
    }
  }
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return Fail(key, "is out of range");
  }
  int64_t i = v->is_number_float() ? static_cast<int64_t>(v->get<double>()) : v->get<int64_t>();
  if (rule.min && static_cast<double>(i) < *rule.min) {
    return Fail(key, "must be at least " + std::to_string(static_cast<int64_t>(*rule.min)));
  }
  if (rule.max && static_cast<double>(i) > *rule.max) {
    return Fail(key, "must be at most " + std::to_string(static_cast<int64_t>(*rule.max)));
  }
  *out = i;
}

void JsonReader::Bool(std::string_view key, bool* out) {
  const Json* v = Raw(key);
  if (!ok() || !v) return;
  if (!v->is_boolean())
    return Fail(key, "expected true or false, got " + std::string(JsonTypeName(*v)));
  *out = v->get<bool>();
}

void JsonReader::StringList(std::string_view key, std::vector<std::string>* out,
                            const TextRule& rule, size_t max_items) {
  const Json* v = Raw(key);
  if (!ok()) return;
  if (!v) {
    if (rule.required) Fail(key, "is required");
    return;
  }
  if (!v->is_array())
    return Fail(key, "expected an array of strings, got " + std::string(JsonTypeName(*v)));
  if (v->size() > max_items)
    return Fail(key, "has more than " + std::to_string(max_items) + " items");
  std::vector<std::string> items;
  for (size_t i = 0; i < v->size(); ++i) {
    const Json& e = (*v)[i];
    std::string k = std::string(key) + "[" + std::to_string(i) + "]";
    if (!e.is_string()) return Fail(k, "expected a string, got " + std::string(JsonTypeName(e)));
    const std::string& s = e.get_ref<const std::string&>();
    if (auto err = CheckText(s, rule)) return Fail(k, *err);
    if (s.empty()) return Fail(k, "must not be empty");
    items.push_back(s);
  }
  *out = std::move(items);
}

Status JsonReader::Finish() {
  if (!status_.ok()) return status_;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!known_.count(it.key())) {
      std::string f = FieldPath(it.key());
      return InvalidArgumentError(SanitizeUtf8(f) + ": unknown field", SanitizeUtf8(f));
    }
  }
  return OkStatus();
}

}  // namespace meridian
