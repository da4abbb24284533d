// The moderation queue (issue 7), for admins: flagged job posts with their scam score and
// reasons, each approved (it goes live, labelled legit) or rejected (labelled scam). The
// labels train the next scam model (`meridian train scam`).
#include <cmath>

#include "base/slug.h"
#include "platform/trust/moderation.h"
#include "web/format.h"
#include "web/forms.h"
#include "web/pages.h"

namespace meridian::web {
namespace {

http::Response QueuePage(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAdminRequest(site, req, {}, &ar)) return *refused;
  std::string view = req.Query("status").value_or("flagged");
  if (view != "flagged" && view != "rejected") view = "flagged";
  StatusOr<Page<Job>> page = site.store().ListJobs({.statuses = {view}}, {.limit = 50});
  if (!page.ok()) return site.Error(req, page.status());
  Site::List rows;
  for (const Job& j : page->items) {
    Site::Data row;
    row.set("slug", j.slug);
    row.set("title", j.title);
    row.set("company", j.company_name);
    row.set("company_href", "/companies/" + j.company_slug);
    row.set("score", j.scam_score
                         ? std::to_string(static_cast<int>(std::lround(*j.scam_score * 100))) + "%"
                         : std::string("not scored"));
    Site::List reasons;
    for (const std::string& r : j.scam_reasons) {
      Site::Data item;
      item.set("text", r);
      reasons.push_back(item);
    }
    row.set("has_reasons", !reasons.empty());
    row.set("reasons", reasons);
    row.set("excerpt", PlainExcerpt(j.description, 600));
    row.set("posted", HumanDate(j.posted_at));
    row.set("flagged", j.status == "flagged");
    rows.push_back(row);
  }
  Site::Data d;
  d.set("csrf", ar.who.csrf_token);
  d.set("jobs", rows);
  d.set("empty", rows.empty());
  d.set("showing_flagged", view == "flagged");
  std::string done_title;
  if (std::string done = req.Query("done").value_or(""); ValidateSlug(done).ok()) {
    if (StatusOr<Job> j = site.store().GetJob(done); j.ok()) done_title = j->title;
  }
  d.set("done_title", Opt(done_title));
  const std::string verdict = req.Query("verdict").value_or("");
  d.set("done_verdict", verdict == "approved"   ? "Approved and published"
                        : verdict == "rejected" ? "Rejected"
                                                : "Done");
  if (const TrustService* trust = site.ctx().trust) {
    TrustStatus s = trust->status();
    d.set("method",
          s.scam_method == "model" ? "the trained scam model" : "the rules (no model yet)");
    d.set("salary_model", s.salary_model);
    d.set("last_error", Opt(s.last_error));
  }
  return NoStore(site.Page(
      req, {.title = "Moderation", .path = "/admin/moderation", .noindex = true, .who = &ar.who},
      "moderation", d));
}

http::Response Decide(const Site& site, const http::Request& req, ModerationVerdict verdict) {
  AccountRequest ar;
  if (auto refused = OpenAdminRequest(site, req, {.post = true}, &ar)) return *refused;
  std::string slug = req.Param("slug");
  if (!ValidateSlug(slug).ok()) return site.NotFound(req);
  StatusOr<Job> job = ModerateJob(site.store(), *site.ctx().clock, slug,
                                  {.verdict = verdict, .moderator_id = ar.who.user_id});
  if (!job.ok()) return site.Error(req, job.status());
  if (site.ctx().after_write) site.ctx().after_write(Entity::kJob, slug);
  const bool approved = verdict == ModerationVerdict::kApprove;
  return SeeOther("/admin/moderation?verdict=" + std::string(approved ? "approved" : "rejected") +
                  "&done=" + slug);
}

}  // namespace

void RegisterModerationPages(http::Router& router, std::shared_ptr<const Site> site) {
  using http::Method;
  router.Add(Method::kGet, "/admin/moderation",
             [site](http::Request& r) { return QueuePage(*site, r); });
  router.Add(Method::kPost, "/admin/moderation/{slug}/approve",
             [site](http::Request& r) { return Decide(*site, r, ModerationVerdict::kApprove); });
  router.Add(Method::kPost, "/admin/moderation/{slug}/reject",
             [site](http::Request& r) { return Decide(*site, r, ModerationVerdict::kReject); });
}

}  // namespace meridian::web
