#include "web/format.h"

#include <cmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "base/strings.h"
#include "base/utf8.h"
#include "platform/codec.h"

namespace meridian::web {
namespace {

constexpr std::string_view kEnDash = "\u2013";
constexpr std::string_view kMinus = "\u2212";

std::string Amount(double v) {
  // Whole units read best ("80,000"); keep cents only for small hourly figures ("42.50").
  double whole = std::round(v);
  if (std::fabs(v - whole) < 0.005 || v >= 1000) {
    return WithThousands(static_cast<int64_t>(whole));
  }
  return FormatFixed(v, 2);
}

// "$94k", "$1.2M", "$850".
std::string UsdCompact(double v, bool with_symbol) {
  std::string sym = with_symbol ? "$" : "";
  if (v >= 1e6) return sym + FormatFixed(v / 1e6, v >= 1e7 ? 0 : 1) + "M";
  if (v >= 1e3) return sym + FormatFixed(std::round(v / 1e3), 0) + "k";
  return sym + FormatFixed(std::round(v), 0);
}

std::string Capitalized(std::string_view v) {
  std::string out(v);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace

std::string FormatFixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string FormatSalary(const Salary& s) {
  if (!s.present()) return "";
  std::string range;
  if (s.min && s.max && *s.min != *s.max) {
    range = Amount(*s.min) + std::string(kEnDash) + Amount(*s.max);
  } else if (s.min && s.max) {
    range = Amount(*s.min);
  } else if (s.min) {
    range = "from " + Amount(*s.min);
  } else {
    range = "up to " + Amount(*s.max);
  }
  std::string out = range;
  if (!s.currency.empty()) out += " " + s.currency;
  std::string period = PeriodLabel(s.period);
  if (!period.empty()) out += " / " + period;
  return out;
}

std::string FormatUsdAnnual(const Salary& s) {
  if (!s.annual_usd_min && !s.annual_usd_max) return "";
  if (s.currency == "USD" && s.period == "YEAR") return "";
  std::string range;
  if (s.annual_usd_min && s.annual_usd_max &&
      std::round(*s.annual_usd_min / 1e3) != std::round(*s.annual_usd_max / 1e3)) {
    range = UsdCompact(*s.annual_usd_min, true) + std::string(kEnDash) +
            UsdCompact(*s.annual_usd_max, false);
  } else if (s.annual_usd_min) {
    range = (s.annual_usd_max ? "" : "from ") + UsdCompact(*s.annual_usd_min, true);
  } else {
    range = "up to " + UsdCompact(*s.annual_usd_max, true);
  }
  return "\u2248 " + range + " USD/yr";
}

std::string FormatEstimate(const std::optional<SalaryRange>& e) {
  if (!e || e->high <= 0) return "";
  return UsdCompact(e->low, true) + std::string(kEnDash) + UsdCompact(e->high, false) + " USD/yr";
}

std::string FormatUtcOffset(int minutes) {
  if (minutes == 0) return "UTC\u00b10";
  std::string out = "UTC";
  out += minutes < 0 ? std::string(kMinus) : std::string("+");
  int a = std::abs(minutes);
  out += std::to_string(a / 60);
  if (a % 60 != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ":%02d", a % 60);
    out += buf;
  }
  return out;
}

std::string FormatWindow(const TimezoneWindow& w) {
  if (!w.zone.empty()) {
    return FormatClock(w.start_minute) + std::string(kEnDash) + FormatClock(w.end_minute) + " " +
           w.zone;
  }
  if (w.utc_min_minutes && w.utc_max_minutes) {
    if (*w.utc_min_minutes == *w.utc_max_minutes) return FormatUtcOffset(*w.utc_min_minutes);
    return FormatUtcOffset(*w.utc_min_minutes) + " to " + FormatUtcOffset(*w.utc_max_minutes);
  }
  if (w.utc_min_minutes) return FormatUtcOffset(*w.utc_min_minutes) + " or later";
  if (w.utc_max_minutes) return FormatUtcOffset(*w.utc_max_minutes) + " or earlier";
  return "";
}

std::string HumanDate(UnixSeconds t) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t y = 0;
  unsigned m = 1, d = 1;
  CivilFromDays(days, &y, &m, &d);
  return std::to_string(d) + " " + kMonths[(m - 1) % 12] + " " + std::to_string(y);
}

std::string Age(UnixSeconds t, UnixSeconds now) {
  int64_t days = (now - t) / 86400;
  if (now < t) return HumanDate(t);
  if (days == 0) return "today";
  if (days == 1) return "yesterday";
  if (days < 14) return std::to_string(days) + " days ago";
  if (days < 60) return std::to_string(days / 7) + " weeks ago";
  return HumanDate(t);
}

std::string FormatCoordinates(double lat, double lng) {
  return FormatFixed(std::fabs(lat), 2) + "\u00b0 " + (lat < 0 ? "S" : "N") + ", " +
         FormatFixed(std::fabs(lng), 2) + "\u00b0 " + (lng < 0 ? "W" : "E");
}

std::string CompactCount(int64_t n) {
  if (n >= 1'000'000)
    return FormatFixed(static_cast<double>(n) / 1e6, n >= 10'000'000 ? 0 : 1) + "M";
  if (n >= 10'000) return std::to_string(n / 1000) + "k";
  return WithThousands(n);
}

std::string EmploymentTypeLabel(std::string_view v) {
  if (v == "FULL_TIME") return "Full-time";
  if (v == "PART_TIME") return "Part-time";
  if (v == "CONTRACTOR") return "Contract";
  if (v == "TEMPORARY") return "Temporary";
  if (v == "INTERN") return "Internship";
  if (v == "VOLUNTEER") return "Volunteer";
  if (v == "PER_DIEM") return "Per diem";
  if (v == "OTHER") return "Other";
  std::string out = AsciiLower(v);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return Capitalized(out);
}

std::string SeniorityLabel(std::string_view v) {
  return Capitalized(v);
}

std::string RemotePolicyLabel(std::string_view v) {
  std::string out(v);
  for (char& c : out) {
    if (c == '-') c = ' ';
  }
  return Capitalized(out);
}

std::string CompanySizeLabel(std::string_view v) {
  if (v == "small") return "Small (under 50)";
  if (v == "medium") return "Medium (50–250)";
  if (v == "large") return "Large (250–1,000)";
  if (v == "enterprise") return "Enterprise (1,000+)";
  return Capitalized(v);
}

std::string AvailabilityLabel(std::string_view v) {
  if (v == "now") return "Available now";
  if (v == "2-weeks") return "Available in 2 weeks";
  if (v == "1-month") return "Available in 1 month";
  if (v == "3-months") return "Available in 3 months";
  if (v == "not-looking") return "Not looking right now";
  return Capitalized(v);
}

std::string PeriodLabel(std::string_view period) {
  if (period == "HOUR") return "hour";
  if (period == "DAY") return "day";
  if (period == "WEEK") return "week";
  if (period == "MONTH") return "month";
  if (period == "YEAR") return "year";
  return AsciiLower(period);
}

std::string NomadComponentLabel(std::string_view name) {
  if (name == "cost") return "Cost of living";
  if (name == "internet") return "Internet speed";
  if (name == "safety") return "Safety";
  if (name == "overlap") return "Time-zone overlap";
  return Capitalized(name);
}

std::string MarkdownToHtml(std::string_view markdown) {
  // CMARK_OPT_DEFAULT leaves CMARK_OPT_UNSAFE off: raw HTML becomes a comment and unsafe
  // link schemes become empty hrefs.
  char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  if (html == nullptr) return "";
  std::unique_ptr<char, decltype(&std::free)> owned(html, &std::free);
  return std::string(owned.get());
}

std::string PlainExcerpt(std::string_view markdown, size_t max_chars) {
  std::string text = MarkdownToPlainText(markdown);
  if (Utf8Length(text) <= max_chars) return text;
  std::string cut(Utf8Prefix(text, max_chars > 1 ? max_chars - 1 : 0));
  size_t space = cut.rfind(' ');
  if (space != std::string::npos && space > cut.size() / 2) cut.resize(space);
  while (!cut.empty() && (cut.back() == ',' || cut.back() == '.' || cut.back() == ' ' ||
                          cut.back() == ';' || cut.back() == ':')) {
    cut.pop_back();
  }
  return cut + "\u2026";
}

std::string ScriptSafeJson(const Json& j) {
  std::string raw = DumpJson(j);
  std::string out;
  out.reserve(raw.size() + 16);
  for (char c : raw) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::optional<std::string> SafeUrl(std::string_view url, bool allow_mailto) {
  url = Trim(url);
  if (url.empty() || url.size() > 2000 || !IsValidUtf8(url)) return std::nullopt;
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') {
      return std::nullopt;
    }
  }
  std::string lower = AsciiLower(url.substr(0, 8));
  if (StartsWith(lower, "https://") || StartsWith(lower, "http://")) {
    size_t host = url.find("//") + 2;
    if (host >= url.size() || url[host] == '/') return std::nullopt;
    return std::string(url);
  }
  if (allow_mailto && StartsWith(lower, "mailto:") && url.size() > 7) return std::string(url);
  return std::nullopt;
}

std::string DisplayUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  if (StartsWith(url, "www.")) url.remove_prefix(4);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(Utf8Prefix(url, 60));
}

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    out += out.empty() ? '?' : '&';
    out += PercentEncode(k) + "=" + PercentEncode(v);
  }
  return out;
}

}  // namespace meridian::web
