// Text helpers for the pages: salaries, time zones, dates, vocabulary labels, Markdown and
// JSON that is safe inside <script>. Pure functions of their arguments, safe from any thread.
//
//   FormatSalary(job.salary)        -> "80,000–100,000 EUR / year"
//   FormatUsdAnnual(job.salary)     -> "≈ $94k–117k USD/yr"
//   FormatWindow(*job.timezone)     -> "09:00–17:00 Europe/Berlin" or "UTC−5 to UTC+2"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "engine/store/records.h"

namespace meridian::web {

// The employer's figures as given: "80,000–100,000 EUR / year", "from 60 USD / hour",
// "up to 5,000 GBP / month". "" when the salary has no amount.
std::string FormatSalary(const Salary& s);
// The derived annual USD range, compact: "≈ $94k–117k USD/yr". "" when not derived, or when
// the raw figures already are annual USD.
std::string FormatUsdAnnual(const Salary& s);
// A salary estimate's P10-P90 range: "$55k–76k USD/yr" ("" without one).
std::string FormatEstimate(const std::optional<SalaryRange>& e);

// "UTC+1", "UTC−5", "UTC+5:30", "UTC±0" (the minus is U+2212).
std::string FormatUtcOffset(int minutes);
// "09:00–17:00 Europe/Berlin" for a zone window; "UTC−5 to UTC+2" for an offset range.
std::string FormatWindow(const TimezoneWindow& w);

// "27 Nov 2026".
std::string HumanDate(UnixSeconds t);
// "today", "yesterday", "3 days ago", "5 weeks ago", else HumanDate.
std::string Age(UnixSeconds t, UnixSeconds now);
// "38.72° N, 9.14° W".
std::string FormatCoordinates(double lat, double lng);
// "1,234,567" -> "1.2M", "12,345" -> "12k"; small numbers unchanged.
std::string CompactCount(int64_t n);
// "%.0f" / "%.1f" without locale surprises.
std::string FormatFixed(double v, int decimals);

// Labels for vocabulary values: "FULL_TIME" -> "Full-time", "senior" -> "Senior",
// "fully-remote" -> "Fully remote", "2-weeks" -> "In 2 weeks", "cost" -> "Cost of living".
std::string EmploymentTypeLabel(std::string_view v);
std::string SeniorityLabel(std::string_view v);
std::string RemotePolicyLabel(std::string_view v);
std::string CompanySizeLabel(std::string_view v);
std::string AvailabilityLabel(std::string_view v);
std::string PeriodLabel(std::string_view period);  // "YEAR" -> "year"
std::string NomadComponentLabel(std::string_view name);

// CommonMark -> HTML with cmark's safe defaults: raw HTML is omitted and javascript:,
// vbscript:, file: and data: (except images) links are dropped. Safe to emit unescaped.
std::string MarkdownToHtml(std::string_view markdown);
// Plain text from Markdown for meta descriptions and card excerpts: markup stripped,
// whitespace collapsed, cut at a word boundary to at most `max_chars` code points with "…".
std::string PlainExcerpt(std::string_view markdown, size_t max_chars);

// JSON for a <script type="application/ld+json"> block: '<', '>' and '&' become \u003c,
// \u003e and \u0026, so no "</script" or "<!--" can appear in the output.
std::string ScriptSafeJson(const Json& j);

// `url` when it is an absolute http(s) URL without spaces or control characters (and, with
// allow_mailto, a mailto: URL); nullopt otherwise. Keeps javascript: and friends out of href.
std::optional<std::string> SafeUrl(std::string_view url, bool allow_mailto = false);
// "example.com/path" from "https://www.example.com/path/" for link text.
std::string DisplayUrl(std::string_view url);

// "?a=1&b=x%20y" from the pairs whose value is not empty; "" when none are.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace meridian::web
