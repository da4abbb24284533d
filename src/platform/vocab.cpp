#include "platform/vocab.h"

#include "base/strings.h"
#include "base/utf8.h"

namespace meridian {
namespace {

constexpr std::string_view kSeniorities[] = {"intern", "junior", "mid",
                                             "senior", "lead",   "principal"};
constexpr std::string_view kEmploymentTypes[] = {"FULL_TIME", "PART_TIME", "CONTRACTOR",
                                                 "TEMPORARY", "INTERN",    "VOLUNTEER",
                                                 "PER_DIEM",  "OTHER"};
constexpr std::string_view kJobStatuses[] = {"draft",    "pending", "live",  "flagged",
                                             "rejected", "expired", "filled"};
constexpr std::string_view kRemotePolicies[] = {"fully-remote", "remote-first", "remote-friendly",
                                                "hybrid"};
constexpr std::string_view kCompanySizes[] = {"small", "medium", "large", "enterprise"};
constexpr std::string_view kAvailabilities[] = {"now", "2-weeks", "1-month", "3-months",
                                                "not-looking"};
constexpr std::string_view kVisibilities[] = {"public", "hidden"};
constexpr std::string_view kSalaryPeriods[] = {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"};

// Lowercase with spaces and underscores as dashes.
std::string Canonical(std::string_view v) {
  std::string out;
  for (char c : Trim(v)) {
    if (c == ' ' || c == '_') c = '-';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += c;
  }
  return out;
}

std::optional<std::string> Find(std::span<const std::string_view> vocab, const std::string& canon,
                                bool upper) {
  for (std::string_view v : vocab) {
    std::string cv = Canonical(v);
    if (cv == canon) return std::string(v);
  }
  (void)upper;
  return std::nullopt;
}

}  // namespace

std::span<const std::string_view> Seniorities() {
  return kSeniorities;
}
std::span<const std::string_view> EmploymentTypes() {
  return kEmploymentTypes;
}
std::span<const std::string_view> JobStatuses() {
  return kJobStatuses;
}
std::span<const std::string_view> RemotePolicies() {
  return kRemotePolicies;
}
std::span<const std::string_view> CompanySizes() {
  return kCompanySizes;
}
std::span<const std::string_view> Availabilities() {
  return kAvailabilities;
}
std::span<const std::string_view> Visibilities() {
  return kVisibilities;
}
std::span<const std::string_view> SalaryPeriods() {
  return kSalaryPeriods;
}

std::optional<std::string> NormalizeSeniority(std::string_view v) {
  std::string c = Canonical(v);
  if (c == "entry" || c == "entry-level" || c == "graduate") c = "junior";
  if (c == "middle" || c == "mid-level" || c == "intermediate") c = "mid";
  if (c == "staff" || c == "expert") c = "principal";
  if (c == "sr" || c == "sr.") c = "senior";
  if (c == "jr" || c == "jr.") c = "junior";
  if (c == "internship") c = "intern";
  return Find(kSeniorities, c, false);
}

std::optional<std::string> NormalizeEmploymentType(std::string_view v) {
  std::string c = Canonical(v);
  if (c == "fulltime") c = "full-time";
  if (c == "parttime") c = "part-time";
  if (c == "contract" || c == "contractor" || c == "freelance") c = "contractor";
  if (c == "internship") c = "intern";
  if (c == "temp") c = "temporary";
  return Find(kEmploymentTypes, c, true);
}

std::optional<std::string> NormalizeJobStatus(std::string_view v) {
  return Find(kJobStatuses, Canonical(v), false);
}
std::optional<std::string> NormalizeRemotePolicy(std::string_view v) {
  return Find(kRemotePolicies, Canonical(v), false);
}
std::optional<std::string> NormalizeCompanySize(std::string_view v) {
  return Find(kCompanySizes, Canonical(v), false);
}
std::optional<std::string> NormalizeAvailability(std::string_view v) {
  std::string c = Canonical(v);
  if (c == "immediately" || c == "immediate") c = "now";
  return Find(kAvailabilities, c, false);
}
std::optional<std::string> NormalizeVisibility(std::string_view v) {
  return Find(kVisibilities, Canonical(v), false);
}

std::optional<std::string> NormalizeSalaryPeriod(std::string_view v) {
  std::string c = Canonical(v);
  if (c == "hourly" || c == "hr" || c == "h") c = "hour";
  if (c == "daily" || c == "d") c = "day";
  if (c == "weekly" || c == "wk") c = "week";
  if (c == "monthly" || c == "mo") c = "month";
  if (c == "yearly" || c == "annual" || c == "annually" || c == "yr" || c == "annum") c = "year";
  return Find(kSalaryPeriods, c, true);
}

std::string JoinVocabulary(std::span<const std::string_view> values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += '|';
    out += values[i];
  }
  return out;
}

std::optional<std::string> NormalizeTag(std::string_view v) {
  std::string collapsed = CollapseWhitespace(v);
  std::string out;
  for (char c : collapsed) {
    if (c == ' ') c = '-';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += c;
  }
  if (out.empty() || Utf8Length(out) > 40) return std::nullopt;
  return out;
}

}  // namespace meridian
