#include "platform/import/foreign.h"

#include <functional>

#include "base/slug.h"
#include "base/strings.h"
#include "platform/codec.h"
#include "platform/geo.h"
#include "platform/import/html_text.h"

namespace meridian {
namespace {

std::string Str(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return {};
  const Json& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return {};
}

// A schema.org value that may be a string, an object with "name", or an array of those.
std::vector<std::string> Names(const Json& v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_object()) {
    std::string n = Str(v, "name");
    if (n.empty() && v.contains("address")) n = Str(v["address"], "addressCountry");
    if (!n.empty()) out.push_back(n);
  } else if (v.is_array()) {
    for (const Json& e : v) {
      for (auto& n : Names(e)) out.push_back(n);
    }
  }
  return out;
}

Json NumberOrNull(const Json& v) {
  if (v.is_number()) return v;
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    std::string digits;
    for (char c : s) {
      if (c != ',' && c != ' ' && c != '_') digits += c;
    }
    if (auto d = ParseDouble(digits)) return *d;
  }
  return nullptr;
}

std::string WebsiteOf(const Json& org) {
  for (const char* key : {"sameAs", "url"}) {
    std::string u = Str(org, key);
    if (StartsWith(AsciiLower(u), "http")) return u;
  }
  return {};
}

}  // namespace

StatusOr<JobPostingResult> JobPostingToJob(const Json& p) {
  if (!p.is_object()) return InvalidArgumentError("expected a JobPosting object");
  std::string type = Str(p, "@type");
  if (!type.empty() && type != "JobPosting") {
    return InvalidArgumentError("@type: expected JobPosting, got '" + type.substr(0, 40) + "'",
                                "@type");
  }
  JobPostingResult out;
  const Json org = p.contains("hiringOrganization") ? p["hiringOrganization"] : Json();
  std::string org_name = org.is_string() ? org.get<std::string>() : Str(org, "name");
  if (org_name.empty())
    return InvalidArgumentError("hiringOrganization.name: is required", "hiringOrganization.name");
  std::string company_slug = Slugify(org_name);
  if (company_slug.empty())
    return InvalidArgumentError("hiringOrganization.name: has no usable characters",
                                "hiringOrganization.name");
  out.company = {{"slug", company_slug}, {"name", org_name}};
  if (org.is_object()) {
    std::string site = WebsiteOf(org);
    if (!site.empty()) out.company["website"] = site;
    if (org.contains("logo")) out.company["has_logo"] = true;
  }

  Json job = Json::object();
  job["company"] = company_slug;
  if (p.contains("title")) job["title"] = p["title"];
  std::string html = Str(p, "description");
  if (!html.empty()) job["description"] = HtmlToMarkdown(html);
  if (p.contains("datePosted")) job["posted_at"] = p["datePosted"];
  if (p.contains("validThrough")) job["valid_through"] = p["validThrough"];
  std::vector<std::string> types =
      p.contains("employmentType") ? Names(p["employmentType"]) : std::vector<std::string>{};
  if (!types.empty()) job["employment_type"] = types[0];
  std::string url = Str(p, "url");
  if (!url.empty()) job["apply_url"] = url;

  // Tags from skills / keywords / occupationalCategory (comma separated or arrays).
  Json tags = Json::array();
  for (const char* key : {"skills", "keywords"}) {
    if (!p.contains(key)) continue;
    for (const std::string& v : Names(p[key])) {
      for (const std::string& part : Split(v, ',')) {
        std::string t(Trim(part));
        if (!t.empty() && tags.size() < 30 && t.size() <= 40) tags.push_back(t);
      }
    }
  }
  if (!tags.empty()) job["tags"] = tags;

  // Where applicants may be: countries or regions by name or code; remote with no
  // requirement means worldwide.
  std::vector<std::string> places;
  if (p.contains("applicantLocationRequirements"))
    places = Names(p["applicantLocationRequirements"]);
  Json areas = Json::array();
  std::vector<std::string> unresolved;
  for (const std::string& place : places) {
    if (ResolveArea(place).ok()) {
      areas.push_back(place);
    } else if (auto c = ResolveCountry(place); c.ok()) {
      areas.push_back(*c);
    } else {
      unresolved.push_back(place);
    }
  }
  Json elig = Json::object();
  if (!areas.empty()) elig["areas"] = areas;
  std::string evidence;
  if (!places.empty()) evidence = "applicantLocationRequirements: " + Join(places, ", ");
  if (!unresolved.empty() && areas.empty()) {
    return InvalidArgumentError("applicantLocationRequirements: no known country or region in '" +
                                    Join(unresolved, ", ").substr(0, 80) + "'",
                                "applicantLocationRequirements");
  }
  if (!evidence.empty()) elig["evidence"] = evidence.substr(0, 500);
  if (!elig.empty()) job["eligibility"] = elig;

  if (p.contains("baseSalary") && p["baseSalary"].is_object()) {
    const Json& bs = p["baseSalary"];
    Json salary = Json::object();
    std::string currency = Str(bs, "currency");
    const Json value = bs.contains("value") ? bs["value"] : Json();
    if (value.is_object()) {
      Json lo = value.contains("minValue") ? NumberOrNull(value["minValue"]) : Json();
      Json hi = value.contains("maxValue") ? NumberOrNull(value["maxValue"]) : Json();
      Json single = value.contains("value") ? NumberOrNull(value["value"]) : Json();
      if (lo.is_number()) salary["min"] = lo;
      if (hi.is_number()) salary["max"] = hi;
      if (!lo.is_number() && !hi.is_number() && single.is_number())
        salary["min"] = salary["max"] = single;
      std::string unit = Str(value, "unitText");
      if (!unit.empty()) salary["period"] = unit;
    } else if (value.is_number() || value.is_string()) {
      Json v = NumberOrNull(value);
      if (v.is_number()) salary["min"] = salary["max"] = v;
    }
    if (!currency.empty()) salary["currency"] = currency;
    if (salary.contains("min") || salary.contains("max")) job["salary"] = salary;
  }

  // Slug: title + company, plus the posting's identifier when it has one.
  std::string ident;
  if (p.contains("identifier")) {
    const Json& id = p["identifier"];
    ident = id.is_object()
                ? Str(id, "value")
                : (id.is_string() ? id.get<std::string>() : (id.is_number() ? id.dump() : ""));
  }
  std::string title = Str(p, "title");
  std::string slug = Slugify(title + " " + company_slug, 80);
  if (!ident.empty()) slug = Slugify(slug + " " + ident, 100);
  if (!slug.empty()) job["slug"] = slug;
  out.job = std::move(job);
  return out;
}

StatusOr<Json> JsonResumeToTalent(
    const Json& r,
    const std::function<std::string(const std::string&, const std::string&)>& city_slug_for) {
  if (!r.is_object()) return InvalidArgumentError("expected a JSON Resume object");
  if (!r.contains("basics") || !r["basics"].is_object())
    return InvalidArgumentError("basics: is required", "basics");
  const Json& b = r["basics"];
  Json t = Json::object();
  for (auto [from, to] : {std::pair{"name", "name"},
                          {"label", "headline"},
                          {"summary", "summary"},
                          {"email", "email"},
                          {"phone", "contact"}}) {
    if (b.contains(from)) t[to] = b[from];
  }
  if (b.contains("location") && b["location"].is_object()) {
    const Json& loc = b["location"];
    std::string country = Str(loc, "countryCode");
    if (!country.empty()) t["country"] = country;
    std::string city = Str(loc, "city");
    if (!city.empty() && city_slug_for) {
      std::string slug = city_slug_for(city, country);
      if (!slug.empty()) t["city"] = slug;
    }
  }
  Json links = Json::array();
  std::string url = Str(b, "url");
  if (!url.empty()) links.push_back(url);
  if (b.contains("profiles") && b["profiles"].is_array()) {
    for (const Json& pr : b["profiles"]) {
      std::string u = Str(pr, "url");
      if (!u.empty() && links.size() < 10) links.push_back(u);
    }
  }
  if (!links.empty()) t["links"] = links;
  if (r.contains("skills") && r["skills"].is_array()) {
    Json skills = Json::array();
    auto level_of = [](std::string l) {
      l = AsciiLower(l);
      if (l == "beginner") return 1;
      if (l == "novice") return 2;
      if (l == "intermediate") return 3;
      if (l == "advanced") return 4;
      if (l == "master" || l == "expert") return 5;
      return 0;
    };
    for (const Json& s : r["skills"]) {
      std::string name = Str(s, "name");
      if (!name.empty() && name.size() <= 40 && skills.size() < 60) {
        skills.push_back({{"name", name}, {"level", level_of(Str(s, "level"))}});
      }
      if (s.is_object() && s.contains("keywords") && s["keywords"].is_array()) {
        for (const Json& k : s["keywords"]) {
          if (k.is_string() && k.get<std::string>().size() <= 40 && skills.size() < 60)
            skills.push_back(k);
        }
      }
    }
    t["skills"] = skills;
  }
  if (r.contains("meridian")) {
    if (!r["meridian"].is_object())
      return InvalidArgumentError("meridian: expected an object", "meridian");
    for (auto it = r["meridian"].begin(); it != r["meridian"].end(); ++it) t[it.key()] = it.value();
  }
  if (!t.contains("slug") && t.contains("name") && t["name"].is_string()) {
    // Same name, different people: keep them apart by a short fingerprint of the email.
    std::string slug = Slugify(t["name"].get<std::string>(), 80);
    std::string email =
        t.contains("email") && t["email"].is_string() ? t["email"].get<std::string>() : "";
    if (!email.empty() && !slug.empty()) {
      char buf[17];
      std::snprintf(buf, sizeof buf, "%016llx",
                    static_cast<unsigned long long>(Fnv1a64(AsciiLower(email))));
      slug += "-" + std::string(buf).substr(0, 6);
    }
    if (!slug.empty()) t["slug"] = slug;
  }
  return t;
}

Json TalentToJsonResume(const Talent& t) {
  Json basics = {{"name", t.name}, {"label", t.headline}, {"summary", t.summary}};
  if (!t.email.empty()) basics["email"] = t.email;
  if (!t.contact.empty()) basics["phone"] = t.contact;
  Json loc = Json::object();
  if (!t.city_name.empty()) loc["city"] = t.city_name;
  if (!t.country.empty()) loc["countryCode"] = t.country;
  if (!loc.empty()) basics["location"] = loc;
  Json profiles = Json::array();
  for (const auto& l : t.links) profiles.push_back({{"url", l}});
  if (!profiles.empty()) basics["profiles"] = profiles;
  static const char* kLevels[] = {"", "Beginner", "Novice", "Intermediate", "Advanced", "Expert"};
  Json skills = Json::array();
  for (const auto& s : t.skills) {
    Json e = {{"name", s.name}};
    if (s.level >= 1 && s.level <= 5) e["level"] = kLevels[s.level];
    skills.push_back(e);
  }
  Json meridian = TalentToJson(t, View::kWritable);
  for (const char* k :
       {"name", "headline", "summary", "email", "contact", "skills", "links", "country"})
    meridian.erase(k);
  return {
      {"$schema", "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"},
      {"basics", basics},
      {"skills", skills},
      {"meridian", meridian}};
}

}  // namespace meridian
