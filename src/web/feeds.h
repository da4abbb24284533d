// RSS 2.0 and Atom (RFC 4287) documents for lists of jobs: XML-escaped, control characters
// dropped (XML 1.0 forbids them), dates as RFC 822 (RSS) and RFC 3339 (Atom).
#pragma once

#include <string>
#include <vector>

#include "base/time.h"

namespace meridian::web {

struct FeedInfo {
  std::string title;
  std::string page_url;  // the HTML page the feed mirrors
  std::string self_url;  // the feed itself
  UnixSeconds updated = 0;
};

struct FeedItem {
  std::string title;
  std::string url;      // also the id
  std::string summary;  // plain text
  std::string author;
  std::vector<std::string> categories;
  UnixSeconds published = 0;
  UnixSeconds updated = 0;
};

std::string RssFeed(const FeedInfo& info, const std::vector<FeedItem>& items);
std::string AtomFeed(const FeedInfo& info, const std::vector<FeedItem>& items);

// Text for XML character data and attribute values.
std::string XmlEscape(std::string_view s);
// "Fri, 27 Nov 2026 17:00:00 +0000".
std::string Rfc822Date(UnixSeconds t);

}  // namespace meridian::web
