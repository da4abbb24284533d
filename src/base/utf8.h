// UTF-8 validation and length helpers. Every text that crosses a boundary (HTTP, import
// files, query strings) is checked with IsValidUtf8 before it goes further.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace meridian {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Number of code points; precondition: IsValidUtf8(s).
size_t Utf8Length(std::string_view s);

// The longest prefix of at most `max_chars` code points, cut at a code point boundary.
std::string_view Utf8Prefix(std::string_view s, size_t max_chars);

// True when `s` holds ASCII control characters other than tab, and (when allow_newlines)
// CR and LF. Such characters are rejected in every text field.
bool HasControlChars(std::string_view s, bool allow_newlines);

// Replaces invalid sequences with U+FFFD (used for log lines and error echoes only).
std::string SanitizeUtf8(std::string_view s);

}  // namespace meridian
