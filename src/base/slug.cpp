#include "base/slug.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace meridian {
namespace {

// ICU transliteration of non-ASCII text to lowercase ASCII. The transliterator is costly to
// build (milliseconds), so one is kept for the process and used under a lock; ASCII input,
// the common case, never reaches it.
std::string ToAscii(std::string_view text) {
  static std::mutex mu;
  static std::unique_ptr<icu::Transliterator> translit;
  static bool failed = false;
  std::lock_guard<std::mutex> lock(mu);
  if (!translit && !failed) {
    UErrorCode status = U_ZERO_ERROR;
    translit.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower",
                                                       UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
      translit.reset();
      failed = true;
    }
  }
  if (!translit) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  translit->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string Slugify(std::string_view text, size_t max_len) {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  }
  std::string src = ascii ? std::string(text) : ToAscii(text);
  std::string out;
  bool dash = false;
  for (char c : src) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '+') {
      // "C++" -> "cpp", "c#" -> "csharp": keep common tech names distinguishable.
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += 'p';
      continue;
    }
    if (c == '#') {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += "sharp";
      continue;
    }
    if (IsAsciiAlnum(c)) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += c;
    } else if (c == '\'') {
      // "O'Reilly" -> "oreilly"
    } else {
      dash = true;
    }
  }
  if (out.size() > max_len) {
    size_t cut = out.rfind('-', max_len);
    out.resize(cut != std::string::npos && cut > max_len / 2 ? cut : max_len);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  return out;
}

Status ValidateSlug(std::string_view slug, std::string_view field) {
  std::string f(field);
  if (slug.empty()) return InvalidArgumentError(f + ": must not be empty", f);
  if (slug.size() > kMaxSlugLength) {
    return InvalidArgumentError(
        f + ": is longer than " + std::to_string(kMaxSlugLength) + " characters", f);
  }
  bool prev_dash = true;
  for (char c : slug) {
    if (IsAsciiAlnum(c)) {
      prev_dash = false;
    } else if (c == '-' && !prev_dash) {
      prev_dash = true;
    } else {
      return InvalidArgumentError(
          f + ": must be lowercase letters, digits and single dashes (like 'senior-rust-engineer')",
          f);
    }
  }
  if (prev_dash) return InvalidArgumentError(f + ": must not end with a dash", f);
  return OkStatus();
}

}  // namespace meridian
