// Content rules for free text that will be shown to other people.
//
// Plain-text fields (titles, names, tags) may not contain HTML tags at all. Markdown fields
// (descriptions, article bodies) may contain harmless inline HTML, which the renderer drops,
// but never active content (script, iframes, event handlers, javascript: URLs). Each check
// returns a reason without the field name, or nullopt when the text is acceptable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace meridian {

std::optional<std::string> CheckPlainText(std::string_view text);
std::optional<std::string> CheckMarkdown(std::string_view text);
// http(s) URL with a host, no spaces; `allow_mailto` admits mailto: addresses.
std::optional<std::string> CheckUrl(std::string_view url, bool allow_mailto);
std::optional<std::string> CheckEmail(std::string_view email);

}  // namespace meridian
