// Foreign document formats mapped onto Meridian's JSON shapes (codec.h), so that one
// validator handles every source.
//
// schema.org JobPosting (as job sites embed it): title, description (HTML), datePosted,
// validThrough, employmentType, hiringOrganization, applicantLocationRequirements,
// jobLocationType, baseSalary (MonetaryAmount), identifier, url, skills/keywords.
//
// JSON Resume (jsonresume.org schema v1): basics (name, label, email, phone, summary,
// location, profiles), skills (name, level, keywords); Meridian-specific fields travel in a
// top-level "meridian" object (timezone, availability, desired_salary, seniority, slug...).
#pragma once

#include <string>

#include "base/json.h"
#include "base/statusor.h"
#include "engine/store/records.h"

namespace meridian {

struct JobPostingResult {
  Json job;      // Meridian job JSON
  Json company;  // Meridian company JSON for hiringOrganization (name, website, slug)
};

StatusOr<JobPostingResult> JobPostingToJob(const Json& posting);

// `city_slug_for` maps a city name and country code to an existing city slug ("" if none).
StatusOr<Json> JsonResumeToTalent(
    const Json& resume,
    const std::function<std::string(const std::string& city, const std::string& country)>&
        city_slug_for);

// A talent profile as a JSON Resume document (private fields included: for its owner).
Json TalentToJsonResume(const Talent& t);

}  // namespace meridian
