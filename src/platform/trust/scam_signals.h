// Structured scam signals of a job post (issue 7): what job seekers and moderators look
// for, computed from the post, its company and its salary. Each signal has a value (a
// count or a ratio, 0 = absent), the phrases that triggered it, and a sentence that says
// why it matters. They are the scam model's dense features beside the text, and on their
// own the rules that score posts until a model is trained.
//
//   ScamSignals s = ComputeScamSignals(job, {.company = &company, .estimate = range});
//   if (s.value(ScamSignal::kOffPlatformContact) > 0) ...
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/store/records.h"

namespace meridian {

enum class ScamSignal {
  kOffPlatformContact,   // Telegram, WhatsApp, "interviews by chat"
  kAsksForPayment,       // fees, kits, equipment, cheques to deposit
  kAsksForPersonalData,  // bank details, ID copies, social security numbers
  kFreeMailContact,      // a gmail/yahoo/... address instead of the company's domain
  kThinCompanyProfile,   // no website, no logo, not verified
  kSalaryFarFromEstimate,
  kUrgencyWording,  // "urgent", "act fast", "no experience needed"
  kDuplicateText,   // the same text posted by other companies
};
inline constexpr size_t kScamSignalCount = 8;

// Stable names, in enum order: the feature names a trained model records.
std::span<const std::string_view> ScamSignalNames();
std::string_view ScamSignalName(ScamSignal s);
// The sentence shown to moderators ("Asks candidates to pay ...").
std::string_view ScamSignalMeaning(ScamSignal s);

struct SignalContext {
  const Company* company = nullptr;     // nullptr: unknown, not counted
  std::optional<SalaryRange> estimate;  // for kSalaryFarFromEstimate
  int duplicates = 0;                   // other companies' posts with the same text
};

struct ScamSignals {
  std::array<float, kScamSignalCount> values{};
  std::array<std::vector<std::string>, kScamSignalCount> evidence;  // matched phrases

  float value(ScamSignal s) const { return values[static_cast<size_t>(s)]; }
  std::vector<float> vector() const { return {values.begin(), values.end()}; }
  // "Asks candidates to pay ... (“registration fee”)" for signal s.
  std::string Reason(ScamSignal s) const;
};

ScamSignals ComputeScamSignals(const Job& job, const SignalContext& context);

// The text a scam model reads: title, description, apply link and eligibility note.
std::string ScamText(const Job& job);

// A salary is "far" when the employer's midpoint is more than this factor from the
// estimate's median, either way.
inline constexpr double kFarSalaryFactor = 1.8;

}  // namespace meridian
