// HTML job descriptions (as job sites publish them in schema.org JobPosting) to Markdown.
// Tolerant of broken markup; drops script/style content, comments and every attribute but
// http(s) link targets, so the result passes CheckMarkdown.
#pragma once

#include <string>
#include <string_view>

namespace meridian {

std::string HtmlToMarkdown(std::string_view html);
// Decodes &amp; &lt; &#39; &#x2014; ... (unknown entities stay as written).
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace meridian
