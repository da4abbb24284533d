#include "platform/fx.h"

#include <cmath>

namespace meridian {
namespace {

// Approximate mid-market value of one unit in USD on kDate, rounded to 3 significant
// figures. Normalization makes salaries comparable; it is not accounting. See
// docs/salary.md for how to update the table.
constexpr std::string_view kDate = "2025-06-30";
struct Rate {
  std::string_view code;
  double usd;
};
constexpr Rate kRates[] = {
    {"AED", 0.272},    {"ARS", 0.000840}, {"AUD", 0.656},    {"BDT", 0.00818}, {"BGN", 0.599},
    {"BRL", 0.183},    {"CAD", 0.733},    {"CHF", 1.26},     {"CLP", 0.00107}, {"CNY", 0.140},
    {"COP", 0.000245}, {"CZK", 0.0474},   {"DKK", 0.157},    {"EGP", 0.0202},  {"EUR", 1.17},
    {"GBP", 1.37},     {"GEL", 0.368},    {"HKD", 0.127},    {"HUF", 0.00293}, {"IDR", 0.0000616},
    {"ILS", 0.297},    {"INR", 0.0117},   {"JPY", 0.00694},  {"KES", 0.00774}, {"KRW", 0.000740},
    {"MXN", 0.0532},   {"MYR", 0.237},    {"NGN", 0.000653}, {"NOK", 0.0989},  {"NZD", 0.607},
    {"PEN", 0.282},    {"PHP", 0.0177},   {"PKR", 0.00353},  {"PLN", 0.276},   {"RON", 0.231},
    {"RSD", 0.00999},  {"SAR", 0.267},    {"SEK", 0.105},    {"SGD", 0.785},   {"THB", 0.0307},
    {"TRY", 0.0251},   {"TWD", 0.0342},   {"UAH", 0.0240},   {"USD", 1.0},     {"VND", 0.0000383},
    {"ZAR", 0.0563},
};

constexpr double kMaxAnnualUsd = 10'000'000;

}  // namespace

std::string_view FxTableDate() {
  return kDate;
}

std::optional<double> UsdPerUnit(std::string_view currency) {
  for (const Rate& r : kRates) {
    if (r.code == currency) return r.usd;
  }
  return std::nullopt;
}

std::vector<std::string> FxCurrencies() {
  std::vector<std::string> out;
  for (const Rate& r : kRates) out.emplace_back(r.code);
  return out;
}

std::optional<double> PeriodsPerYear(std::string_view period) {
  if (period == "HOUR") return 2080.0;
  if (period == "DAY") return 260.0;
  if (period == "WEEK") return 52.0;
  if (period == "MONTH") return 12.0;
  if (period == "YEAR") return 1.0;
  return std::nullopt;
}

Status NormalizeSalary(Salary* s) {
  if (!s->present()) return InvalidArgumentError("min: a salary needs min or max", "min");
  if (s->min && *s->min < 0) return InvalidArgumentError("min: must not be negative", "min");
  if (s->max && *s->max < 0) return InvalidArgumentError("max: must not be negative", "max");
  if (s->min && s->max && *s->min > *s->max) {
    return InvalidArgumentError("min: must not exceed max (the range is inverted)", "min");
  }
  if (s->max && *s->max == 0) return InvalidArgumentError("max: must be greater than 0", "max");
  if (s->currency.empty())
    return InvalidArgumentError("currency: is required with an amount", "currency");
  auto usd = UsdPerUnit(s->currency);
  if (!usd) {
    return InvalidArgumentError(
        "currency: unknown currency '" + s->currency.substr(0, 10) +
            "' (expected an ISO 4217 code from the FX table, like USD or EUR)",
        "currency");
  }
  if (s->period.empty()) s->period = "YEAR";
  auto per_year = PeriodsPerYear(s->period);
  if (!per_year) return InvalidArgumentError("period: expected HOUR|DAY|WEEK|MONTH|YEAR", "period");
  auto annual = [&](double v) { return std::round(v * *usd * *per_year); };
  s->annual_usd_min = s->min ? std::optional<double>(annual(*s->min)) : std::nullopt;
  s->annual_usd_max = s->max ? std::optional<double>(annual(*s->max)) : std::nullopt;
  double top = s->annual_usd_max ? *s->annual_usd_max : *s->annual_usd_min;
  if (top > kMaxAnnualUsd) {
    return InvalidArgumentError(
        "max: is implausibly high (over 10,000,000 USD a year after conversion; check "
        "the period and currency)",
        s->max ? "max" : "min");
  }
  return OkStatus();
}

}  // namespace meridian
