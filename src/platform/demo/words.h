// Word lists and templates of the demo generator, all written for Meridian (nothing copied).
// Templates use {placeholders} that the generators fill (see Fill in text.h).
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace meridian::demo {

using Words = std::span<const std::string_view>;

// A family of roles: titles, tags and the sentences its job posts are assembled from.
struct RoleFamily {
  std::string_view key;    // "backend"
  std::string_view label;  // "Backend engineering"
  std::string_view area;   // "Engineering": used in "Head of {area}"
  double weight = 1;       // share of job posts
  double base_usd = 0;     // typical annual pay of a senior hire in the US
  bool technical = true;   // whether company technologies shape the tags
  Words titles;            // base titles; "{lang}" is replaced by a language of the job
  Words core_tags;         // always-relevant tags, most typical first
  Words extra_tags;        // occasional tags
  Words responsibilities;  // bullets of "What you'll do"
  Words requirements;      // bullets; {years} {skill} {skills} placeholders
  Words nice_to_have;
  Words headlines;  // talent headlines; {title} {skills}
};

// All role families (engineering first, then product/design/business).
std::vector<const RoleFamily*> RoleFamilies();
std::span<const RoleFamily> EngineeringFamilies();
std::span<const RoleFamily> BusinessFamilies();

// Job tags suggested by a company technology (from data/companies.csv) for a role family.
struct TechRule {
  std::string_view technology;  // "javascript"
  std::string_view families;    // space-separated family keys
  Words tags;
};
std::span<const TechRule> TechRules();
// "go" -> "Go", "javascript" -> "JavaScript"; the tag itself when unknown.
std::string_view TechDisplayName(std::string_view tag);
// Whether a tag names a programming language (usable as {lang} in titles).
bool IsLanguageTag(std::string_view tag);

// Where a job is open to, with the pay level, currency and time zones that go with it.
struct Market {
  std::string_view key;
  Words areas;                // area codes (geo.h)
  double pay_factor = 1;      // relative to US pay
  std::string_view currency;  // the usual currency of salaries for this market
  Words zones;                // IANA zones for zone-form time windows ({} = none)
  int utc_min_hours = 0;      // offset-form window (when utc_min_hours < utc_max_hours)
  int utc_max_hours = 0;
  double no_timezone = 0.5;  // share of jobs with no time-zone requirement
  double weights[6] = {};    // by company region: worldwide americas europe
                             // americas-europe asia-pacific other
};
std::span<const Market> Markets();
// Eligibility evidence sentences: {areas} is the English list of the market's areas.
Words WorldwideEvidence();
Words AreaEvidence();
Words TimezoneEvidence();  // {window}: "09:00-17:00 Europe/Berlin time"
Words OffsetEvidence();    // {from} {to}: "UTC-03:00"

// Countries that talent lives in, with their currency and a relative share of talent.
struct CountryProfile {
  std::string_view code;
  std::string_view currency;
  double talent_weight = 1;
  double pay_factor = 1;
  std::string_view culture;  // key of a NameCulture
};
std::span<const CountryProfile> CountryProfiles();

struct NameCulture {
  std::string_view key;
  Words first_names;
  Words last_names;
};
std::span<const NameCulture> NameCultures();

// Job description building blocks.
Words CompanyIntros();  // {company} {policy} {techs}
Words RoleIntros();     // {company} {title} {team} {lower_title}
Words Teams();
Words RemotePractices();
Words Benefits();
Words ClosingLines();  // {company}
Words AboutHeadings();
Words DoHeadings();
Words NeedHeadings();
Words NiceHeadings();
Words RemoteHeadings();
Words BenefitHeadings();

// Suspicious (scam-like) posts for the scam model to learn from.
struct ScamCompany {
  std::string_view slug;
  std::string_view name;
  std::string_view website;
};
std::span<const ScamCompany> ScamCompanies();
Words ScamTitles();
Words ScamOpenings();  // {pay}
Words ScamDuties();
Words ScamHooks();  // {contact} {fee} {handle} {phone}
Words ScamClosings();
Words ScamRequirements();
Words ScamAbouts();  // {company}
Words FreeMailDomains();
Words ScamTags();

// Talent profile building blocks.
Words TalentSummaryOpenings();  // {title} {years} {city} {skills}
Words TalentSummaryLines();     // {skill} {team}
Words TalentLookingFor();       // {availability}

// Evergreen career articles: each topic has several titles and sections that the article
// generator combines.
struct ArticleSection {
  std::string_view heading;
  Words paragraphs;  // one or two are used
  Words bullets;     // a list drawn from these, may be empty
};
struct ArticleTopic {
  std::string_view key;
  Words tags;
  Words titles;
  Words summaries;
  Words intros;
  std::span<const ArticleSection> sections;
};
std::span<const ArticleTopic> ArticleTopics();
std::span<const ArticleTopic> MoreArticleTopics();

}  // namespace meridian::demo
