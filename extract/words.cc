// Vocabulary: the words numbers, scales, qualifiers and changes are
// written with, and the words that tell nouns from the rest.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/text.h"
#include "extract/quantity_rules.h"

namespace ct::extract::rules {

using text::Lower;

const std::unordered_map<std::string_view, int>& SmallNumbers() {
  static const auto* map = new std::unordered_map<std::string_view, int>{
      {"zero", 0},     {"one", 1},        {"two", 2},       {"three", 3},
      {"four", 4},     {"five", 5},       {"six", 6},       {"seven", 7},
      {"eight", 8},    {"nine", 9},       {"ten", 10},      {"eleven", 11},
      {"twelve", 12},  {"thirteen", 13},  {"fourteen", 14}, {"fifteen", 15},
      {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20},  {"thirty", 30},    {"forty", 40},    {"fifty", 50},
      {"sixty", 60},   {"seventy", 70},   {"eighty", 80},   {"ninety", 90},
  };
  return *map;
}

// Scale words that may follow a number with a space: "2 million".
const std::unordered_map<std::string_view, double>& ScaleWords() {
  static const auto* map = new std::unordered_map<std::string_view, double>{
      {"thousand", 1e3},  {"million", 1e6}, {"billion", 1e9},
      {"trillion", 1e12}, {"mn", 1e6},      {"mln", 1e6},
      {"bn", 1e9},        {"bln", 1e9},     {"tn", 1e12},
      {"trn", 1e12},      {"lakh", 1e5},    {"crore", 1e7},
      {"hundred", 1e2},   {"mil", 1e6},     {"quadrillion", 1e15},
  };
  return *map;
}

// Whole-word multiples: "tenfold", "doubled", "halved".
const std::unordered_map<std::string_view, double>& MultipleWords() {
  static const auto* map = new std::unordered_map<std::string_view, double>{
      {"double", 2},          {"doubled", 2},    {"doubles", 2},
      {"doubling", 2},        {"triple", 3},     {"tripled", 3},
      {"triples", 3},         {"tripling", 3},   {"trebled", 3},
      {"quadruple", 4},       {"quadrupled", 4}, {"quadruples", 4},
      {"quadrupling", 4},     {"halved", 0.5},   {"halves", 0.5},
      {"halving", 0.5},       {"halve", 0.5},    {"hundredfold", 100},
      {"thousandfold", 1000},
  };
  return *map;
}

const std::unordered_map<std::string_view, double>& FractionWords() {
  static const auto* map = new std::unordered_map<std::string_view, double>{
      {"half", 2},    {"halves", 2},   {"third", 3}, {"thirds", 3},
      {"quarter", 4}, {"quarters", 4}, {"fifth", 5}, {"fifths", 5},
      {"tenth", 10},  {"tenths", 10},
  };
  return *map;
}

// Whether `w` ends with `suffix` after a stem of at least `stem` bytes.
bool EndsWith(std::string_view w, std::string_view suffix, size_t stem) {
  return w.size() >= suffix.size() + stem && w.ends_with(suffix);
}

bool IsMonth(std::string_view exact) {
  static const WordSet* months = new WordSet{
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December",
      "Jan",     "Feb",      "Mar",       "Apr",     "Jun",      "Jul",
      "Aug",     "Sep",      "Sept",      "Oct",     "Nov",      "Dec",
      "JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
      "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
  return months->count(exact) > 0;
}

// Capitalised words that may stand right before a number without making it
// part of a name: "In 2025", "About 300", "Some 40%".
bool IsFunctionWord(std::string_view lower) {
  static const WordSet* words = new WordSet{
      "a",         "an",        "the",
      "in",        "on",        "at",
      "by",        "for",       "from",
      "to",        "of",        "with",
      "and",       "or",        "but",
      "as",        "than",      "over",
      "about",     "around",    "nearly",
      "almost",    "some",      "only",
      "just",      "roughly",   "approximately",
      "more",      "less",      "up",
      "under",     "below",     "above",
      "between",   "each",      "all",
      "its",       "their",     "our",
      "his",       "her",       "another",
      "another",   "since",     "until",
      "after",     "before",    "during",
      "through",   "while",     "when",
      "if",        "that",      "this",
      "these",     "those",     "who",
      "which",     "what",      "where",
      "we",        "they",      "it",
      "he",        "she",       "i",
      "you",       "is",        "are",
      "was",       "were",      "has",
      "have",      "had",       "will",
      "would",     "could",     "should",
      "may",       "might",     "can",
      "must",      "do",        "did",
      "does",      "not",       "no",
      "yes",       "so",        "then",
      "also",      "plus",      "minus",
      "including", "included",  "across",
      "among",     "within",    "without",
      "against",   "per",       "toward",
      "towards",   "beyond",    "like",
      "unlike",    "nearly",    "close",
      "circa",     "estimated", "fewer",
      "least",     "most",      "both",
      "every",     "whether",   "despite",
      "via",       "into",      "onto",
      "upon",      "because",   "although",
      "though",    "here",      "there",
      "now",       "today",     "yesterday",
      "tomorrow",  "once",      "again",
      "still",     "yet",       "already",
      "even",      "well",      "top",
      "topped",    "tops",      "exceeding",
      "upwards",   "north",     "roughly",
      "spending",  "investing", "adding",
      "raising",   "buying",    "selling",
      "deploying", "building",  "reaching",
      "hitting",   "totaling",  "totalling",
      "worth",     "valued",    "priced",
      "paying",    "costing",   "says",
      "said",      "say",       "saying",
      "reported",  "reports",   "according",
      "expects",   "expected",  "plans",
      "planned",   "aims",
  };
  return words->count(lower) > 0;
}

// Words that are not the thing counted after a number.
bool IsNounStopWord(std::string_view lower) {
  static const WordSet* words = new WordSet{
      "a",
      "an",
      "the",
      "of",
      "in",
      "on",
      "at",
      "to",
      "for",
      "from",
      "by",
      "with",
      "as",
      "and",
      "or",
      "but",
      "nor",
      "than",
      "that",
      "this",
      "these",
      "those",
      "it",
      "its",
      "is",
      "are",
      "was",
      "were",
      "be",
      "been",
      "being",
      "has",
      "have",
      "had",
      "will",
      "would",
      "could",
      "should",
      "may",
      "might",
      "can",
      "must",
      "do",
      "does",
      "did",
      "not",
      "no",
      "so",
      "per",
      "each",
      "every",
      "into",
      "over",
      "under",
      "about",
      "after",
      "before",
      "since",
      "until",
      "while",
      "which",
      "who",
      "whom",
      "whose",
      "what",
      "when",
      "where",
      "why",
      "how",
      "also",
      "just",
      "only",
      "less",
      "most",
      "up",
      "down",
      "out",
      "off",
      "again",
      "ago",
      "later",
      "earlier",
      "according",
      "said",
      "says",
      "say",
      "including",
      "last",
      "next",
      "yet",
      "still",
      "already",
      "too",
      "very",
      "all",
      "both",
      "either",
      "neither",
      "such",
      "own",
      "same",
      "then",
      "there",
      "here",
      "if",
      "because",
      "though",
      "although",
      "via",
      "plus",
      "minus",
      "times",
      "against",
      "among",
      "between",
      "within",
      "without",
      "across",
      "through",
      "during",
      "toward",
      "towards",
      "around",
      "near",
      "like",
      "unlike",
      "whether",
      "we",
      "they",
      "he",
      "she",
      "i",
      "you",
      "them",
      "him",
      "her",
      "us",
      "me",
      "their",
      "our",
      "his",
      "my",
      "your",
      "one",
      "two",
      "three",
      "four",
      "five",
      "six",
      "seven",
      "eight",
      "nine",
      "ten",
      "hundred",
      "thousand",
      "million",
      "billion",
      "trillion",
      "dozen",
      "or",
      "now",
      "today",
      "each",
      "apiece",
      "total",
      "overall",
      "altogether",
      "alone",
      "respectively",
      "compared",
      "versus",
      "vs",
      "even",
      "ever",
      "never",
      "once",
      "twice",
      "more",
      "fewer",
      "least",
      "year-over-year",
      "annually",
      "globally",
      "worldwide",
      "instead",
      "rather",
      "roughly",
      "about",
      "nearly",
      "almost",
      "approximately",
      "away",
      "back",
      "forward",
      "ahead",
      "behind",
      "above",
      "below",
      "beyond",
      "onto",
      "upon",
      "within",
      "amid",
  };
  return words->count(lower) > 0;
}

// Adjectives that may stand between a number and what it counts.
bool IsCountAdjective(std::string_view lower) {
  static const WordSet* words = new WordSet{
      "more",     "additional", "new",     "other",      "extra",
      "active",   "existing",   "current", "former",     "full-time",
      "major",    "large",      "small",   "big",        "leading",
      "top",      "advanced",   "latest",  "high-end",   "cutting-edge",
      "custom",   "dedicated",  "paying",  "monthly",    "weekly",
      "daily",    "annual",     "key",     "separate",   "different",
      "further",  "total",      "unique",  "registered", "enterprise",
      "business", "individual", "global",  "american",   "u.s.",
  };
  return words->count(lower) > 0;
}

bool IsGpuWord(std::string_view lower) {
  static const WordSet* words = new WordSet{
      "gpu",         "gpus",         "tpu",       "tpus",       "chip", "chips",
      "accelerator", "accelerators", "superchip", "superchips", "xpu",  "xpus",
      "npu",         "npus",         "asic",      "asics"};
  return words->count(lower) > 0;
}

// Words allowed between a number and a GPU word: makers, models, adjectives.
bool IsGpuFiller(std::string_view lower) {
  static const WordSet* words = new WordSet{
      "more",      "additional",  "new",         "advanced",   "ai",
      "of",        "the",         "its",         "their",      "latest",
      "high-end",  "custom",      "graphics",    "data",       "center",
      "centre",    "datacenter",  "next",        "generation", "cutting",
      "edge",      "extra",       "leading",     "top",        "'",
      "s",         "-",           "in-house",    "own",        "training",
      "inference", "specialized", "specialised", "powerful",   "state",
      "art",       "dedicated",   "flagship",    "nvidia's",   "amd's",
      "google's",  "and",         "or",          "/",
  };
  return words->count(lower) > 0;
}

// Change words: a rise or a fall stated before or after the number.
int ChangeOf(std::string_view lower) {
  static const WordSet* up = new WordSet{
      "rose",      "rise",     "rises",       "rising",     "risen",
      "increased", "increase", "increases",   "increasing", "grew",
      "grow",      "grows",    "growing",     "grown",      "climbed",
      "climb",     "climbs",   "climbing",    "jumped",     "jump",
      "jumps",     "jumping",  "surged",      "surge",      "surges",
      "surging",   "soared",   "soar",        "soars",      "soaring",
      "gained",    "gain",     "gains",       "up",         "added",
      "adds",      "boosted",  "boost",       "expanded",   "expand",
      "higher",    "spiked",   "rallied",     "advanced",   "growth",
      "lift",      "lifts",    "lifted",      "lifting",    "accelerated",
      "rocketed",  "rockets",  "skyrocketed", "leapt",      "leaped",
      "leaps",     "popped",   "zoomed",      "spikes",     "rallies",
      "soars",     "surges"};
  static const WordSet* down = new WordSet{
      "fell",      "fall",      "falls",      "falling",   "fallen",
      "dropped",   "drop",      "drops",      "dropping",  "declined",
      "decline",   "declines",  "declining",  "decreased", "decrease",
      "decreases", "slid",      "slide",      "slides",    "slipped",
      "slip",      "plunged",   "plunge",     "plummeted", "sank",
      "sink",      "tumbled",   "tumble",     "down",      "lost",
      "lose",      "loses",     "shed",       "lower",     "reduced",
      "shrank",    "shrink",    "contracted", "slumped",   "slump",
      "eased",     "retreated", "cut",        "cuts",      "dipped",
      "dip",       "narrowed",  "slashed",    "trimmed",   "lowered",
      "reduce",    "reduces",   "cutting",    "shrunk",    "tanked",
      "dived",     "dove",      "crashed",    "plunges",   "tumbles",
      "sinks",     "slumps"};
  if (up->count(lower)) return 1;
  if (down->count(lower)) return -1;
  return 0;
}

// Qualifier phrases that stand before a number, keyed by their last word.
const std::unordered_map<std::string, std::vector<QualifierPhrase>>&
LeftQualifiers() {
  static const auto* map = [] {
    struct Row {
      const char* phrase;
      Qualifier q;
      bool nearly;
    };
    static const Row rows[] = {
        {"about", Qualifier::kApprox, false},
        {"approximately", Qualifier::kApprox, false},
        {"approx", Qualifier::kApprox, false},
        {"approx .", Qualifier::kApprox, false},
        {"roughly", Qualifier::kApprox, false},
        {"around", Qualifier::kApprox, false},
        {"some", Qualifier::kApprox, false},
        {"circa", Qualifier::kApprox, false},
        {"close to", Qualifier::kApprox, false},
        {"an estimated", Qualifier::kApprox, false},
        {"estimated", Qualifier::kApprox, false},
        {"~", Qualifier::kApprox, false},
        {"≈", Qualifier::kApprox, false},
        {"nearly", Qualifier::kApprox, true},
        {"almost", Qualifier::kApprox, true},
        {"just under", Qualifier::kApprox, true},
        {"just shy of", Qualifier::kApprox, true},
        {"just below", Qualifier::kApprox, true},
        {"more than", Qualifier::kMoreThan, false},
        {"over", Qualifier::kMoreThan, false},
        {"above", Qualifier::kMoreThan, false},
        {"greater than", Qualifier::kMoreThan, false},
        {"higher than", Qualifier::kMoreThan, false},
        {"in excess of", Qualifier::kMoreThan, false},
        {"upwards of", Qualifier::kMoreThan, false},
        {"upward of", Qualifier::kMoreThan, false},
        {"north of", Qualifier::kMoreThan, false},
        {"exceeding", Qualifier::kMoreThan, false},
        {"exceeds", Qualifier::kMoreThan, false},
        {"exceeded", Qualifier::kMoreThan, false},
        {"exceed", Qualifier::kMoreThan, false},
        {"tops", Qualifier::kMoreThan, false},
        {"topped", Qualifier::kMoreThan, false},
        {"topping", Qualifier::kMoreThan, false},
        {"surpassing", Qualifier::kMoreThan, false},
        {"surpassed", Qualifier::kMoreThan, false},
        {"beyond", Qualifier::kMoreThan, false},
        {">", Qualifier::kMoreThan, false},
        {"at least", Qualifier::kAtLeast, false},
        {"no fewer than", Qualifier::kAtLeast, false},
        {"no less than", Qualifier::kAtLeast, false},
        {"not less than", Qualifier::kAtLeast, false},
        {"a minimum of", Qualifier::kAtLeast, false},
        {"minimum of", Qualifier::kAtLeast, false},
        {">=", Qualifier::kAtLeast, false},
        {"≥", Qualifier::kAtLeast, false},
        {"up to", Qualifier::kUpTo, false},
        {"as much as", Qualifier::kUpTo, false},
        {"as many as", Qualifier::kUpTo, false},
        {"as high as", Qualifier::kUpTo, false},
        {"as large as", Qualifier::kUpTo, false},
        {"may reach", Qualifier::kUpTo, false},
        {"could reach", Qualifier::kUpTo, false},
        {"might reach", Qualifier::kUpTo, false},
        {"may total", Qualifier::kUpTo, false},
        {"could rise to", Qualifier::kUpTo, false},
        {"may rise to", Qualifier::kUpTo, false},
        {"might rise to", Qualifier::kUpTo, false},
        {"could grow to", Qualifier::kUpTo, false},
        {"may grow to", Qualifier::kUpTo, false},
        {"could climb to", Qualifier::kUpTo, false},
        {"could increase to", Qualifier::kUpTo, false},
        {"could expand to", Qualifier::kUpTo, false},
        {"could be worth", Qualifier::kUpTo, false},
        {"could top", Qualifier::kUpTo, false},
        {"could total", Qualifier::kUpTo, false},
        {"a maximum of", Qualifier::kUpTo, false},
        {"maximum of", Qualifier::kUpTo, false},
        {"at most", Qualifier::kAtMost, false},
        {"no more than", Qualifier::kAtMost, false},
        {"not more than", Qualifier::kAtMost, false},
        {"<=", Qualifier::kAtMost, false},
        {"≤", Qualifier::kAtMost, false},
        {"less than", Qualifier::kLessThan, false},
        {"fewer than", Qualifier::kLessThan, false},
        {"under", Qualifier::kLessThan, false},
        {"below", Qualifier::kLessThan, false},
        {"lower than", Qualifier::kLessThan, false},
        {"shy of", Qualifier::kLessThan, false},
        {"<", Qualifier::kLessThan, false},
    };
    auto* out =
        new std::unordered_map<std::string, std::vector<QualifierPhrase>>();
    for (const Row& row : rows) {
      QualifierPhrase p;
      std::string_view phrase = row.phrase;
      for (const Token& t : Lex(phrase)) {
        p.words.push_back(Lower(phrase.substr(t.begin, t.end - t.begin)));
      }
      p.qualifier = row.q;
      p.nearly = row.nearly;
      (*out)[p.words.back()].push_back(std::move(p));
    }
    for (auto& [word, bucket] : *out) {
      std::stable_sort(bucket.begin(), bucket.end(),
                       [](const QualifierPhrase& a, const QualifierPhrase& b) {
                         return a.words.size() > b.words.size();
                       });
    }
    return out;
  }();
  return *map;
}

const UnitDef* RatioUnit() {
  static const UnitDef* def = [] {
    const auto* bucket = UnitsStartingWith("x");
    return bucket ? bucket->front() : nullptr;
  }();
  return def;
}

}  // namespace ct::extract::rules
