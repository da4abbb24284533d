// Countries and personal names of generated talent. The name lists are common given names and
// surnames of many cultures, combined at random: they describe no real person.
#include "platform/demo/words.h"

namespace meridian::demo {
namespace {

using W = std::string_view;

constexpr CountryProfile kCountries[] = {
    {"US", "USD", 20, 1.0, "anglo"},        {"CA", "CAD", 4, 0.8, "anglo"},
    {"GB", "GBP", 6, 0.8, "anglo"},         {"IE", "EUR", 1, 0.8, "anglo"},
    {"AU", "AUD", 2, 0.85, "anglo"},        {"NZ", "NZD", 0.7, 0.75, "anglo"},
    {"DE", "EUR", 5, 0.78, "german"},       {"AT", "EUR", 0.8, 0.72, "german"},
    {"CH", "CHF", 0.8, 1.0, "german"},      {"NL", "EUR", 2, 0.78, "dutch"},
    {"BE", "EUR", 0.8, 0.72, "dutch"},      {"FR", "EUR", 3, 0.7, "french"},
    {"ES", "EUR", 3, 0.55, "hispanic"},     {"PT", "EUR", 3, 0.5, "lusophone"},
    {"IT", "EUR", 2, 0.6, "italian"},       {"PL", "PLN", 4, 0.5, "polish"},
    {"UA", "UAH", 3, 0.42, "slavic"},       {"RO", "RON", 2, 0.45, "romanian"},
    {"CZ", "CZK", 1, 0.5, "slavic"},        {"SE", "SEK", 1, 0.75, "nordic"},
    {"NO", "NOK", 0.6, 0.8, "nordic"},      {"DK", "DKK", 0.6, 0.8, "nordic"},
    {"FI", "EUR", 0.6, 0.7, "nordic"},      {"BR", "BRL", 6, 0.36, "lusophone"},
    {"AR", "USD", 3, 0.4, "hispanic"},      {"MX", "MXN", 3, 0.42, "hispanic"},
    {"CO", "COP", 2, 0.38, "hispanic"},     {"CL", "CLP", 1, 0.42, "hispanic"},
    {"PE", "PEN", 0.8, 0.35, "hispanic"},   {"IN", "INR", 10, 0.28, "indian"},
    {"PK", "PKR", 2, 0.22, "pakistani"},    {"BD", "BDT", 1, 0.2, "bangladeshi"},
    {"PH", "PHP", 3, 0.25, "filipino"},     {"ID", "IDR", 2, 0.25, "indonesian"},
    {"VN", "VND", 1.2, 0.25, "vietnamese"}, {"NG", "NGN", 3, 0.25, "nigerian"},
    {"KE", "KES", 2, 0.25, "kenyan"},       {"ZA", "ZAR", 2, 0.4, "anglo"},
    {"EG", "EGP", 1.2, 0.22, "arabic"},     {"TR", "TRY", 2, 0.35, "turkish"},
    {"JP", "JPY", 1, 0.6, "japanese"},      {"KR", "KRW", 1, 0.6, "korean"},
    {"SG", "SGD", 1, 0.85, "chinese"},      {"CN", "CNY", 1.5, 0.4, "chinese"},
    {"TW", "TWD", 0.6, 0.5, "chinese"},     {"IL", "ILS", 0.8, 0.8, "hebrew"},
    {"AE", "AED", 0.6, 0.8, "arabic"},      {"GE", "GEL", 0.5, 0.35, "slavic"},
};

constexpr W kAngloFirst[] = {"Emma",   "Liam",   "Olivia", "Noah",  "Ava",    "James",  "Grace",
                             "Jack",   "Chloe",  "Ethan",  "Megan", "Ryan",   "Hannah", "Owen",
                             "Sophie", "Connor", "Abby",   "Caleb", "Jordan", "Taylor"};
constexpr W kAngloLast[] = {"Smith",   "Johnson",  "Walker", "Brooks",   "Murphy", "Hughes",
                            "Bennett", "Carter",   "Reid",   "Fletcher", "Hayes",  "Morgan",
                            "Porter",  "Sullivan", "Ward",   "Collins"};
constexpr W kGermanFirst[] = {"Lukas", "Anna", "Jonas",  "Lea",    "Felix", "Marie",     "Tobias",
                              "Lena",  "Jan",  "Katrin", "Moritz", "Julia", "Sebastian", "Clara"};
constexpr W kGermanLast[] = {"Müller", "Schmidt",  "Schneider", "Fischer", "Weber", "Becker",
                             "Wagner", "Hoffmann", "Koch",      "Richter", "Klein", "Wolf"};
constexpr W kDutchFirst[] = {"Daan",  "Sanne", "Bram", "Lotte", "Thijs",
                             "Femke", "Ruben", "Eva",  "Joris", "Noor"};
constexpr W kDutchLast[] = {"de Vries", "Jansen", "van Dijk", "Bakker", "Visser",
                            "Smit",     "Meijer", "de Boer",  "Mulder", "Peeters"};
constexpr W kFrenchFirst[] = {"Camille", "Lucas",  "Chloé", "Hugo",   "Manon",  "Louis",
                              "Léa",     "Julien", "Inès",  "Mathis", "Élodie", "Théo"};
constexpr W kFrenchLast[] = {"Martin",  "Bernard", "Dubois",   "Moreau",   "Laurent",
                             "Lefèvre", "Garnier", "Rousseau", "Fontaine", "Girard"};
constexpr W kHispanicFirst[] = {"Lucía",  "Mateo",  "Sofía",    "Santiago", "Valentina", "Diego",
                                "Camila", "Javier", "Martina",  "Andrés",   "Daniela",   "Pablo",
                                "Carmen", "Tomás",  "Gabriela", "Nicolás"};
constexpr W kHispanicLast[] = {
    "García",  "Rodríguez", "Martínez", "López",  "Hernández", "González", "Pérez",  "Sánchez",
    "Ramírez", "Torres",    "Flores",   "Vargas", "Castillo",  "Morales",  "Ortega", "Rojas"};
constexpr W kLusoFirst[] = {"João",    "Beatriz",  "Pedro",  "Mariana", "Rafael",
                            "Larissa", "Tiago",    "Inês",   "Gustavo", "Fernanda",
                            "Bruno",   "Carolina", "Felipe", "Juliana"};
constexpr W kLusoLast[] = {"Silva",    "Santos",  "Oliveira", "Souza",   "Pereira", "Costa",
                           "Ferreira", "Almeida", "Carvalho", "Ribeiro", "Martins", "Rocha"};
constexpr W kItalianFirst[] = {"Giulia", "Marco", "Francesca", "Luca",  "Chiara",
                               "Matteo", "Sara",  "Davide",    "Elena", "Alessandro"};
constexpr W kItalianLast[] = {"Rossi",  "Russo",   "Ferrari", "Esposito", "Bianchi",
                              "Romano", "Colombo", "Ricci",   "Marino",   "Greco"};
constexpr W kPolishFirst[] = {"Jakub", "Zuzanna",   "Kacper", "Julia",     "Mateusz", "Maja",
                              "Piotr", "Agnieszka", "Łukasz", "Katarzyna", "Michał",  "Natalia"};
constexpr W kPolishLast[] = {"Nowak",       "Kowalski",  "Wiśniewska", "Wójcik",    "Kamiński",
                             "Lewandowska", "Zieliński", "Szymańska",  "Dąbrowski", "Kozłowska"};
constexpr W kSlavicFirst[] = {"Olena",   "Andrii", "Iryna", "Dmytro", "Kateryna", "Oleksandr",
                              "Tetiana", "Maksym", "Petra", "Tomáš",  "Nino",     "Giorgi"};
constexpr W kSlavicLast[] = {"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk",
                             "Novák",      "Dvořák",    "Beridze",    "Kravets",   "Horák"};
constexpr W kRomanianFirst[] = {"Andrei",    "Ioana",  "Mihai",    "Elena",
                                "Alexandru", "Raluca", "Cristian", "Bianca"};
constexpr W kRomanianLast[] = {"Popescu",    "Ionescu",   "Dumitru",  "Stan",
                               "Constantin", "Georgescu", "Munteanu", "Radu"};
constexpr W kNordicFirst[] = {"Erik",  "Ingrid", "Oskar",  "Astrid", "Emil",
                              "Freja", "Anders", "Sigrid", "Mikko",  "Aino"};
constexpr W kNordicLast[] = {"Andersson", "Johansson", "Nilsen",   "Hansen", "Larsen",
                             "Lindqvist", "Korhonen",  "Virtanen", "Berg",   "Dahl"};
constexpr W kIndianFirst[] = {"Aarav",     "Priya", "Rohan",   "Ananya", "Vikram", "Sneha",
                              "Arjun",     "Divya", "Karthik", "Meera",  "Rahul",  "Kavya",
                              "Siddharth", "Pooja", "Aditya",  "Lakshmi"};
constexpr W kIndianLast[] = {"Sharma",   "Patel",    "Iyer",   "Reddy",    "Nair",
                             "Gupta",    "Menon",    "Rao",    "Kulkarni", "Joshi",
                             "Banerjee", "Krishnan", "Pillai", "Desai"};
constexpr W kPakistaniFirst[] = {"Ali",   "Ayesha", "Hamza", "Fatima",
                                 "Usman", "Zainab", "Bilal", "Sana"};
constexpr W kPakistaniLast[] = {"Khan",     "Ahmed", "Qureshi",  "Malik",
                                "Siddiqui", "Raza",  "Chaudhry", "Butt"};
constexpr W kBangladeshiFirst[] = {"Tanvir", "Nusrat", "Rafiq", "Farhana", "Imran", "Sadia"};
constexpr W kBangladeshiLast[] = {"Hossain", "Rahman", "Islam", "Chowdhury", "Akter", "Uddin"};
constexpr W kFilipinoFirst[] = {"Joshua",  "Angelica", "Mark",    "Kristine", "John Paul",
                                "Maricel", "Carlo",    "Jasmine", "Paolo",    "Bea"};
constexpr W kFilipinoLast[] = {"Santos", "Reyes",   "Cruz",       "Bautista", "Dela Cruz",
                               "Garcia", "Mendoza", "Villanueva", "Aquino",   "Navarro"};
constexpr W kIndonesianFirst[] = {"Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Ayu"};
constexpr W kIndonesianLast[] = {"Santoso", "Wijaya", "Hidayat",  "Saputra",
                                 "Pratama", "Kusuma", "Setiawan", "Lestari"};
constexpr W kVietnameseFirst[] = {"Minh", "Linh", "Huy", "Trang", "Duc", "Mai", "Quang", "Thao"};
constexpr W kVietnameseLast[] = {"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vo", "Dang", "Bui"};
constexpr W kNigerianFirst[] = {"Chinedu", "Amara",  "Tunde", "Ngozi",    "Emeka",  "Funmilayo",
                                "Ifeanyi", "Adaeze", "Segun", "Temitope", "Obinna", "Zainab"};
constexpr W kNigerianLast[] = {"Okafor",  "Adeyemi", "Nwosu",   "Balogun", "Eze",
                               "Okonkwo", "Adebayo", "Olawale", "Chukwu",  "Ibrahim"};
constexpr W kKenyanFirst[] = {"Wanjiru", "Kamau",   "Achieng", "Otieno",
                              "Njeri",   "Kiprono", "Akinyi",  "Mwangi"};
constexpr W kKenyanLast[] = {"Mwangi", "Ochieng", "Kariuki", "Wambui",
                             "Kiptoo", "Njoroge", "Omondi",  "Chebet"};
constexpr W kArabicFirst[] = {"Omar", "Layla",  "Youssef", "Mariam", "Karim",
                              "Nour", "Hassan", "Salma",   "Tarek",  "Rania"};
constexpr W kArabicLast[] = {"Haddad", "Mansour", "Farouk", "Khalil",
                             "Nasser", "Saleh",   "Hamdan", "El-Sayed"};
constexpr W kTurkishFirst[] = {"Emre", "Elif", "Burak", "Zeynep", "Mert", "Ayşe", "Can", "Deniz"};
constexpr W kTurkishLast[] = {"Yılmaz", "Kaya",  "Demir",  "Şahin",
                              "Çelik",  "Aydın", "Öztürk", "Arslan"};
constexpr W kJapaneseFirst[] = {"Haruto", "Yui",   "Sota",   "Aoi",   "Ren",
                                "Hina",   "Kenji", "Sakura", "Daiki", "Mei"};
constexpr W kJapaneseLast[] = {"Sato", "Suzuki",   "Takahashi", "Tanaka",    "Watanabe",
                               "Ito",  "Yamamoto", "Nakamura",  "Kobayashi", "Kato"};
constexpr W kKoreanFirst[] = {"Minjun", "Seoyeon", "Jihoon", "Jiwoo",
                              "Hyun",   "Soyeon",  "Dohyun", "Yuna"};
constexpr W kKoreanLast[] = {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"};
constexpr W kChineseFirst[] = {"Wei",   "Xin",  "Jun", "Mei", "Hao", "Ling",
                               "Yifan", "Jing", "Zhi", "Yue", "Kai", "Qing"};
constexpr W kChineseLast[] = {"Wang",  "Li",   "Zhang", "Liu", "Chen", "Yang",
                              "Huang", "Zhao", "Tan",   "Lim", "Ng",   "Lin"};
constexpr W kHebrewFirst[] = {"Noa", "Itai", "Tamar", "Yonatan", "Shira", "Omer", "Maya", "Eitan"};
constexpr W kHebrewLast[] = {"Cohen", "Levi",     "Mizrahi", "Peretz",
                             "Biton", "Friedman", "Shapiro", "Avraham"};

constexpr NameCulture kCultures[] = {
    {"anglo", kAngloFirst, kAngloLast},
    {"german", kGermanFirst, kGermanLast},
    {"dutch", kDutchFirst, kDutchLast},
    {"french", kFrenchFirst, kFrenchLast},
    {"hispanic", kHispanicFirst, kHispanicLast},
    {"lusophone", kLusoFirst, kLusoLast},
    {"italian", kItalianFirst, kItalianLast},
    {"polish", kPolishFirst, kPolishLast},
    {"slavic", kSlavicFirst, kSlavicLast},
    {"romanian", kRomanianFirst, kRomanianLast},
    {"nordic", kNordicFirst, kNordicLast},
    {"indian", kIndianFirst, kIndianLast},
    {"pakistani", kPakistaniFirst, kPakistaniLast},
    {"bangladeshi", kBangladeshiFirst, kBangladeshiLast},
    {"filipino", kFilipinoFirst, kFilipinoLast},
    {"indonesian", kIndonesianFirst, kIndonesianLast},
    {"vietnamese", kVietnameseFirst, kVietnameseLast},
    {"nigerian", kNigerianFirst, kNigerianLast},
    {"kenyan", kKenyanFirst, kKenyanLast},
    {"arabic", kArabicFirst, kArabicLast},
    {"turkish", kTurkishFirst, kTurkishLast},
    {"japanese", kJapaneseFirst, kJapaneseLast},
    {"korean", kKoreanFirst, kKoreanLast},
    {"chinese", kChineseFirst, kChineseLast},
    {"hebrew", kHebrewFirst, kHebrewLast},
};

}  // namespace

std::span<const CountryProfile> CountryProfiles() {
  return kCountries;
}
std::span<const NameCulture> NameCultures() {
  return kCultures;
}

}  // namespace meridian::demo
