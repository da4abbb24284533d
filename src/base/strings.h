// Small string helpers shared by every layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meridian {

std::string_view Trim(std::string_view s);
std::string AsciiLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Splits on `sep`; keeps empty pieces.
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Collapses runs of whitespace to one space and trims.
std::string CollapseWhitespace(std::string_view s);
// Markdown as one line of plain text: markers, emphasis, inline HTML and link targets
// dropped, whitespace collapsed, invalid UTF-8 replaced (for excerpts and snippets).
std::string MarkdownToPlainText(std::string_view markdown);

// Strict number parsing: the whole string must be the number.
std::optional<int64_t> ParseInt(std::string_view s);
std::optional<double> ParseDouble(std::string_view s);

// "12,345" style formatting for progress and summaries.
std::string WithThousands(int64_t n);

// Percent-decodes a URL component ('+' becomes ' ' when form_encoding). nullopt on a bad
// escape. The result may be arbitrary bytes: validate UTF-8 afterwards.
std::optional<std::string> PercentDecode(std::string_view s, bool form_encoding);
std::string PercentEncode(std::string_view s);

// Unpadded base64url (RFC 4648 §5), used for opaque cursors.
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

// Compares secrets in time independent of where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Lowercase hex of a 64-bit FNV-1a hash: short stable fingerprints (slug suffixes).
uint64_t Fnv1a64(std::string_view s);

// A URL (or libpq key=value string) with its password replaced by "***", for logs.
std::string RedactUrlPassword(std::string_view url);

}  // namespace meridian
