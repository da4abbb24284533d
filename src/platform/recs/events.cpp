#include "platform/recs/events.h"

#include <array>

namespace meridian {
namespace {

struct KindInfo {
  std::string_view name;
  float weight;
  bool ends;
  std::string_view verb;
};

constexpr std::array<KindInfo, 6> kKinds = {{
    {"view", 1, false, "viewed"},
    {"click", 1, false, "clicked"},
    {"read", 1, false, "read"},
    {"save", 3, true, "saved"},
    {"apply", 5, true, "applied to"},
    {"hide", 0, true, "hid"},
}};

const KindInfo* Find(std::string_view kind) {
  for (const KindInfo& k : kKinds) {
    if (k.name == kind) return &k;
  }
  return nullptr;
}

}  // namespace

bool IsEventKind(std::string_view kind) {
  return Find(kind) != nullptr;
}

std::string_view StaticEventKind(std::string_view kind) {
  const KindInfo* k = Find(kind);
  return k ? k->name : std::string_view();
}

std::string_view EventKinds() {
  return "view, click, read, save, apply, hide";
}

float EventWeight(std::string_view kind) {
  const KindInfo* k = Find(kind);
  return k ? k->weight : 0;
}

bool EndsRecommendation(std::string_view kind) {
  const KindInfo* k = Find(kind);
  return k && k->ends;
}

std::string_view EventVerb(std::string_view kind) {
  const KindInfo* k = Find(kind);
  return k ? k->verb : "used";
}

bool IsVisitorId(std::string_view id) {
  if (id.size() != 22) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

StatusOr<Recording> RecordingFor(StoreReader& store, const EventOwner& owner,
                                 const PrivacySignals& signals) {
  const std::string opted_out = "you opted out of recording";
  if (owner.user_id > 0) {
    ASSIGN_OR_RETURN(User u, store.GetUser(owner.user_id));
    if (u.events_opt_out) return Recording{.on = false, .reason = opted_out};
    return Recording{};
  }
  if (signals.tracking_cookie == "off") return Recording{.on = false, .reason = opted_out};
  if (signals.sec_gpc == "1") {
    return Recording{
        .on = false, .by_browser = true, .reason = "your browser sent Global Privacy Control"};
  }
  if (signals.dnt == "1") {
    return Recording{.on = false, .by_browser = true, .reason = "your browser sent Do Not Track"};
  }
  return Recording{};
}

}  // namespace meridian
