#include "platform/recs/feed_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <unordered_set>

#include "base/memory.h"
#include "platform/recs/events.h"
#include "platform/vocab.h"

namespace meridian {
namespace {

UnixSeconds NowOr(UnixSeconds at) {
  if (at != 0) return at;
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

float Dot(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return 0;
  float s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

void Normalize(std::vector<float>* v) {
  float n = std::sqrt(Dot(*v, *v));
  if (n > 0) {
    for (float& x : *v) x /= n;
  }
}

// Kinds from strongest to weakest, for naming what the owner did with an item.
int Strength(std::string_view kind) {
  if (kind == "apply") return 3;
  if (kind == "save") return 2;
  return kind == "hide" ? 0 : 1;
}

std::string Quoted(const std::string& title) {
  return "\u201c" + title + "\u201d";
}

// One candidate while a feed is ranked.
struct Candidate {
  std::shared_ptr<const JobFacts> facts;
  double als = 0, item_knn = 0, content = 0, popularity = 0;
  int trending = 0;
  int community_trending = 0;  // of those, owners of the viewer's community
  std::string knn_anchor;      // the history item that gave the most item-KNN similarity
  float knn_anchor_sim = 0;
  bool fallback = false;  // from the newest-jobs fallback
  bool content_known = false;
};

}  // namespace

FeedService::FeedService(StoreReader& store, const MatchService& match, FeedServiceOptions options)
    : store_(store), match_(match), options_(std::move(options)) {}

FeedService::~FeedService() {
  Stop();
}

Status FeedService::Start() {
  bool installed;
  {
    std::lock_guard lock(mu_);
    installed = installed_;
  }
  if (installed) {
    // The registry's model serves: only the jobs' ids and slugs are to learn.
    std::unordered_map<int64_t, std::string> slugs;
    RETURN_IF_ERROR(store_.ScanJobs([&](const Job& j) {
      slugs.emplace(j.id, j.slug);
      return OkStatus();
    }));
    std::lock_guard lock(mu_);
    for (auto& [id, slug] : slugs) job_slugs_.try_emplace(id, std::move(slug));
    spdlog::info("feed: serving {} ({} jobs known)", label_, job_slugs_.size());
    return OkStatus();
  }
  // Training scans the jobs and learns their ids and slugs (Retrain).
  ASSIGN_OR_RETURN(auto model, Retrain());
  spdlog::info("feed: trained on {} events ({} owners, {} jobs) in {:.3f} s", model->events(),
               model->owners(), model->items(), model->train_seconds());
  std::lock_guard lock(mu_);
  if (!stopping_ && !thread_.joinable()) thread_ = std::thread([this] { RetrainLoop(); });
  return OkStatus();
}

void FeedService::StartInBackground() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    if (Status s = Start(); !s.ok()) spdlog::warn("feed: could not start: {}", s.ToString());
    RetrainLoop();
  });
}

void FeedService::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void FeedService::RetrainLoop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, options_.retrain_interval, [&] { return stopping_; });
    if (stopping_) break;
    bool due = events_since_train_ >= options_.retrain_min_events &&
               std::chrono::steady_clock::now() - last_train_ >= options_.retrain_interval;
    if (!due) continue;
    lock.unlock();
    auto m = Retrain();
    ReleaseFreeMemory();  // the scan of every event and the training scratch
    if (!m.ok()) {
      spdlog::warn("feed: retraining failed: {}", m.status().ToString());
    } else {
      spdlog::info("feed: retrained on {} events ({} owners, {} jobs) in {:.3f} s, model {}",
                   (*m)->events(), (*m)->owners(), (*m)->items(), (*m)->train_seconds(),
                   (*m)->id());
    }
    lock.lock();
  }
}

void FeedService::Apply(const std::vector<Change>& changes) {
  std::lock_guard lock(mu_);
  for (const Change& c : changes) {
    if (c.entity == kEventsChangeEntity) {
      DropOwner(owners_.find(c.slug));  // slug = the owner's key
      continue;
    }
    if (c.entity != EntityName(Entity::kJob)) continue;
    if (c.op == ChangeOp::kDelete) {
      job_slugs_.erase(c.entity_id);
    } else {
      job_slugs_[c.entity_id] = c.slug;
    }
  }
}

namespace {

// Job events after conversion by `slug_of` (nullopt = the job is gone), page by page.
StatusOr<std::vector<FeedEvent>> ConvertEvents(
    StoreReader& store, const std::function<std::optional<std::string>(int64_t)>& slug_of) {
  std::vector<FeedEvent> out;
  int64_t after = 0;
  constexpr int kPage = 5000;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<Event> page, store.ListEvents(after, kPage));
    for (const Event& e : page) {
      if (e.entity != Entity::kJob) continue;
      std::optional<std::string> slug = slug_of(e.entity_id);
      if (!slug) continue;
      out.push_back({EventOwnerKey({.user_id = e.user_id.value_or(0), .session_id = e.session_id}),
                     std::move(*slug), e.kind, e.at});
    }
    if (page.size() < static_cast<size_t>(kPage)) break;
    after = page.back().id;
  }
  return out;
}

}  // namespace

StatusOr<std::vector<FeedEvent>> ReadFeedEvents(StoreReader& store, ItemTags* tags,
                                                std::unordered_map<int64_t, std::string>* ids) {
  std::unordered_map<int64_t, std::string> local;
  std::unordered_map<int64_t, std::string>& slugs = ids ? *ids : local;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
    slugs.emplace(j.id, j.slug);
    if (tags && !j.tags.empty()) (*tags)[j.slug] = j.tags;
    return OkStatus();
  }));
  return ConvertEvents(store, [&](int64_t id) -> std::optional<std::string> {
    auto it = slugs.find(id);
    if (it == slugs.end()) return std::nullopt;
    return it->second;
  });
}

StatusOr<int64_t> AdoptVisitorHistory(Store& store, std::string_view visitor_id, int64_t user_id,
                                      FeedService* feed) {
  if (!IsVisitorId(visitor_id) || user_id <= 0) return int64_t{0};
  ASSIGN_OR_RETURN(User user, store.GetUser(user_id));
  if (user.events_opt_out) return int64_t{0};
  int64_t moved = 0;
  RETURN_IF_ERROR(store.Write([&](StoreWriter& w) -> Status {
    ASSIGN_OR_RETURN(moved, w.ReassignSessionEvents(visitor_id, user_id));
    return OkStatus();
  }));
  if (moved > 0 && feed) {
    feed->Forget({.session_id = std::string(visitor_id)});
    feed->Forget({.user_id = user_id});
  }
  return moved;
}

StatusOr<std::shared_ptr<const RecModel>> FeedService::Retrain() {
  {
    std::lock_guard lock(mu_);
    last_train_ = std::chrono::steady_clock::now();
    events_since_train_ = 0;
  }
  ItemTags tags;  // one scan of the jobs: their slugs (events hold ids) and tags
  std::unordered_map<int64_t, std::string> slugs;
  ASSIGN_OR_RETURN(std::vector<FeedEvent> events, ReadFeedEvents(store_, &tags, &slugs));
  {
    // Changes the feed delivered meanwhile are newer than the scan: they win.
    std::lock_guard lock(mu_);
    for (auto& [id, slug] : slugs) job_slugs_.try_emplace(id, std::move(slug));
  }
  RecModelOptions mo = options_.model;
  if (mo.now == 0) mo.now = NowOr(0);
  auto model = RecModel::Train(events, mo, tags);
  std::lock_guard lock(mu_);
  model_ = model;  // an installed version's refresh keeps its label
  return model;
}

void FeedService::InstallModel(std::shared_ptr<const RecModel> model, std::string label) {
  std::lock_guard lock(mu_);
  model_ = std::move(model);
  label_ = std::move(label);
  installed_ = true;
}

std::shared_ptr<const RecModel> FeedService::model() const {
  std::lock_guard lock(mu_);
  return model_;
}

std::string FeedService::model_label() const {
  std::lock_guard lock(mu_);
  if (!label_.empty()) return label_;
  return model_ ? model_->id() : "";
}

void FeedService::OnEvent(const EventOwner& owner, int64_t job_id, std::string_view kind,
                          UnixSeconds at) {
  const std::string_view known = StaticEventKind(kind);
  if (known.empty()) return;
  std::lock_guard lock(mu_);
  ++events_since_train_;
  auto it = owners_.find(EventOwnerKey(owner));
  if (it == owners_.end()) return;  // loaded from the store (with this event) on first use
  it->second.events.push_back({.job_id = job_id, .at = at, .kind = known});
  ++cached_events_;
  if (it->second.events.size() > options_.history_limit) {
    it->second.events.erase(it->second.events.begin());
    --cached_events_;
  }
  it->second.vector.clear();
  it->second.stamp = ++stamps_;
}

void FeedService::Forget(const EventOwner& owner) {
  std::lock_guard lock(mu_);
  DropOwner(owners_.find(EventOwnerKey(owner)));
}

void FeedService::DropOwner(std::unordered_map<std::string, OwnerState>::iterator it) const {
  if (it == owners_.end()) return;
  cached_events_ -= it->second.events.size();
  owners_.erase(it);
}

std::vector<FeedEvent> FeedService::HistoryOf(const std::string& key,
                                              const std::vector<CachedEvent>& events) const {
  std::vector<FeedEvent> history;
  history.reserve(events.size());
  for (const CachedEvent& e : events) {
    auto slug = job_slugs_.find(e.job_id);
    if (slug != job_slugs_.end()) history.push_back({key, slug->second, std::string(e.kind), e.at});
  }
  return history;
}

FeedCacheStats FeedService::cache_stats() const {
  std::lock_guard lock(mu_);
  return {.owners = owners_.size(), .events = cached_events_, .restarts = cache_restarts_};
}

StatusOr<Feed> FeedService::ForYou(const FeedQuery& q) const {
  const UnixSeconds at = NowOr(q.at);
  const std::string key = EventOwnerKey(q.owner);
  const bool has_owner = q.owner.user_id > 0 || !q.owner.session_id.empty();
  std::shared_ptr<const RecModel> model;
  std::string label;
  std::vector<FeedEvent> history;
  std::vector<float> user;
  uint64_t stamp = 0;  // of the cached state `history` and `user` are
  bool load = false;
  const auto read_at = std::chrono::steady_clock::now();
  // The owner's history: cached and read recently enough, else read from the store
  // (outside the lock) and cached unless its state changed meanwhile.
  {
    std::lock_guard lock(mu_);
    model = model_;
    label = label_;
    auto it = owners_.find(key);
    if (has_owner && it == owners_.end()) {
      if (owners_.size() >= options_.max_owners || cached_events_ >= options_.max_cached_events) {
        owners_.clear();
        cached_events_ = 0;
        ++cache_restarts_;
      }
      it = owners_.try_emplace(key).first;
      it->second.stamp = ++stamps_;
    }
    if (it != owners_.end()) {
      stamp = it->second.stamp;
      load = it->second.loaded_at == std::chrono::steady_clock::time_point{} ||
             read_at - it->second.loaded_at >= options_.history_refresh;
      if (!load) {
        history = HistoryOf(key, it->second.events);
        if (model && it->second.vector_model == model->id()) user = it->second.vector;
      }
    }
  }
  if (load) {
    ASSIGN_OR_RETURN(std::vector<Event> stored,
                     store_.ListEventsOf(q.owner, static_cast<int>(options_.history_limit)));
    std::vector<CachedEvent> cached;
    cached.reserve(stored.size());
    for (const Event& e : stored) {
      const std::string_view kind = StaticEventKind(e.kind);
      if (e.entity != Entity::kJob || kind.empty()) continue;
      cached.push_back({.job_id = e.entity_id, .at = e.at, .kind = kind});
    }
    std::lock_guard lock(mu_);
    history = HistoryOf(key, cached);
    // An OnEvent, Forget or Apply for this owner since the read started changed the stamp
    // (or dropped the state): what was read serves this request only.
    auto it = owners_.find(key);
    if (it != owners_.end() && it->second.stamp == stamp) {
      cached_events_ += cached.size() - it->second.events.size();
      it->second.events = std::move(cached);
      it->second.vector.clear();
      it->second.vector_model.clear();
      it->second.loaded_at = read_at;
      it->second.stamp = stamp = ++stamps_;
    } else {
      stamp = 0;
    }
  }

  Feed feed;
  feed.snapshot_id = model ? model->id() : "";
  feed.model_id = !label.empty() ? label : feed.snapshot_id;
  // What the owner did: positives (weights), what never to show again, and the strongest
  // action per item (for reasons).
  std::unordered_set<std::string> excluded;
  std::unordered_map<std::string, std::string> did;  // slug -> strongest kind
  for (const FeedEvent& e : history) {
    if (EndsRecommendation(e.kind)) excluded.insert(e.item);
    auto [it, fresh] = did.try_emplace(e.item, e.kind);
    if (!fresh && Strength(e.kind) > Strength(it->second)) it->second = e.kind;
  }
  auto positives = OwnerWeights(history, options_.model.max_weight);
  feed.history = positives.size();

  std::unordered_map<std::string, Candidate> cands;
  // Collaborative parts: ALS (fold-in) and item-KNN over the items the model knows.
  if (model && model->items() > 0) {
    ItemWeights known;
    for (const auto& [slug, w] : positives) {
      if (auto i = model->ItemIndex(slug)) known.emplace_back(*i, w);
    }
    if (!known.empty()) {
      if (user.empty()) {
        user = model->FoldIn(known);
        std::lock_guard lock(mu_);
        auto it = owners_.find(key);
        if (stamp != 0 && it != owners_.end() && it->second.stamp == stamp) {
          it->second.vector = user;
          it->second.vector_model = model->id();
        }
      }
      std::vector<float> scores = model->ScoreAll(user);
      std::vector<uint32_t> order(scores.size());
      for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
      size_t take = std::min(options_.candidates, order.size());
      std::partial_sort(order.begin(), order.begin() + static_cast<long>(take), order.end(),
                        [&](uint32_t a, uint32_t b) { return scores[a] > scores[b]; });
      for (size_t r = 0; r < take; ++r) {
        cands[model->ItemSlug(order[r])].als = std::max(0.0f, scores[order[r]]);
      }
      for (const auto& [i, w] : known) {
        for (const auto& [n, sim] : model->Neighbours(i)) {
          Candidate& c = cands[model->ItemSlug(n)];
          c.item_knn += w * sim;
          if (w * sim > c.knn_anchor_sim) {
            c.knn_anchor_sim = w * sim;
            c.knn_anchor = model->ItemSlug(i);
          }
        }
      }
    }
  }
  // Content: the owner's history and profile as one embedding, and the live jobs near it.
  std::unordered_map<std::string, std::vector<float>> history_vectors;
  std::unordered_map<std::string, std::string> titles;  // history slug -> title
  ItemTags history_tags;
  std::vector<float> content;
  for (const auto& [slug, w] : positives) {
    std::vector<float> v;
    auto job = match_.Job(slug, &v);
    if (!job || v.empty()) continue;
    titles[slug] = job->facts->title;
    history_tags[slug] = job->facts->tags;
    if (content.empty()) content.assign(v.size(), 0);
    if (content.size() != v.size()) continue;
    for (size_t d = 0; d < v.size(); ++d) content[d] += w * v[d];
    history_vectors.emplace(slug, std::move(v));
  }
  Normalize(&content);
  // The owner's community: their history's dominant tag, else their strongest skill.
  std::string community = DominantTag(positives, history_tags);
  if (community.empty() && !q.talent_slug.empty()) {
    if (auto t = store_.GetTalent(q.talent_slug); t.ok() && !t->skills.empty()) {
      auto best = std::max_element(
          t->skills.begin(), t->skills.end(),
          [](const TalentSkill& a, const TalentSkill& b) { return a.level < b.level; });
      community = NormalizeTag(best->name).value_or("");
    }
  }
  std::vector<float> profile;
  if (!q.talent_slug.empty()) profile = match_.TalentVector(q.talent_slug);
  Normalize(&profile);
  if (!profile.empty()) {
    // The profile weighs as much as the whole history (all of it without history).
    if (content.size() != profile.size()) content.assign(profile.size(), 0);
    for (size_t d = 0; d < profile.size(); ++d) content[d] += profile[d];
    Normalize(&content);
  }
  feed.personalized = !positives.empty() || !profile.empty();
  if (!content.empty()) {
    auto near = match_.NearestLiveJobs(content, options_.candidates, at, {});
    if (near.ok()) {
      for (JobContent& j : *near) {
        Candidate& c = cands[j.slug];
        c.content = std::max(0.0f, j.similarity);
        c.content_known = true;
        c.facts = std::move(j.facts);
      }
    }
  }
  // Popularity, and the newest live jobs when nothing else has anything to say.
  if (model) {
    size_t take = std::min(options_.candidates, model->ByPopularity().size());
    for (size_t r = 0; r < take; ++r) cands[model->ItemSlug(model->ByPopularity()[r])];
  }
  size_t usable = 0;
  for (const auto& [slug, c] : cands) usable += excluded.count(slug) ? 0 : 1;
  if (usable < q.limit) {
    JobFilter live{.statuses = {"live"}, .valid_at = at};
    auto newest = store_.ListJobs(
        live, {.limit = static_cast<int>(std::min<size_t>(options_.candidates, kMaxPageSize))});
    if (newest.ok()) {
      for (const Job& j : newest->items) {
        auto [it, fresh] = cands.try_emplace(j.slug);
        if (fresh) it->second.fallback = true;
      }
    }
  }

  // Facts, liveness and the missing scores of every candidate.
  std::vector<std::pair<std::string, Candidate>> ranked;
  for (auto& [slug, c] : cands) {
    if (excluded.count(slug)) continue;
    std::vector<float> v;
    if (!c.facts || (!c.content_known && !content.empty())) {
      auto job = match_.Job(slug, content.empty() || c.content_known ? nullptr : &v);
      if (job) {
        c.facts = job->facts;
      } else {
        auto stored = store_.GetJob(slug);  // not indexed yet (or no embedding model)
        if (!stored.ok()) continue;
        c.facts = std::make_shared<const JobFacts>(ToJobFacts(*stored));
      }
    }
    if (!LiveAt(*c.facts, at)) continue;
    if (!c.content_known && !v.empty()) c.content = std::max(0.0f, Dot(content, v));
    if (model) {
      if (auto i = model->ItemIndex(slug)) {
        c.popularity = model->Popularity(*i);
        c.trending = model->Trending(*i);
        if (!community.empty()) c.community_trending = model->TrendingWith(*i, community);
      }
    }
    ranked.emplace_back(slug, std::move(c));
  }
  // Each part divided by its best candidate's, then weighed.
  double top_als = 0, top_knn = 0, top_content = 0, top_pop = 0;
  for (const auto& [slug, c] : ranked) {
    top_als = std::max(top_als, c.als);
    top_knn = std::max(top_knn, c.item_knn);
    top_content = std::max(top_content, c.content);
    top_pop = std::max(top_pop, c.popularity);
  }
  const FeedWeights& w = options_.weights;
  std::vector<FeedItem> items;
  items.reserve(ranked.size());
  for (const auto& [slug, c] : ranked) {
    FeedItem item{.slug = slug,
                  .title = c.facts->title,
                  .company_name = c.facts->company_name,
                  .company_slug = c.facts->company_slug};
    auto add = [&](const char* name, double weight, double value, double top) {
      double v = top > 0 ? value / top : 0;
      item.parts.push_back({name, weight, v, weight * v});
      item.score += weight * v;
    };
    add("als", w.als, c.als, top_als);
    add("item_knn", w.item_knn, c.item_knn, top_knn);
    add("content", w.content, c.content, top_content);
    add("popularity", w.popularity, c.popularity, top_pop);
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(), [](const FeedItem& a, const FeedItem& b) {
    return a.score != b.score ? a.score > b.score : a.slug < b.slug;
  });
  // Diversity: at most max_per_company per company, unless nothing else is left.
  std::unordered_map<std::string, size_t> per_company;
  std::vector<FeedItem> held_back;
  for (FeedItem& item : items) {
    if (feed.items.size() >= q.limit) break;
    size_t& n = per_company[item.company_slug];
    if (n >= options_.max_per_company) {
      held_back.push_back(std::move(item));
      continue;
    }
    ++n;
    feed.items.push_back(std::move(item));
  }
  for (FeedItem& item : held_back) {
    if (feed.items.size() >= q.limit) break;
    feed.items.push_back(std::move(item));
  }
  // The reason of a shown item follows its largest part (worked out for the shown items
  // only: it compares the job's embedding with every history item's).
  std::unordered_map<std::string, const Candidate*> by_slug;
  for (const auto& [slug, c] : ranked) by_slug.emplace(slug, &c);
  auto explain = [&](FeedItem& item) {
    const std::string& slug = item.slug;
    const Candidate& c = *by_slug.at(slug);
    const FeedPart* best = &item.parts[0];
    for (const FeedPart& p : item.parts) {
      if (p.part > best->part) best = &p;
    }
    std::string name = best->part > 0 ? best->name : "";
    std::string anchor;
    if (name == "als" || name == "item_knn" || name == "content") {
      // The history item closest to this job: by who used both, else by text.
      anchor = c.knn_anchor;
      if (anchor.empty() || name == "content") {
        std::vector<float> v;
        float best_sim = -1;
        if (match_.Job(slug, &v)) {
          for (const auto& [h, hv] : history_vectors) {
            float sim = Dot(hv, v);
            if (sim > best_sim) {
              best_sim = sim;
              anchor = h;
            }
          }
          if (name == "content" && !profile.empty() && Dot(profile, v) >= best_sim) anchor = "";
        }
      }
    }
    if (!anchor.empty() && titles.count(anchor)) {
      item.reason_kind = "history";
      item.because = anchor;
      item.reason =
          "Because you " + std::string(EventVerb(did[anchor])) + " " + Quoted(titles[anchor]);
    } else if (name == "content" && !profile.empty()) {
      item.reason_kind = "profile";
      item.reason = "Matches your profile";
    } else if (name == "als" || name == "item_knn") {
      item.reason_kind = "history";
      item.reason = "Liked by people whose history is like yours";
    } else if (c.community_trending >= 2) {
      item.reason_kind = "popular";
      item.reason = "Popular with " + community +
                    " people this week: " + std::to_string(c.community_trending) +
                    " of them showed interest";
    } else if (c.trending > 0) {
      item.reason_kind = "popular";
      item.reason = "Popular this week: " + std::to_string(c.trending) +
                    (c.trending == 1 ? " person" : " people") + " showed interest";
    } else if (name == "popularity") {
      item.reason_kind = "popular";
      item.reason = "Popular on Meridian";
    } else {
      item.reason_kind = "new";
      item.reason = "New on Meridian";
    }
  };
  for (FeedItem& item : feed.items) explain(item);
  if (options_.served) options_.served(feed);
  return feed;
}

}  // namespace meridian
