// Behavioural events (issue 6): what a visitor did with an item, and how much each kind
// says about their taste. Shared by the API (validation), the recommenders (weights) and
// the feed (what never to show again).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/statusor.h"
#include "engine/store/records.h"
#include "engine/store/store.h"

namespace meridian {

// view|click|read|save|apply|hide, in that order of strength (hide says "not this").
bool IsEventKind(std::string_view kind);
// The kind's name in static storage (outlives any request), "" when it is not a kind.
std::string_view StaticEventKind(std::string_view kind);
// "view, click, read, save, apply, hide" for error messages.
std::string_view EventKinds();
// Implicit-feedback weight of one event: view, click and read 1, save 3, apply 5; hide 0
// (a hide removes the item from the owner's positives instead).
float EventWeight(std::string_view kind);
// Items the feed must never show the owner again: hidden, applied to, or saved (a saved
// job is on the saved list already).
bool EndsRecommendation(std::string_view kind);
// How a reason names the owner's action: "viewed", "saved", "applied to", ...
std::string_view EventVerb(std::string_view kind);

// Anonymous visitors are told apart by a first-party cookie holding a random id (never a
// third-party tracker); "off" in the tracking cookie opts a visitor out.
inline constexpr std::string_view kVisitorCookie = "meridian_visitor";
inline constexpr std::string_view kTrackingCookie = "meridian_tracking";
inline constexpr size_t kVisitorIdBytes = 16;
// A visitor id as this server issues them: 22 base64url characters.
bool IsVisitorId(std::string_view id);

// What a request says about recording: the tracking cookie's value and the browser's
// Sec-GPC and DNT headers.
struct PrivacySignals {
  std::string_view tracking_cookie, sec_gpc, dnt;
};

// Whether an owner's events are recorded, and if not, why.
struct Recording {
  bool on = true;
  bool by_browser = false;  // off because the browser asks (GPC or DNT): only it can turn it on
  std::string reason;       // "" when on: "you opted out of recording", ...
};

// An account follows its stored opt-out; a visitor their tracking cookie, then the
// browser's signals.
StatusOr<Recording> RecordingFor(StoreReader& store, const EventOwner& owner,
                                 const PrivacySignals& signals);

}  // namespace meridian
