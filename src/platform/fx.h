// Salary normalization: raw (min, max, currency, period) -> annual USD, using a fixed FX
// table (docs/salary.md gives its date and method) and HOUR x2080, DAY x260, WEEK x52,
// MONTH x12.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "engine/store/records.h"

namespace meridian {

// Date of the FX table, e.g. "2025-06-30".
std::string_view FxTableDate();
// USD for one unit of `currency` (ISO 4217, uppercase); nullopt when not in the table.
std::optional<double> UsdPerUnit(std::string_view currency);
// Currencies in the table, sorted.
std::vector<std::string> FxCurrencies();
// Periods per year: HOUR 2080, DAY 260, WEEK 52, MONTH 12, YEAR 1; nullopt for others.
std::optional<double> PeriodsPerYear(std::string_view period);

// Validates the raw fields of `salary` and fills annual_usd_min/max (rounded to whole
// dollars). Errors name the field relative to the salary object ("min", "currency", ...).
// Requires: at least one of min/max; min <= max; non-negative; known currency and period;
// plausible annual amounts (<= 10M USD).
Status NormalizeSalary(Salary* salary);

}  // namespace meridian
