// Articles: the data-driven guides and reports, then evergreen remote-work articles assembled
// from the topic templates.
#include <algorithm>
#include <set>

#include "base/slug.h"
#include "platform/demo/generators.h"
#include "platform/demo/text.h"

namespace meridian::demo {
namespace {

constexpr int64_t kDay = 86400;
constexpr int kMaxGuides = 25;

constexpr std::string_view kAngles[] = {"a practical checklist", "lessons from distributed teams",
                                        "a beginner's guide",    "for team leads",
                                        "common mistakes",       "what changes after a year",
                                        "for freelancers",       "a short guide",
                                        "questions and answers", "the essentials"};
constexpr std::string_view kClosingHeadings[] = {"In short", "The bottom line", "Key takeaways",
                                                 "Where to start"};
constexpr std::string_view kClosings[] = {
    "Remote work rewards deliberate habits. Pick one idea from this article, try it for two "
    "weeks and keep what works for you and your team.",
    "None of this needs a big budget or a new tool. It needs a few agreements, written down "
    "and revisited as the team changes.",
    "Every team and every person is different, so treat these suggestions as a starting "
    "point and adapt them to the way you work.",
    "The best remote setups are built step by step. Start small, ask your colleagues what "
    "helps them, and improve a little every month.",
};

Article Evergreen(Rng& rng, const ArticleTopic& topic, size_t variant) {
  Article a;
  size_t nt = topic.titles.size();
  a.title = std::string(topic.titles[variant % nt]);
  if (variant >= nt) {
    std::string angle(kAngles[(variant / nt - 1) % std::size(kAngles)]);
    a.title += ": " + angle;
  }
  a.summary = std::string(topic.summaries[variant % topic.summaries.size()]);
  for (std::string_view t : topic.tags) a.tags.emplace_back(t);
  std::string& b = a.body;
  b += topic.intros[variant % topic.intros.size()];
  b += "\n\n";
  std::vector<size_t> sections;
  for (size_t i = 0; i < topic.sections.size(); ++i) sections.push_back(i);
  if (sections.size() >= 4 && Chance(rng, 0.5)) {
    sections.erase(sections.begin() + static_cast<std::ptrdiff_t>(Below(rng, sections.size())));
  }
  for (size_t i : sections) {
    const ArticleSection& s = topic.sections[i];
    b += "## ";
    b += s.heading;
    b += "\n\n";
    size_t paragraphs = s.paragraphs.size() > 1 && Chance(rng, 0.6) ? 2 : 1;
    for (size_t p = 0; p < paragraphs; ++p) {
      b += s.paragraphs[(variant + p) % s.paragraphs.size()];
      b += "\n\n";
    }
    if (!s.bullets.empty()) {
      size_t k = std::min<size_t>(s.bullets.size(), Between(rng, 3, 5));
      std::vector<size_t> pick = SampleIndices(rng, s.bullets.size(), k);
      std::sort(pick.begin(), pick.end());
      for (size_t j : pick) {
        b += "- ";
        b += s.bullets[j];
        b += '\n';
      }
      b += '\n';
    }
  }
  b += "## ";
  b += kClosingHeadings[Below(rng, std::size(kClosingHeadings))];
  b += "\n\n";
  b += kClosings[Below(rng, std::size(kClosings))];
  b += "\n\n";
  b += kArticleFooter;
  b += '\n';
  return a;
}

}  // namespace

std::vector<Article> GenerateArticles(const ArticleInputs& in) {
  std::vector<Article> out;
  if (in.count <= 0) return out;
  Rng rng(DeriveSeed(in.seed, "articles"));
  const int n = in.count;
  const int families = static_cast<int>(RoleFamilies().size());
  const int max_reports = families + 2;  // overall skills, salary, one per family
  int guides = std::min(kMaxGuides, std::max(1, n * kMaxGuides / 120));
  int reports = std::min(max_reports, std::max(1, n * max_reports / 120));
  guides = std::min<int>(guides, static_cast<int>(in.cities->size()));
  if (guides + reports > n) {
    guides = (n + 1) / 2;
    reports = n - guides;
  }
  int evergreen = n - guides - reports;

  // City guides for the most populous cities that demo talent lives in, then others.
  std::vector<const City*> by_population;
  for (const City& c : *in.cities) by_population.push_back(&c);
  std::stable_sort(by_population.begin(), by_population.end(), [&](const City* a, const City* b) {
    bool ta = in.talent_per_city->count(a->slug) > 0, tb = in.talent_per_city->count(b->slug) > 0;
    if (ta != tb) return ta;
    return a->population > b->population;
  });
  UnixSeconds data_time = in.now - 3600;
  for (int i = 0; i < guides; ++i) {
    const City& c = *by_population[static_cast<size_t>(i)];
    auto it = in.talent_per_city->find(c.slug);
    Article a = CityGuide(c, it == in.talent_per_city->end() ? 0 : it->second, *in.jobs, in.now);
    a.published_at = data_time - i * 3600;
    out.push_back(std::move(a));
  }

  // Reports: all skills, salaries, then the role families with the most jobs.
  std::vector<int> order;
  for (int i = 0; i < families; ++i) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return in.jobs->family_jobs[a] > in.jobs->family_jobs[b]; });
  for (int i = 0; i < reports; ++i) {
    Article a = i == 0   ? SkillsReport(*in.jobs, -1, in.now)
                : i == 1 ? SalaryReport(*in.jobs, in.now)
                         : SkillsReport(*in.jobs, order[static_cast<size_t>(i - 2)], in.now);
    a.published_at = data_time - (guides + i) * 3600;
    out.push_back(std::move(a));
  }

  // Evergreen articles, cycling through topics, published over the past year.
  std::vector<const ArticleTopic*> topics;
  for (const ArticleTopic& t : ArticleTopics()) topics.push_back(&t);
  for (const ArticleTopic& t : MoreArticleTopics()) topics.push_back(&t);
  for (int i = 0; i < evergreen; ++i) {
    size_t k = static_cast<size_t>(i);
    Article a = Evergreen(rng, *topics[k % topics.size()], k / topics.size());
    a.published_at = in.now - 2 * kDay - static_cast<int64_t>(Below(rng, 365 * kDay));
    out.push_back(std::move(a));
  }

  std::set<std::string> slugs;
  for (Article& a : out) {
    a.author = std::string(kArticleAuthor);
    a.created_at = a.published_at;
    std::string base = a.slug.empty() ? Slugify(a.title) : a.slug;
    if (base.empty()) base = "article";
    a.slug = base;
    for (int i = 2; slugs.count(a.slug); ++i) a.slug = base + "-" + std::to_string(i);
    slugs.insert(a.slug);
  }
  return out;
}

}  // namespace meridian::demo
