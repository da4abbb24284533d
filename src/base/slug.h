// URL slugs: lowercase ASCII words joined by '-', e.g. "senior-rust-engineer-acme".
// Non-ASCII text is transliterated with ICU ("São Paulo" -> "sao-paulo").
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace meridian {

inline constexpr size_t kMaxSlugLength = 100;

// A slug for `text`, at most `max_len` bytes, cut at a word boundary when possible. Returns
// "" when `text` has no letters or digits that survive transliteration.
std::string Slugify(std::string_view text, size_t max_len = 80);

// OK when `slug` is a well-formed slug: [a-z0-9]+(-[a-z0-9]+)*, at most kMaxSlugLength.
Status ValidateSlug(std::string_view slug, std::string_view field = "slug");

}  // namespace meridian
