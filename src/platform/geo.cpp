#include "platform/geo.h"

#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "base/strings.h"

namespace meridian {
namespace {

const icu::Region* RegionOf(std::string_view code) {
  if (code.empty() || code.size() > 8) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  std::string c(code);
  const icu::Region* r = icu::Region::getInstance(c.c_str(), status);
  return U_SUCCESS(status) ? r : nullptr;
}

std::string EnglishName(const char* region_code) {
  icu::UnicodeString name;
  icu::Locale("und", region_code).getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  return out;
}

// Lowercase English name -> code, for territories, continents, subcontinents and the EU.
// Built once from ICU data; read-only afterwards.
const std::map<std::string, std::string>& NameIndex() {
  static const std::map<std::string, std::string> index = [] {
    std::map<std::string, std::string> m;
    for (URegionType type : {URGN_TERRITORY, URGN_CONTINENT, URGN_SUBCONTINENT}) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::StringEnumeration> e(icu::Region::getAvailable(type, status));
      if (U_FAILURE(status) || !e) continue;
      const char* code;
      while ((code = e->next(nullptr, status)) != nullptr && U_SUCCESS(status)) {
        std::string name = AsciiLower(EnglishName(code));
        if (!name.empty() && name != AsciiLower(code)) m.emplace(name, code);
      }
    }
    m["european union"] = "EU";
    // Common English forms that differ from ICU's display names.
    m["north america"] = "021";
    m["latin america"] = "419";
    m["south america"] = "005";
    m["central america"] = "013";
    m["usa"] = "US";
    m["united states of america"] = "US";
    m["uk"] = "GB";
    m["great britain"] = "GB";
    m["england"] = "GB";
    return m;
  }();
  return index;
}

bool IsAreaRegion(const icu::Region* r) {
  if (!r) return false;
  switch (r->getType()) {
    case URGN_TERRITORY:
    case URGN_CONTINENT:
    case URGN_SUBCONTINENT:
      return true;
    case URGN_GROUPING: {
      // M49 groupings such as 419 (Latin America and the Caribbean), and the EU.
      std::string_view code = r->getRegionCode();
      return code == "EU" || (code.size() == 3 && code[0] >= '0' && code[0] <= '9');
    }
    default:
      return false;
  }
}

}  // namespace

bool IsCountryCode(std::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
    return false;
  const icu::Region* r = RegionOf(code);
  return r && r->getType() == URGN_TERRITORY;
}

StatusOr<std::string> ResolveCountry(std::string_view input) {
  std::string in(Trim(input));
  if (in.size() == 2) {
    std::string up = in;
    for (char& c : up) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (IsCountryCode(up)) return up;
  } else {
    auto it = NameIndex().find(AsciiLower(in));
    if (it != NameIndex().end() && IsCountryCode(it->second)) return it->second;
  }
  return InvalidArgumentError("'" + in.substr(0, 60) +
                              "' is not an ISO 3166-1 country code (like PT or US)");
}

StatusOr<std::vector<std::string>> ResolveArea(std::string_view input) {
  std::string in(Trim(input));
  std::string lower = AsciiLower(in);
  if (lower == "ww" || lower == "worldwide" || lower == "anywhere" || lower == "global" ||
      lower == "world" || lower == "001") {
    return std::vector<std::string>{std::string(kWorldwide)};
  }
  if (lower == "emea") return std::vector<std::string>{"150", "002", "145"};
  if (lower == "apac" || lower == "asia-pacific" || lower == "asia pacific") {
    return std::vector<std::string>{"142", "009"};
  }
  if (lower == "americas-europe") return std::vector<std::string>{"019", "150"};
  if (lower == "americas") return std::vector<std::string>{"019"};
  if (lower == "europe") return std::vector<std::string>{"150"};
  std::string code;
  if (in.size() == 3 &&
      std::all_of(in.begin(), in.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    code = in;
  } else if (in.size() == 2) {
    code = in;
    for (char& c : code) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  } else {
    auto it = NameIndex().find(lower);
    if (it != NameIndex().end()) code = it->second;
  }
  const icu::Region* r = code.empty() ? nullptr : RegionOf(code);
  if (!IsAreaRegion(r)) {
    return InvalidArgumentError(
        "'" + in.substr(0, 60) +
        "' is not a country code, UN M49 region or 'Worldwide' (try PT, Europe, 150, "
        "Latin America)");
  }
  // ICU canonicalizes numeric inputs of territories (e.g. "620") to alpha-2 codes.
  return std::vector<std::string>{r->getRegionCode()};
}

namespace {

std::string IcuAreaName(std::string_view code) {
  std::string c(code);
  const icu::Region* r = RegionOf(code);
  if (!r) return c;
  std::string name = EnglishName(r->getRegionCode());
  return name.empty() ? c : name;
}

// Names of every territory and region, computed once: AreaName is on hot paths (every job
// rendered names its eligibility areas) and ICU display names are slow to look up.
const std::map<std::string, std::string, std::less<>>& AreaNames() {
  static const std::map<std::string, std::string, std::less<>> names = [] {
    std::map<std::string, std::string, std::less<>> m;
    for (URegionType type : {URGN_TERRITORY, URGN_CONTINENT, URGN_SUBCONTINENT, URGN_GROUPING}) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::StringEnumeration> e(icu::Region::getAvailable(type, status));
      if (U_FAILURE(status) || !e) continue;
      const char* code;
      while ((code = e->next(nullptr, status)) != nullptr && U_SUCCESS(status))
        m[code] = IcuAreaName(code);
    }
    m[std::string(kWorldwide)] = "Worldwide";
    m["EU"] = "European Union";
    return m;
  }();
  return names;
}

}  // namespace

std::string AreaName(std::string_view code) {
  const auto& names = AreaNames();
  auto it = names.find(code);
  return it != names.end() ? it->second : IcuAreaName(code);
}

bool AreaContains(std::string_view area, std::string_view country) {
  if (area == kWorldwide || area == country) return true;
  const icu::Region* a = RegionOf(area);
  const icu::Region* c = RegionOf(country);
  return a && c && a->contains(*c);
}

std::vector<std::string> CountryCodes() {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> e(icu::Region::getAvailable(URGN_TERRITORY, status));
  if (U_FAILURE(status) || !e) return out;
  const char* code;
  while ((code = e->next(nullptr, status)) != nullptr && U_SUCCESS(status)) {
    if (IsCountryCode(code)) out.emplace_back(code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<std::string>& TimezoneIds() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out = {"UTC"};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> all(icu::TimeZone::createTimeZoneIDEnumeration(
        UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
    if (U_FAILURE(status) || !all) return out;
    while (const icu::UnicodeString* id = all->snext(status)) {
      if (U_FAILURE(status)) break;
      std::string s;
      id->toUTF8String(s);
      out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return ids;
}

bool IsValidTimezone(std::string_view zone) {
  if (zone.empty() || zone.size() > 64 || zone == "Etc/Unknown") return false;
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())));
  icu::UnicodeString canonical;
  UBool is_system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, is_system, status);
  return U_SUCCESS(status) && is_system;
}

int UtcOffsetMinutes(std::string_view zone, UnixSeconds at) {
  if (!IsValidTimezone(zone)) return 0;
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())));
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  tz->getOffset(static_cast<UDate>(at) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 60000;
}

int OverlapMinutes(std::string_view zone_a, int start_a, int end_a, std::string_view zone_b,
                   int start_b, int end_b, UnixSeconds at) {
  return OverlapInterval(zone_a, start_a, end_a, zone_b, start_b, end_b, at).minutes;
}

OverlapSpan OverlapInterval(std::string_view zone_a, int start_a, int end_a,
                            std::string_view zone_b, int start_b, int end_b, UnixSeconds at) {
  // Express both windows in UTC minutes of the same day, then intersect allowing shifts of
  // a day either way (windows near midnight).
  int off_b = UtcOffsetMinutes(zone_b, at);
  auto to_utc = [&](int off, int start, int end, int* s, int* e) {
    *s = start - off;
    *e = (end > start ? end : end + 1440) - off;
  };
  int sa, ea, sb, eb;
  to_utc(UtcOffsetMinutes(zone_a, at), start_a, end_a, &sa, &ea);
  to_utc(off_b, start_b, end_b, &sb, &eb);
  OverlapSpan best;
  for (int shift : {-1440, 0, 1440}) {
    int lo = std::max(sa, sb + shift), hi = std::min(ea, eb + shift);
    if (hi - lo > best.minutes) {
      auto local = [&](int utc) { return (((utc - shift + off_b) % 1440) + 1440) % 1440; };
      best = {hi - lo, local(lo), local(hi)};
    }
  }
  return best;
}

}  // namespace meridian
