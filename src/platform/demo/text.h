// Small text helpers of the demo generator: template filling, English lists, money.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace meridian::demo {

struct Var {
  std::string_view name;
  std::string_view value;
};

// Appends `tmpl` to `out` with each {name} replaced by the value of the matching Var (a
// placeholder without a Var is copied as it is).
void Fill(std::string* out, std::string_view tmpl, std::initializer_list<Var> vars);
std::string Filled(std::string_view tmpl, std::initializer_list<Var> vars);

// "a", "a and b", "a, b and c" (or "or" as the last word).
std::string EnglishList(const std::vector<std::string>& items, std::string_view last = "and");

// Rounds to two significant digits (three from 100,000 up): 123456 -> 123000, 87.3 -> 87.
double RoundNice(double v);
// "120,000" or "42.5" (at most one decimal, dropped when zero).
std::string FormatAmount(double v);
// "UTC+05:30", "UTC-03:00", "UTC".
std::string FormatUtcOffset(int minutes);
// "4.5" hours from minutes.
std::string FormatHours(int minutes);
// Uppercases the first ASCII letter.
std::string Capitalized(std::string_view s);
// "the United States", "the Americas"; other names as they are ("Portugal", "Europe").
std::string WithThe(std::string_view place);
// "a Senior Engineer", "an Android Engineer", "an ML Engineer", "a UX Designer".
std::string WithArticle(std::string_view noun);

}  // namespace meridian::demo
