// Product, design and business role families of the demo generator.
#include "platform/demo/words.h"

namespace meridian::demo {
namespace {

using W = std::string_view;

// ---- Product ---------------------------------------------------------------------------
constexpr W kProductTitles[] = {"Product Manager", "Technical Product Manager", "Product Owner",
                                "Growth Product Manager"};
constexpr W kProductCore[] = {"product-management", "roadmapping", "user-research"};
constexpr W kProductExtra[] = {"b2b",          "saas",     "analytics", "experimentation",
                               "api-products", "discovery"};
constexpr W kProductDo[] = {
    "Own the roadmap for {team} and explain the why behind it",
    "Talk to customers every week and share what you learn in writing",
    "Work with engineering and design to ship in small, testable steps",
    "Define success metrics and follow up after launch",
    "Say no to good ideas so that we can do great ones",
    "Write clear specs that leave room for the team's judgment",
};
constexpr W kProductNeed[] = {
    "{years} years of product management experience",
    "A record of shipped products you can walk us through",
    "Comfort with data: you can write a query or read a dashboard critically",
    "Excellent written communication for a remote, asynchronous team",
    "Experience with {skills}",
};
constexpr W kProductNice[] = {
    "A technical background",
    "Experience with developer-facing products",
    "Experience running pricing or packaging changes",
};
constexpr W kProductHeadlines[] = {"{title} who writes things down",
                                   "{title} · discovery, delivery and data"};

// ---- Design ----------------------------------------------------------------------------
constexpr W kDesignTitles[] = {"Product Designer", "UX Designer", "UI Designer", "UX Researcher",
                               "Brand Designer"};
constexpr W kDesignCore[] = {"design", "ux", "figma"};
constexpr W kDesignExtra[] = {
    "ui", "prototyping", "user-research", "design-systems", "interaction-design", "accessibility"};
constexpr W kDesignDo[] = {
    "Design end-to-end experiences for {team}, from research to polish",
    "Prototype early and test ideas with real users",
    "Contribute to and help govern our design system",
    "Work closely with engineers during implementation",
    "Present your work and give generous, specific feedback",
};
constexpr W kDesignNeed[] = {
    "{years} years of product design experience",
    "A portfolio that shows your process, not only the results",
    "Fluency in {skill}",
    "Experience with {skills}",
    "Strong interaction design and visual craft",
};
constexpr W kDesignNice[] = {
    "Experience designing for accessibility",
    "Some front-end coding skills",
    "Experience with illustration or motion design",
};
constexpr W kDesignHeadlines[] = {"{title} designing calm, usable software",
                                  "{title} · research, prototyping and craft"};

// ---- Customer support ------------------------------------------------------------------
constexpr W kSupportTitles[] = {"Customer Support Specialist", "Technical Support Engineer",
                                "Customer Success Manager", "Support Engineer",
                                "Customer Experience Specialist"};
constexpr W kSupportCore[] = {"customer-support", "customer-success", "zendesk"};
constexpr W kSupportExtra[] = {"technical-support", "saas",       "intercom",
                               "troubleshooting",   "onboarding", "documentation"};
constexpr W kSupportDo[] = {
    "Help customers by email and chat, with patience and clear answers",
    "Reproduce tricky issues and write bug reports engineers love",
    "Improve help center articles based on the questions you see",
    "Spot patterns in feedback and bring them to the product team",
    "Onboard new customers and help them succeed with {team}",
};
constexpr W kSupportNeed[] = {
    "{years} years of experience in customer support or success",
    "Excellent written English; another language is a plus",
    "Comfort with {skills}",
    "Calm and kind under pressure",
    "Willingness to work a shift that covers your region's business hours",
};
constexpr W kSupportNice[] = {
    "Basic SQL or API knowledge",
    "Experience supporting developer tools",
    "Experience writing documentation",
};
constexpr W kSupportHeadlines[] = {"{title} who turns frustrated users into fans",
                                   "{title} · support, onboarding and documentation"};

// ---- Marketing -------------------------------------------------------------------------
constexpr W kMarketingTitles[] = {"Content Marketing Manager", "Product Marketing Manager",
                                  "Growth Marketer", "SEO Specialist", "Marketing Manager"};
constexpr W kMarketingCore[] = {"marketing", "content-marketing", "seo"};
constexpr W kMarketingExtra[] = {"product-marketing", "growth",      "email-marketing",
                                 "analytics",         "copywriting", "paid-acquisition"};
constexpr W kMarketingDo[] = {
    "Plan and run campaigns that explain what {team} does and why it matters",
    "Write and edit content for our blog, newsletter and website",
    "Own positioning and messaging for new launches",
    "Measure what works and double down on it",
    "Work with sales and product to understand our customers",
};
constexpr W kMarketingNeed[] = {
    "{years} years of marketing experience, ideally in software",
    "Strong writing and editing skills",
    "Experience with {skills}",
    "A data-informed approach to experiments",
};
constexpr W kMarketingNice[] = {
    "Experience marketing to developers",
    "Experience with video or podcasts",
    "A network in the remote-work community",
};
constexpr W kMarketingHeadlines[] = {"{title} who writes words people actually read",
                                     "{title} · content, SEO and growth"};

// ---- Sales -----------------------------------------------------------------------------
constexpr W kSalesTitles[] = {"Account Executive", "Sales Development Representative",
                              "Account Manager", "Solutions Engineer", "Partnerships Manager"};
constexpr W kSalesCore[] = {"sales", "b2b", "saas"};
constexpr W kSalesExtra[] = {"crm",         "hubspot",   "salesforce",
                             "negotiation", "pre-sales", "partnerships"};
constexpr W kSalesDo[] = {
    "Run the full sales cycle for {team}, from first call to signature",
    "Build relationships with buyers who care about long-term value",
    "Keep the CRM accurate so that forecasts are honest",
    "Bring customer feedback back to product and marketing",
    "Work with solutions engineers on demos and trials",
};
constexpr W kSalesNeed[] = {
    "{years} years of B2B sales experience",
    "A record of meeting targets you can talk about openly",
    "Experience with {skills}",
    "Clear, honest communication with customers",
};
constexpr W kSalesNice[] = {
    "Experience selling to technical buyers",
    "Experience with usage-based pricing",
    "Fluency in a second language",
};
constexpr W kSalesHeadlines[] = {"{title} · consultative B2B sales",
                                 "{title} who sells by listening first"};

// ---- Writing ---------------------------------------------------------------------------
constexpr W kWritingTitles[] = {"Technical Writer", "Content Writer", "Documentation Engineer",
                                "Developer Advocate", "Editor"};
constexpr W kWritingCore[] = {"technical-writing", "documentation", "writing"};
constexpr W kWritingExtra[] = {"docs-as-code", "markdown",          "developer-relations",
                               "editing",      "api-documentation", "content-strategy"};
constexpr W kWritingDo[] = {
    "Write and maintain documentation for {team}",
    "Interview engineers and turn what they know into clear guides",
    "Keep docs in version control and review them like code",
    "Measure which pages help and which confuse, and fix them",
    "Contribute to tutorials, talks and sample projects",
};
constexpr W kWritingNeed[] = {
    "{years} years of technical or professional writing",
    "Writing samples that show clarity and structure",
    "Experience with {skills}",
    "Enough technical depth to read code and run examples",
};
constexpr W kWritingNice[] = {
    "Experience documenting APIs",
    "Experience with static site generators",
    "Public speaking or video experience",
};
constexpr W kWritingHeadlines[] = {"{title} making complex things clear",
                                   "{title} · docs, guides and tutorials"};

constexpr RoleFamily kBusiness[] = {
    {"product", "Product management", "Product", 4.5, 158000, false, kProductTitles, kProductCore,
     kProductExtra, kProductDo, kProductNeed, kProductNice, kProductHeadlines},
    {"design", "Design", "Design", 4, 132000, false, kDesignTitles, kDesignCore, kDesignExtra,
     kDesignDo, kDesignNeed, kDesignNice, kDesignHeadlines},
    {"support", "Customer support and success", "Customer Support", 9, 68000, false, kSupportTitles,
     kSupportCore, kSupportExtra, kSupportDo, kSupportNeed, kSupportNice, kSupportHeadlines},
    {"marketing", "Marketing", "Marketing", 5.5, 118000, false, kMarketingTitles, kMarketingCore,
     kMarketingExtra, kMarketingDo, kMarketingNeed, kMarketingNice, kMarketingHeadlines},
    {"sales", "Sales", "Sales", 7, 125000, false, kSalesTitles, kSalesCore, kSalesExtra, kSalesDo,
     kSalesNeed, kSalesNice, kSalesHeadlines},
    {"writing", "Writing and documentation", "Content", 3, 105000, false, kWritingTitles,
     kWritingCore, kWritingExtra, kWritingDo, kWritingNeed, kWritingNice, kWritingHeadlines},
};

}  // namespace

std::span<const RoleFamily> BusinessFamilies() {
  return kBusiness;
}

}  // namespace meridian::demo
