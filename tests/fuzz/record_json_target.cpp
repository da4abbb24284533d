#include "base/json.h"
#include "fuzz_targets.h"
#include "platform/codec.h"

namespace meridian::fuzz {

namespace {

// Decodes, and when that succeeds, checks that the writable encoding decodes to a record
// with the same encoding (no field is lost or changed by a round trip).
template <typename T>
void RoundTrip(const Json& j, StatusOr<T> (*decode)(const Json&, const DecodeOptions&),
               Json (*encode)(const T&, View), ReadOnlyFields read_only) {
  const DecodeOptions options{.now = 1'700'000'000, .read_only = read_only};
  StatusOr<T> first = decode(j, options);
  if (!first.ok()) {
    if (first.status().message().empty()) Fail("a decode error without a message");
    return;
  }
  const Json encoded = encode(*first, View::kWritable);
  StatusOr<T> second = decode(encoded, options);
  if (!second.ok()) {
    Fail("a decoded record's own encoding does not decode: " + second.status().ToString() + "\n" +
         DumpJson(encoded));
  }
  const Json again = encode(*second, View::kWritable);
  if (again != encoded) {
    Fail("a round trip changed the record:\n" + DumpJson(encoded) + "\n" + DumpJson(again));
  }
  // Every view renders.
  for (View v : {View::kPublic, View::kPrivate, View::kModerator})
    (void)DumpJson(encode(*first, v));
}

}  // namespace

void RecordJsonTarget(std::string_view input) {
  if (input.empty()) return;
  const auto selector = static_cast<unsigned char>(input[0]);
  StatusOr<Json> j = ParseJson(input.substr(1));
  if (!j.ok()) return;
  const ReadOnlyFields read_only =
      (selector & 8) ? ReadOnlyFields::kIgnore : ReadOnlyFields::kReject;
  switch (selector % 5) {
    case 0:
      RoundTrip<Company>(*j, CompanyFromJson, CompanyToJson, read_only);
      break;
    case 1:
      RoundTrip<Job>(*j, JobFromJson, JobToJson, read_only);
      break;
    case 2:
      RoundTrip<Talent>(*j, TalentFromJson, TalentToJson, read_only);
      break;
    case 3:
      RoundTrip<City>(*j, CityFromJson, CityToJson, read_only);
      break;
    default:
      RoundTrip<Article>(*j, ArticleFromJson, ArticleToJson, read_only);
      break;
  }
}

}  // namespace meridian::fuzz
