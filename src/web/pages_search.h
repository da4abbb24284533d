// The job search page and its feeds (pages_search.cpp); /jobs uses them when the server
// has a search index.
#pragma once

#include "http/message.h"
#include "web/feeds.h"
#include "web/pages.h"

namespace meridian::web {

enum class FeedFormat { kRss, kAtom };

http::Response SearchJobsPage(const Site& site, const http::Request& req);
http::Response JobsFeed(const Site& site, const http::Request& req, FeedFormat format);
// The page information of /jobs, in either mode; filtered or paged lists are noindex.
PageInfo JobsPageInfo(const std::string& heading, const std::string& query, bool noindex);

}  // namespace meridian::web
