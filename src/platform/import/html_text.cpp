#include "platform/import/html_text.h"

#include <cstdint>

#include "base/strings.h"

namespace meridian {
namespace {

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct Entity {
  std::string_view name;
  uint32_t cp;
};
constexpr Entity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"rsquo", 0x2019},
    {"lsquo", 0x2018}, {"rdquo", 0x201D}, {"ldquo", 0x201C}, {"bull", 0x2022},   {"euro", 0x20AC},
    {"pound", 0xA3},   {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},  {"middot", 0xB7}};

// The tag name of "<tag ...>" / "</tag>" (lowercase) and whether it closes.
std::string TagName(std::string_view tag, bool* closing) {
  size_t i = 1;
  *closing = i < tag.size() && tag[i] == '/';
  if (*closing) ++i;
  std::string name;
  while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z') ||
                            (tag[i] >= '0' && tag[i] <= '9'))) {
    name += static_cast<char>(tag[i] >= 'A' && tag[i] <= 'Z' ? tag[i] - 'A' + 'a' : tag[i]);
    ++i;
  }
  return name;
}

std::string Attribute(std::string_view tag, std::string_view attr) {
  std::string lower = AsciiLower(tag);
  size_t pos = lower.find(std::string(attr) + "=");
  if (pos == std::string::npos) return {};
  pos += attr.size() + 1;
  if (pos >= tag.size()) return {};
  char q = tag[pos];
  if (q == '"' || q == '\'') {
    size_t end = tag.find(q, pos + 1);
    return std::string(tag.substr(
        pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1));
  }
  size_t end = tag.find_first_of(" \t\n>", pos);
  return std::string(
      tag.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
}

}  // namespace

std::string DecodeHtmlEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view name = text.substr(i + 1, semi - i - 1);
    bool done = false;
    if (!name.empty() && name[0] == '#') {
      uint32_t cp = 0;
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      std::string_view digits = name.substr(hex ? 2 : 1);
      bool valid = !digits.empty();
      for (char c : digits) {
        int d = (c >= '0' && c <= '9')          ? c - '0'
                : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (d < 0 || cp > 0x10FFFF) {
          valid = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      if (valid) {
        AppendUtf8(cp, &out);
        done = true;
      }
    } else {
      for (const Entity& e : kEntities) {
        if (e.name == name) {
          AppendUtf8(e.cp == 0xA0 ? ' ' : e.cp, &out);
          done = true;
          break;
        }
      }
    }
    if (done) {
      i = semi;
    } else {
      out += '&';
    }
  }
  return out;
}

std::string HtmlToMarkdown(std::string_view html) {
  std::string out;
  std::string link_href;
  size_t link_start = std::string::npos;
  int list_depth = 0;
  size_t i = 0;
  auto newline = [&](int n) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    int have = 0;
    for (size_t k = out.size(); k > 0 && out[k - 1] == '\n'; --k) ++have;
    if (out.empty()) return;
    for (; have < n; ++have) out += '\n';
  };
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i, end - i + 1);
      bool closing = false;
      std::string name = TagName(tag, &closing);
      i = end + 1;
      if (!closing && (name == "script" || name == "style" || name == "iframe" ||
                       name == "object" || name == "template" || name == "noscript")) {
        std::string close = "</" + name;
        size_t stop = AsciiLower(html.substr(i)).find(close);
        i = stop == std::string::npos ? html.size() : html.find('>', i + stop) + 1;
        if (i == 0) i = html.size();
        continue;
      }
      if (name == "br") {
        newline(1);
      } else if (name == "p" || name == "div" || name == "section" || name == "article" ||
                 name == "table" || name == "tr" || name == "blockquote") {
        newline(2);
      } else if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
        newline(2);
        if (!closing) out += "## ";
      } else if (name == "ul" || name == "ol") {
        list_depth += closing ? -1 : 1;
        if (list_depth < 0) list_depth = 0;
        newline(closing ? 2 : 1);
      } else if (name == "li") {
        if (!closing) {
          newline(1);
          out += std::string(static_cast<size_t>(std::max(0, list_depth - 1)) * 2, ' ') + "- ";
        }
      } else if (name == "strong" || name == "b") {
        out += "**";
      } else if (name == "em" || name == "i") {
        out += "_";
      } else if (name == "a") {
        if (!closing) {
          std::string href = DecodeHtmlEntities(Attribute(tag, "href"));
          std::string lower = AsciiLower(href);
          if (StartsWith(lower, "http://") || StartsWith(lower, "https://")) {
            link_href = href;
            link_start = out.size();
            out += '[';
          }
        } else if (link_start != std::string::npos) {
          out += "](" + link_href + ")";
          link_start = std::string::npos;
        }
      }
      continue;
    }
    size_t next = html.find('<', i);
    std::string_view text =
        html.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
    std::string decoded = DecodeHtmlEntities(text);
    for (char ch : decoded) {
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
      if (ch == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
      out += ch;
    }
    i = next == std::string_view::npos ? html.size() : next;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  // Entities may have produced '<': keep them from reading as tags in Markdown.
  std::string safe;
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k] == '<') {
      safe += "&lt;";
    } else {
      safe += out[k];
    }
  }
  return safe;
}

}  // namespace meridian
