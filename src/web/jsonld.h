// schema.org structured data for job pages (Google's JobPosting guidelines): a remote job is
// jobLocationType TELECOMMUTE with applicantLocationRequirements; baseSalary appears only
// when the employer gave the salary (an estimate is not the employer's offer).
#pragma once

#include <string>

#include "base/json.h"
#include "engine/store/records.h"

namespace meridian::web {

struct JobPostingInput {
  const Job* job = nullptr;
  std::string description_html;  // the rendered description
  std::string company_website;   // "" when unknown or not a safe http(s) URL
  std::string url;               // absolute URL of the job page
};

// The JobPosting object. Serialize it with ScriptSafeJson before embedding it in a page.
Json JobPostingJsonLd(const JobPostingInput& in);

}  // namespace meridian::web
