// Evergreen article topics of the demo generator (part 1): interviewing, async work, time
// zones, pay, home office, visas and scams. Written for Meridian's demo data.
#include "platform/demo/words.h"

namespace meridian::demo {
namespace {

using W = std::string_view;

// ---- Remote interviewing ---------------------------------------------------------------
constexpr W kInterviewTags[] = {"remote-work", "interviewing", "career"};
constexpr W kInterviewTitles[] = {
    "How to prepare for a remote job interview",
    "Remote interviews: what hiring teams actually look for",
    "The video interview checklist for remote roles",
    "Take-home exercises without the burnout",
    "Questions to ask before you accept a remote offer",
    "Interviewing across time zones",
};
constexpr W kInterviewSummaries[] = {
    "A practical guide to preparing for remote interviews, from the setup to the questions "
    "worth asking.",
    "What remote hiring teams test for, and how to show it in a video call.",
};
constexpr W kInterviewIntros[] = {
    "Remote interviews look like ordinary interviews on a screen, but the hiring team is "
    "quietly testing something extra: whether you can work well without a shared office. "
    "Clear writing, calm communication and reliable follow-up matter as much as the "
    "technical answers.",
    "Most remote hiring processes have three or four steps: a screening call, a skills "
    "exercise, a conversation with the team and a final call. Each one is a chance to show "
    "how you work when nobody is looking over your shoulder.",
};
constexpr W kInterviewSetupP[] = {
    "Test your camera, microphone and connection the day before, not five minutes before. "
    "Sit facing a window or a lamp, close the tabs that make noise, and keep a glass of water "
    "and a notepad within reach.",
    "A wired headset beats a laptop microphone in almost every room. If your connection is "
    "unreliable, tell the interviewer at the start and agree on a fallback, such as a phone "
    "number or a rescheduled slot.",
};
constexpr W kInterviewSetupB[] = {
    "Join the call two minutes early",
    "Keep your calendar invite and the job post open in one window",
    "Turn off notifications on every device",
    "Have a backup link or phone number ready",
    "Check the time zone of the invitation twice",
};
constexpr W kInterviewAsyncP[] = {
    "Many remote companies include a written step: a short questionnaire, a design document or "
    "a take-home task. Treat it as a sample of your everyday work. Structure beats length, and "
    "a short summary at the top helps reviewers who read dozens of submissions.",
    "If a take-home task is open-ended, write down the assumptions you made and what you "
    "would do with more time. Reviewers value judgment about scope more than an extra "
    "feature.",
};
constexpr W kInterviewAsyncB[] = {
    "Ask how long the exercise is expected to take",
    "State your assumptions at the top",
    "Explain trade-offs, not only results",
    "Include instructions to run or review your work",
};
constexpr W kInterviewAskP[] = {
    "The interview is also your chance to learn how the team really works. Ask how decisions "
    "get made, how many meetings a typical week has, and what happens when someone is stuck "
    "outside the overlap hours.",
};
constexpr W kInterviewAskB[] = {
    "How do you onboard new people remotely?",
    "Which hours do people usually overlap?",
    "How is performance reviewed?",
    "How often does the team meet in person, and who pays for travel?",
    "What does on-call look like?",
    "How are salaries set for different locations?",
};
constexpr W kInterviewFollowP[] = {
    "After the call, send a short thank-you note that mentions something specific from the "
    "conversation. It is a small signal, but remote teams notice people who close loops.",
};
constexpr ArticleSection kInterviewSections[] = {
    {"Get the setup right", kInterviewSetupP, kInterviewSetupB},
    {"Written and take-home steps", kInterviewAsyncP, kInterviewAsyncB},
    {"Questions worth asking", kInterviewAskP, kInterviewAskB},
    {"Follow up like a remote colleague", kInterviewFollowP, {}},
};

// ---- Async communication ---------------------------------------------------------------
constexpr W kAsyncTags[] = {"remote-work", "async", "communication"};
constexpr W kAsyncTitles[] = {
    "Async communication: a practical guide for remote teams",
    "Writing updates that nobody has to ask about",
    "Fewer meetings, better decisions",
    "How to run a decision in writing",
    "The art of the status update",
    "Async by default, sync on purpose",
};
constexpr W kAsyncSummaries[] = {
    "How distributed teams replace meetings with clear writing, and when a call is still the "
    "better choice.",
    "Habits that make asynchronous work faster than waiting for the next meeting.",
};
constexpr W kAsyncIntros[] = {
    "Asynchronous communication means that a conversation does not need everyone online at "
    "the same time. Done well, it gives people long stretches of focus and a written record "
    "of why things happened. Done badly, it turns into slow chat and endless threads.",
    "Teams spread across time zones cannot rely on tapping someone on the shoulder. The "
    "ones that thrive write things down, make requests that can be answered in one pass, and "
    "keep synchronous time for the conversations that really need it.",
};
constexpr W kAsyncWriteP[] = {
    "A good async message can be acted on without a follow-up question. Put the request or "
    "decision in the first line, give the context below it, and say when you need an answer.",
    "Long messages are fine when they are structured. Headings, short paragraphs and a "
    "summary at the top let readers decide how deep to go.",
};
constexpr W kAsyncWriteB[] = {
    "Lead with the ask",
    "Link to the source instead of pasting screenshots",
    "Propose a default that happens if nobody objects",
    "Say explicitly what kind of feedback you want",
    "End with a deadline in the reader's time zone",
};
constexpr W kAsyncDecideP[] = {
    "Decisions in writing work best with a simple template: the problem, the options, a "
    "recommendation and a date when the decision will be made. People comment in their own "
    "hours, and the owner closes the discussion on the date.",
};
constexpr W kAsyncDecideB[] = {
    "Problem and why it matters now",
    "Options considered, including doing nothing",
    "Recommendation and its risks",
    "Decision date and owner",
};
constexpr W kAsyncSyncP[] = {
    "Some conversations are faster live: conflicts, brainstorming, sensitive feedback and "
    "anything with a lot of back-and-forth. Schedule them deliberately, keep them short, and "
    "write a summary afterwards for everyone who could not join.",
};
constexpr W kAsyncToolsP[] = {
    "Tools matter less than agreements. Decide where decisions live, which channel is for "
    "urgent issues, and what response time is normal. Then write those agreements down where "
    "new people will find them.",
};
constexpr W kAsyncToolsB[] = {
    "Chat for quick questions, with no expectation of instant replies",
    "Documents for proposals and decisions",
    "The issue tracker for work in progress",
    "A phone call only for emergencies",
};
constexpr ArticleSection kAsyncSections[] = {
    {"Write messages that can be acted on", kAsyncWriteP, kAsyncWriteB},
    {"Making decisions in writing", kAsyncDecideP, kAsyncDecideB},
    {"When to meet anyway", kAsyncSyncP, {}},
    {"Agree on the channels", kAsyncToolsP, kAsyncToolsB},
};

// ---- Time zones ------------------------------------------------------------------------
constexpr W kTzTags[] = {"remote-work", "timezones", "collaboration"};
constexpr W kTzTitles[] = {
    "Working across time zones without losing sleep",
    "How much time-zone overlap does a remote team need?",
    "The overlap hours playbook",
    "Handoffs that work across continents",
    "Scheduling meetings for a global team",
    "Time zones in job posts, explained",
};
constexpr W kTzSummaries[] = {
    "How distributed teams choose overlap hours, hand work over and keep meetings fair.",
    "What time-zone requirements in remote job posts mean, and how to work with them.",
};
constexpr W kTzIntros[] = {
    "Time zones are the real geography of remote work. Two colleagues in the same country can "
    "share a full working day, while two in neighbouring continents might overlap for an "
    "hour. Good teams design for that instead of pretending it away.",
    "Many remote job posts ask for a time-zone range, such as UTC-3 to UTC+3, or a few hours "
    "of overlap with a team's home zone. Those requirements say a lot about how the team "
    "works day to day.",
};
constexpr W kTzOverlapP[] = {
    "For most teams, three to four hours of shared time is enough for pairing, quick "
    "questions and the occasional meeting. The rest of the day is for focused work, which is "
    "easier when nobody expects an instant reply.",
};
constexpr W kTzOverlapB[] = {
    "Agree on core hours and protect them",
    "Put meeting-free blocks in everyone's calendar",
    "Show local times in every invitation",
    "Rotate inconvenient meeting slots",
};
constexpr W kTzHandoffP[] = {
    "When overlap is short, handoffs carry the work. End the day with a short note: what you "
    "finished, what is blocked and what the next person can pick up. Follow-the-sun support "
    "teams have done this for decades.",
};
constexpr W kTzDstP[] = {
    "Daylight saving time moves on different dates in Europe and North America, and not at "
    "all in most of Asia, Africa and South America. Twice a year your overlap shifts by an "
    "hour for a few weeks, so check recurring meetings in March, April, October and "
    "November.",
};
constexpr W kTzPostsP[] = {
    "A job post that names a zone and hours, such as 09:00 to 17:00 Berlin time, usually "
    "means a team that meets often. A wide UTC offset range means a team that works mostly "
    "in writing. Neither is better, but it helps to know which one you are applying to.",
};
constexpr ArticleSection kTzSections[] = {
    {"How much overlap is enough", kTzOverlapP, kTzOverlapB},
    {"Handoffs", kTzHandoffP, {}},
    {"Watch out for daylight saving time", kTzDstP, {}},
    {"Reading time-zone requirements in job posts", kTzPostsP, {}},
};

// ---- Salary negotiation ----------------------------------------------------------------
constexpr W kPayTags[] = {"remote-work", "salary", "negotiation"};
constexpr W kPayTitles[] = {
    "Negotiating salary for a remote job",
    "Location-based pay, explained",
    "How to compare remote offers in different currencies",
    "Contract rates versus salaries: doing the maths",
    "What to say when they ask for your expected salary",
    "Beyond base pay: benefits that matter when you work from home",
};
constexpr W kPaySummaries[] = {
    "How remote companies set pay, and how to negotiate an offer with confidence.",
    "Comparing remote offers across currencies, periods and benefits.",
};
constexpr W kPayIntros[] = {
    "Remote companies pay in very different ways. Some pay the same everywhere, some adjust "
    "for location, and some pay a local market rate through an employer of record. Knowing "
    "which model a company uses is the first step of any negotiation.",
    "A salary figure alone says little when offers come in different currencies and periods. "
    "An hourly contract rate, a monthly salary in one currency and an annual salary in "
    "another can only be compared once they are put on the same footing.",
};
constexpr W kPayModelsP[] = {
    "Location-based pay usually starts from a reference market and applies a factor per "
    "country or city. Global pay bands use one range for everyone. Ask which model applies "
    "and whether moving would change your pay.",
};
constexpr W kPayModelsB[] = {
    "One global range for everyone",
    "Ranges adjusted by country or city",
    "Local market rates through an employer of record",
    "Contract rates negotiated per person",
};
constexpr W kPayCompareP[] = {
    "Convert every offer to the same period and currency before you compare. A rough rule is "
    "2,080 working hours or 260 working days in a year. Remember that contractors pay their "
    "own taxes, equipment and time off, so a contract rate should be noticeably higher than "
    "the hourly equivalent of a salary.",
};
constexpr W kPayNegotiateP[] = {
    "If you are asked for a number first, give a range you would be happy with and explain "
    "what it is based on. Public salary ranges in job posts are a useful anchor. Negotiate the "
    "whole package, not only base pay.",
};
constexpr W kPayNegotiateB[] = {
    "Home-office and coworking budgets",
    "Paid time off and local public holidays",
    "Learning budget",
    "Equity and its vesting schedule",
    "Health insurance or an allowance where none is provided",
};
constexpr ArticleSection kPaySections[] = {
    {"How remote companies set pay", kPayModelsP, kPayModelsB},
    {"Comparing offers", kPayCompareP, {}},
    {"Negotiating the whole package", kPayNegotiateP, kPayNegotiateB},
};

// ---- Home office -----------------------------------------------------------------------
constexpr W kHomeTags[] = {"remote-work", "home-office", "wellbeing"};
constexpr W kHomeTitles[] = {
    "Setting up a home office that works", "Ergonomics for remote workers on a budget",
    "Light, sound and a good chair",       "Working from a small apartment",
    "The remote worker's equipment list",  "Making video calls look and sound professional",
};
constexpr W kHomeSummaries[] = {
    "A realistic guide to a healthy, productive home workspace without spending a fortune.",
    "What matters most in a home office, in order of impact.",
};
constexpr W kHomeIntros[] = {
    "You will spend thousands of hours at your desk, so small improvements add up. The good "
    "news: the changes with the biggest impact are usually cheap.",
    "Not everyone has a spare room. A corner, a good chair and a routine that separates work "
    "from the rest of the day can do a lot of the same job.",
};
constexpr W kHomeErgoP[] = {
    "Start with posture: the top of the screen at eye level, elbows at roughly a right angle "
    "and feet flat on the floor. A laptop stand with an external keyboard fixes most laptop "
    "setups.",
};
constexpr W kHomeErgoB[] = {
    "An adjustable chair, second-hand if needed",
    "A laptop stand or monitor arm",
    "An external keyboard and mouse",
    "A footrest if your feet do not reach the floor",
};
constexpr W kHomeAvP[] = {
    "For calls, sound matters more than video. A simple headset removes echo, and a lamp in "
    "front of you does more than an expensive camera.",
};
constexpr W kHomeBoundP[] = {
    "When home is also the office, boundaries need help. A fixed start and end time, a short "
    "walk to begin the day and a closed laptop in the evening are simple rituals that make a "
    "real difference.",
};
constexpr ArticleSection kHomeSections[] = {
    {"Ergonomics first", kHomeErgoP, kHomeErgoB},
    {"Sound and light for calls", kHomeAvP, {}},
    {"Boundaries", kHomeBoundP, {}},
};

// ---- Visas and nomad life --------------------------------------------------------------
constexpr W kNomadTags[] = {"remote-work", "digital-nomad", "visas"};
constexpr W kNomadTitles[] = {
    "Digital nomad visas: what to check before you go",
    "Working remotely from another country, legally",
    "The slow-travel approach to remote work",
    "Taxes, visas and employers: questions for would-be nomads",
    "Choosing a base city as a remote worker",
    "Insurance and healthcare while working abroad",
};
constexpr W kNomadSummaries[] = {
    "What to check before working remotely from another country: visas, taxes, your employer "
    "and everyday logistics.",
    "A checklist for remote workers who want to live somewhere new for a while.",
};
constexpr W kNomadIntros[] = {
    "A growing number of countries offer visas for remote workers, and many employers allow "
    "work from abroad for a few weeks a year. The rules differ a lot, so the most important "
    "travel item is a bit of research.",
    "Working from another country is easier than ever, but a laptop does not make you exempt "
    "from immigration, tax or employment rules. This guide lists the questions to answer "
    "before you book.",
};
constexpr W kNomadVisaP[] = {
    "Tourist entry usually does not allow work, even remote work for a foreign employer, "
    "although enforcement varies. Remote-work visas typically ask for proof of income, health "
    "insurance and a clean record. Always check the official government source, because "
    "rules change often.",
};
constexpr W kNomadVisaB[] = {
    "Minimum income requirements",
    "Health insurance that covers the whole stay",
    "Maximum length of stay and renewals",
    "Whether family members can join",
};
constexpr W kNomadEmployerP[] = {
    "Your employer has a say too. Working from another country can create tax or legal "
    "obligations for the company, which is why many have a written policy and a limit on "
    "days abroad. Ask before you go, not after.",
};
constexpr W kNomadLifeP[] = {
    "Slow travel, staying one to three months in each place, makes remote work much easier. "
    "You have time to find a good desk, a reliable connection and a routine that fits the "
    "local time zone and your team's.",
};
constexpr W kNomadLifeB[] = {
    "Test the internet connection on day one",
    "Keep a mobile data backup",
    "Find a coworking space or a quiet cafe for calls",
    "Check how the local time zone overlaps with your team",
};
constexpr ArticleSection kNomadSections[] = {
    {"Visas and entry rules", kNomadVisaP, kNomadVisaB},
    {"Talk to your employer", kNomadEmployerP, {}},
    {"Living and working on the road", kNomadLifeP, kNomadLifeB},
};

// ---- Job scams -------------------------------------------------------------------------
constexpr W kScamTagsA[] = {"remote-work", "job-search", "safety"};
constexpr W kScamTitlesA[] = {
    "How to spot a remote job scam",
    "Red flags in remote job posts",
    "Never pay to get a job: common remote-work scams",
    "Fake recruiters on messaging apps",
    "Protecting your identity during a job search",
    "Too good to be true: unrealistic pay in job ads",
};
constexpr W kScamSummariesA[] = {
    "The warning signs of fake remote job offers and what to do if you meet one.",
    "How job scams work, and simple habits that keep your money and identity safe.",
};
constexpr W kScamIntrosA[] = {
    "Remote work attracts scammers because hiring happens online and candidates never visit "
    "an office. Most scams follow a few well-known patterns, and once you know them they are "
    "easy to recognise.",
    "A real employer never asks you to pay for a job, buy equipment through them or send "
    "your bank details before a signed contract. Those requests are the clearest signs of a "
    "scam.",
};
constexpr W kScamFlagsP[] = {
    "Be careful with posts that promise high pay for simple work, ask you to move the "
    "conversation to a messaging app, or interview only by chat. Pressure to decide within "
    "hours is another classic sign.",
};
constexpr W kScamFlagsB[] = {
    "Requests for fees, training kits or equipment purchases",
    "Interviews only by chat on Telegram or WhatsApp",
    "Contact addresses on free e-mail services instead of the company domain",
    "Requests for ID documents or bank details before an offer",
    "Checks you must deposit and partly send back",
    "Pay far above the market for little work",
};
constexpr W kScamCheckP[] = {
    "Check that the company exists, that the job appears on its own careers page and that "
    "e-mails come from its domain. Search the recruiter's name and the exact wording of the "
    "post; scam posts are often copied word for word.",
};
constexpr W kScamReportP[] = {
    "If something feels wrong, stop replying, do not send documents or money, and report the "
    "post to the job board. If you have already shared bank details, contact your bank "
    "immediately.",
};
constexpr ArticleSection kScamSectionsA[] = {
    {"Red flags", kScamFlagsP, kScamFlagsB},
    {"How to check an employer", kScamCheckP, {}},
    {"What to do if you are targeted", kScamReportP, {}},
};

constexpr ArticleTopic kTopics[] = {
    {"interviewing", kInterviewTags, kInterviewTitles, kInterviewSummaries, kInterviewIntros,
     kInterviewSections},
    {"async", kAsyncTags, kAsyncTitles, kAsyncSummaries, kAsyncIntros, kAsyncSections},
    {"timezones", kTzTags, kTzTitles, kTzSummaries, kTzIntros, kTzSections},
    {"salary", kPayTags, kPayTitles, kPaySummaries, kPayIntros, kPaySections},
    {"home-office", kHomeTags, kHomeTitles, kHomeSummaries, kHomeIntros, kHomeSections},
    {"nomad", kNomadTags, kNomadTitles, kNomadSummaries, kNomadIntros, kNomadSections},
    {"scams", kScamTagsA, kScamTitlesA, kScamSummariesA, kScamIntrosA, kScamSectionsA},
};

}  // namespace

std::span<const ArticleTopic> ArticleTopics() {
  return kTopics;
}

}  // namespace meridian::demo
