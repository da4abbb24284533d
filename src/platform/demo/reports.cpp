// Data-driven articles: city guides, skills reports and salary reports computed from the demo
// facts and the generated jobs and talent.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/strings.h"
#include "platform/codec.h"
#include "platform/demo/generators.h"
#include "platform/demo/text.h"
#include "platform/geo.h"
#include "platform/nomad_score.h"

namespace meridian::demo {
namespace {

constexpr std::string_view kDisclaimer =
    "_Figures describe Meridian's generated demo data, not the real job market._";

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(std::round(p * static_cast<double>(v.size() - 1)));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

std::string Usd(double v) {
  return FormatAmount(RoundNice(v)) + " USD";
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "0%";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / whole);
  return buf;
}

std::vector<std::pair<std::string, int64_t>> Top(
    const std::unordered_map<std::string, int64_t>& counts, size_t n) {
  std::vector<std::pair<std::string, int64_t>> v(counts.begin(), counts.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (v.size() > n) v.resize(n);
  return v;
}

void Finish(std::string* body) {
  *body += "\n";
  *body += kDisclaimer;
  *body += "\n\n";
  *body += kArticleFooter;
  *body += '\n';
}

// The local start hour (7..13) whose 8-hour day overlaps most with 09:00-17:00 in `zone`.
int BestStart(const std::string& city_zone, std::string_view zone, UnixSeconds now, int* overlap) {
  int best = 9;
  *overlap = -1;
  for (int h = 7; h <= 13; ++h) {
    int o = OverlapMinutes(city_zone, h * 60, (h + 8) * 60, zone, 540, 1020, now);
    if (o > *overlap) {
      *overlap = o;
      best = h;
    }
  }
  return best;
}

}  // namespace

Article CityGuide(const City& city, int64_t talent, const JobStats& jobs, UnixSeconds now) {
  Article a;
  std::string country = AreaName(city.country);
  a.title = "Working remotely from " + city.name + ", " + country + ": a data guide";
  a.slug = "city-guide-" + city.slug;  // the city page links to its guide by this slug
  a.summary =
      "Time zone, working-hour overlap with New York and London, and what Meridian's "
      "demo data says about remote work from " +
      city.name + ".";
  a.tags = {"city-guide", "remote-work", "timezones"};
  int offset = UtcOffsetMinutes(city.timezone, now);
  int ny = OverlapMinutes(city.timezone, 540, 1020, "America/New_York", 540, 1020, now);
  int lon = OverlapMinutes(city.timezone, 540, 1020, "Europe/London", 540, 1020, now);
  int64_t open = 0, worldwide = 0;
  std::vector<std::pair<int64_t, std::string>> areas;
  for (const auto& [set, n] : jobs.by_areas) {
    bool ok = false;
    for (const std::string& area : set) ok = ok || AreaContains(area, city.country);
    if (!ok) continue;
    open += n;
    if (set.size() == 1 && set[0] == "WW") {
      worldwide += n;
    } else {
      std::vector<std::string> names;
      for (const std::string& area : set) names.push_back(AreaName(area));
      areas.emplace_back(n, EnglishList(names));
    }
  }
  std::sort(areas.begin(), areas.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });

  std::string& b = a.body;
  b += city.name + " is a city of about " + WithThousands(city.population) + " people";
  b += " in ";
  if (!city.province.empty() && city.province != city.name) b += city.province + ", ";
  b += country +
       ". This guide combines the city facts built into Meridian with the "
       "generated jobs and talent profiles of this demo.\n\n## At a glance\n\n";
  b += "- **Time zone:** " + city.timezone + " (" + FormatUtcOffset(offset) + " today)\n";
  b += "- **Overlap with New York, 09:00-17:00:** " + FormatHours(ny) + " hours\n";
  b += "- **Overlap with London, 09:00-17:00:** " + FormatHours(lon) + " hours\n";
  NomadScore score = ComputeNomadScore(city);
  if (score.score) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *score.score);
    b += "- **Nomad score:** " + std::string(buf) + " (time-zone overlap only)\n";
  }
  b += "- **Demo talent living here:** " + WithThousands(talent) + "\n";
  b += "- **Live demo jobs open to people in " + country + ":** " + WithThousands(open) + "\n\n";

  b += "## Time zones and collaboration\n\n";
  if (lon >= 360 && ny >= 360) {
    b += "A standard working day in " + city.name +
         " overlaps for most of the day with both London and New York, which makes it easy "
         "to join teams on either side of the Atlantic.";
  } else if (lon >= 360) {
    b += "A standard working day in " + city.name +
         " lines up well with London and the rest of Europe. Teams based in the Americas "
         "overlap mainly in your afternoon.";
  } else if (ny >= 360) {
    b += "A standard working day in " + city.name +
         " lines up well with New York and the rest of the Americas. European teams overlap "
         "mainly in your morning.";
  } else if (lon >= 180 || ny >= 180) {
    b += "Working from " + city.name + " gives a partial overlap with " +
         (lon >= ny ? std::string("European") : std::string("American")) +
         " teams: enough for a daily call and some pairing, with the rest of the day for "
         "focused, asynchronous work.";
  } else {
    b += city.name +
         " is far from the usual Atlantic business hours, which suits "
         "asynchronous teams and companies based in Asia and the Pacific.";
  }
  int best_lon = 0, best_ny = 0;
  int start_lon = BestStart(city.timezone, "Europe/London", now, &best_lon);
  int start_ny = BestStart(city.timezone, "America/New_York", now, &best_ny);
  if (best_lon > lon) {
    b += " Starting your day at " + FormatClock(start_lon * 60) + " instead would give " +
         FormatHours(best_lon) + " hours with London.";
  }
  if (best_ny > ny) {
    b += " Starting at " + FormatClock(start_ny * 60) + " would give " + FormatHours(best_ny) +
         " hours with New York.";
  }
  b += "\n\n## Remote jobs open to people in " + country + "\n\n";
  b += WithThousands(open) + " of the " + WithThousands(jobs.live) +
       " live demo jobs are open to candidates in " + country + ": " + WithThousands(worldwide) +
       " worldwide roles and " + WithThousands(open - worldwide) +
       " limited to regions or countries that include it.";
  if (!areas.empty()) {
    b += " The largest groups:\n\n";
    for (size_t i = 0; i < areas.size() && i < 5; ++i) {
      b += "- " + areas[i].second + ": " + WithThousands(areas[i].first) + " jobs\n";
    }
  } else {
    b += "\n";
  }
  b += "\n## Talent in " + city.name + "\n\n";
  if (talent > 0) {
    b += WithThousands(talent) + (talent == 1 ? " demo profile lists " : " demo profiles list ") +
         city.name + " as home.";
  } else {
    b += "None of the demo talent profiles are based here yet.";
  }
  b += " Local time now is " + FormatUtcOffset(offset) +
       ", so remember to state your time zone and working hours in applications.\n";
  Finish(&b);
  return a;
}

Article SkillsReport(const JobStats& jobs, int family, UnixSeconds now) {
  (void)now;
  Article a;
  std::vector<const RoleFamily*> families = RoleFamilies();
  const bool all = family < 0;
  const std::unordered_map<std::string, int64_t>& tags = all ? jobs.tags : jobs.family_tags[family];
  int64_t total = all ? jobs.live : jobs.family_jobs[family];
  std::string label = all ? "" : std::string(families[family]->label);
  if (all) {
    a.title = "Skills in demand: the top tags in remote job posts";
    a.summary =
        "The most requested skills across all live jobs in Meridian's demo data, "
        "overall and per role family.";
    a.tags = {"skills-report", "remote-work", "career"};
  } else {
    a.title = "Skills in demand: " + label;
    a.summary = "Which skills " + AsciiLower(label) +
                " job posts in Meridian's demo data ask for most, and what they pay.";
    a.tags = {"skills-report", "remote-work", std::string(families[family]->key)};
  }
  std::string& b = a.body;
  b += "This report counts the tags of " + WithThousands(total) + " live " +
       (all ? std::string("") : AsciiLower(label) + " ") +
       "job posts in this demo. A job counts once per tag.\n\n## Top skills\n\n";
  int rank = 0;
  for (const auto& [tag, n] : Top(tags, all ? 20 : 12)) {
    b += std::to_string(++rank) + ". **" + TagDisplay(tag) + "** (`" + tag +
         "`): " + WithThousands(n) + " jobs, " + Percent(n, total) + "\n";
  }
  if (all) {
    b += "\n## By role family\n\n";
    std::vector<size_t> order(families.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      return jobs.family_jobs[x] != jobs.family_jobs[y] ? jobs.family_jobs[x] > jobs.family_jobs[y]
                                                        : x < y;
    });
    for (size_t i : order) {
      std::vector<std::string> names;
      for (const auto& [tag, n] : Top(jobs.family_tags[i], 4)) names.push_back(TagDisplay(tag));
      b += "- **" + std::string(families[i]->label) + "**: " + WithThousands(jobs.family_jobs[i]) +
           " jobs";
      if (!names.empty()) b += "; most requested: " + Join(names, ", ");
      b += "\n";
    }
  } else {
    const std::vector<double>& pay = jobs.salary_by_family[family];
    b += "\n## Pay\n\n";
    if (pay.size() >= 3) {
      b += "Of these jobs, " + WithThousands(static_cast<int64_t>(pay.size())) +
           " publish a salary. Converted to annual US dollars, the median midpoint is " +
           Usd(Percentile(pay, 0.5)) + ", and the middle half of the ranges falls between " +
           Usd(Percentile(pay, 0.25)) + " and " + Usd(Percentile(pay, 0.75)) + ".\n";
    } else {
      b += "Too few of these jobs publish a salary to compute a meaningful median.\n";
    }
    b += "\n## How to use this\n\n- Compare the list with the skills on your profile\n"
         "- Mention the tools you know by name in applications\n"
         "- Treat the list as a snapshot: demand shifts from quarter to quarter\n";
  }
  Finish(&b);
  return a;
}

Article SalaryReport(const JobStats& jobs, UnixSeconds now) {
  (void)now;
  Article a;
  a.title = "Remote salaries by seniority: medians from the demo data";
  a.summary =
      "Median advertised pay by seniority and role family, converted to annual US "
      "dollars, across the live jobs in Meridian's demo data.";
  a.tags = {"salary", "skills-report", "remote-work"};
  std::string& b = a.body;
  int64_t with_pay = 0;
  for (const auto& v : jobs.salary_by_seniority) with_pay += static_cast<int64_t>(v.size());
  b += "Salaries come in many currencies and periods. Meridian converts each range to annual "
       "US dollars with a fixed exchange-rate table and standard working time (2,080 hours, "
       "260 days or 12 months a year) and uses the midpoint of each range. " +
       WithThousands(with_pay) + " of the " + WithThousands(jobs.live) +
       " live demo jobs publish pay.\n\n## By seniority\n\n";
  for (int level = 0; level < kSeniorityCount; ++level) {
    const std::vector<double>& v = jobs.salary_by_seniority[level];
    b += "- **" + Capitalized(SeniorityName(level)) + "**: ";
    if (v.empty()) {
      b += "no published salaries\n";
      continue;
    }
    b += "median " + Usd(Percentile(v, 0.5)) + " (middle half " + Usd(Percentile(v, 0.25)) +
         " to " + Usd(Percentile(v, 0.75)) + "; " + WithThousands(static_cast<int64_t>(v.size())) +
         " jobs)\n";
  }
  b += "\n## By role family\n\n";
  std::vector<const RoleFamily*> families = RoleFamilies();
  for (size_t i = 0; i < families.size(); ++i) {
    const std::vector<double>& v = jobs.salary_by_family[i];
    if (v.empty()) continue;
    b += "- " + std::string(families[i]->label) + ": median " + Usd(Percentile(v, 0.5)) + "\n";
  }
  b += "\n## Reading these numbers\n\nAdvertised ranges are not offers. Pay depends on "
       "location, experience and how each company sets salaries, and contract rates cover "
       "costs that employees do not carry themselves.\n";
  Finish(&b);
  return a;
}

}  // namespace meridian::demo
