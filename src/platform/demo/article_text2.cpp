// Evergreen article topics of the demo generator (part 2): onboarding, applications,
// wellbeing, contracts, growth, leadership and community. Written for Meridian's demo data.
#include "platform/demo/words.h"

namespace meridian::demo {
namespace {

using W = std::string_view;

// ---- Onboarding ------------------------------------------------------------------------
constexpr W kOnboardTags[] = {"remote-work", "onboarding", "career"};
constexpr W kOnboardTitles[] = {
    "Your first 90 days in a remote job",
    "Onboarding yourself when the team is asynchronous",
    "How to make a good impression without an office",
    "Building relationships in a new remote team",
    "The first week checklist for remote starters",
    "Learning a codebase or a business from a distance",
};
constexpr W kOnboardSummaries[] = {
    "How to settle into a new remote role: relationships, documentation and early wins.",
    "A practical plan for the first weeks in a distributed team.",
};
constexpr W kOnboardIntros[] = {
    "Starting a remote job is quiet in a way that can feel strange. Nobody walks you to "
    "lunch, and questions you would have asked across a desk now need a message. The good "
    "news is that a little structure goes a long way.",
    "In an office, you absorb how things work by being there. Remotely, you have to go "
    "looking for it. New starters who read a lot, ask in public channels and ship something "
    "small early tend to settle in fastest.",
};
constexpr W kOnboardPeopleP[] = {
    "Schedule short introductory calls with the people you will work with most. Ask what "
    "they are working on, what they wish they had known when they started and how they "
    "prefer to be contacted.",
};
constexpr W kOnboardPeopleB[] = {
    "Your manager and your onboarding buddy",
    "Two or three teammates you will work with daily",
    "Someone from a neighbouring team",
    "A person in support or sales who talks to customers",
};
constexpr W kOnboardDocsP[] = {
    "Read the handbook, the team's recent decisions and the last few weeks of updates. When "
    "something is missing or out of date, fix it: improving documentation is one of the most "
    "useful things a new person can do.",
};
constexpr W kOnboardWinsP[] = {
    "Aim for a small, visible contribution in the first two weeks. It builds trust and "
    "teaches you the whole path from idea to release.",
};
constexpr ArticleSection kOnboardSections[] = {
    {"Meet people on purpose", kOnboardPeopleP, kOnboardPeopleB},
    {"Read, then write", kOnboardDocsP, {}},
    {"Find an early win", kOnboardWinsP, {}},
};

// ---- Applications ----------------------------------------------------------------------
constexpr W kCvTags[] = {"remote-work", "job-search", "career"};
constexpr W kCvTitles[] = {
    "Writing a CV for remote jobs",
    "The remote-ready application",
    "Showing remote experience you did not know you had",
    "Cover letters that get read",
    "Portfolio tips for remote applicants",
    "How to search for remote jobs efficiently",
};
constexpr W kCvSummaries[] = {
    "How to present your experience so that remote hiring teams see a reliable, independent "
    "colleague.",
    "Practical tips for CVs, cover letters and portfolios aimed at remote roles.",
};
constexpr W kCvIntros[] = {
    "Remote hiring teams read applications with one extra question in mind: will this person "
    "do well without an office around them? A good application answers it without being "
    "asked.",
    "Remote roles attract many applicants, so clarity wins. Short, specific applications that "
    "match the post are read more carefully than long generic ones.",
};
constexpr W kCvShowP[] = {
    "Mention remote or distributed work explicitly, including collaboration with people in "
    "other cities or countries. Independent projects, open-source work and freelancing all "
    "count as evidence that you can manage your own time.",
};
constexpr W kCvShowB[] = {
    "Projects you owned end to end",
    "Documentation or written proposals you wrote",
    "Work with people in other time zones",
    "Results with numbers, where you can share them",
};
constexpr W kCvLetterP[] = {
    "A cover letter for a remote role can be five sentences long: why this company, why this "
    "role, one relevant achievement, your location and time zone, and when you can start.",
};
constexpr W kCvSearchP[] = {
    "Filter job boards by the places you can legally work from and the time zones you can "
    "cover. Many remote roles are open only to certain countries, and reading the "
    "eligibility section first saves a lot of time.",
};
constexpr ArticleSection kCvSections[] = {
    {"Show that you can work independently", kCvShowP, kCvShowB},
    {"Short cover letters", kCvLetterP, {}},
    {"Search smarter", kCvSearchP, {}},
};

// ---- Wellbeing -------------------------------------------------------------------------
constexpr W kWellTags[] = {"remote-work", "wellbeing", "burnout"};
constexpr W kWellTitles[] = {
    "Avoiding burnout when you work from home",
    "Ending the workday when the office is your kitchen",
    "Loneliness and remote work",
    "Healthy routines for remote workers",
    "Taking real time off from a remote job",
    "Notifications, focus and a calmer workday",
};
constexpr W kWellSummaries[] = {
    "Routines and boundaries that keep remote work sustainable.",
    "How to notice the early signs of burnout and what helps.",
};
constexpr W kWellIntros[] = {
    "Remote work removes the commute, but it also removes the natural end of the workday. "
    "Without a few deliberate habits, work spreads into evenings and weekends.",
    "Burnout rarely arrives suddenly. It builds up through long days, constant notifications "
    "and too little contact with people. Remote workers can be especially exposed, because "
    "nobody sees them working late.",
};
constexpr W kWellRoutineP[] = {
    "Start and end the day with a small ritual: a walk, making coffee, writing tomorrow's "
    "to-do list. Rituals tell your brain that work has started or stopped.",
};
constexpr W kWellRoutineB[] = {
    "A fixed end time, shared with your team",
    "Lunch away from the desk",
    "Notifications off outside working hours",
    "A weekly plan instead of an endless list",
};
constexpr W kWellPeopleP[] = {
    "Remote work can be lonely. Regular calls with colleagues that are not about work, a "
    "coworking day each week or a local meetup can help. Many teams run optional social "
    "calls across time zones.",
};
constexpr W kWellRestP[] = {
    "Take your holidays, and take them fully: set an out-of-office message, hand over "
    "ongoing work and remove work apps from your phone for the duration.",
};
constexpr ArticleSection kWellSections[] = {
    {"Routines that create boundaries", kWellRoutineP, kWellRoutineB},
    {"Stay connected", kWellPeopleP, {}},
    {"Rest properly", kWellRestP, {}},
};

// ---- Contracts -------------------------------------------------------------------------
constexpr W kContractTags[] = {"remote-work", "contracts", "employment"};
constexpr W kContractTitles[] = {
    "Employee, contractor or employer of record?",
    "What an employer of record does for remote hires",
    "Questions to ask before signing a remote contract",
    "Freelancing for foreign clients: the basics",
    "Notice periods, equipment and other contract details",
    "Understanding remote job types in job posts",
};
constexpr W kContractSummaries[] = {
    "The main ways remote companies hire across borders, and what each means for you.",
    "A plain-language guide to remote employment contracts.",
};
constexpr W kContractIntros[] = {
    "A remote offer can come as an employment contract with a local entity, an employment "
    "contract through an employer of record, or a contractor agreement. The differences "
    "matter for taxes, benefits and job security.",
    "Job posts list employment types such as full time, part time or contractor. Behind "
    "those labels are very different arrangements, especially when the company is in "
    "another country.",
};
constexpr W kContractTypesP[] = {
    "An employer of record is a company that employs you locally on behalf of the company "
    "you actually work for. You get a local contract, payroll and statutory benefits. "
    "Contractors invoice their clients and handle their own taxes and insurance.",
};
constexpr W kContractTypesB[] = {
    "Local employment: full protection, local payroll",
    "Employer of record: local contract through a third party",
    "Contractor: more flexibility, more paperwork and risk",
};
constexpr W kContractCheckP[] = {
    "Read the contract for notice periods, intellectual property, equipment, working hours "
    "and where you are allowed to work from. If something is unclear, ask before signing; "
    "good employers are used to these questions.",
};
constexpr W kContractCheckB[] = {
    "Currency and payment schedule",
    "Paid time off and public holidays",
    "Who owns the equipment",
    "Termination and notice",
};
constexpr ArticleSection kContractSections[] = {
    {"The three common setups", kContractTypesP, kContractTypesB},
    {"What to check before signing", kContractCheckP, kContractCheckB},
};

// ---- Career growth ---------------------------------------------------------------------
constexpr W kGrowthTags[] = {"remote-work", "career", "learning"};
constexpr W kGrowthTitles[] = {
    "Growing your career while working remotely",
    "Getting promoted when nobody sees you at a desk",
    "Mentorship in distributed teams",
    "Learning new skills on a remote schedule",
    "Making your work visible without bragging",
    "From individual contributor to lead, remotely",
};
constexpr W kGrowthSummaries[] = {
    "How remote workers build visibility, find mentors and keep learning.",
    "Career growth in distributed teams depends on writing, ownership and feedback.",
};
constexpr W kGrowthIntros[] = {
    "In a remote team, your work is your visibility. People who write clear updates, share "
    "what they learn and take ownership of problems get noticed, wherever they live.",
    "Remote careers grow through the same things as office careers: impact, skills and "
    "relationships. What changes is how you make them visible.",
};
constexpr W kGrowthVisibleP[] = {
    "Write short weekly notes about what you shipped, what you learned and what you plan "
    "next. They help your manager, and they become a record for performance reviews.",
};
constexpr W kGrowthVisibleB[] = {
    "Weekly written updates",
    "Internal talks or demos",
    "Documentation others rely on",
    "Helping in public channels",
};
constexpr W kGrowthMentorP[] = {
    "Ask for a mentor outside your team, and offer to mentor someone newer than you. Both "
    "work well over video and in writing, and both build the network that remote work can "
    "otherwise lack.",
};
constexpr W kGrowthLearnP[] = {
    "Use your learning budget deliberately: pick one skill a quarter, find a small project to "
    "apply it, and share what you built.",
};
constexpr ArticleSection kGrowthSections[] = {
    {"Make your work visible", kGrowthVisibleP, kGrowthVisibleB},
    {"Mentors and mentees", kGrowthMentorP, {}},
    {"Keep learning", kGrowthLearnP, {}},
};

// ---- Leading remote teams --------------------------------------------------------------
constexpr W kLeadTags[] = {"remote-work", "leadership", "management"};
constexpr W kLeadTitles[] = {
    "Leading a remote team: the first principles",
    "One-on-ones that work over video",
    "Hiring fairly across countries",
    "Running remote team offsites",
    "Trust, autonomy and accountability in remote teams",
    "Writing a remote team handbook",
};
constexpr W kLeadSummaries[] = {
    "Practices that help managers lead distributed teams with clarity and trust.",
    "How to run one-on-ones, offsites and hiring for a remote team.",
};
constexpr W kLeadIntros[] = {
    "Managing a remote team is less about tools and more about clarity. When goals, "
    "priorities and decisions are written down, people can work independently and still "
    "pull in the same direction.",
    "Remote leadership rewards managers who trust by default and check in on outcomes "
    "rather than activity.",
};
constexpr W kLeadOneP[] = {
    "Hold regular one-on-ones and let the other person own the agenda. Keep a shared "
    "document with notes and follow-ups so that nothing depends on memory.",
};
constexpr W kLeadOneB[] = {
    "How are you, really?",
    "What is blocking you?",
    "What would you like to learn next?",
    "What should I do differently?",
};
constexpr W kLeadHireP[] = {
    "Publish salary ranges and eligibility clearly, use structured interviews with the same "
    "questions for everyone, and schedule calls in the candidate's working hours.",
};
constexpr W kLeadMeetP[] = {
    "Meeting in person once or twice a year is worth the cost. Use the time for planning, "
    "relationships and fun, not for work that could be done from home.",
};
constexpr ArticleSection kLeadSections[] = {
    {"One-on-ones", kLeadOneP, kLeadOneB},
    {"Fair hiring", kLeadHireP, {}},
    {"Meeting in person", kLeadMeetP, {}},
};

// ---- Community and coworking -----------------------------------------------------------
constexpr W kCommunityTags[] = {"remote-work", "coworking", "community"};
constexpr W kCommunityTitles[] = {
    "Coworking spaces for remote workers: are they worth it?",
    "Finding community when you work remotely",
    "Working from cafes: etiquette and practicalities",
    "Local meetups and the remote worker",
    "Hybrid days: mixing home and coworking",
    "Building a remote-work routine in a new city",
};
constexpr W kCommunitySummaries[] = {
    "Where remote workers find company, focus and a change of scenery.",
    "Coworking, meetups and cafes: how to choose what fits your work.",
};
constexpr W kCommunityIntros[] = {
    "Working from home suits many people, but not every day. Coworking spaces, libraries and "
    "meetups offer company, structure and a reliable connection.",
    "A change of scenery can restore focus. The trick is choosing places that fit the kind of "
    "work you are doing that day.",
};
constexpr W kCommunityCoworkP[] = {
    "Before you sign up for a coworking space, try a day pass. Check the internet speed, the "
    "call booths and the noise level at the times you usually work.",
};
constexpr W kCommunityCoworkB[] = {
    "Phone booths for calls",
    "Reliable, fast internet",
    "Opening hours that match your time zone",
    "A community manager who organises events",
};
constexpr W kCommunityCafeP[] = {
    "Cafes are great for reading and writing, less so for calls. Buy something every couple "
    "of hours, avoid peak lunchtime and keep your calls for quieter places.",
};
constexpr W kCommunityMeetP[] = {
    "Meetups, user groups and conferences connect you with people who do similar work "
    "nearby. Many cities have groups specifically for remote workers.",
};
constexpr ArticleSection kCommunitySections[] = {
    {"Coworking spaces", kCommunityCoworkP, kCommunityCoworkB},
    {"Cafes", kCommunityCafeP, {}},
    {"Meetups and groups", kCommunityMeetP, {}},
};

constexpr ArticleTopic kTopics[] = {
    {"onboarding", kOnboardTags, kOnboardTitles, kOnboardSummaries, kOnboardIntros,
     kOnboardSections},
    {"applications", kCvTags, kCvTitles, kCvSummaries, kCvIntros, kCvSections},
    {"wellbeing", kWellTags, kWellTitles, kWellSummaries, kWellIntros, kWellSections},
    {"contracts", kContractTags, kContractTitles, kContractSummaries, kContractIntros,
     kContractSections},
    {"growth", kGrowthTags, kGrowthTitles, kGrowthSummaries, kGrowthIntros, kGrowthSections},
    {"leadership", kLeadTags, kLeadTitles, kLeadSummaries, kLeadIntros, kLeadSections},
    {"community", kCommunityTags, kCommunityTitles, kCommunitySummaries, kCommunityIntros,
     kCommunitySections},
};

}  // namespace

std::span<const ArticleTopic> MoreArticleTopics() {
  return kTopics;
}

}  // namespace meridian::demo
