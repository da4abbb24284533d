#include "platform/trust/scam_signals.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "base/strings.h"

namespace meridian {
namespace {

constexpr std::string_view kNames[] = {"off_platform_contact",   "asks_for_payment",
                                       "asks_for_personal_data", "free_mail_contact",
                                       "thin_company_profile",   "salary_far_from_estimate",
                                       "urgency_wording",        "duplicate_text"};
static_assert(std::size(kNames) == kScamSignalCount);

constexpr std::string_view kMeanings[] = {
    "Moves the conversation to a chat app (Telegram, WhatsApp, ...) or interviews by chat only",
    "Asks candidates to pay (a fee, a training kit, equipment) or to deposit a cheque",
    "Asks for bank details, identity documents or a social security number",
    "Gives a free-mail address instead of one at the company's domain",
    "The company has no website, no logo and is not verified",
    "The pay is far from what similar jobs pay",
    "Pressure or too-good-to-be-true wording (urgent, act fast, no experience needed)",
    "The same text was posted by other companies",
};

// Phrases are matched on word boundaries in the lowercased text.
constexpr std::string_view kOffPlatform[] = {"telegram",
                                             "whatsapp",
                                             "whats app",
                                             "wechat",
                                             "viber",
                                             "signal app",
                                             "kik messenger",
                                             "google hangouts",
                                             "hangouts",
                                             "skype id",
                                             "text us at",
                                             "text me at",
                                             "interview by chat",
                                             "interviews are done by chat",
                                             "chat interview",
                                             "interviewed via chat"};
constexpr std::string_view kPayment[] = {"registration fee",   "application fee",
                                         "training fee",       "processing fee",
                                         "starter kit",        "training kit",
                                         "pay a fee",          "one-time fee",
                                         "buy the training",   "purchase the equipment",
                                         "buy your equipment", "buy your home-office equipment",
                                         "approved vendor",    "send the balance",
                                         "deposit it",         "we will send you a check",
                                         "send you a cheque",  "money order",
                                         "gift card",          "gift cards",
                                         "western union",      "refunded with your first",
                                         "cashier's check",    "wire the"};
constexpr std::string_view kPersonalData[] = {"bank account details",   "bank details",
                                              "social security number", "ssn",
                                              "copy of your id",        "copy of your passport",
                                              "passport copy",          "id card copy",
                                              "date of birth",          "credit card number",
                                              "routing number",         "personal bank account",
                                              "your bank login",        "mother's maiden name"};
constexpr std::string_view kUrgency[] = {"urgent",
                                         "urgently",
                                         "immediate start",
                                         "start immediately",
                                         "start today",
                                         "hiring immediately",
                                         "act fast",
                                         "act now",
                                         "hurry",
                                         "limited spots",
                                         "spots are almost",
                                         "positions are limited",
                                         "first come, first served",
                                         "expires in 24 hours",
                                         "no experience needed",
                                         "no experience or interview",
                                         "no experience required",
                                         "no interview",
                                         "no cv needed",
                                         "100% legit",
                                         "financially free",
                                         "earn up to",
                                         "from the comfort of your home",
                                         "!!!"};
constexpr std::string_view kFreeMailProviders[] = {
    "gmail",  "googlemail", "yahoo",      "ymail", "hotmail", "outlook", "live", "msn",     "aol",
    "icloud", "proton",     "protonmail", "gmx",   "yandex",  "mail",    "zoho", "tutanota"};

bool WordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || (c & 0x80) != 0;
}

// Each phrase found at word boundaries, once.
void FindPhrases(std::string_view text, std::span<const std::string_view> phrases,
                 std::vector<std::string>* found) {
  for (std::string_view p : phrases) {
    size_t pos = 0;
    while ((pos = text.find(p, pos)) != std::string_view::npos) {
      const bool left = pos == 0 || !WordChar(text[pos - 1]) || !WordChar(p.front());
      const size_t end = pos + p.size();
      const bool right = end >= text.size() || !WordChar(text[end]) || !WordChar(p.back());
      if (left && right) {
        found->emplace_back(p);
        break;
      }
      pos += 1;
    }
  }
}

// Email domains in the text whose first label is a free-mail provider.
void FindFreeMail(std::string_view text, std::vector<std::string>* found) {
  size_t at = 0;
  while ((at = text.find('@', at)) != std::string_view::npos) {
    size_t end = at + 1;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '.' || text[end] == '-')) {
      ++end;
    }
    std::string_view domain = text.substr(at + 1, end - at - 1);
    while (!domain.empty() && (domain.back() == '.' || domain.back() == '-')) {
      domain.remove_suffix(1);  // the sentence's full stop
    }
    const size_t dot = domain.find('.');
    // An address has a local part before the '@' and a dotted domain after it.
    const bool address = at > 0 && WordChar(text[at - 1]) && dot != std::string_view::npos;
    if (address) {
      std::string_view label = domain.substr(0, dot);
      for (std::string_view p : kFreeMailProviders) {
        if (label == p) {
          std::string d(domain);
          if (std::find(found->begin(), found->end(), d) == found->end()) found->push_back(d);
        }
      }
    }
    at = end > at ? end : at + 1;
  }
}

}  // namespace

std::span<const std::string_view> ScamSignalNames() {
  return kNames;
}

std::string_view ScamSignalName(ScamSignal s) {
  return kNames[static_cast<size_t>(s)];
}

std::string_view ScamSignalMeaning(ScamSignal s) {
  return kMeanings[static_cast<size_t>(s)];
}

std::string ScamSignals::Reason(ScamSignal s) const {
  std::string out(ScamSignalMeaning(s));
  const auto& ev = evidence[static_cast<size_t>(s)];
  if (ev.empty()) return out;
  out += " (";
  for (size_t i = 0; i < ev.size() && i < 3; ++i) {
    if (i) out += ", ";
    out += "\u201c" + ev[i] + "\u201d";
  }
  return out + ")";
}

std::string ScamText(const Job& job) {
  std::string text;
  text.reserve(job.title.size() + job.description.size() + job.apply_url.size() + 64);
  text += job.title;
  text += "\n";
  text += job.description;
  text += "\n";
  text += job.apply_url;
  text += "\n";
  text += job.eligibility_evidence;
  return text;
}

ScamSignals ComputeScamSignals(const Job& job, const SignalContext& context) {
  ScamSignals s;
  const std::string text = AsciiLower(ScamText(job));
  auto count = [&](ScamSignal which, std::span<const std::string_view> phrases) {
    auto& ev = s.evidence[static_cast<size_t>(which)];
    FindPhrases(text, phrases, &ev);
    s.values[static_cast<size_t>(which)] = static_cast<float>(std::min<size_t>(ev.size(), 5));
  };
  count(ScamSignal::kOffPlatformContact, kOffPlatform);
  count(ScamSignal::kAsksForPayment, kPayment);
  count(ScamSignal::kAsksForPersonalData, kPersonalData);
  count(ScamSignal::kUrgencyWording, kUrgency);

  auto& mail = s.evidence[static_cast<size_t>(ScamSignal::kFreeMailContact)];
  FindFreeMail(text, &mail);
  s.values[static_cast<size_t>(ScamSignal::kFreeMailContact)] =
      static_cast<float>(std::min<size_t>(mail.size(), 5));

  if (context.company != nullptr) {
    const Company& c = *context.company;
    int missing = (c.website.empty() ? 1 : 0) + (c.has_logo ? 0 : 1) + (c.verified ? 0 : 1);
    s.values[static_cast<size_t>(ScamSignal::kThinCompanyProfile)] =
        static_cast<float>(missing) / 3.0f;
    auto& ev = s.evidence[static_cast<size_t>(ScamSignal::kThinCompanyProfile)];
    if (c.website.empty()) ev.emplace_back("no website");
    if (!c.has_logo) ev.emplace_back("no logo");
    if (!c.verified) ev.emplace_back("not verified");
  }

  const Salary& pay = job.salary;
  if (context.estimate && context.estimate->median > 0 && pay.source == "employer" &&
      (pay.annual_usd_min || pay.annual_usd_max)) {
    const double lo = pay.annual_usd_min.value_or(*pay.annual_usd_max);
    const double hi = pay.annual_usd_max.value_or(lo);
    const double mid = (lo + hi) / 2;
    if (mid > 0) {
      const double ratio = std::abs(std::log(mid / context.estimate->median));
      // Recorded as the log-ratio beyond the tolerated factor, so 0 means "within it".
      const double beyond = std::max(0.0, ratio - std::log(kFarSalaryFactor));
      s.values[static_cast<size_t>(ScamSignal::kSalaryFarFromEstimate)] =
          static_cast<float>(beyond);
      if (beyond > 0) {
        s.evidence[static_cast<size_t>(ScamSignal::kSalaryFarFromEstimate)].push_back(
            (mid > context.estimate->median ? "above" : "below") + std::string(" the estimate"));
      }
    }
  }

  if (context.duplicates > 0) {
    s.values[static_cast<size_t>(ScamSignal::kDuplicateText)] =
        static_cast<float>(std::min(context.duplicates, 10));
    s.evidence[static_cast<size_t>(ScamSignal::kDuplicateText)].push_back(
        std::to_string(context.duplicates) + " other post" + (context.duplicates > 1 ? "s" : ""));
  }
  return s;
}

}  // namespace meridian
