// JSON representation of the domain records, shared by the API, import and export.
//
// Decoding validates and normalizes completely: a record that decodes is fit for the store
// (apart from references, which the store checks in its transaction). Errors name the field
// ("salary.currency: unknown currency 'XYZ'"). Unknown fields are errors; read-only fields
// (timestamps, derived values) are errors for API writes and ignored on import, so that an
// export can be imported again.
#pragma once

#include "base/json.h"
#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/records.h"

namespace meridian {

enum class View {
  kPublic,     // what anyone may read
  kPrivate,    // adds private fields (talent email/contact): owners and admins
  kModerator,  // private plus moderation (a job's scam score and reasons): admins only
  kWritable,   // exactly the writable fields; the base document for PATCH
};

enum class ReadOnlyFields { kReject, kIgnore };

struct DecodeOptions {
  UnixSeconds now = 0;  // default for posted_at / published_at
  ReadOnlyFields read_only = ReadOnlyFields::kReject;
};

Json CompanyToJson(const Company& c, View view);
Json JobToJson(const Job& j, View view);
Json TalentToJson(const Talent& t, View view);
Json CityToJson(const City& c, View view);
Json ArticleToJson(const Article& a, View view);

// The slug may be absent ("" in the result): callers derive one (see catalog.h).
StatusOr<Company> CompanyFromJson(const Json& j, const DecodeOptions& options);
StatusOr<Job> JobFromJson(const Json& j, const DecodeOptions& options);
StatusOr<Talent> TalentFromJson(const Json& j, const DecodeOptions& options);
StatusOr<City> CityFromJson(const Json& j, const DecodeOptions& options);
StatusOr<Article> ArticleFromJson(const Json& j, const DecodeOptions& options);

// "09:00" <-> 540.
std::string FormatClock(int minutes);
std::optional<int> ParseClock(std::string_view text);

}  // namespace meridian
