// Markets, job description phrases and suspicious-post text of the demo generator.
#include "platform/demo/words.h"

namespace meridian::demo {
namespace {

using W = std::string_view;

// ---- Markets ---------------------------------------------------------------------------
constexpr W kAWorld[] = {"WW"};
constexpr W kAEurope[] = {"150"};
constexpr W kAEmea[] = {"150", "002", "145"};
constexpr W kAEu[] = {"EU"};
constexpr W kAAmericas[] = {"019"};
constexpr W kANorthAmerica[] = {"021"};
constexpr W kAUs[] = {"US"};
constexpr W kAUsCa[] = {"US", "CA"};
constexpr W kACa[] = {"CA"};
constexpr W kALatam[] = {"419"};
constexpr W kABr[] = {"BR"};
constexpr W kAGb[] = {"GB"};
constexpr W kADe[] = {"DE"};
constexpr W kAIberia[] = {"PT", "ES"};
constexpr W kAPl[] = {"PL"};
constexpr W kANl[] = {"NL"};
constexpr W kAFr[] = {"FR"};
constexpr W kAAmEu[] = {"019", "150"};
constexpr W kAApac[] = {"142", "009"};
constexpr W kAAuNz[] = {"AU", "NZ"};
constexpr W kAIn[] = {"IN"};
constexpr W kASg[] = {"SG"};
constexpr W kAPh[] = {"PH"};
constexpr W kAAfrica[] = {"002"};
constexpr W kAMx[] = {"MX"};
constexpr W kAEuUk[] = {"EU", "GB"};

constexpr W kZEurope[] = {"Europe/Berlin", "Europe/London", "Europe/Amsterdam", "Europe/Paris",
                          "Europe/Lisbon", "Europe/Warsaw", "Europe/Madrid"};
constexpr W kZAmericas[] = {"America/New_York", "America/Chicago", "America/Sao_Paulo",
                            "America/Bogota", "America/Mexico_City"};
constexpr W kZUs[] = {"America/New_York", "America/Chicago", "America/Denver",
                      "America/Los_Angeles"};
constexpr W kZCa[] = {"America/Toronto", "America/Vancouver"};
constexpr W kZLatam[] = {"America/Sao_Paulo", "America/Bogota", "America/Mexico_City",
                         "America/Argentina/Buenos_Aires"};
constexpr W kZBr[] = {"America/Sao_Paulo"};
constexpr W kZGb[] = {"Europe/London"};
constexpr W kZDe[] = {"Europe/Berlin"};
constexpr W kZIberia[] = {"Europe/Lisbon", "Europe/Madrid"};
constexpr W kZPl[] = {"Europe/Warsaw"};
constexpr W kZNl[] = {"Europe/Amsterdam"};
constexpr W kZFr[] = {"Europe/Paris"};
constexpr W kZAmEu[] = {"America/New_York", "Europe/London"};
constexpr W kZApac[] = {"Asia/Singapore", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata"};
constexpr W kZAuNz[] = {"Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland"};
constexpr W kZIn[] = {"Asia/Kolkata"};
constexpr W kZSg[] = {"Asia/Singapore"};
constexpr W kZPh[] = {"Asia/Manila"};
constexpr W kZAfrica[] = {"Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg"};
constexpr W kZMx[] = {"America/Mexico_City"};

// weights: worldwide americas europe americas-europe asia-pacific other
constexpr Market kMarkets[] = {
    {"worldwide", kAWorld, 0.85, "USD", Words{}, -3, 3, 0.7, {40, 6, 8, 14, 8, 34}},
    {"worldwide-americas-hours", kAWorld, 0.85, "USD", Words{}, -8, -2, 0.0, {6, 4, 0, 4, 0, 5}},
    {"europe", kAEurope, 0.72, "EUR", kZEurope, -1, 3, 0.35, {8, 0, 26, 10, 0, 8}},
    {"emea", kAEmea, 0.65, "EUR", kZEurope, -1, 4, 0.4, {5, 0, 8, 4, 0, 6}},
    {"eu", kAEu, 0.72, "EUR", kZEurope, -1, 3, 0.4, {2, 0, 8, 3, 0, 3}},
    {"eu-uk", kAEuUk, 0.74, "EUR", kZEurope, -1, 3, 0.4, {1, 0, 6, 3, 0, 2}},
    {"americas", kAAmericas, 0.8, "USD", kZAmericas, -8, -3, 0.4, {6, 16, 0, 8, 0, 5}},
    {"north-america", kANorthAmerica, 1.0, "USD", kZUs, -8, -4, 0.3, {5, 16, 0, 8, 0, 5}},
    {"us", kAUs, 1.0, "USD", kZUs, -8, -5, 0.25, {6, 30, 0, 10, 0, 8}},
    {"us-ca", kAUsCa, 0.98, "USD", kZUs, -8, -4, 0.3, {3, 10, 0, 4, 0, 3}},
    {"canada", kACa, 0.8, "CAD", kZCa, -8, -4, 0.3, {1, 6, 0, 2, 0, 2}},
    {"latam", kALatam, 0.45, "USD", kZLatam, -6, -3, 0.3, {3, 8, 0, 4, 0, 3}},
    {"brazil", kABr, 0.36, "BRL", kZBr, -3, -3, 0.3, {1, 3, 0, 2, 0, 2}},
    {"mexico", kAMx, 0.4, "MXN", kZMx, -6, -6, 0.3, {0.5, 2, 0, 1, 0, 1}},
    {"uk", kAGb, 0.8, "GBP", kZGb, 0, 1, 0.3, {2, 0, 10, 3, 0, 4}},
    {"germany", kADe, 0.78, "EUR", kZDe, 1, 2, 0.3, {1, 0, 6, 2, 0, 3}},
    {"iberia", kAIberia, 0.52, "EUR", kZIberia, 0, 1, 0.35, {1, 0, 4, 1, 0, 2}},
    {"poland", kAPl, 0.5, "PLN", kZPl, 1, 2, 0.35, {1, 0, 4, 1, 0, 2}},
    {"netherlands", kANl, 0.78, "EUR", kZNl, 1, 2, 0.3, {0.5, 0, 3, 1, 0, 1}},
    {"france", kAFr, 0.7, "EUR", kZFr, 1, 2, 0.3, {0.5, 0, 3, 1, 0, 1}},
    {"americas-europe", kAAmEu, 0.85, "USD", kZAmEu, -5, 2, 0.35, {4, 2, 2, 14, 0, 3}},
    {"apac", kAApac, 0.6, "USD", kZApac, 5, 12, 0.35, {3, 0, 0, 0, 30, 3}},
    {"australia-nz", kAAuNz, 0.85, "AUD", kZAuNz, 9, 13, 0.3, {1, 0, 0, 0, 16, 1}},
    {"india", kAIn, 0.28, "INR", kZIn, 5, 6, 0.3, {2, 0, 0, 0, 14, 2}},
    {"singapore", kASg, 0.85, "SGD", kZSg, 8, 8, 0.3, {0.5, 0, 0, 0, 8, 1}},
    {"philippines", kAPh, 0.25, "PHP", kZPh, 8, 8, 0.3, {1, 0, 0, 0, 6, 1}},
    {"africa", kAAfrica, 0.35, "USD", kZAfrica, 0, 3, 0.4, {2, 0, 0, 0, 0, 2}},
};

constexpr W kWorldwideEvidence[] = {
    "This role is open to candidates anywhere in the world.",
    "We hire worldwide, as employees through an employer of record or as contractors.",
    "Fully remote and location-independent: you can work from any country.",
    "Candidates from any country are welcome to apply.",
};
constexpr W kAreaEvidence[] = {
    "Applicants must be based in {areas}.",
    "We can only hire people who live and are allowed to work in {areas}.",
    "Open to candidates in {areas}, for payroll and tax reasons.",
    "Remote within {areas}; we cannot consider applicants elsewhere for this role.",
    "This position is remote, but limited to {areas} because of our employment setup.",
};
constexpr W kTimezoneEvidence[] = {
    "You need at least four hours of overlap with {window}.",
    "Core collaboration hours are {window}.",
    "The team works {window}, so please make sure that suits you.",
};
constexpr W kOffsetEvidence[] = {
    "You should be based in a time zone between {from} and {to}.",
    "To keep enough overlap with the team, we need you to work from a time zone between {from} "
    "and {to}.",
    "The team spans time zones from {from} to {to}, and so should you.",
};

// ---- Job description blocks ------------------------------------------------------------
constexpr W kCompanyIntros[] = {
    "{company} is a {policy} company working with {techs}.",
    "At {company} we are a {policy} team, and we build with {techs}.",
    "{company} has been {policy} for years; our stack includes {techs}.",
    "We are {company}: a {policy} team that cares about calm, focused work.",
    "{company} builds software used by customers around the world, as a {policy} team.",
};
constexpr W kRoleIntros[] = {
    "We are looking for {a_title} to join {team}.",
    "As {a_title} on {team}, you will have real ownership from your first month.",
    "This {title} role sits in {team}, a small team with a big remit.",
    "We are hiring {a_title} to help {team} grow and stay healthy.",
    "Join {team} as {a_title} and help shape how we work.",
};
constexpr W kTeams[] = {
    "the Payments team",      "the Platform team",
    "the Growth team",        "the Billing team",
    "the Search team",        "the Onboarding team",
    "the Integrations team",  "the Identity team",
    "the Data Platform team", "the Developer Experience team",
    "the Core team",          "the Infrastructure team",
    "the Analytics team",     "the Marketplace team",
    "the Checkout team",      "the Notifications team",
    "the Reliability team",   "the Customer team",
    "the Mobile team",        "the Enterprise team",
};
constexpr W kRemotePractices[] = {
    "We default to asynchronous, written communication and keep meetings short.",
    "Decisions are documented so that nobody has to be online at the same time to follow them.",
    "We meet in person once or twice a year; travel is paid for.",
    "Everyone gets a home-office budget and a coworking allowance.",
    "Most of the team keeps a few hours of overlap for pairing and quick questions.",
    "We write weekly updates instead of holding status meetings.",
    "Flexible hours: we care about outcomes, not about when you are online.",
    "Onboarding is structured, with a buddy and a written plan for your first 90 days.",
    "We avoid after-hours messages and respect local holidays.",
    "Our handbook is public inside the company and everyone can propose changes.",
};
constexpr W kBenefits[] = {
    "Generous paid time off, plus your local public holidays",
    "A yearly learning budget for courses, books and conferences",
    "Home-office equipment of your choice",
    "Private health insurance where available",
    "Paid parental leave",
    "A monthly wellness or coworking stipend",
    "Equity in the company",
    "A four-day work week during summer",
    "Paid sabbatical after five years",
    "Retirement plan contributions",
    "Mental health support",
    "New laptop and the tools you need",
};
constexpr W kClosingLines[] = {
    "If this sounds like you, we would love to hear from you, even if you do not tick every box.",
    "Apply with a short note about something you built or improved that you are proud of.",
    "{company} is an equal opportunity employer and values diverse perspectives.",
    "We reply to every application, usually within two weeks.",
    "Our process: an intro call, a practical exercise or portfolio review, and a team chat.",
};
constexpr W kAboutHeadings[] = {"About the role", "The role", "About the job",
                                "What this role is about"};
constexpr W kDoHeadings[] = {"What you'll do", "Responsibilities", "Your impact",
                             "What you will work on"};
constexpr W kNeedHeadings[] = {"What we're looking for", "Requirements", "About you",
                               "You might be a fit if you have"};
constexpr W kNiceHeadings[] = {"Nice to have", "Bonus points", "It would be great if you have"};
constexpr W kRemoteHeadings[] = {"How we work remotely", "Remote at {company}", "Working with us"};
constexpr W kBenefitHeadings[] = {"Compensation and benefits", "What we offer", "Benefits",
                                  "Pay and perks"};

// ---- Suspicious posts ------------------------------------------------------------------
constexpr ScamCompany kScamCompanies[] = {
    {"brightpath-remote-solutions", "Brightpath Remote Solutions",
     "https://brightpath-remote.example"},
    {"apex-global-staffing-hub", "Apex Global Staffing Hub", "https://apex-staffing.example"},
    {"novalink-data-services", "NovaLink Data Services", "https://novalink-data.example"},
    {"summit-careers-online", "Summit Careers Online", "https://summit-careers.example"},
    {"blueharbor-fulfillment", "BlueHarbor Fulfillment", "https://blueharbor.example"},
    {"evertrust-payroll-partners", "EverTrust Payroll Partners",
     "https://evertrust-payroll.example"},
};
constexpr W kScamTitles[] = {
    "URGENT: Remote Data Entry Clerk - No Experience Needed",
    "Work From Home Typist - Start Today",
    "Remote Payment Processing Agent (Immediate Start)",
    "Online Chat Assistant - Flexible Hours - Weekly Pay",
    "Package Reshipping Coordinator (Remote)",
    "Remote Administrative Assistant - Hiring Immediately",
    "Product Review Tester - Earn From Home",
    "Virtual Customer Service Rep - Training Provided",
};
constexpr W kScamOpenings[] = {
    "URGENT HIRING!!! We need 15 people this week. Earn {pay} working from home, only 2-3 "
    "hours per day. No experience or interview required.",
    "Great opportunity to earn {pay} from the comfort of your home! Positions are limited and "
    "will be filled on a first come, first served basis.",
    "Our fast-growing international firm is expanding and needs reliable assistants now. Pay is "
    "{pay}, paid every Friday. Anyone can do this job.",
    "Immediate start! Simple online tasks, {pay}, flexible hours. Students, parents and "
    "retirees welcome. No CV needed.",
};
constexpr W kScamDuties[] = {
    "Enter simple data into spreadsheets",
    "Receive packages at your home and forward them to our clients abroad",
    "Process customer payments through your personal bank account",
    "Answer chat messages from customers",
    "Test products and write short reviews",
    "Buy gift cards for office purchases and send us the codes (reimbursed)",
    "Check emails and forward documents",
};
constexpr W kScamHooks[] = {
    "To apply, contact our hiring manager on Telegram: {handle}. Interviews are done by chat "
    "only.",
    "Message us on WhatsApp at {phone} for a fast-track interview today.",
    "Before you start you must buy the training kit and work equipment ({fee}) from our "
    "approved vendor. The cost is refunded with your first paycheck.",
    "Send a copy of your ID and your bank account details to {contact} so we can set up direct "
    "deposit before the interview.",
    "A one-time registration fee of {fee} is required to secure your position.",
    "We will send you a check to buy your home-office equipment; deposit it and send the "
    "balance back to our supplier.",
    "Email your full name, date of birth and social security number to {contact} to receive "
    "your offer letter.",
};
constexpr W kScamRequirements[] = {
    "Must be 18 years or older",
    "A smartphone or computer with internet access",
    "No experience or degree required, we train you",
    "Able to start immediately",
    "Basic English",
    "Must have a personal bank account to receive payments",
};
constexpr W kScamAbouts[] = {
    "{company} is an international agency that connects remote workers with top clients all "
    "over the world. Thousands of people already earn a stable income with us from home.",
    "{company} is a leading global company with offices in many countries. Due to rapid growth "
    "we are hiring remote assistants right now.",
    "{company} helps businesses with their online operations. Join our friendly team and work "
    "whenever you want.",
};
constexpr W kScamClosings[] = {
    "Act fast, this offer expires in 24 hours!",
    "Do not miss this chance to become financially free!",
    "Reply today, spots are almost gone!",
    "100% legit, many happy workers already!",
};
// Free-mail provider names on the reserved .example TLD: the scam signal (a free-mail
// provider instead of a company domain) without any address that could exist.
constexpr W kFreeMailDomains[] = {"gmail.example", "outlook.example", "yahoo.example",
                                  "hotmail.example", "proton.example"};
constexpr W kScamTags[] = {"data-entry", "work-from-home",  "no-experience", "customer-service",
                           "part-time",  "immediate-start", "admin"};

// ---- Talent ----------------------------------------------------------------------------
constexpr W kTalentOpenings[] = {
    "I'm {a_title} with {years} of experience, based in {city}.",
    "{title} from {city} with {years} of professional experience, mostly with {skills}.",
    "Based in {city}, I have spent {years} working as {a_title}.",
    "Hi! I'm {a_title} in {city}. I've worked remotely for most of my {years} in the "
    "industry.",
};
constexpr W kTalentLines[] = {
    "Most recently I worked on {team}, where I focused on {skill}.",
    "I enjoy asynchronous work and write things down by default.",
    "I like small teams where everyone talks to customers.",
    "Outside work I mentor people who are new to the field.",
    "I care about accessibility, documentation and calm on-call rotations.",
    "I have led projects across four time zones and learned to love a good written proposal.",
    "My strongest skill is {skill}, and I am currently getting better at {skill2}.",
    "I have worked for agencies, startups and one large company, and I liked the startups best.",
};
constexpr W kTalentLookingFor[] = {
    "Availability: {availability}. I'm looking for a remote role with a healthy team culture.",
    "Availability: {availability}. Open to full-time roles and long-term contracts.",
    "Availability: {availability}. Ideally a product company with an async-first culture.",
};

}  // namespace

std::span<const Market> Markets() {
  return kMarkets;
}
Words WorldwideEvidence() {
  return kWorldwideEvidence;
}
Words AreaEvidence() {
  return kAreaEvidence;
}
Words TimezoneEvidence() {
  return kTimezoneEvidence;
}
Words OffsetEvidence() {
  return kOffsetEvidence;
}
Words CompanyIntros() {
  return kCompanyIntros;
}
Words RoleIntros() {
  return kRoleIntros;
}
Words Teams() {
  return kTeams;
}
Words RemotePractices() {
  return kRemotePractices;
}
Words Benefits() {
  return kBenefits;
}
Words ClosingLines() {
  return kClosingLines;
}
Words AboutHeadings() {
  return kAboutHeadings;
}
Words DoHeadings() {
  return kDoHeadings;
}
Words NeedHeadings() {
  return kNeedHeadings;
}
Words NiceHeadings() {
  return kNiceHeadings;
}
Words RemoteHeadings() {
  return kRemoteHeadings;
}
Words BenefitHeadings() {
  return kBenefitHeadings;
}
std::span<const ScamCompany> ScamCompanies() {
  return kScamCompanies;
}
Words ScamTitles() {
  return kScamTitles;
}
Words ScamOpenings() {
  return kScamOpenings;
}
Words ScamDuties() {
  return kScamDuties;
}
Words ScamHooks() {
  return kScamHooks;
}
Words ScamClosings() {
  return kScamClosings;
}
Words ScamRequirements() {
  return kScamRequirements;
}
Words ScamAbouts() {
  return kScamAbouts;
}
Words FreeMailDomains() {
  return kFreeMailDomains;
}
Words ScamTags() {
  return kScamTags;
}
Words TalentSummaryOpenings() {
  return kTalentOpenings;
}
Words TalentSummaryLines() {
  return kTalentLines;
}
Words TalentLookingFor() {
  return kTalentLookingFor;
}

}  // namespace meridian::demo
