// /me/activity (issue 6): what the visitor's "for you" list learns from, with the controls
// to clear it and to stop (or restart) recording. The buttons call the JSON API
// (static/events.js); the page itself only reads.
#include "base/strings.h"
#include "platform/recs/events.h"
#include "web/format.h"
#include "web/pages.h"

namespace meridian::web {
namespace {

constexpr int kHistoryShown = 200;

std::string PagePath(Entity e, const std::string& slug) {
  switch (e) {
    case Entity::kJob:
      return "/jobs/" + slug;
    case Entity::kCompany:
      return "/companies/" + slug;
    case Entity::kCity:
      return "/cities/" + slug;
    case Entity::kArticle:
      return "/articles/" + slug;
    case Entity::kTalent:
      return "/talent/" + slug;
    case Entity::kEvent:
      break;
  }
  return "/";
}

http::Response ActivityPage(const Site& site, const http::Request& req) {
  Principal who = site.Caller(req);
  EventOwner owner = VisitorOwner(who, req);
  Site::Data d;
  Site::List events;
  if (owner.user_id > 0 || !owner.session_id.empty()) {
    auto list = site.store().ListEventsOf(owner, kHistoryShown);
    if (!list.ok()) return site.Error(req, list.status());
    for (auto it = list->rbegin(); it != list->rend(); ++it) {  // newest first
      Site::Data e;
      std::string slug;
      if (auto context = ParseJson(it->context); context.ok() && context->is_object() &&
                                                 context->contains("slug") &&
                                                 (*context)["slug"].is_string()) {
        slug = (*context)["slug"].get<std::string>();
      }
      std::string entity(EntityName(it->entity));
      e.set("slug", slug.empty() ? entity + " #" + std::to_string(it->entity_id) : slug);
      e.set("href", slug.empty() ? std::string("/") : PagePath(it->entity, slug));
      e.set("verb", std::string(EventVerb(it->kind)));
      e.set("at", HumanDate(it->at));
      e.set("at_iso", FormatDate(it->at));
      events.push_back(e);
    }
  }
  std::string cookie = http::Cookie(req, kTrackingCookie);
  std::string gpc = req.Header("sec-gpc"), dnt = req.Header("dnt");
  auto recording =
      RecordingFor(site.store(), owner, {.tracking_cookie = cookie, .sec_gpc = gpc, .dnt = dnt});
  if (!recording.ok()) return site.Error(req, recording.status());
  d.set("events", events);
  d.set("recording", recording->on);
  d.set("why_not", Opt(recording->reason));
  d.set("can_enable", !recording->by_browser);
  d.set("signed_in", who.user_id > 0);
  http::Response page = site.Page(
      req,
      {.title = "Your activity",
       .description = "What Meridian remembers to suggest jobs for you, and how to clear it.",
       .path = "/me/activity",
       .noindex = true,
       .capture_events = true,
       .who = &who},
      "activity", d);
  page.headers.emplace_back("Cache-Control", "private, no-store");
  return page;
}

}  // namespace

void RegisterActivityPages(http::Router& router, std::shared_ptr<const Site> site) {
  router.Add(http::Method::kGet, "/me/activity",
             [site](http::Request& r) { return ActivityPage(*site, r); });
}

}  // namespace meridian::web
