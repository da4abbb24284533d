// Engineering role families of the demo generator.
#include "platform/demo/words.h"

namespace meridian::demo {
namespace {

using W = std::string_view;

// ---- Backend ---------------------------------------------------------------------------
constexpr W kBackendTitles[] = {"Backend Engineer", "Backend Developer",          "{lang} Engineer",
                                "{lang} Developer", "Software Engineer, Backend", "API Engineer"};
constexpr W kBackendCore[] = {"backend", "apis", "postgresql", "distributed-systems"};
constexpr W kBackendExtra[] = {"microservices", "grpc",         "kafka",       "redis",
                               "rest",          "event-driven", "performance", "observability"};
constexpr W kBackendDo[] = {
    "Design, build and operate the services behind {team}",
    "Own APIs end to end: from the data model to monitoring in production",
    "Review code and write design documents that the whole team can build on",
    "Improve the performance and reliability of our busiest endpoints",
    "Work with product and design to turn fuzzy problems into shippable increments",
    "Take part in a humane on-call rotation (about one week in eight)",
    "Break down a legacy monolith into well-defined services, carefully",
    "Mentor other engineers through pairing and thoughtful code review",
};
constexpr W kBackendNeed[] = {
    "{years} years of experience building backend systems in production",
    "Strong knowledge of {skill} and its ecosystem",
    "Experience designing relational schemas and writing efficient SQL",
    "Comfort with testing, continuous integration and small, frequent deploys",
    "Clear written communication: most of our decisions happen in documents",
    "Experience with {skills} or similar technologies",
    "A habit of measuring before optimizing",
};
constexpr W kBackendNice[] = {
    "Experience with event-driven architectures or message queues",
    "You have run services on Kubernetes or a similar platform",
    "Open-source contributions you are proud of",
    "Familiarity with payments, billing or other money-moving systems",
};
constexpr W kBackendHeadlines[] = {"{title} building reliable APIs with {skills}",
                                   "{title} · {skills}",
                                   "{title} who likes boring, dependable systems"};

// ---- Frontend --------------------------------------------------------------------------
constexpr W kFrontendTitles[] = {"Frontend Engineer", "Frontend Developer", "UI Engineer",
                                 "Software Engineer, Frontend", "{lang} Frontend Developer"};
constexpr W kFrontendCore[] = {"frontend", "javascript", "typescript", "css", "accessibility"};
constexpr W kFrontendExtra[] = {"react",           "vue",  "svelte",          "design-systems",
                                "web-performance", "html", "testing-library", "storybook"};
constexpr W kFrontendDo[] = {
    "Build fast, accessible interfaces for {team}",
    "Grow and maintain our design system together with the design team",
    "Turn designs into components that work on every screen size",
    "Measure and improve Core Web Vitals across the product",
    "Write tests that give the team confidence to ship daily",
    "Collaborate with backend engineers on API contracts",
    "Champion accessibility and make it part of the definition of done",
};
constexpr W kFrontendNeed[] = {
    "{years} years of professional frontend development",
    "Deep knowledge of {skill}, HTML and modern CSS",
    "Experience with {skills}",
    "A good eye for detail and empathy for users",
    "Understanding of browser performance and how to profile it",
    "Experience working closely with designers",
};
constexpr W kFrontendNice[] = {
    "Experience with WCAG audits and assistive technologies",
    "You have contributed to a component library or design system",
    "Familiarity with server-side rendering",
    "Some backend experience",
};
constexpr W kFrontendHeadlines[] = {"{title} crafting accessible web apps with {skills}",
                                    "{title} · {skills}",
                                    "{title} with a soft spot for design systems"};

// ---- Full-stack ------------------------------------------------------------------------
constexpr W kFullTitles[] = {"Full-Stack Engineer", "Full-Stack Developer", "Product Engineer",
                             "Software Engineer", "{lang} Full-Stack Developer"};
constexpr W kFullCore[] = {"full-stack", "javascript", "typescript", "sql"};
constexpr W kFullExtra[] = {"react",   "nodejs", "postgresql", "rest",
                            "graphql", "aws",    "docker",     "product-engineering"};
constexpr W kFullDo[] = {
    "Ship features end to end, from the database to the UI, for {team}",
    "Talk to customers and use what you learn to shape the roadmap",
    "Keep the codebase healthy with refactoring and good tests",
    "Instrument features and use data to decide what to build next",
    "Pair with designers on prototypes and small experiments",
    "Help newer engineers find their way around the stack",
};
constexpr W kFullNeed[] = {
    "{years} years of experience shipping web products",
    "Confidence on both sides of the stack, especially with {skill}",
    "Experience with {skills}",
    "Product sense: you care about why, not only how",
    "The ability to work independently across time zones",
    "Solid SQL and data modeling skills",
};
constexpr W kFullNice[] = {
    "Experience at an early-stage startup",
    "You have owned a feature from idea to launch",
    "Familiarity with analytics tools and A/B testing",
    "Experience with infrastructure as code",
};
constexpr W kFullHeadlines[] = {"{title} shipping products end to end with {skills}",
                                "{title} · {skills}", "Product-minded {title}"};

// ---- Mobile ----------------------------------------------------------------------------
constexpr W kMobileTitles[] = {"Mobile Engineer", "iOS Engineer", "Android Engineer",
                               "React Native Developer", "Mobile Developer"};
constexpr W kMobileCore[] = {"mobile", "ios", "android"};
constexpr W kMobileExtra[] = {"swift",   "kotlin",          "react-native", "flutter",
                              "swiftui", "jetpack-compose", "app-store",    "offline-first"};
constexpr W kMobileDo[] = {
    "Build and release our iOS and Android apps for {team}",
    "Keep the apps fast, stable and small on older devices",
    "Work with backend engineers on APIs that suit mobile clients",
    "Own releases: from feature flags to app store review",
    "Monitor crash reports and fix issues before users notice",
    "Contribute to shared components across platforms",
};
constexpr W kMobileNeed[] = {
    "{years} years of experience building mobile apps",
    "Strong knowledge of {skill}",
    "Apps in the App Store or Google Play you can talk about",
    "Experience with {skills}",
    "Understanding of mobile performance, battery and network constraints",
};
constexpr W kMobileNice[] = {
    "Experience with offline-first synchronization",
    "Familiarity with accessibility on iOS and Android",
    "Some experience with Kotlin Multiplatform or Flutter",
};
constexpr W kMobileHeadlines[] = {"{title} building apps people keep on their home screen",
                                  "{title} · {skills}"};

// ---- Data ------------------------------------------------------------------------------
constexpr W kDataTitles[] = {"Data Engineer", "Analytics Engineer", "Data Analyst",
                             "Data Platform Engineer", "Business Intelligence Analyst"};
constexpr W kDataCore[] = {"data-engineering", "sql", "python", "etl"};
constexpr W kDataExtra[] = {"dbt",      "airflow", "spark",         "snowflake",
                            "bigquery", "looker",  "data-modeling", "kafka"};
constexpr W kDataDo[] = {
    "Build and maintain the pipelines that feed our analytics and {team}",
    "Model data so that questions can be answered with a simple query",
    "Partner with analysts and product managers on metrics definitions",
    "Improve data quality with tests, contracts and alerting",
    "Keep warehouse costs under control as data volumes grow",
    "Document datasets so that anyone can find and trust them",
};
constexpr W kDataNeed[] = {
    "{years} years of experience in data engineering or analytics",
    "Excellent SQL and solid {skill}",
    "Experience with {skills}",
    "Understanding of dimensional modeling",
    "Comfort explaining data to non-technical colleagues",
};
constexpr W kDataNice[] = {
    "Experience with streaming data",
    "Familiarity with privacy regulation such as GDPR",
    "Some experience with machine learning workflows",
};
constexpr W kDataHeadlines[] = {"{title} turning messy data into trusted answers",
                                "{title} · {skills}"};

// ---- Machine learning ------------------------------------------------------------------
constexpr W kMlTitles[] = {"Machine Learning Engineer", "ML Engineer", "Data Scientist",
                           "Applied Scientist", "MLOps Engineer"};
constexpr W kMlCore[] = {"machine-learning", "python", "statistics"};
constexpr W kMlExtra[] = {"pytorch", "tensorflow",     "llm", "nlp", "recommendation-systems",
                          "mlops",   "computer-vision"};
constexpr W kMlDo[] = {
    "Train, evaluate and ship models that improve {team}",
    "Build the evaluation sets and offline metrics we trust",
    "Move models from notebooks into reliable production services",
    "Run experiments and communicate results honestly, including null results",
    "Work with engineers to monitor models for drift in production",
    "Keep up with research and judge what is worth trying",
};
constexpr W kMlNeed[] = {
    "{years} years of applied machine learning experience",
    "Strong {skill} and a solid grounding in statistics",
    "Experience with {skills}",
    "A track record of models that made it to production",
    "Good judgment about when a simple baseline is enough",
};
constexpr W kMlNice[] = {
    "Experience with large language models and retrieval",
    "Publications or open-source work in machine learning",
    "Experience with GPU training at scale",
};
constexpr W kMlHeadlines[] = {"{title} shipping models, not only notebooks", "{title} · {skills}"};

// ---- DevOps / SRE ----------------------------------------------------------------------
constexpr W kOpsTitles[] = {"DevOps Engineer", "Site Reliability Engineer", "Platform Engineer",
                            "Infrastructure Engineer", "Cloud Engineer"};
constexpr W kOpsCore[] = {"devops", "kubernetes", "terraform", "aws"};
constexpr W kOpsExtra[] = {"sre", "linux", "ci-cd",  "prometheus",
                           "gcp", "azure", "docker", "observability"};
constexpr W kOpsDo[] = {
    "Run and evolve the platform that {team} deploys to",
    "Automate infrastructure with code review and repeatable changes",
    "Define SLOs with product teams and help them meet them",
    "Make deploys boring: fast pipelines, safe rollouts, easy rollbacks",
    "Lead incident response and write blameless postmortems",
    "Keep cloud spend visible and sensible",
};
constexpr W kOpsNeed[] = {
    "{years} years of experience operating production infrastructure",
    "Hands-on experience with {skill}",
    "Experience with {skills}",
    "Good Linux and networking fundamentals",
    "Calm, methodical debugging under pressure",
};
constexpr W kOpsNice[] = {
    "Experience with multi-region setups",
    "Security certifications or hardening experience",
    "Some software development in Go or Python",
};
constexpr W kOpsHeadlines[] = {"{title} keeping production calm with {skills}",
                               "{title} · {skills}"};

// ---- Security --------------------------------------------------------------------------
constexpr W kSecTitles[] = {"Security Engineer", "Application Security Engineer",
                            "Cloud Security Engineer", "Security Analyst"};
constexpr W kSecCore[] = {"security", "appsec", "threat-modeling"};
constexpr W kSecExtra[] = {
    "penetration-testing",     "iam", "soc2", "incident-response", "cloud-security", "cryptography",
    "vulnerability-management"};
constexpr W kSecDo[] = {
    "Threat-model new features with the teams that build them",
    "Run our vulnerability management and bug bounty programs",
    "Harden cloud accounts, identity and secrets management",
    "Respond to security incidents and improve detection",
    "Build paved roads that make the secure way the easy way",
};
constexpr W kSecNeed[] = {
    "{years} years of experience in security engineering",
    "Knowledge of {skill} and common vulnerability classes",
    "Experience with {skills}",
    "The ability to explain risk in plain language",
};
constexpr W kSecNice[] = {
    "Experience with SOC 2 or ISO 27001 audits",
    "Published research or CVEs",
    "Software engineering experience in a modern language",
};
constexpr W kSecHeadlines[] = {"{title} making the secure path the easy one", "{title} · {skills}"};

// ---- QA --------------------------------------------------------------------------------
constexpr W kQaTitles[] = {"QA Engineer", "Test Automation Engineer", "Software Engineer in Test",
                           "Quality Assurance Analyst"};
constexpr W kQaCore[] = {"qa", "test-automation", "testing"};
constexpr W kQaExtra[] = {"playwright",  "cypress", "selenium",
                          "api-testing", "ci-cd",   "performance-testing"};
constexpr W kQaDo[] = {
    "Build the automated test suites that protect {team}",
    "Help engineers write better tests and review test plans",
    "Explore new features to find the bugs automation misses",
    "Keep the test pipeline fast and free of flaky tests",
    "Track quality metrics and share what they tell us",
};
constexpr W kQaNeed[] = {
    "{years} years of experience in QA or test automation",
    "Experience with {skill}",
    "Experience with {skills}",
    "A curious, methodical approach to breaking things",
};
constexpr W kQaNice[] = {
    "Experience with load and performance testing",
    "Familiarity with mobile testing",
    "Some programming experience in TypeScript or Python",
};
constexpr W kQaHeadlines[] = {"{title} who finds the bug before your customers do",
                              "{title} · {skills}"};

constexpr RoleFamily kEngineering[] = {
    {"backend", "Backend engineering", "Engineering", 17, 152000, true, kBackendTitles,
     kBackendCore, kBackendExtra, kBackendDo, kBackendNeed, kBackendNice, kBackendHeadlines},
    {"frontend", "Frontend engineering", "Engineering", 9, 140000, true, kFrontendTitles,
     kFrontendCore, kFrontendExtra, kFrontendDo, kFrontendNeed, kFrontendNice, kFrontendHeadlines},
    {"full-stack", "Full-stack engineering", "Engineering", 12, 145000, true, kFullTitles,
     kFullCore, kFullExtra, kFullDo, kFullNeed, kFullNice, kFullHeadlines},
    {"mobile", "Mobile engineering", "Mobile", 5, 146000, true, kMobileTitles, kMobileCore,
     kMobileExtra, kMobileDo, kMobileNeed, kMobileNice, kMobileHeadlines},
    {"data", "Data engineering and analytics", "Data", 6, 142000, true, kDataTitles, kDataCore,
     kDataExtra, kDataDo, kDataNeed, kDataNice, kDataHeadlines},
    {"ml", "Machine learning", "Machine Learning", 4, 178000, true, kMlTitles, kMlCore, kMlExtra,
     kMlDo, kMlNeed, kMlNice, kMlHeadlines},
    {"devops", "DevOps and SRE", "Infrastructure", 7, 156000, true, kOpsTitles, kOpsCore, kOpsExtra,
     kOpsDo, kOpsNeed, kOpsNice, kOpsHeadlines},
    {"security", "Security", "Security", 2.5, 165000, true, kSecTitles, kSecCore, kSecExtra, kSecDo,
     kSecNeed, kSecNice, kSecHeadlines},
    {"qa", "Quality assurance", "Quality", 3, 112000, true, kQaTitles, kQaCore, kQaExtra, kQaDo,
     kQaNeed, kQaNice, kQaHeadlines},
};

// ---- Company technologies -> tags ------------------------------------------------------
constexpr W kTJs[] = {"javascript", "typescript", "nodejs"};
constexpr W kTJsFront[] = {"react", "typescript", "javascript"};
constexpr W kTPython[] = {"python", "django", "fastapi"};
constexpr W kTPyData[] = {"python", "pandas"};
constexpr W kTGo[] = {"go"};
constexpr W kTRuby[] = {"ruby", "rails"};
constexpr W kTJava[] = {"java", "spring", "kotlin"};
constexpr W kTJavaMobile[] = {"kotlin", "java"};
constexpr W kTPhp[] = {"php", "laravel"};
constexpr W kTDotnet[] = {"csharp", "dotnet"};
constexpr W kTElixir[] = {"elixir", "phoenix"};
constexpr W kTScala[] = {"scala"};
constexpr W kTRust[] = {"rust"};
constexpr W kTMobile[] = {"ios", "android", "react-native", "swift", "kotlin"};
constexpr W kTMobileWeb[] = {"react-native"};
constexpr W kTMl[] = {"pytorch", "machine-learning", "llm"};
constexpr W kTCloud[] = {"aws", "gcp", "azure"};
constexpr W kTDevops[] = {"kubernetes", "terraform", "docker", "ci-cd"};
constexpr W kTSql[] = {"postgresql", "mysql", "sql"};
constexpr W kTNoSql[] = {"mongodb", "redis", "dynamodb"};
constexpr W kTData[] = {"spark", "airflow", "dbt"};
constexpr W kTSearch[] = {"elasticsearch", "search"};
constexpr W kTInfra[] = {"terraform", "linux"};
constexpr W kTLinux[] = {"linux"};
constexpr W kTGraphql[] = {"graphql"};
constexpr W kTApi[] = {"rest", "apis"};
constexpr W kTReact[] = {"react"};
constexpr W kTTs[] = {"typescript"};

constexpr TechRule kTechRules[] = {
    {"javascript", "backend full-stack qa", kTJs},
    {"javascript", "frontend", kTJsFront},
    {"typescript", "backend frontend full-stack qa", kTTs},
    {"react", "frontend full-stack", kTReact},
    {"nodejs", "backend full-stack", kTJs},
    {"python", "backend full-stack devops security qa", kTPython},
    {"python", "data ml", kTPyData},
    {"go", "backend devops full-stack security", kTGo},
    {"ruby", "backend full-stack", kTRuby},
    {"java", "backend data", kTJava},
    {"java", "mobile", kTJavaMobile},
    {"php", "backend full-stack", kTPhp},
    {"dotnet", "backend full-stack", kTDotnet},
    {"elixir", "backend full-stack", kTElixir},
    {"scala", "backend data", kTScala},
    {"rust", "backend devops security", kTRust},
    {"mobile", "mobile qa", kTMobile},
    {"mobile", "frontend full-stack", kTMobileWeb},
    {"ml", "ml data backend", kTMl},
    {"cloud", "devops backend security data", kTCloud},
    {"devops", "devops backend security", kTDevops},
    {"sql", "backend data full-stack", kTSql},
    {"nosql", "backend data", kTNoSql},
    {"data", "data ml", kTData},
    {"search", "backend", kTSearch},
    {"infrastructure", "devops security", kTInfra},
    {"linux", "devops security backend", kTLinux},
    {"graphql", "backend frontend full-stack", kTGraphql},
    {"api", "backend full-stack", kTApi},
};

struct Display {
  W tag;
  W name;
};
constexpr Display kDisplay[] = {
    {"go", "Go"},
    {"javascript", "JavaScript"},
    {"typescript", "TypeScript"},
    {"nodejs", "Node.js"},
    {"python", "Python"},
    {"ruby", "Ruby"},
    {"rails", "Ruby on Rails"},
    {"java", "Java"},
    {"kotlin", "Kotlin"},
    {"swift", "Swift"},
    {"php", "PHP"},
    {"csharp", "C#"},
    {"dotnet", ".NET"},
    {"elixir", "Elixir"},
    {"scala", "Scala"},
    {"rust", "Rust"},
    {"react", "React"},
    {"react-native", "React Native"},
    {"vue", "Vue"},
    {"postgresql", "PostgreSQL"},
    {"mysql", "MySQL"},
    {"mongodb", "MongoDB"},
    {"redis", "Redis"},
    {"dynamodb", "DynamoDB"},
    {"aws", "AWS"},
    {"gcp", "Google Cloud"},
    {"azure", "Azure"},
    {"kubernetes", "Kubernetes"},
    {"terraform", "Terraform"},
    {"docker", "Docker"},
    {"graphql", "GraphQL"},
    {"sql", "SQL"},
    {"ios", "iOS"},
    {"android", "Android"},
    {"ml", "machine learning"},
    {"salesforce", "Salesforce"},
    {"hubspot", "HubSpot"},
    {"zendesk", "Zendesk"},
    {"intercom", "Intercom"},
    {"playwright", "Playwright"},
    {"cypress", "Cypress"},
    {"selenium", "Selenium"},
    {"snowflake", "Snowflake"},
    {"bigquery", "BigQuery"},
    {"looker", "Looker"},
    {"kafka", "Kafka"},
    {"grpc", "gRPC"},
    {"svelte", "Svelte"},
    {"storybook", "Storybook"},
    {"swiftui", "SwiftUI"},
    {"jetpack-compose", "Jetpack Compose"},
    {"flutter", "Flutter"},
    {"prometheus", "Prometheus"},
    {"soc2", "SOC 2"},
    {"iam", "IAM"},
    {"etl", "ETL"},
    {"sre", "SRE"},
    {"nlp", "NLP"},
    {"qa", "QA"},
    {"mlops", "MLOps"},
    {"appsec", "application security"},
    {"pandas", "pandas"},
    {"ui", "UI"},
    {"crm", "CRM"},
    {"devops", "DevOps"},
    {"cloud", "cloud platforms"},
    {"mobile", "mobile apps"},
    {"data", "data pipelines"},
    {"infrastructure", "infrastructure"},
    {"api", "APIs"},
    {"machine-learning", "machine learning"},
    {"llm", "LLMs"},
    {"pytorch", "PyTorch"},
    {"tensorflow", "TensorFlow"},
    {"django", "Django"},
    {"fastapi", "FastAPI"},
    {"laravel", "Laravel"},
    {"spring", "Spring"},
    {"phoenix", "Phoenix"},
    {"elasticsearch", "Elasticsearch"},
    {"ci-cd", "CI/CD"},
    {"css", "CSS"},
    {"html", "HTML"},
    {"dbt", "dbt"},
    {"airflow", "Airflow"},
    {"spark", "Spark"},
    {"linux", "Linux"},
    {"apis", "APIs"},
    {"rest", "REST"},
    {"nosql", "NoSQL"},
    {"seo", "SEO"},
    {"saas", "SaaS"},
    {"b2b", "B2B"},

    {"figma", "Figma"},
    {"ux", "UX"},

};

constexpr W kLanguages[] = {"go",         "python",     "ruby", "java",   "php",
                            "javascript", "typescript", "rust", "elixir", "scala",
                            "csharp",     "kotlin",     "swift"};

}  // namespace

std::span<const RoleFamily> EngineeringFamilies() {
  return kEngineering;
}

std::vector<const RoleFamily*> RoleFamilies() {
  std::vector<const RoleFamily*> out;
  for (const RoleFamily& f : EngineeringFamilies()) out.push_back(&f);
  for (const RoleFamily& f : BusinessFamilies()) out.push_back(&f);
  return out;
}

std::span<const TechRule> TechRules() {
  return kTechRules;
}

std::string_view TechDisplayName(std::string_view tag) {
  for (const Display& d : kDisplay) {
    if (d.tag == tag) return d.name;
  }
  return tag;
}

bool IsLanguageTag(std::string_view tag) {
  for (W l : kLanguages) {
    if (l == tag) return true;
  }
  return false;
}

}  // namespace meridian::demo
