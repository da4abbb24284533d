// The "related" and "matches" boxes on detail pages (issue 5): each item with its score
// and the reasons that make it up (platform/matching). A box is left out when the
// recommendation engine is off, has no model yet, or finds nothing.
#pragma once

#include <string>
#include <vector>

#include "base/statusor.h"
#include "platform/matching/match_service.h"
#include "web/site.h"

namespace meridian::web {

// d[key] = {heading, items: [{href, title, subtitle, score_pct, reasons: [{text, part}]}]}
// for templates/_matches.mustache; nothing when `items` failed or is empty (a failure other
// than "not found" or "no model" is logged).
void SetMatchBox(Site::Data& d, const std::string& key, const std::string& heading,
                 const StatusOr<std::vector<MatchItem>>& items);

}  // namespace meridian::web
