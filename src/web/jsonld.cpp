#include "web/jsonld.h"

#include <cmath>

#include "base/time.h"
#include "platform/geo.h"

namespace meridian::web {

Json JobPostingJsonLd(const JobPostingInput& in) {
  const Job& job = *in.job;
  Json j = Json::object();
  j["@context"] = "https://schema.org";
  j["@type"] = "JobPosting";
  j["title"] = job.title;
  j["description"] = in.description_html;
  j["datePosted"] = FormatRfc3339(job.posted_at);
  if (job.valid_through) j["validThrough"] = FormatRfc3339(*job.valid_through);

  Json org = {{"@type", "Organization"},
              {"name", job.company_name.empty() ? job.company_slug : job.company_name}};
  if (!in.company_website.empty()) org["sameAs"] = in.company_website;
  j["hiringOrganization"] = org;

  if (!job.employment_type.empty()) j["employmentType"] = job.employment_type;
  j["jobLocationType"] = "TELECOMMUTE";

  // Unknown eligibility is left out rather than guessed as worldwide.
  if (!job.eligible_areas.empty()) {
    Json areas = Json::array();
    for (const std::string& code : job.eligible_areas) {
      if (code == kWorldwide) {
        areas.push_back({{"@type", "AdministrativeArea"}, {"name", "Worldwide"}});
      } else {
        areas.push_back({{"@type", IsCountryCode(code) ? "Country" : "AdministrativeArea"},
                         {"name", AreaName(code)}});
      }
    }
    j["applicantLocationRequirements"] = areas;
  }

  const Salary& s = job.salary;
  if (s.present() && s.source != "estimated" && !s.currency.empty() && !s.period.empty()) {
    Json value = {{"@type", "QuantitativeValue"}, {"unitText", s.period}};
    if (s.min) value["minValue"] = *s.min;
    if (s.max) value["maxValue"] = *s.max;
    j["baseSalary"] = {{"@type", "MonetaryAmount"}, {"currency", s.currency}, {"value", value}};
  }

  // The model's estimate, as schema.org's estimatedSalary, only where the employer gave none.
  if (!s.present() && job.salary_estimate) {
    const SalaryRange& e = *job.salary_estimate;
    j["estimatedSalary"] = {{"@type", "MonetaryAmountDistribution"},
                            {"name", "Meridian's estimate from similar jobs"},
                            {"currency", "USD"},
                            {"duration", "P1Y"},
                            {"percentile10", std::round(e.low)},
                            {"median", std::round(e.median)},
                            {"percentile90", std::round(e.high)}};
  }

  j["identifier"] = {{"@type", "PropertyValue"}, {"name", "Meridian"}, {"value", job.slug}};
  j["url"] = in.url;
  j["directApply"] = false;
  return j;
}

}  // namespace meridian::web
