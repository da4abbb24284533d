#include "base/json.h"
#include "fuzz_targets.h"
#include "platform/codec.h"
#include "platform/import/foreign.h"

namespace meridian::fuzz {

void ForeignJsonTarget(std::string_view input) {
  if (input.empty()) return;
  const bool resume = (static_cast<unsigned char>(input[0]) & 1) != 0;
  StatusOr<Json> j = ParseJson(input.substr(1));
  if (!j.ok()) return;
  const DecodeOptions decode{.now = 1'700'000'000, .read_only = ReadOnlyFields::kIgnore};
  if (!resume) {
    StatusOr<JobPostingResult> r = JobPostingToJob(*j);
    if (!r.ok()) return;
    (void)JobFromJson(r->job, decode);
    (void)CompanyFromJson(r->company, decode);
    return;
  }
  auto no_city = [](const std::string&, const std::string&) { return std::string(); };
  StatusOr<Json> talent_json = JsonResumeToTalent(*j, no_city);
  if (!talent_json.ok()) return;
  StatusOr<Talent> talent = TalentFromJson(*talent_json, decode);
  if (!talent.ok()) return;
  // Our own export of a profile must import again.
  const Json exported = TalentToJsonResume(*talent);
  StatusOr<Json> again = JsonResumeToTalent(exported, no_city);
  if (!again.ok()) {
    Fail("an exported JSON Resume does not convert back: " + again.status().ToString() + "\n" +
         DumpJson(exported));
  }
  StatusOr<Talent> reread = TalentFromJson(*again, decode);
  if (!reread.ok()) {
    Fail("an exported JSON Resume does not decode back: " + reread.status().ToString() + "\n" +
         DumpJson(exported));
  }
}

}  // namespace meridian::fuzz
