// Field readers shared by the codecs (internal to src/platform).
#pragma once

#include <string>
#include <vector>

#include "base/json.h"
#include "engine/store/records.h"
#include "platform/codec.h"

namespace meridian::codec {

inline constexpr TextRule kName{.required = true, .max_chars = 120};
inline constexpr TextRule kTitle{.required = true, .max_chars = 200};
inline constexpr TextRule kShort{.max_chars = 200};
inline constexpr TextRule kSummary{.max_chars = 1000, .multiline = true};
inline constexpr TextRule kMarkdown{.max_chars = 100000, .multiline = true};

// Plain text (no HTML tags).
void PlainText(JsonReader& r, std::string_view key, std::string* out, const TextRule& rule);
// Markdown without active content.
void Markdown(JsonReader& r, std::string_view key, std::string* out, const TextRule& rule);
void Url(JsonReader& r, std::string_view key, std::string* out, bool allow_mailto);
void Slug(JsonReader& r, std::string* out);
// List of normalized tags (deduplicated, order kept).
void Tags(JsonReader& r, std::string_view key, std::vector<std::string>* out, size_t max_items);
// A vocabulary value: `normalize` returns nullopt outside it; `allowed` for the message.
template <typename Fn>
void Vocabulary(JsonReader& r, std::string_view key, std::string* out, Fn normalize,
                std::string_view allowed) {
  std::string raw;
  r.String(key, &raw, {.max_chars = 40});
  if (!r.ok() || raw.empty()) return;
  auto v = normalize(raw);
  if (!v) return r.Fail(key, "expected one of " + std::string(allowed) + ", got '" + raw + "'");
  *out = *v;
}
// RFC 3339 timestamp.
void Timestamp(JsonReader& r, std::string_view key, std::optional<UnixSeconds>* out);
// Areas: "Worldwide", country codes, M49 regions; resolved and deduplicated.
void Areas(JsonReader& r, std::string_view key, std::vector<std::string>* out);
void Timezone(JsonReader& r, std::string_view key, std::string* out);
void Country(JsonReader& r, std::string_view key, std::string* out);
// Salary object {min, max, currency, period}; normalized to annual USD.
void SalaryObject(JsonReader& r, std::string_view key, Salary* out, const DecodeOptions& options);
// Marks read-only keys: rejected or ignored according to options.
void ReadOnly(JsonReader& r, std::initializer_list<std::string_view> keys,
              const DecodeOptions& options);

Json SalaryToJson(const Salary& s, View view);
// Whole numbers as JSON integers (100000, not 100000.0); null for nullopt.
Json Number(std::optional<double> v);

}  // namespace meridian::codec

// Inside a void field reader: on error, records it on `reader` and returns.
#define FAIL_READER_IF_ERROR(reader, expr)    \
  do {                                        \
    ::meridian::Status fail_status_ = (expr); \
    if (!fail_status_.ok()) {                 \
      (reader).FailStatus(fail_status_);      \
      return;                                 \
    }                                         \
  } while (0)
