#include "platform/text_checks.h"

#include "base/strings.h"

namespace meridian {
namespace {

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::optional<std::string> CheckPlainText(std::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '<') continue;
    char n = text[i + 1];
    if (IsAlpha(n) || n == '/' || n == '!' || n == '?') {
      return "must be plain text (HTML tags are not allowed)";
    }
  }
  return std::nullopt;
}

std::optional<std::string> CheckMarkdown(std::string_view text) {
  std::string lower = AsciiLower(text);
  static constexpr std::string_view kActive[] = {
      "<script", "<iframe", "<object", "<embed",      "<style",    "<form",
      "<meta",   "<link",   "<base",   "javascript:", "vbscript:", "data:text/html"};
  for (std::string_view needle : kActive) {
    if (lower.find(needle) != std::string::npos) {
      return "must not contain active content ('" + std::string(needle) + "')";
    }
  }
  // Event-handler attributes inside a tag: <img src=x onerror=...>.
  size_t pos = 0;
  while ((pos = lower.find('<', pos)) != std::string::npos) {
    size_t end = lower.find('>', pos);
    std::string_view tag = std::string_view(lower).substr(
        pos, end == std::string::npos ? std::string::npos : end - pos);
    for (size_t i = 1; i + 3 < tag.size(); ++i) {
      char before = tag[i - 1];
      if ((before == ' ' || before == '\t' || before == '\n' || before == '/' || before == '"' ||
           before == '\'') &&
          tag[i] == 'o' && tag[i + 1] == 'n' && IsAlpha(tag[i + 2])) {
        size_t j = i + 2;
        while (j < tag.size() && IsAlpha(tag[j])) ++j;
        while (j < tag.size() && (tag[j] == ' ' || tag[j] == '\t')) ++j;
        if (j < tag.size() && tag[j] == '=') return "must not contain HTML event handlers";
      }
    }
    if (end == std::string::npos) break;
    pos = end;
  }
  return std::nullopt;
}

std::optional<std::string> CheckUrl(std::string_view url, bool allow_mailto) {
  if (url.size() > 500) return "is longer than 500 characters";
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\') {
      return "is not a valid URL (spaces, quotes and angle brackets must be escaped)";
    }
  }
  std::string lower = AsciiLower(url);
  if (allow_mailto && StartsWith(lower, "mailto:")) {
    if (CheckEmail(url.substr(7))) return "is not a valid mailto: address";
    return std::nullopt;
  }
  size_t host_start;
  if (StartsWith(lower, "https://")) {
    host_start = 8;
  } else if (StartsWith(lower, "http://")) {
    host_start = 7;
  } else {
    return allow_mailto ? "must start with http://, https:// or mailto:"
                        : "must start with http:// or https://";
  }
  size_t host_end = url.find_first_of("/?#", host_start);
  std::string_view host =
      url.substr(host_start, host_end == std::string_view::npos ? std::string_view::npos
                                                                : host_end - host_start);
  if (host.empty() || host.find('.') == std::string_view::npos) {
    if (host != "localhost" && host.substr(0, 10) != "localhost:") return "needs a host name";
  }
  return std::nullopt;
}

std::optional<std::string> CheckEmail(std::string_view email) {
  if (email.size() > 254) return "is longer than 254 characters";
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return "is not an email address";
  }
  std::string_view domain = email.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size())
    return "is not an email address";
  for (char c : email) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == '"' || c == ',' ||
        c == ';') {
      return "is not an email address";
    }
  }
  return std::nullopt;
}

}  // namespace meridian
