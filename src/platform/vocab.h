// Controlled vocabularies of the domain and their normalization: "Full-time" -> "FULL_TIME",
// "Senior" -> "senior". Each Normalize* returns nullopt for a value outside the vocabulary.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace meridian {

std::span<const std::string_view> Seniorities();      // intern junior mid senior lead principal
std::span<const std::string_view> EmploymentTypes();  // schema.org employmentType values
std::span<const std::string_view>
JobStatuses();  // draft pending live flagged rejected expired filled
std::span<const std::string_view>
RemotePolicies();  // fully-remote remote-first remote-friendly hybrid
std::span<const std::string_view> CompanySizes();    // small medium large enterprise
std::span<const std::string_view> Availabilities();  // now 2-weeks 1-month 3-months not-looking
std::span<const std::string_view> Visibilities();    // public hidden
std::span<const std::string_view> SalaryPeriods();   // HOUR DAY WEEK MONTH YEAR

std::optional<std::string> NormalizeSeniority(std::string_view v);
std::optional<std::string> NormalizeEmploymentType(std::string_view v);
std::optional<std::string> NormalizeJobStatus(std::string_view v);
std::optional<std::string> NormalizeRemotePolicy(std::string_view v);
std::optional<std::string> NormalizeCompanySize(std::string_view v);
std::optional<std::string> NormalizeAvailability(std::string_view v);
std::optional<std::string> NormalizeVisibility(std::string_view v);
std::optional<std::string> NormalizeSalaryPeriod(std::string_view v);

// "a|b|c" for error messages.
std::string JoinVocabulary(std::span<const std::string_view> values);

// Tags and skills: lowercase, trimmed, inner whitespace -> '-', e.g. "Machine Learning" ->
// "machine-learning". nullopt when empty or longer than 40 characters.
std::optional<std::string> NormalizeTag(std::string_view v);

}  // namespace meridian
