#include "web/feeds.h"

#include <ctime>

#include "base/utf8.h"

namespace meridian::web {

std::string XmlEscape(std::string_view raw) {
  std::string s = SanitizeUtf8(raw);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Rfc822Date(UnixSeconds t) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string RssFeed(const FeedInfo& info, const std::vector<FeedItem>& items) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n";
  x += "<title>" + XmlEscape(info.title) + "</title>\n";
  x += "<link>" + XmlEscape(info.page_url) + "</link>\n";
  x += "<description>" + XmlEscape(info.title) + "</description>\n";
  x += "<atom:link href=\"" + XmlEscape(info.self_url) +
       "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  x += "<lastBuildDate>" + Rfc822Date(info.updated) + "</lastBuildDate>\n";
  for (const FeedItem& it : items) {
    x += "<item>\n<title>" + XmlEscape(it.title) + "</title>\n";
    x += "<link>" + XmlEscape(it.url) + "</link>\n";
    x += "<guid isPermaLink=\"true\">" + XmlEscape(it.url) + "</guid>\n";
    x += "<pubDate>" + Rfc822Date(it.published) + "</pubDate>\n";
    x += "<description>" + XmlEscape(it.summary) + "</description>\n";
    for (const std::string& c : it.categories) x += "<category>" + XmlEscape(c) + "</category>\n";
    x += "</item>\n";
  }
  x += "</channel>\n</rss>\n";
  return x;
}

std::string AtomFeed(const FeedInfo& info, const std::vector<FeedItem>& items) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  x += "<title>" + XmlEscape(info.title) + "</title>\n";
  x += "<id>" + XmlEscape(info.self_url) + "</id>\n";
  x += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + XmlEscape(info.self_url) +
       "\"/>\n";
  x += "<link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(info.page_url) + "\"/>\n";
  x += "<updated>" + FormatRfc3339(info.updated) + "</updated>\n";
  x += "<author><name>Meridian</name></author>\n";
  for (const FeedItem& it : items) {
    x += "<entry>\n<title>" + XmlEscape(it.title) + "</title>\n";
    x += "<id>" + XmlEscape(it.url) + "</id>\n";
    x += "<link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(it.url) + "\"/>\n";
    x += "<published>" + FormatRfc3339(it.published) + "</published>\n";
    x += "<updated>" + FormatRfc3339(it.updated) + "</updated>\n";
    if (!it.author.empty()) x += "<author><name>" + XmlEscape(it.author) + "</name></author>\n";
    for (const std::string& c : it.categories) {
      x += "<category term=\"" + XmlEscape(c) + "\"/>\n";
    }
    x += "<summary type=\"text\">" + XmlEscape(it.summary) + "</summary>\n</entry>\n";
  }
  x += "</feed>\n";
  return x;
}

}  // namespace meridian::web
