// View models: records turned into the mustache data the templates read. Every key a
// template reads inside a card is always set (false when absent), because mustache falls
// back to the enclosing context for missing keys.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/store/records.h"
#include "web/site.h"

namespace meridian::web {

// A job card (templates/_job_card.mustache): title, company, tags, salary, areas, window.
Site::Data JobCard(const Job& job, UnixSeconds now);
Site::Data CompanyCard(const Company& c);
Site::Data CityCard(const City& c);
Site::Data TalentCard(const Talent& t);
Site::Data ArticleCard(const Article& a);

// Tag chips linking to `base` + "?<param>=<tag>": [{name, href}].
Site::List TagChips(const std::vector<std::string>& tags, const std::string& base,
                    const std::string& param);
// "Europe, Portugal" style list of area names: [{name}].
Site::List AreaNames(const std::vector<std::string>& areas);
// Options for a <select>: [{value, label, selected}] with a leading "Any" option.
Site::List SelectOptions(const std::vector<std::pair<std::string, std::string>>& values,
                         const std::string& selected);

// The pager (templates/_pager.mustache): "Next page →" when `next_cursor` is set and a
// "First page" link when this is not the first page.
Site::Data Pager(const std::string& path, std::vector<std::pair<std::string, std::string>> params,
                 const std::string& next_cursor, bool has_cursor);

// The nomad score as displayed: "72" or "—".
std::string NomadScoreText(const City& c);
// Nomad score of `c`: the stored derived value, else computed from its facts.
std::optional<double> NomadScoreOf(const City& c);
// CSS width class for a 0..100 bar, in steps of 5: "w-70".
std::string WidthClass(double percent);

}  // namespace meridian::web
