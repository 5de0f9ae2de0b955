#include "extract/quantity_parser.h"

#include <re2/re2.h>

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"

namespace ct::extract {
namespace {

using text::Lower;

using WordSet = std::unordered_set<std::string_view>;

// ---------------------------------------------------------------------------
// Vocabulary.

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

struct QualifierPhrase {
  std::vector<std::string> words;
  Qualifier qualifier;
  bool nearly;
};

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

// ---------------------------------------------------------------------------
// Numbers.

struct NumberParse {
  double value = 0;
  double half_step = 0.5;  // Half the step of the last written digit.
  size_t last = 0;         // Last token of the number.
  bool spelled = false;
  bool plain_integer = false;  // Digits only: no separators, no decimals.
  size_t digits = 0;
};

std::optional<NumberParse> ParseDigits(const SentenceTokens& s, size_t i) {
  std::string_view text = s.Text(i);
  // A 100,000-digit number is no figure anyone states; refuse it early.
  if (text.size() > 40) return std::nullopt;
  std::string clean;
  clean.reserve(text.size());
  size_t decimals = 0;
  bool in_decimals = false;
  bool separators = false;
  if (!text.empty() && text[0] == '.') clean.push_back('0');  // ".001".
  for (char c : text) {
    if (c == ',' || c == ' ') {
      separators = true;
      continue;
    }
    if (c == '.')
      in_decimals = true;
    else if (in_decimals)
      ++decimals;
    clean.push_back(c);
  }
  NumberParse n;
  auto [ptr, ec] =
      std::from_chars(clean.data(), clean.data() + clean.size(), n.value);
  if (ec != std::errc() || !std::isfinite(n.value)) return std::nullopt;
  n.half_step = 0.5 * std::pow(10.0, -static_cast<double>(decimals));
  n.last = i;
  n.plain_integer = !separators && !in_decimals;
  n.digits = clean.size();
  return n;
}

// "twenty-five", "two hundred and fifty", "a dozen", "half a million".
std::optional<NumberParse> ParseSpelled(const SentenceTokens& s, size_t i) {
  const auto& small = SmallNumbers();
  const auto& scales = ScaleWords();
  auto scale_of = [&](size_t k) -> double {
    if (k >= s.size()) return 0;
    auto it = scales.find(s.Lower(k));
    if (it == scales.end() || it->second < 1e3 ||
        s.Lower(k).size() < 5) {  // Words only: "million", not "mn".
      return 0;
    }
    return it->second;
  };
  NumberParse n;
  n.spelled = true;
  if (s.Is(i, "half") && (s.Is(i + 1, "a") || s.Is(i + 1, "an"))) {
    double scale = scale_of(i + 2);
    if (scale == 0) return std::nullopt;
    n.value = 0.5 * scale;
    n.half_step = 0.05 * scale;
    n.last = i + 2;
    return n;
  }
  double total = 0;
  double current = 0;
  bool any = false;
  double last_scale = 1;
  size_t k = i;
  if ((s.Is(k, "a") || s.Is(k, "an")) &&
      (s.Is(k + 1, "hundred") || s.Is(k + 1, "dozen") || scale_of(k + 1))) {
    current = 1;
    any = true;
    ++k;
  }
  bool last_was_small = false;
  for (; k < s.size(); ++k) {
    const std::string& w = s.Lower(k);
    auto it = small.find(w);
    if (it != small.end() && s.IsWord(k)) {
      if (last_was_small) break;  // "two three" is not a number.
      double v = it->second;
      if (v >= 20 && s.Is(k + 1, "-") && s.Attached(k + 1) &&
          s.Attached(k + 2) && k + 2 < s.size()) {
        auto unit = small.find(s.Lower(k + 2));
        if (unit != small.end() && unit->second < 10 && unit->second > 0) {
          v += unit->second;
          k += 2;
        }
      }
      current += v;
      any = true;
      last_was_small = true;
      n.last = k;
      last_scale = 1;
      continue;
    }
    if (!any) break;
    if (w == "hundred") {
      current = (current == 0 ? 1 : current) * 100;
      n.last = k;
      last_was_small = false;
      continue;
    }
    if (w == "dozen") {
      current = (current == 0 ? 1 : current) * 12;
      n.last = k;
      last_was_small = false;
      continue;
    }
    double scale = scale_of(k);
    if (scale > 0) {
      total += (current == 0 ? 1 : current) * scale;
      current = 0;
      n.last = k;
      last_scale = scale;
      last_was_small = false;
      continue;
    }
    if (w == "and" && k + 1 < s.size() && small.count(s.Lower(k + 1)) &&
        !last_was_small) {
      continue;
    }
    break;
  }
  if (!any) return std::nullopt;
  n.value = total + current;
  n.half_step = 0.5 * last_scale;
  // "one and a half gigawatts", "two and a half million GPUs".
  size_t h = n.last + 1;
  if (total == 0 && current > 0 && current < 100 && s.Is(h, "and") &&
      s.Is(h + 1, "a") && s.Is(h + 2, "half")) {
    n.value = current + 0.5;
    n.half_step = 0.25;
    n.last = h + 2;
    if (double scale = scale_of(h + 3); scale > 0) {
      n.value *= scale;
      n.half_step *= scale;
      n.last = h + 3;
    }
  }
  return n;
}

std::optional<NumberParse> ParseNumber(const SentenceTokens& s, size_t i) {
  if (i >= s.size()) return std::nullopt;
  if (s.IsNumber(i)) return ParseDigits(s, i);
  if (s.IsWord(i)) return ParseSpelled(s, i);
  return std::nullopt;
}

struct ScaleParse {
  double factor = 1;
  size_t last = 0;
};

// A scale after the number at `i`: "million", "bn", or a letter glued to the
// number ("400k", "$5m", "100B").
std::optional<ScaleParse> ParseScale(const SentenceTokens& s, size_t i,
                                     bool currency) {
  // A hyphen between: "$38-billion", "a 1.5-million-square-foot site".
  if (i + 1 < s.size() && s.Is(i, "-") && s.Attached(i) && s.Attached(i + 1) &&
      s.IsWord(i + 1)) {
    auto it = ScaleWords().find(s.Lower(i + 1));
    if (it != ScaleWords().end() && it->second >= 1e6) {
      return ScaleParse{it->second, i + 1};
    }
  }
  if (i >= s.size() || !s.IsWord(i)) return std::nullopt;
  const std::string& lower = s.Lower(i);
  auto it = ScaleWords().find(lower);
  if (it != ScaleWords().end()) {
    // "million" with a space; "mn" and "bn" either way.
    return ScaleParse{it->second, i};
  }
  if (!s.Attached(i)) return std::nullopt;
  std::string_view text = s.Text(i);
  bool word_follows = s.IsWord(i + 1) && !s.Attached(i + 1);
  if (text == "k" || text == "K") return ScaleParse{1e3, i};
  if (text == "M") return ScaleParse{1e6, i};
  if (text == "m" && (currency || word_follows)) return ScaleParse{1e6, i};
  if (text == "B" && (currency || word_follows)) return ScaleParse{1e9, i};
  if (text == "b" && currency) return ScaleParse{1e9, i};
  if (text == "T" && (currency || word_follows)) return ScaleParse{1e12, i};
  if (text == "t" && currency) return ScaleParse{1e12, i};
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Units.

struct UnitMatch {
  const UnitDef* def = nullptr;
  size_t last = 0;
};

bool MatchesWords(const SentenceTokens& s, size_t i, const UnitDef& def) {
  if (i + def.words.size() > s.size()) return false;
  for (size_t w = 0; w < def.words.size(); ++w) {
    const std::string& want = def.words[w];
    if (def.exact_case ? s.Text(i + w) != want : s.Lower(i + w) != want) {
      return false;
    }
    // The words of one unit sit together: "watt-hours", "FLOP/s".
    if (w > 0 && def.words[w - 1].size() == 1 &&
        !std::isalnum(static_cast<unsigned char>(def.words[w - 1][0])) &&
        !s.Attached(i + w)) {
      return false;
    }
  }
  size_t after = i + def.words.size();
  if (def.prefix) {
    if (!def.attached) return true;
    for (size_t t = i + 1; t <= after; ++t) {
      if (t >= s.size() || !s.Attached(t)) return false;
    }
    return s.IsNumber(after);
  }
  if (def.attached && !s.Attached(i)) return false;
  // A unit word must end there: "MW" but not the "M" of "MWh".
  if (after < s.size() && s.Attached(after) &&
      s.token(after).kind != TokenKind::kSymbol) {
    return false;
  }
  return true;
}

std::optional<UnitMatch> MatchUnit(
    const SentenceTokens& s, size_t i,
    const std::vector<const UnitDef*>* (*lookup)(std::string_view)) {
  if (i >= s.size()) return std::nullopt;
  const auto* bucket = lookup(s.Lower(i));
  if (bucket == nullptr) return std::nullopt;
  for (const UnitDef* def : *bucket) {
    if (MatchesWords(s, i, *def)) {
      return UnitMatch{def, i + def->words.size() - 1};
    }
  }
  return std::nullopt;
}

bool LooksPlural(std::string_view w);

std::string Singular(std::string_view word) {
  static const auto* irregular =
      new std::unordered_map<std::string_view, std::string_view>{
          {"people", "person"}, {"children", "child"}, {"men", "man"},
          {"women", "woman"},   {"data", "data"},      {"media", "media"},
          {"staff", "staff"},   {"series", "series"},  {"news", "news"},
          {"mice", "mouse"},    {"feet", "foot"},      {"teeth", "tooth"},
      };
  auto it = irregular->find(word);
  if (it != irregular->end()) return std::string(it->second);
  std::string w(word);
  if (LooksPlural(w) && EndsWith(w, "men", 2)) {
    return w.substr(0, w.size() - 3) + "man";
  }
  auto ends = [&](std::string_view suffix) { return EndsWith(w, suffix, 2); };
  if (ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes")) {
    return w.substr(0, w.size() - 2);
  }
  if (ends("ss") || ends("us") || ends("is")) return w;
  if (ends("s")) return w.substr(0, w.size() - 1);
  return w;
}

bool LooksPlural(std::string_view w) {
  if (w == "people" || w == "children" || w == "staff") return true;
  // Singular words that end like plurals.
  static const WordSet* singular = new WordSet{
      "gas",   "bias",  "atlas",  "canvas",  "alias",   "lens",   "yes",
      "this",  "has",   "was",    "does",    "its",     "plus",   "thus",
      "chaos", "ethos", "always", "perhaps", "whereas", "across", "less"};
  if (singular->count(w)) return false;
  // "fishermen", "women"; not "specimen", "omen".
  if (EndsWith(w, "men", 2) && w != "specimen" && w != "regimen" &&
      w != "abdomen") {
    return true;
  }
  return w.size() > 2 && w.back() == 's' && w[w.size() - 2] != 's' &&
         w[w.size() - 2] != 'u' && w[w.size() - 2] != 'i';
}

bool LowercaseWord(const SentenceTokens& s, size_t i) {
  if (!s.IsWord(i)) return false;
  unsigned char c = static_cast<unsigned char>(s.Text(i)[0]);
  return c >= 'a' && c <= 'z';
}

bool IsParticiple(std::string_view w) {
  return EndsWith(w, "ing", 3) || EndsWith(w, "ed", 3);
}

// Adjective endings: "particular", "digital", "massive", "famous".
bool LooksAdjective(std::string_view w) {
  static constexpr std::string_view kEndings[] = {
      "al", "ar", "ic", "ous", "ive", "ful", "less", "ary", "ible", "able"};
  for (std::string_view e : kEndings) {
    if (EndsWith(w, e, 4)) return true;
  }
  return false;
}

// Words that follow a number as its verb or comparison, not as the thing
// counted: "about 700 come from Taiwan", "30k cheaper than".
bool IsVerbAfterNumber(const SentenceTokens& s, size_t i) {
  static const WordSet* verbs = new WordSet{
      "come",   "came",  "go",    "went",  "live", "lived", "remain", "work",
      "worked", "die",   "died",  "think", "want", "need",  "know",   "become",
      "became", "seem",  "feel",  "get",   "got",  "make",  "take",   "see",
      "appear", "agree", "voted", "say",   "won",  "lost"};
  return verbs->count(s.Lower(i)) > 0 || s.Is(i + 1, "than");
}

// What a number counts: "300 new data centers" -> "data center".
bool FindCountNoun(const SentenceTokens& s, size_t k, Quantity* q) {
  size_t t = k;
  for (int skipped = 0; skipped < 2 && LowercaseWord(s, t) &&
                        IsCountAdjective(s.Lower(t)) && t + 1 < s.size();
       ++skipped) {
    ++t;
  }
  auto capital_name = [&](size_t f) {
    return s.Capitalized(f) && !IsFunctionWord(s.Lower(f)) &&
           !IsMonth(s.Text(f));
  };
  // Model numbers inside a name count as the name: "777 Freighter jets",
  // "Model 2 sedans".
  auto is_name = [&](size_t f) {
    if (s.token(f).kind == TokenKind::kAlnum || capital_name(f)) return true;
    // The dots of "U.S.": between or after single capitals.
    if (s.Is(f, ".") && s.Attached(f) && f > k && s.Text(f - 1).size() == 1 &&
        s.Capitalized(f - 1)) {
      return true;
    }
    return f > k && s.IsNumber(f) &&
           (capital_name(f + 1) || (f > k && capital_name(f - 1)));
  };
  // "A380s", "Pixel 9s": a model in the plural. Returns the index of the
  // token that ends it, or 0.
  auto plural_model = [&](size_t f) -> size_t {
    std::string_view w = s.Text(f);
    if (s.token(f).kind == TokenKind::kAlnum && w.size() > 1 &&
        w.back() == 's' && w[w.size() - 2] >= '0' && w[w.size() - 2] <= '9') {
      return f;
    }
    if (s.IsNumber(f) && s.Is(f + 1, "s") && s.Attached(f + 1)) return f + 1;
    return 0;
  };
  // Names between the number and a plural noun: "160 million AMD shares",
  // "310 Ford and Honda vehicles".
  for (size_t f = t, n = 0; n < 6 && f < s.size(); ++f, ++n) {
    bool joiner = f > t && (s.Is(f, "and") || s.Is(f, "&")) && is_name(f - 1) &&
                  f + 1 < s.size() && is_name(f + 1);
    if (!is_name(f) && !joiner) {
      if (f > t && LowercaseWord(s, f) && LooksPlural(s.Lower(f)) &&
          !IsNounStopWord(s.Lower(f))) {
        t = f;
      }
      break;
    }
  }
  auto plain_noun = [&](size_t i) {
    if (!LowercaseWord(s, i)) return false;
    const std::string& w = s.Lower(i);
    if (IsNounStopWord(w) || ChangeOf(w) != 0) return false;
    return !(EndsWith(w, "ly", 3) || EndsWith(w, "ed", 3) ||
             (EndsWith(w, "ing", 3) && !LooksPlural(w)));
  };
  // One word of the counted thing, maybe hyphenated ("first-team",
  // "coal-fired"); returns the index of its last token, or 0 when none.
  auto word_end = [&](size_t i, bool* participle) -> size_t {
    *participle = false;
    if (!LowercaseWord(s, i) || IsNounStopWord(s.Lower(i))) return 0;
    if (s.Is(i + 1, "-") && s.Attached(i + 1) && s.Attached(i + 2) &&
        LowercaseWord(s, i + 2) && !IsNounStopWord(s.Lower(i + 2))) {
      return i + 2;
    }
    if (plain_noun(i)) return i;
    // "charging", "recorded": only before a plural. A change word after a
    // noun is a noun too: "job cuts", "price rises".
    *participle = !(i > t && ChangeOf(s.Lower(i)) != 0 &&
                    LooksPlural(s.Lower(i)) && plain_noun(i - 1));
    return i;
  };
  // Up to four words ending at the first plural: "data centers",
  // "first-team players", "public housing properties", "straight World
  // Cups". Participles and names count only on the way to a plural.
  size_t last = 0;
  std::vector<size_t> singular;  // Leading plain nouns, token ends.
  bool plain_so_far = true;
  for (size_t u = t, n = 0; n < 5 && u < s.size(); ++n) {
    // "digital and boxed sales": adjectives joined on the way.
    if (n > 0 && s.Is(u, "and") && LowercaseWord(s, u - 1) &&
        LowercaseWord(s, u + 1) && !IsNounStopWord(s.Lower(u + 1))) {
      plain_so_far = false;
      ++u;
    }
    bool participle = false;
    size_t end = word_end(u, &participle);
    bool name = end == 0 && is_name(u);
    if (end == 0 && !name) break;
    if (name) end = u;
    const std::string& w = s.Lower(end);
    bool plural_word =
        LooksPlural(w) && !IsNounStopWord(w) &&
        (!name || (s.Capitalized(end) && !s.Capitalized(end + 1)));
    if (!participle && plural_word) {
      last = end;
      break;
    }
    if (name && plural_model(end) != 0) {
      last = plural_model(end);
      break;
    }
    if (name || participle) plain_so_far = false;
    // "4 came online", "700 come from": a verb, so nothing is counted.
    if (n == 0 && IsVerbAfterNumber(s, u)) break;
    if (plain_so_far) singular.push_back(end);
    u = end + 1;
  }
  // No plural: the noun that follows, which a number counts even when a
  // noun after it is the head ("a 40 page report" counts pages), with
  // one more word after an adjective ("one radical proposal").
  if (last == 0 && !singular.empty()) {
    last = singular[0];
    if (singular.size() > 1 && LooksAdjective(s.Lower(singular[0]))) {
      last = singular[1];
    }
  }
  std::string noun;
  if (last != 0) {
    for (size_t u = t; u <= last; ++u) {
      const std::string& w = s.Lower(u);
      if (s.Is(u, "-")) {
        noun += '-';
        continue;
      }
      if (!noun.empty() && noun.back() != '-') noun += ' ';
      noun += u == last ? Singular(w) : w;
    }
  }
  if (noun.empty() && t < s.size() && s.Capitalized(t) &&
      LooksPlural(s.Lower(t)) && !IsFunctionWord(s.Lower(t)) &&
      !s.Capitalized(t + 1)) {
    // A people or group named by a capitalised plural: "millions of
    // Americans".
    noun = Singular(s.Lower(t));
    last = t;
  }
  if (noun.empty()) return false;
  q->noun = noun;
  // What it is a count of: "1,200 kinds of steel".
  if (LowercaseWord(s, last) && LooksPlural(s.Lower(last)) &&
      s.Is(last + 1, "of") && plain_noun(last + 2)) {
    last += 2;
    if (plain_noun(last + 1) && !LooksPlural(s.Lower(last))) ++last;
  }
  // As written, with its adjectives: "seven European countries" counts
  // "European countries" of the noun "country". Leading participles,
  // adverbs and words like "more" qualify the count rather than name it:
  // "400 charging stations" is written "stations", "5 more GPUs" "GPUs".
  size_t from = k;
  while (from < last && LowercaseWord(s, from) &&
         (IsParticiple(s.Lower(from)) || EndsWith(s.Lower(from), "ly", 3) ||
          s.Is(from, "more") || s.Is(from, "additional") ||
          s.Is(from, "extra") || s.Is(from, "further"))) {
    ++from;
  }
  q->noun_written = std::string(s.text().substr(
      s.token(from).begin, s.token(last).end - s.token(from).begin));
  q->last = last;
  return true;
}

// GPUs named within a few words: "220,000 Nvidia H100 GPUs".
bool FindGpu(const SentenceTokens& s, size_t k, Quantity* q) {
  static const RE2 kModelPlural("[A-Z]{1,4}[0-9]{2,4}[A-Z]{0,2}s");
  for (size_t t = k; t < s.size() && t < k + 5; ++t) {
    const std::string& w = s.Lower(t);
    bool hit = IsGpuWord(w);
    if (!hit && s.token(t).kind == TokenKind::kAlnum &&
        RE2::FullMatch(s.Text(t), kModelPlural)) {
      hit = true;  // "H100s", "B200s".
    }
    if (!hit && (w == "equivalents" || w == "equivalent") && t > k &&
        (s.token(t - 1).kind == TokenKind::kAlnum ||
         (t >= 2 && s.Is(t - 1, "-") &&
          s.token(t - 2).kind == TokenKind::kAlnum))) {
      hit = true;  // "H100-equivalents".
    }
    if (!hit && (w == "processors" || w == "units") && t > k &&
        (s.Is(t - 1, "graphics") || s.Is(t - 1, "processing") ||
         s.Is(t - 1, "ai"))) {
      hit = true;  // "graphics processors", "graphics processing units".
    }
    if (hit) {
      q->gpu = true;
      if (w.rfind("tpu", 0) == 0) {
        q->noun = "TPU";
      } else if (w.rfind("chip", 0) == 0) {
        q->noun = "chip";
      } else if (w.rfind("accelerator", 0) == 0) {
        q->noun = "accelerator";
      } else {
        q->noun = "GPU";
      }
      q->noun_written = std::string(s.Text(t));
      q->last = t;
      return true;
    }
    // Makers and models between: "Nvidia H100", "Ascend 910C" (a number
    // glued to letters).
    bool filler =
        IsGpuFiller(w) || s.token(t).kind == TokenKind::kAlnum ||
        (s.Capitalized(t) && !IsFunctionWord(w) && !IsMonth(s.Text(t))) ||
        (t > k && s.IsNumber(t) && s.Attached(t + 1) && s.IsWord(t + 1) &&
         s.Capitalized(t - 1));
    if (!filler) return false;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The parse of one quantity.

struct Parse {
  Quantity q;
  bool reject = false;  // Not a claim; skip its tokens.
  bool spelled = false;
  bool scaled = false;
  bool prefixed = false;
  bool plain_integer = false;
  size_t digits = 0;
  double scale = 1;
};

bool IsDurationUnit(const UnitDef* u) {
  return u != nullptr && u->kind == UnitKind::kDuration;
}

// The unit "years", for ages.
const UnitDef* YearsUnit() {
  static const UnitDef* years = [] {
    for (const UnitDef* def : *UnitsStartingWith("years")) {
      if (def->words.size() == 1 && def->kind == UnitKind::kDuration) {
        return def;
      }
    }
    return static_cast<const UnitDef*>(nullptr);
  }();
  return years;
}

// An age set off by commas after a name: "Marsh, 56, said". The number
// has nothing else after it, a name before it, and a comma or bracket
// closing it. Or an age after "the age of": "under the age of 5 (years)".
void FindAge(const SentenceTokens& s, const Parse& p, Quantity* q) {
  size_t n = q->number_first;
  if (p.prefixed || p.scaled || n < 2 || q->number < 0 || q->number > 119 ||
      q->is_range || YearsUnit() == nullptr) {
    return;
  }
  bool age_of = s.Is(n - 1, "of") && s.Is(n - 2, "age");
  if (age_of && (q->unit == nullptr || q->unit == YearsUnit()) &&
      q->noun.empty() && !q->gpu) {
    q->unit = YearsUnit();
    q->age = true;
    return;
  }
  if (p.spelled || !p.plain_integer || q->number < 1 || q->unit != nullptr ||
      q->gpu || !q->noun.empty() || q->last != q->number_last) {
    return;
  }
  if (!s.Is(n - 1, ",") || !s.Capitalized(n - 2) ||
      IsFunctionWord(s.Lower(n - 2)) || IsMonth(s.Text(n - 2))) {
    return;
  }
  size_t after = q->last + 1;
  if (!(s.Is(after, ",") || s.Is(after, ")"))) return;
  q->unit = YearsUnit();
  q->age = true;
}

// A unit in a hyphenated compound: "300-megawatt campus".
std::optional<UnitMatch> MatchHyphenUnit(const SentenceTokens& s, size_t k) {
  if (!s.Is(k, "-") || !s.Attached(k) || !s.Attached(k + 1)) {
    return std::nullopt;
  }
  auto m = MatchUnit(s, k + 1, &UnitsStartingWith);
  if (!m || m->def->attached || m->def->kind == UnitKind::kCurrency) {
    return std::nullopt;
  }
  return m;
}

std::optional<Parse> ParseAt(const SentenceTokens& s, size_t i,
                             bool allow_range);
bool IsTimePreposition(std::string_view lower);

// "a third of": the number as written is the fraction, the value a share.
const UnitDef* FractionUnit() {
  static const UnitDef* def = [] {
    auto* d = new UnitDef();
    d->written = "fraction";
    d->base = "percent";
    d->factor = 100;
    d->kind = UnitKind::kPercent;
    return d;
  }();
  return def;
}

// Fractions: "half of", "a third of", "two-thirds of", "by half".
std::optional<Parse> ParseFraction(const SentenceTokens& s, size_t i) {
  const auto& fractions = FractionWords();
  size_t k = i;
  double numerator = 1;
  if (s.IsWord(i) && !fractions.count(s.Lower(i))) {
    auto it = SmallNumbers().find(s.Lower(i));
    if (s.Is(i, "a") || s.Is(i, "an")) {
      numerator = 1;
    } else if (it != SmallNumbers().end() && it->second > 0 &&
               it->second < 10) {
      numerator = it->second;
    } else {
      return std::nullopt;
    }
    k = i + 1;
    if (s.Is(k, "-") && s.Attached(k)) ++k;
  }
  if (!s.IsWord(k)) return std::nullopt;
  auto f = fractions.find(s.Lower(k));
  if (f == fractions.end()) return std::nullopt;
  const std::string& w = s.Lower(k);
  bool plural_word = w.back() == 's';
  if ((numerator == 1) == plural_word && w != "half") return std::nullopt;
  if (w == "half" && k != i) return std::nullopt;  // "a half": rare, vague.
  if (w != "half" && k == i) return std::nullopt;  // "the final third".
  if (w == "halves") return std::nullopt;
  // "first half of 2026" is a time; "half-hour" a label.
  if (i > 0 &&
      (s.Is(i - 1, "first") || s.Is(i - 1, "second") || s.Is(i - 1, "third") ||
       s.Is(i - 1, "fourth") || s.Is(i - 1, "last") || s.Is(i - 1, "the") ||
       s.Is(i - 1, "this") || s.Is(i - 1, "next"))) {
    return std::nullopt;
  }
  if (s.Is(k + 1, "-")) return std::nullopt;
  bool of = s.Is(k + 1, "of") ||
            (w == "half" && (s.Is(k + 1, "the") || s.Is(k + 1, "its") ||
                             s.Is(k + 1, "their")));
  // "by half", "by roughly half"; "cut in half".
  bool by = i > 0 && (s.Is(i - 1, "by") ||
                      (i > 1 && s.Is(i - 2, "by") &&
                       (s.Is(i - 1, "about") || s.Is(i - 1, "roughly") ||
                        s.Is(i - 1, "nearly") || s.Is(i - 1, "almost"))));
  bool in_half = false;
  if (w == "half" && i > 1 && s.Is(i - 1, "in")) {
    // "cut in half", "cut its GPU budget in half".
    for (size_t v = i - 1; v > 0 && v + 6 > i; --v) {
      if (s.Is(v - 1, ",") || s.Is(v - 1, ";")) break;
      if (s.Is(v - 1, "cut") || s.Is(v - 1, "cuts") || s.Is(v - 1, "slashed") ||
          s.Is(v - 1, "sliced")) {
        in_half = true;
        break;
      }
    }
  }
  if (!of && !by && !in_half) return std::nullopt;
  Parse p;
  double value = numerator / f->second;
  p.q.first = i;
  p.q.number_first = i;
  p.q.number_last = k;
  p.q.last = k;
  p.spelled = true;
  if (of) {
    p.q.number = value;
    p.q.unit = FractionUnit();
  } else {
    p.q.number = value;
    p.q.unit = RatioUnit();
  }
  if (in_half) {
    p.q.first = i - 1;
    p.q.change = "down";
  } else if (!of) {
    p.q.by_fraction = true;
  }
  p.q.half_step = 0;
  return p;
}

// "a factor of ten", "by a factor of 2.5": a multiple.
std::optional<Parse> ParseFactor(const SentenceTokens& s, size_t i) {
  size_t k = i;
  if (s.Is(k, "a")) ++k;
  if (!s.Is(k, "factor") || !s.Is(k + 1, "of")) return std::nullopt;
  auto num = ParseNumber(s, k + 2);
  if (!num || num->value < 1) return std::nullopt;
  Parse p;
  p.q.first = i;
  p.q.number_first = k + 2;
  p.q.number_last = p.q.last = num->last;
  p.q.number = num->value;
  p.q.half_step = 0;
  p.q.unit = RatioUnit();
  p.spelled = true;
  return p;
}

std::optional<Parse> ParseMultipleWord(const SentenceTokens& s, size_t i) {
  if (!s.IsWord(i)) return std::nullopt;
  const std::string& w = s.Lower(i);
  double value = 0;
  auto it = MultipleWords().find(w);
  if (it != MultipleWords().end()) {
    value = it->second;
    if (w == "double" || w == "triple" || w == "quadruple") {
      // "double-digit", "double down", "a double" are not multiples.
      if (s.Is(i + 1, "-") || s.Is(i + 1, "down") || s.Is(i + 1, "check") ||
          (i > 0 && (s.Is(i - 1, "a") || s.Is(i - 1, "the")))) {
        return std::nullopt;
      }
    }
  } else if (EndsWith(w, "fold", 1)) {
    auto n = SmallNumbers().find(std::string_view(w).substr(0, w.size() - 4));
    if (n == SmallNumbers().end() || n->second < 2) return std::nullopt;
    value = n->second;
  } else {
    return std::nullopt;
  }
  Parse p;
  p.q.first = p.q.last = p.q.number_first = p.q.number_last = i;
  p.q.number = value;
  p.q.half_step = 0;
  p.q.unit = RatioUnit();
  p.spelled = true;
  // "doubled", "tripling", "halved": the verb says which way it went.
  // "to double", "will triple", "more than double": a verb too.
  static const WordSet* verb_before =
      new WordSet{"to",  "will", "would",  "could",    "may", "might",
                  "can", "than", "should", "expected", "set"};
  if (EndsWith(w, "ed", 1) || EndsWith(w, "ing", 1) || EndsWith(w, "es", 1) ||
      (i > 0 && verb_before->count(s.Lower(i - 1)))) {
    p.q.change = value > 1 ? "up" : "down";
  }
  return p;
}

// The denominator of a rate after the unit at `t - 1`: "$58 per barrel",
// "$3,500 a month", "80 km/h" is a unit of its own and never gets here.
void FindPer(const SentenceTokens& s, size_t t, Quantity* q) {
  static const WordSet* singular_after_a = new WordSet{
      "day",   "week",   "month",  "year",  "hour",     "minute", "second",
      "share", "barrel", "gallon", "ounce", "head",     "piece",  "person",
      "unit",  "ton",    "tonne",  "kilo",  "kilogram", "pound",  "litre",
      "liter", "game",   "season", "night", "seat",     "square", "quarter"};
  // A conversion in brackets stands between an amount and its rate:
  // "C$8.50 (US$6.20) per share". The rate is read; the claim's text ends
  // before the brackets.
  bool extend = true;
  if (s.Is(t, "(")) {
    size_t close = t + 1;
    while (close < s.size() && close < t + 8 && !s.Is(close, ")")) ++close;
    if (!s.Is(close, ")")) return;
    t = close + 1;
    extend = false;
  }
  // What is measured, then the rate: "500,000 gallons of water a day".
  if (s.Is(t, "of") && LowercaseWord(s, t + 1) &&
      !IsNounStopWord(s.Lower(t + 1)) &&
      (s.Is(t + 2, "a") || s.Is(t + 2, "per") || s.Is(t + 2, "each"))) {
    t += 2;
  }
  // "80,000 barrel-a-day", "£18 a-year": the rate glued with hyphens.
  bool hyphened = s.Is(t, "-") && s.Attached(t) && s.Is(t + 1, "a") &&
                  s.Attached(t + 1) && s.Is(t + 2, "-") && s.Attached(t + 2);
  if (hyphened) t += 2;
  bool per = s.Is(t, "per") || (s.Is(t, "/") && s.Attached(t));
  bool a = s.Is(t, "a") || s.Is(t, "an") || s.Is(t, "each") || hyphened;
  if (!per && !a) return;
  size_t d = t + 1;
  if (s.Is(d, "-") && s.Attached(d) && s.Attached(d + 1) && a) ++d;
  if (d >= s.size()) return;
  // "a year earlier", "a week ago": a time, not a rate.
  static const WordSet* times_after = new WordSet{
      "earlier", "ago", "before", "later", "after", "prior", "back", "since"};
  if (a && d + 1 < s.size() && times_after->count(s.Lower(d + 1))) return;
  auto set_last = [&](size_t last) {
    if (extend) q->last = last;
  };
  // "per million input tokens", "per 1M tokens": a rate per a scaled
  // count, as token prices are quoted.
  if (per) {
    const char* scaled = nullptr;
    size_t w = d;
    if (s.Is(w, "thousand")) scaled = "1K";
    if (s.Is(w, "million")) scaled = "1M";
    if (s.Is(w, "billion")) scaled = "1B";
    if (s.Is(w, "1") && s.Attached(w + 1)) {
      if (s.Text(w + 1) == "M") scaled = "1M";
      if (s.Text(w + 1) == "K" || s.Text(w + 1) == "k") scaled = "1K";
      if (s.Text(w + 1) == "B") scaled = "1B";
      if (scaled != nullptr) ++w;
    }
    if (scaled != nullptr) {
      size_t e = w + 1;
      while (e < s.size() && e < w + 4 && LowercaseWord(s, e) &&
             !IsNounStopWord(s.Lower(e)) && !LooksPlural(s.Lower(e))) {
        ++e;
      }
      if (e < s.size() && LowercaseWord(s, e) && LooksPlural(s.Lower(e)) &&
          !IsNounStopWord(s.Lower(e))) {
        // The words between stay: input and output tokens differ in price.
        q->per = scaled;
        for (size_t u = w + 1; u < e; ++u) q->per += " " + s.Lower(u);
        q->per += " " + Singular(s.Lower(e));
        q->per_written = std::string(s.text().substr(
            s.token(d).begin, s.token(e).end - s.token(d).begin));
        set_last(e);
      }
      return;
    }
  }
  // A unit from the table: "per sq m", "per kWh", "an ounce"; joined to
  // a time: "per megawatt-day".
  if (auto unit = MatchUnit(s, d, &UnitsStartingWith)) {
    if (!a || unit->def->kind == UnitKind::kDuration ||
        singular_after_a->count(s.Lower(d))) {
      q->per = unit->def->written;
      size_t end = unit->last;
      if (s.Is(end + 1, "-") && s.Attached(end + 1) && s.Attached(end + 2) &&
          LowercaseWord(s, end + 2)) {
        q->per += "-" + Singular(s.Lower(end + 2));
        end += 2;
      }
      q->per_written = std::string(s.text().substr(
          s.token(d).begin, s.token(end).end - s.token(d).begin));
      set_last(end);
      return;
    }
    return;
  }
  bool acronym = s.IsWord(d) && s.Text(d).size() >= 2 &&
                 std::all_of(s.Text(d).begin(), s.Text(d).end(),
                             [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!(LowercaseWord(s, d) || acronym) || IsNounStopWord(s.Lower(d))) return;
  const std::string& w = s.Lower(d);
  if (a && !singular_after_a->count(w)) return;
  q->per = Singular(w);
  q->per_written = std::string(s.Text(d));
  set_last(d);
  // "per GPU-hour", "per kilowatt-hour".
  if (s.Is(d + 1, "-") && s.Attached(d + 1) && s.IsWord(d + 2) &&
      s.Attached(d + 2)) {
    q->per = s.Lower(d) + "-" + Singular(s.Lower(d + 2));
    q->per_written += "-" + std::string(s.Text(d + 2));
    set_last(d + 2);
    return;
  }
  // "per square foot": one more word.
  if (w == "square" && LowercaseWord(s, d + 1)) {
    q->per += " " + Singular(s.Lower(d + 1));
    q->per_written += " " + std::string(s.Text(d + 1));
    set_last(d + 1);
  }
}

// Vague amounts as ranges: "dozens of", "hundreds of", "tens of thousands
// of dollars" -> [10,000, 100,000] USD, "millions of users".
std::optional<Parse> ParseVague(const SentenceTokens& s, size_t i) {
  static const auto* powers = new std::unordered_map<std::string_view, double>{
      {"hundreds", 1e2}, {"thousands", 1e3},  {"millions", 1e6},
      {"billions", 1e9}, {"trillions", 1e12}, {"dozens", 12}};
  size_t k = i;
  // "several hundred thousand GPUs" [300,000, 900,000]; "a few thousand
  // engineers" [2,000, 5,000].
  double few_low = 0, few_high = 0;
  if (s.Is(k, "several")) {
    few_low = 3;
    few_high = 9;
    k += 1;
  } else if (s.Is(k, "a") && s.Is(k + 1, "few")) {
    few_low = 2;
    few_high = 5;
    k += 2;
  }
  if (few_low > 0) {
    double scale = 1;
    size_t last = k;
    for (; k < s.size(); ++k) {
      const std::string& w = s.Lower(k);
      auto sc = ScaleWords().find(w);
      if (w == "hundred") {
        scale *= 100;
      } else if (w == "dozen") {
        scale *= 12;
      } else if (sc != ScaleWords().end() && sc->second >= 1e3 &&
                 w.size() >= 5) {
        scale *= sc->second;
      } else {
        break;
      }
      last = k;
    }
    if (scale == 1) return std::nullopt;
    Parse p;
    Quantity& q = p.q;
    q.first = i;
    q.number_first = i;
    q.number_last = q.last = last;
    q.number = few_low * scale;
    q.number_high = few_high * scale;
    q.is_range = true;
    q.qualifier = Qualifier::kRange;
    p.spelled = true;
    if (auto unit = MatchUnit(s, last + 1, &UnitsStartingWith)) {
      q.unit = unit->def;
      q.last = unit->last;
    } else if (!FindGpu(s, last + 1, &q) && !FindCountNoun(s, last + 1, &q)) {
      return std::nullopt;  // "several hundred or even 1,000 MW".
    }
    return p;
  }
  double multiplier = 1;
  if ((s.Is(k, "tens") || s.Is(k, "hundreds")) && s.Is(k + 1, "of") &&
      k + 2 < s.size() && powers->count(s.Lower(k + 2)) &&
      !s.Is(k + 2, "dozens") && !s.Is(k + 2, "hundreds")) {
    multiplier = s.Is(k, "tens") ? 10 : 100;
    k += 2;
  }
  if (!s.IsWord(k)) return std::nullopt;
  auto it = powers->find(s.Lower(k));
  if (it == powers->end() || !s.Is(k + 1, "of")) return std::nullopt;
  Parse p;
  Quantity& q = p.q;
  double low = it->second * multiplier;
  q.first = i;
  q.number_first = i;
  q.number_last = k;
  q.number = low;
  q.number_high = low * 10;
  q.is_range = true;
  q.qualifier = Qualifier::kRange;
  q.last = k;
  p.spelled = true;
  size_t t = k + 2;
  if (auto unit = MatchUnit(s, t, &UnitsStartingWith)) {
    q.unit = unit->def;
    q.last = unit->last;
  } else if (!FindGpu(s, t, &q) && !FindCountNoun(s, t, &q)) {
    return std::nullopt;  // "millions of the" counts nothing said.
  }
  return p;
}

std::optional<Parse> ParseAt(const SentenceTokens& s, size_t i,
                             bool allow_range) {
  if (auto p = ParseMultipleWord(s, i)) return p;
  if (auto p = ParseFactor(s, i)) return p;
  if (auto p = ParseFraction(s, i)) return p;
  if (auto p = ParseVague(s, i)) return p;

  Parse p;
  Quantity& q = p.q;
  q.first = i;
  size_t j = i;
  std::optional<NumberParse> num;

  // A currency sign or code before the number: "$", "US$", "EUR 5".
  if (auto prefix = MatchUnit(s, i, &PrefixUnitsStartingWith)) {
    j = prefix->last + 1;
    q.unit = prefix->def;
    p.prefixed = true;
  }
  // A sign after the currency: "$-50.8bn".
  bool negative = false;
  if (p.prefixed && s.Is(j, "-") && s.Attached(j) && s.IsNumber(j + 1) &&
      s.Attached(j + 1)) {
    negative = true;
    ++j;
  }
  if (p.prefixed && !s.IsNumber(j) && !s.IsWord(j)) return std::nullopt;
  // "about a gigawatt", "a gigawatt of capacity": one, of power or energy
  // spelled out; "a gigawatt-scale campus" and "each gigawatt" are not.
  if (!p.prefixed && (s.Is(j, "a") || s.Is(j, "an"))) {
    auto unit = MatchUnit(s, j + 1, &UnitsStartingWith);
    bool spelled_unit = unit && LowercaseWord(s, j + 1) &&
                        (unit->def->kind == UnitKind::kPower ||
                         unit->def->kind == UnitKind::kEnergy);
    static const WordSet* before = new WordSet{
        "about", "roughly", "nearly", "almost",        "around", "over",
        "than",  "to",      "least",  "approximately", "some",   "under"};
    if (spelled_unit && !s.Is(unit->last + 1, "-") &&
        (s.Is(unit->last + 1, "of") ||
         (j > 0 && before->count(s.Lower(j - 1))))) {
      NumberParse one;
      one.value = 1;
      one.half_step = 0.05;
      one.last = j;
      one.spelled = true;
      num = one;
    }
  }
  if (!num) num = ParseNumber(s, j);
  if (!num) return std::nullopt;
  // A sign glued to the number: "-1.3%"; or written out: "minus-5 yards".
  if (!p.prefixed && j > 0 && s.Is(j - 1, "-") && s.Attached(j) &&
      !num->spelled) {
    if (j == 1 || !s.Attached(j - 1)) {
      negative = true;
      q.first = j - 1;
    } else if (j >= 2 && s.Is(j - 2, "minus")) {
      negative = true;
      q.first = j - 2;
    }
  } else if (!p.prefixed && j > 0 && s.Is(j - 1, "minus") && !num->spelled) {
    negative = true;
    q.first = j - 1;
  }
  if (negative) num->value = -num->value;
  // A written fraction: "1/2 pound", "3/4 of". Only a proper fraction with
  // a small denominator; "24/7" and dates stay what they are.
  if (!num->spelled && num->plain_integer && s.Is(num->last + 1, "/") &&
      s.Attached(num->last + 1) && s.IsNumber(num->last + 2) &&
      s.Attached(num->last + 2) && !s.Is(num->last + 3, "/")) {
    auto den = ParseDigits(s, num->last + 2);
    if (den && den->plain_integer && den->value > num->value &&
        den->value <= 64 && num->value > 0) {
      num->value = num->value / den->value;
      num->half_step = 0;
      num->last += 2;
      num->plain_integer = false;
    }
  }
  q.number_first = j;
  p.spelled = num->spelled;
  p.plain_integer = num->plain_integer;
  p.digits = num->digits;
  double value = num->value;
  double half = num->half_step;
  size_t k = num->last + 1;

  // Scientific notation: "1.99×10^-30", "2.998×10−8" (the exponent's
  // superscript lost in plain text).
  if (!num->spelled && s.Is(k, "×") && k + 1 < s.size() &&
      s.Text(k + 1) == "10") {
    size_t e = k + 2;
    if (s.Is(e, "^")) ++e;
    double sign = 1;
    if (s.Is(e, "-") && s.Attached(e)) {
      sign = -1;
      ++e;
    }
    if (s.IsNumber(e) && s.Attached(e) && s.Text(e).size() <= 3) {
      double exponent = sign * std::stod(std::string(s.Text(e)));
      double scale = std::pow(10.0, exponent);
      value *= scale;
      half *= scale;
      k = e + 1;
    }
  }

  bool plus = false;
  if (s.Is(k, "+") && s.Attached(k)) {
    plus = true;
    ++k;
  }
  if (!num->spelled) {
    if (auto scale = ParseScale(s, k, p.prefixed)) {
      value *= scale->factor;
      half *= scale->factor;
      p.scale = scale->factor;
      p.scaled = true;
      k = scale->last + 1;
      // "4 hundred million": scales multiply.
      auto more = ParseScale(s, k, p.prefixed);
      if (more && !s.Attached(k) && more->factor > scale->factor) {
        value *= more->factor;
        half *= more->factor;
        p.scale *= more->factor;
        k = more->last + 1;
      }
    }
  } else if (num->half_step > 0.5) {
    p.scaled = true;
    p.scale = num->half_step * 2;
  }
  if (!plus && s.Is(k, "+") && s.Attached(k)) {
    plus = true;
    ++k;
  }
  q.number_last = k - 1;
  q.number = value;
  q.half_step = half;
  q.last = k - 1;
  if (plus) q.qualifier = Qualifier::kAtLeast;

  // Ordinals and names glued to a number: "3rd", "3nm", "5G", "4K".
  bool glued_word =
      k < s.size() && s.Attached(k) && s.token(k).kind != TokenKind::kSymbol;
  if (glued_word) {
    const std::string& w = s.Lower(k);
    bool known_unit = MatchUnit(s, k, &UnitsStartingWith).has_value();
    if (!known_unit || w == "st" || w == "nd" || w == "rd" || w == "th") {
      p.reject = true;
      q.last = k;
      return p;
    }
  }

  // An adjective between the number and its unit: "5 more GW", "2
  // additional gigawatts", "3 straight years".
  size_t unit_at = k;
  if (!p.prefixed && LowercaseWord(s, k) && !s.Attached(k) &&
      (IsCountAdjective(s.Lower(k)) || s.Is(k, "previous") ||
       s.Is(k, "straight") || s.Is(k, "consecutive") || s.Is(k, "past") ||
       s.Is(k, "remaining")) &&
      !MatchUnit(s, k, &UnitsStartingWith)) {
    auto later = MatchUnit(s, k + 1, &UnitsStartingWith);
    if (later && later->def->kind != UnitKind::kCurrency) unit_at = k + 1;
  }
  if (!p.prefixed) {
    auto unit = MatchUnit(s, unit_at, &UnitsStartingWith);
    if (unit && unit->def->base == "KRW" && s.Is(unit_at, "won") &&
        !(p.scaled && p.scale >= 1e6)) {
      unit.reset();  // "the team won", "3 won, 2 lost".
    }
    if (unit && unit->def->base == "lb" && p.scaled && p.scale >= 1e6 &&
        (s.Is(unit_at, "pounds") || s.Is(unit_at, "pound"))) {
      // "5 billion pounds" is money; "208 pounds" a weight.
      static const UnitDef* gbp = [] {
        for (const UnitDef* d : *PrefixUnitsStartingWith("\u00a3")) {
          if (d->base == "GBP") return d;
        }
        return static_cast<const UnitDef*>(nullptr);
      }();
      if (gbp != nullptr) unit = UnitMatch{gbp, unit->last};
    }
    // "Three Mile Island": a capitalised number and unit inside a name.
    if (unit && num->spelled && s.Capitalized(i) && s.Capitalized(unit_at) &&
        !unit->def->exact_case && s.Capitalized(unit->last + 1) &&
        !IsFunctionWord(s.Lower(unit->last + 1))) {
      p.reject = true;
      q.last = unit->last + 1;
      return p;
    }
    if (unit) {
      q.unit = unit->def;
      q.last = unit->last;
      // "15 year-old", "65 years old": ages.
      size_t after = q.last + 1;
      if (IsDurationUnit(q.unit)) {
        if (s.Is(after, "-") && s.Attached(after) && s.Is(after + 1, "old")) {
          q.last = after + 1;
          q.age = true;
        } else if (s.Is(after, "old")) {
          q.last = after;
          q.age = true;
        }
      }
    } else if (auto hyphen = MatchHyphenUnit(s, k)) {
      q.unit = hyphen->def;
      q.last = hyphen->last;
      // "a five-hour rate limit" names the limit; "a 30-year-old" is an age.
      if (IsDurationUnit(q.unit)) {
        size_t after = q.last + 1;
        if (s.Is(after, "-") && s.Is(after + 1, "old")) {
          q.last = after + 1;
          q.age = true;
        } else if (after < s.size() &&
                   (s.token(after).kind != TokenKind::kSymbol ||
                    s.Is(after, "$") || s.Is(after, "€") || s.Is(after, "£"))) {
          // "a five-year $700,000 award": the duration names the award.
          p.reject = true;
          return p;
        }
      }
    } else if (s.Is(k, "times")) {
      static const WordSet* periods = new WordSet{
          "day", "week", "month", "year", "hour", "minute", "second"};
      if ((s.Is(k + 1, "a") || s.Is(k + 1, "per") || s.Is(k + 1, "each") ||
           s.Is(k + 1, "every")) &&
          k + 2 < s.size() && periods->count(s.Lower(k + 2))) {
        q.noun = "time";
        q.noun_written = "times";
        q.last = k;
      } else {
        q.unit = RatioUnit();
        q.last = k;
      }
    } else if (s.Is(k, "-") && s.Attached(k) && s.IsWord(k + 1) &&
               s.Attached(k + 1)) {
      const std::string& w = s.Lower(k + 1);
      if (w == "plus") {
        q.qualifier = Qualifier::kAtLeast;
        q.last = k + 1;
        FindGpu(s, k + 2, &q) || FindCountNoun(s, k + 2, &q);
      } else if (w == "odd") {
        q.qualifier = Qualifier::kApprox;
        q.last = k + 1;
        FindGpu(s, k + 2, &q) || FindCountNoun(s, k + 2, &q);
      } else if (!FindGpu(s, k + 1, &q)) {
        // "three-way partnership", "one-off", "24-hour-a-day": labels.
        p.reject = true;
        q.last = k + 1;
        return p;
      }
    } else if (!FindGpu(s, k, &q)) {
      FindCountNoun(s, k, &q);
    }
  }
  if (!q.age) FindAge(s, p, &q);

  if (q.unit == nullptr || !IsDurationUnit(q.unit)) FindPer(s, q.last + 1, &q);

  // Ranges: "4-5 GW", "between $10 billion and $12 billion", "4 to 5".
  if (allow_range) {
    size_t t = q.last + 1;
    bool between = i > 0 && s.Is(i - 1, "between");
    bool from = i > 0 && s.Is(i - 1, "from");
    bool dash = s.Is(t, "-") &&
                (s.Attached(t) == s.Attached(t + 1));  // "4-5", "4 - 5".
    // "increased by $43.6 billion to $419.2 billion" is a change and a
    // level, not a range.
    bool by = i > 0 && s.Is(i - 1, "by") &&
              (q.unit != nullptr || q.gpu || !q.noun.empty());
    bool connector =
        dash || (s.Is(t, "to") && !by) || (between && s.Is(t, "and"));
    if (connector && t + 1 < s.size()) {
      auto second = ParseAt(s, t + 1, false);
      if (second && !second->reject) {
        Quantity& b = second->q;
        bool a_bare = q.unit == nullptr && !q.gpu && q.noun.empty();
        bool b_bare = b.unit == nullptr && !b.gpu && b.noun.empty();
        bool same_unit = (q.unit != nullptr && b.unit != nullptr &&
                          q.unit->base == b.unit->base) ||
                         (q.unit == nullptr && b.unit == nullptr &&
                          q.gpu == b.gpu && (q.noun == b.noun || a_bare));
        bool inherit = a_bare && !b_bare;
        // "$10-12 billion": the second end borrows the first's currency.
        bool lend = !a_bare && b_bare && p.prefixed && !second->prefixed;
        // "Colossus 2 to 550,000 GPUs": the first number names something.
        bool label =
            a_bare && i > 0 &&
            (s.token(i - 1).kind == TokenKind::kAlnum ||
             (s.Capitalized(i - 1) && !IsFunctionWord(s.Lower(i - 1)) &&
              !IsMonth(s.Text(i - 1))));
        // "2025-2026", and "in 2025 to 950 TWh": a year is no range end.
        bool year_like = p.plain_integer && p.digits == 4 && a_bare &&
                         q.number >= 1800 && q.number <= 2199;
        bool years = year_like &&
                     ((i > 0 && IsTimePreposition(s.Lower(i - 1))) ||
                      (second->plain_integer && second->digits == 4 && b_bare));
        // Two bare numbers make a range only when words say so: "between
        // 750,000 and 800,000", "from 240 to 273"; "2-0" is a score.
        bool bare_ok = !(a_bare && b_bare) || between || from;
        // "grew by 4,000 to 36,000 employees": a change, then the level it
        // reached, far larger; "by 10 to 15 percent" is a range.
        // So is "up 10.4 cents to $2.24", compared in base units.
        double a_base = q.number * (q.unit != nullptr ? q.unit->factor : 1);
        double b_base = b.number * (b.unit != nullptr ? b.unit->factor : 1);
        bool change_and_level =
            i > 0 && (s.Is(i - 1, "by") || ChangeOf(s.Lower(i - 1)) != 0) &&
            !dash && b_base >= 3 * a_base;
        if ((same_unit || inherit || lend) && bare_ok && !years && !label &&
            !change_and_level) {
          if (inherit || (q.unit == nullptr && b.unit == nullptr)) {
            q.unit = b.unit;
            q.gpu = b.gpu;
            q.noun = b.noun;
            q.noun_written = b.noun_written;
          }
          // "$10-12 billion" shares the scale; "$800,000 to $1.3 million"
          // does not: the first end is complete at its own magnitude.
          if (!p.scaled && second->scaled &&
              q.number <= 10 * b.number / second->scale) {
            q.number *= second->scale;
            q.half_step *= second->scale;
          }
          if (q.per.empty()) {
            q.per = b.per;
            q.per_written = b.per_written;
          }
          q.is_range = true;
          q.qualifier = Qualifier::kRange;
          q.number_high = b.number;
          q.half_step_high = b.half_step;
          q.last = b.last;
          if (between) q.first = i - 1;
        }
      }
    }
  }
  return p;
}

// ---------------------------------------------------------------------------
// What is not a claim.

bool InSpans(const std::vector<std::pair<size_t, size_t>>& spans,
             size_t offset) {
  for (const auto& [b, e] : spans) {
    if (offset >= b && offset < e) return true;
  }
  return false;
}

// Words that name the number after them: "page 42", "episode 214".
bool IsLabelWord(std::string_view lower) {
  static const WordSet* words = new WordSet{
      "page",     "pages",     "episode",   "chapter",    "section", "ticker",
      "building", "hall",      "gate",      "room",       "suite",   "floor",
      "unit",     "units",     "phase",     "version",    "release", "round",
      "row",      "tier",      "level",     "stage",      "step",    "item",
      "exhibit",  "figure",    "table",     "route",      "flight",  "platform",
      "pier",     "terminal",  "highway",   "interstate", "lane",    "seat",
      "article",  "clause",    "paragraph", "line",       "track",   "block",
      "lot",      "plot",      "number",    "code",       "series",  "grade",
      "class",    "category",  "batch",     "booth",      "stand",   "size",
      "gen",      "generation"};
  return words->count(lower) > 0;
}

bool IsTimePreposition(std::string_view lower) {
  static const WordSet* words = new WordSet{
      "in",      "by",         "since",  "until",  "till",   "from",
      "through", "of",         "for",    "during", "before", "after",
      "to",      "between",    "and",    "fiscal", "fy",     "early",
      "late",    "mid",        "end",    "year",   "summer", "winter",
      "spring",  "autumn",     "fall",   "around", "circa",  "beginning",
      "start",   "throughout", "within", "towards"};
  return words->count(lower) > 0;
}

// An era written before a year ("A.D. 900", "AD 79") or after it ("300
// BC", "44 B.C.").
bool EraBefore(const SentenceTokens& s, size_t n) {
  if (n >= 1 && (s.Text(n - 1) == "AD" || s.Text(n - 1) == "CE")) return true;
  return n >= 4 && s.Is(n - 1, ".") && s.Text(n - 2) == "D" &&
         s.Is(n - 3, ".") && s.Text(n - 4) == "A";
}

bool EraAfter(const SentenceTokens& s, size_t after) {
  std::string_view w = after < s.size() ? s.Text(after) : "";
  if (w == "BC" || w == "BCE" || w == "AD" || w == "CE") return true;
  return (w == "B" || w == "A") && s.Is(after + 1, ".") &&
         (s.Text(after + 2) == "C" || s.Text(after + 2) == "D");
}

// A street address: "14 W 52nd St", "61 Birch Hollow Road", "8 Ave Kleber".
bool StreetAddress(const SentenceTokens& s, size_t after) {
  static const std::unordered_set<std::string_view>* streets =
      new std::unordered_set<std::string_view>{
          "St",      "Street",  "Road",   "Rd",         "Avenue",
          "Ave",     "Way",     "Lane",   "Drive",      "Boulevard",
          "Blvd",    "Place",   "Court",  "Terrace",    "Parkway",
          "Highway", "Square",  "Plaza",  "Expressway", "Freeway",
          "Pkwy",    "Hwy",     "Circle", "Crescent",   "Rue",
          "Via",     "Strasse", "Calle",  "Avenida",    "Platz"};
  for (size_t t = after; t < s.size() && t < after + 5; ++t) {
    // Street word first: "8 Ave Kleber", "8 Rue de la Paix".
    bool particle = s.Is(t + 1, "de") || s.Is(t + 1, "la") ||
                    s.Is(t + 1, "del") || s.Is(t + 1, "di") ||
                    s.Is(t + 1, "du") || s.Is(t + 1, "des");
    if (streets->count(s.Text(t)) &&
        (t > after || s.Capitalized(t + 1) || particle)) {
      return true;
    }
    // Names, letters and ordinals: "W", "Birch", "52nd".
    bool ordinal = s.IsNumber(t) && s.Attached(t + 1) &&
                   (s.Is(t + 1, "st") || s.Is(t + 1, "nd") ||
                    s.Is(t + 1, "rd") || s.Is(t + 1, "th"));
    if (ordinal) {
      ++t;
      continue;
    }
    bool part = s.Capitalized(t) || s.token(t).kind == TokenKind::kAlnum;
    if (!part) return false;
  }
  return false;
}

// Decides what the parse is when it is not a figure: a year, a date, a
// model name, a label. Returns true for those.
bool NotAClaim(const SentenceTokens& s, const Parse& p) {
  const Quantity& q = p.q;
  size_t n = q.number_first;
  bool unitless = q.unit == nullptr && !q.gpu;
  bool counted_thing = unitless && !q.noun.empty();

  // Page furniture: a reading time ("5 min read", "Reading time: 4
  // minutes") and a line that only counts reactions ("1.2K Shares", "32
  // comments").
  if (!p.spelled && q.unit != nullptr && q.unit->kind == UnitKind::kDuration) {
    size_t after = q.last + 1;
    if (s.Is(after, "read") || s.Is(after, "reading")) return true;
    if (n >= 2 && s.Is(n - 1, ":") && s.Is(n - 2, "time") && n >= 3 &&
        s.Is(n - 3, "reading")) {
      return true;
    }
  }
  if (counted_thing && s.size() <= 4 && q.first <= 1) {
    static const auto* reactions = new std::unordered_set<std::string_view>{
        "share",    "comment", "like",   "view",
        "reaction", "retweet", "repost", "reply"};
    if (reactions->count(q.noun) > 0) return true;
  }
  // Citation markers: "[4]", "[2, 3]", "[1-3]": bare small numbers between
  // square brackets, alone or in a list.
  if (unitless && !counted_thing && !p.spelled && !p.prefixed &&
      p.plain_integer) {
    auto marker_part = [&](size_t t) {
      return t < s.size() && (s.IsNumber(t) || s.Is(t, ",") || s.Is(t, "-") ||
                              s.Is(t, "\u2013"));
    };
    size_t open = n;
    while (open > 0 && marker_part(open - 1) && n - open < 12) --open;
    size_t close = q.number_last + 1;
    while (marker_part(close) && close - q.number_last < 12) ++close;
    if (open > 0 && s.Is(open - 1, "[") && s.Is(close, "]")) return true;
  }

  // Phone numbers: "+1 408 555 0142", three or more bare numbers in a row.
  if (!p.spelled && !p.prefixed && p.plain_integer && q.number_last == n) {
    auto bare_number = [&](size_t t) {
      return t < s.size() && s.IsNumber(t) && !s.Attached(t);
    };
    size_t run_first = n, run_last = q.number_last;
    while (run_first > 0 && bare_number(run_first) &&
           s.IsNumber(run_first - 1)) {
      --run_first;
    }
    while (bare_number(run_last + 1)) ++run_last;
    bool plus =
        run_first > 0 && s.Is(run_first - 1, "+") && s.Attached(run_first);
    if (run_last - run_first >= 2 || (plus && run_last > run_first)) {
      return true;
    }
  }
  // Dotted identifiers: versions "2.4.1", tickers "9984.T"; and the
  // parts of a phone number: "+1 (877) ...".
  if (!p.spelled && !p.prefixed) {
    size_t after = q.number_last + 1;
    if (n >= 2 && s.Is(n - 1, ".") && s.Attached(n) && s.Attached(n - 1) &&
        s.IsNumber(n - 2)) {
      return true;
    }
    if (s.Is(after, ".") && s.Attached(after) && s.Attached(after + 1) &&
        (s.IsNumber(after + 1) ||
         (s.Capitalized(after + 1) && s.Text(after + 1).size() <= 3))) {
      return true;
    }
    bool plus = n > 0 && s.Is(n - 1, "+") && s.Attached(n);
    if (plus && s.Is(q.number_last + 1, "(")) return true;
    // "(650) 555-0147": an area code in brackets before a dashed number.
    if (n > 0 && s.Is(n - 1, "(") && s.Is(after, ")") &&
        s.IsNumber(after + 1) && s.Is(after + 2, "-") &&
        s.IsNumber(after + 3)) {
      return true;
    }
    if (n >= 3 && s.Is(n - 1, "(") && s.IsNumber(n - 2) && s.Is(n - 3, "+")) {
      return true;
    }
  }
  // A fiscal year written as a span: "2024-25", "2025-26 outlook".
  if (q.is_range && p.plain_integer && p.digits == 4 && q.number >= 1800 &&
      q.number <= 2199 && q.number_high < 100) {
    return true;
  }
  // Years of an era, "A.D. 900 and 1150", "300 BC"; and the bounds of an
  // age group, "adults aged 25 to 44", which describe who is counted.
  if (unitless && !p.spelled) {
    if (EraBefore(s, n) || EraAfter(s, q.number_last + 1)) return true;
    if (n >= 2 && (s.Is(n - 1, "and") || s.Is(n - 1, "to")) &&
        s.IsNumber(n - 2) && EraBefore(s, n - 2)) {
      return true;
    }
    if (n >= 1 && s.Is(n - 1, "aged")) return true;
  }
  // A street address, even where a letter reads as a unit: "14 W 52nd St".
  if (!p.spelled && q.noun.empty() && !q.gpu && !p.scaled && !p.prefixed &&
      p.plain_integer && StreetAddress(s, q.number_last + 1)) {
    return true;
  }

  // Years: "in 2025", "2025-26". A plural noun after a bare year-like number
  // makes it a count ("2000 employees") unless a time word stands before it.
  if (p.plain_integer && p.digits == 4 && !p.prefixed && !p.scaled &&
      unitless && !q.is_range) {
    double v = q.number;
    if (v >= 1800 && v <= 2199) {
      // Not a name after it: "the 1979 adventure film Lost Islands".
      // "2000 new engineers"; but "2026 budget includes" has a verb.
      bool plural_noun =
          counted_thing && LooksPlural(q.noun_written) &&
          std::none_of(q.noun_written.begin() + 1, q.noun_written.end(),
                       [](char c) { return c >= 'A' && c <= 'Z'; });
      for (size_t t = q.number_last + 1; plural_noun && t < q.last; ++t) {
        if (!IsCountAdjective(s.Lower(t))) plural_noun = false;
      }
      bool time_word = n > 0 && IsTimePreposition(s.Lower(n - 1));
      // "Mar 9 2018 MIT researchers": a year after a day of a month.
      if (n > 1 && s.IsNumber(n - 1) && IsMonth(s.Text(n - 2)))
        time_word = true;
      if (n > 0 && IsMonth(s.Text(n - 1))) time_word = true;
      if (!plural_noun || time_word) return true;
    }
  }
  // "2026 AI accelerator shipments": a year before what is counted.
  if (q.gpu && p.plain_integer && p.digits == 4 && !p.scaled && !p.prefixed &&
      q.number >= 1800 && q.number <= 2199 && s.Lower(q.last).back() != 's') {
    return true;
  }
  // Dates: "May 6", "6 May", "the 6th of May".
  if (unitless && !p.spelled && p.plain_integer && q.number >= 1 &&
      q.number <= 31) {
    if (n > 0 && IsMonth(s.Text(n - 1))) return true;
    if (n > 1 && s.Is(n - 1, ".") && IsMonth(s.Text(n - 2))) return true;
    if (n + 1 < s.size() && IsMonth(s.Text(n + 1))) return true;
    if (s.Is(n + 1, "of") && n + 2 < s.size() && IsMonth(s.Text(n + 2))) {
      return true;
    }
  }
  // Times of day and numbers in slashes: "9:30", "10 a.m.", "24/7".
  if (!p.spelled) {
    size_t after = q.number_last + 1;
    if ((s.Is(after, ":") || s.Is(after, "/")) && s.Attached(after) &&
        s.IsNumber(after + 1) && s.Attached(after + 1)) {
      return true;
    }
    if (n > 1 && (s.Is(n - 1, ":") || s.Is(n - 1, "/")) && s.Attached(n) &&
        s.IsNumber(n - 2)) {
      return true;
    }
    if (unitless &&
        (s.Is(after, "am") || s.Is(after, "pm") ||
         (s.Is(after, "a") && s.Is(after + 1, ".") && s.Is(after + 2, "m")) ||
         (s.Is(after, "p") && s.Is(after + 1, ".") && s.Is(after + 2, "m")))) {
      return true;
    }
  }
  // Scores, spans of years and addresses: "2-0", "2014-15", "16-18"; and
  // numbers glued into a word: "last-32", "top-10".
  if (unitless && !q.is_range && !p.spelled) {
    if (n >= 2 && s.Is(n - 1, "-") && s.Attached(n) && s.Attached(n - 1) &&
        s.IsWord(n - 2) && !s.Is(n - 2, "minus")) {
      return true;
    }
    size_t after = q.number_last + 1;
    if (s.Is(after, "-") && s.Attached(after) && s.IsNumber(after + 1) &&
        s.Attached(after + 1)) {
      return true;
    }
    if (n >= 2 && s.Is(n - 1, "-") && s.Attached(n) && s.Attached(n - 1) &&
        s.IsNumber(n - 2)) {
      return true;
    }
    // "0401 GMT": a clock time.
    static const std::unordered_set<std::string_view>* zones =
        new std::unordered_set<std::string_view>{
            "GMT", "UTC",  "EDT", "EST", "ET",  "PT",  "PDT", "PST", "BST",
            "CET", "CEST", "CT",  "CDT", "CST", "IST", "JST", "AEST"};
    if (after < s.size() && zones->count(s.Text(after))) return true;
  }
  // Names and labels: "Colossus 1", "GPT-4", "Section 427", "No. 3",
  // "episode 214", "page 42"; and the second of "Units 3 and 4".
  size_t before = q.first;
  if (unitless && before > 0 && !p.prefixed) {
    size_t b = before - 1;
    const Token& prev = s.token(b);
    if (prev.kind == TokenKind::kAlnum) return true;
    if (IsLabelWord(s.Lower(b))) return true;
    if (q.noun.empty() && b >= 2 &&
        (s.Is(b, "and") || s.Is(b, "or") || s.Is(b, "&")) &&
        s.IsNumber(b - 1) &&
        (IsLabelWord(s.Lower(b - 2)) ||
         (s.Capitalized(b - 2) && !IsFunctionWord(s.Lower(b - 2)) &&
          !IsMonth(s.Text(b - 2))))) {
      return true;
    }
    if (s.Capitalized(b) && !IsFunctionWord(s.Lower(b)) &&
        !IsMonth(s.Text(b))) {
      return true;
    }
    if (s.Is(b, "-") && s.Attached(b) && s.Attached(before) && b > 0 &&
        (s.Capitalized(b - 1) || s.token(b - 1).kind == TokenKind::kAlnum)) {
      return true;
    }
    if (s.Is(b, "#") || (s.Is(b, ".") && b > 0 && s.Is(b - 1, "no"))) {
      return true;
    }
    // "iPhone 11", "eBay 2": a capital inside the word marks a name.
    if (s.token(b).kind == TokenKind::kWord) {
      std::string_view w = s.Text(b);
      for (size_t c = 1; c < w.size(); ++c) {
        if (w[c] >= 'A' && w[c] <= 'Z') return true;
      }
    }
    // "ID.3": a name, a dot and a number glued together.
    if (s.Is(b, ".") && s.Attached(b) && s.Attached(before) && b > 0 &&
        (s.Capitalized(b - 1) || s.token(b - 1).kind == TokenKind::kAlnum)) {
      return true;
    }
  }
  // A number glued to a name after it: "4 MI450" is not "4", "3-nm".
  // Spelled numbers need something to count: "one of the", "the two"; or
  // a unit they share with the next: "six or seven euros".
  if (p.spelled && unitless && q.noun.empty()) {
    if (!s.Is(q.last + 1, "or")) return true;
    auto shared = ParseAt(s, q.last + 2, false);
    return !shared || (shared->q.unit == nullptr && !shared->q.gpu &&
                       shared->q.noun.empty());
  }
  if (p.spelled && unitless && q.number == 1 &&
      (s.Is(q.number_last + 1, "of") || s.Is(q.number_last + 1, "another"))) {
    return true;
  }
  // "five years ago": a time, not a figure.
  if (IsDurationUnit(q.unit) && s.Is(q.last + 1, "ago")) return true;
  // "the two companies' plans": a pointer back to things named before.
  if (p.spelled && n > 0 && s.Is(n - 1, "the") && s.Is(q.last + 1, "'")) {
    return true;
  }
  // "not one GPU", "isn't one bad call", "those two things": a negation or
  // a pointer back, not a figure. A measure stays: "those three months".
  if (p.spelled && !q.is_range && n > 0) {
    const std::string& prev = s.Lower(n - 1);
    if (prev == "not" || prev == "no" || prev == "never" ||
        (prev == "t" && n > 1 && s.Is(n - 2, "'")) ||
        ((prev == "those" || prev == "these") && unitless)) {
      return true;
    }
  }
  return false;
}

// Qualifier phrases before the quantity, and the rise or fall around it.
void ReadQualifierAndChange(const SentenceTokens& s, size_t floor, Quantity* q);

void ApplyContext(const SentenceTokens& s, size_t floor, Quantity* q) {
  ReadQualifierAndChange(s, floor, q);
  // New over old, as "halved" is 0.5: "cut by a third" is 2/3.
  if (q->by_fraction && !q->change.empty()) {
    q->number = q->change == "up" ? 1 + q->number : 1 - q->number;
    q->by_fraction = false;
  }
}

void ReadQualifierAndChange(const SentenceTokens& s, size_t floor,
                            Quantity* q) {
  size_t first = q->first;
  if (q->qualifier != Qualifier::kRange && first > floor) {
    const auto& phrases = LeftQualifiers();
    // An article may stand between: "roughly a 20 per cent stake".
    if (first > floor + 1 && (s.Is(first - 1, "a") || s.Is(first - 1, "an")) &&
        phrases.count(s.Lower(first - 2))) {
      --first;
    }
    auto it = phrases.find(s.Lower(first - 1));
    if (it != phrases.end()) {
      for (const QualifierPhrase& phrase : it->second) {
        size_t len = phrase.words.size();
        if (first < floor + len) continue;
        bool match = true;
        for (size_t w = 0; w < len && match; ++w) {
          match = s.Lower(first - len + w) == phrase.words[w];
        }
        if (!match) continue;
        // "over five years" is a span of time, not "more than".
        if (phrase.words.front() == "over" && IsDurationUnit(q->unit)) break;
        if (q->qualifier == Qualifier::kAtLeast && phrase.nearly) break;
        q->qualifier = phrase.qualifier;
        q->nearly = phrase.nearly;
        first -= len;
        break;
      }
    }
    if (q->qualifier == Qualifier::kExact) first = q->first;
  }
  q->first = first;
  // After the figure: "$13bn or more", "1,000 GPUs or fewer".
  if (q->qualifier == Qualifier::kExact && s.Is(q->last + 1, "or")) {
    const std::string& w = s.Lower(q->last + 2);
    if (w == "more" || w == "higher" || w == "above" || w == "greater") {
      q->qualifier = Qualifier::kAtLeast;
      q->last += 2;
    } else if (w == "less" || w == "fewer" || w == "lower" || w == "below") {
      q->qualifier = Qualifier::kAtMost;
      q->last += 2;
    }
  }

  // A rise or fall: "rose 40%", "was up more than 3%", "fell by half".
  // Its size is a delta unless "to" leads to the level reached; "added"
  // names new capacity as often as growth, so it makes no delta.
  size_t t = first;
  bool to_level = false;
  for (int steps = 0; steps < 3 && t > floor; ++steps) {
    const std::string& w = s.Lower(t - 1);
    int change = ChangeOf(w);
    // "make up 10 percent", "ended up at": a phrasal verb, no rise.
    static const WordSet* phrasal = new WordSet{
        "make",    "makes", "made",   "making", "end",    "ends",   "ended",
        "take",    "takes", "took",   "set",    "sets",   "signed", "add",
        "adds",    "added", "sum",    "sums",   "summed", "snap",   "snaps",
        "snapped", "pick",  "picks",  "picked", "scoop",  "scoops", "scooped",
        "buy",     "buys",  "bought", "buying", "ramp",   "ramps",  "ramped"};
    if (w == "up" && t >= 2 && phrasal->count(s.Lower(t - 2))) change = 0;
    // The tail of a hyphenated adjective is no verb: "a cost-cutting $9
    // billion plan", "a record-breaking 40%".
    if (t >= 3 && s.Is(t - 2, "-") && s.Attached(t - 2) && s.Attached(t - 1)) {
      change = 0;
    }
    if (change != 0 && !(w == "up" && s.Is(t, "to"))) {
      q->change = change > 0 ? "up" : "down";
      q->delta = !to_level && w != "added" && w != "adds" && w != "add" &&
                 w != "higher" && w != "lower" && w != "growth";
      return;
    }
    if (w == "to") to_level = true;
    // "cut energy use by 18 percent": the verb before its object.
    if (w == "by") {
      for (size_t v = t - 1; v > floor && v + 6 > t; --v) {
        const std::string& verb = s.Lower(v - 1);
        if (s.IsNumber(v - 1) || s.Is(v - 1, ",") || s.Is(v - 1, ";")) break;
        // "raised its dividend by 10%": a raise only with "by".
        int c = verb == "raised" || verb == "raises" || verb == "raise" ||
                        verb == "hiked" || verb == "hikes"
                    ? 1
                    : ChangeOf(verb);
        if (c != 0 && verb != "up" && verb != "down") {
          q->change = c > 0 ? "up" : "down";
          q->delta = !to_level;
          return;
        }
      }
    }
    if (w != "by" && w != "to" && w != "a" && w != "an" && w != "of" &&
        w != "some" && w != "another" && w != "nearly" && w != "about") {
      break;
    }
    --t;
  }
  // After the number: "a 40% increase", "a 12% drop", "30% less water",
  // "70% higher than".
  size_t after = q->last + 1;
  if (after < s.size()) {
    const std::string& w = s.Lower(after);
    if (w == "increase" || w == "rise" || w == "jump" || w == "gain" ||
        w == "surge" || w == "growth" || w == "higher" || w == "greater" ||
        w == "faster" || w == "bigger" || w == "larger" ||
        (w == "more" && s.Is(after + 1, "than") && q->unit != nullptr &&
         q->unit->kind == UnitKind::kPercent)) {
      q->change = "up";
    } else if (w == "decrease" || w == "drop" || w == "fall" ||
               w == "decline" || w == "cut" || w == "loss" ||
               w == "reduction" || w == "less" || w == "lower" ||
               w == "fewer" || w == "smaller" || w == "cheaper" ||
               w == "slower") {
      q->change = "down";
    }
  }
}

std::vector<std::pair<size_t, size_t>> UrlSpans(std::string_view text) {
  static const RE2 kUrl(
      "(?i)((?:https?://|www\\.)[^\\s<>\"]+|[a-z0-9.-]+\\.(?:com|org|net|io|ai|"
      "co|gov|edu|example)/[^\\s<>\"]*|[a-z0-9._%+-]+@[a-z0-9.-]+)");
  std::vector<std::pair<size_t, size_t>> spans;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  while (RE2::FindAndConsume(&input, kUrl, &match)) {
    size_t b = static_cast<size_t>(match.data() - text.data());
    spans.emplace_back(b, b + match.size());
  }
  return spans;
}

// A bare number right after a figure with a unit, joined to it by a
// comparison, has that unit: "3.9 million headsets, up from 2.4 million",
// "84.75 cents, while the lowest is 74.07".
void InheritUnits(const SentenceTokens& s, std::vector<Quantity>* out) {
  static const WordSet* joins =
      new WordSet{"from", "to",    "and",      "or",        "vs", "versus",
                  "than", "while", "compared", "including", "but"};
  for (size_t k = 1; k < out->size(); ++k) {
    Quantity& q = (*out)[k];
    const Quantity& prev = (*out)[k - 1];
    if (q.unit != nullptr || q.gpu || !q.noun.empty() || q.is_range) continue;
    if (prev.unit == nullptr && !prev.gpu && prev.noun.empty()) continue;
    // A level after a change in percent is no percentage: "up 1.2% to
    // 6,327.80"; a second change is: "up 3 percent, but B fell by 2".
    if (prev.unit != nullptr &&
        (prev.unit->kind == UnitKind::kPercent ||
         prev.unit->kind == UnitKind::kRatio ||
         prev.unit->kind == UnitKind::kPercentagePoint) &&
        !s.Is(q.first - 1, "by")) {
      continue;
    }
    // "up from" and "down from" reach back further: "67,000 GPUs at the
    // end of the quarter, up from 35,000".
    bool up_from = q.first >= 2 && s.Is(q.first - 1, "from") &&
                   (s.Is(q.first - 2, "up") || s.Is(q.first - 2, "down"));
    size_t reach = up_from ? 16 : 7;
    if (q.first <= prev.last || q.first - prev.last > reach) continue;
    bool joined = false;
    for (size_t t = prev.last + 1; t < q.first; ++t) {
      if (joins->count(s.Lower(t))) joined = true;
    }
    if (!joined) continue;
    q.unit = prev.unit;
    q.gpu = prev.gpu;
    q.noun = prev.noun;
    q.noun_written = prev.noun_written;
    // Its own rate stays: "31 thefts, compared with 26 per week".
    if (q.per.empty()) {
      q.per = prev.per;
      q.per_written = prev.per_written;
    }
  }
  // A figure in the same unit after a rate, joined to it, is a rate too:
  // "$80 per MWh in Virginia and $60 in Texas", "$2 an hour, from $8".
  for (size_t k = 1; k < out->size(); ++k) {
    Quantity& q = (*out)[k];
    const Quantity& prev = (*out)[k - 1];
    if (q.unit == nullptr || q.unit != prev.unit || !q.per.empty() ||
        prev.per.empty() || q.is_range || q.first <= prev.last ||
        q.first - prev.last > 7) {
      continue;
    }
    // "and" only in a parallel: "... in Virginia and $60 in Texas", not
    // "$5 a month and $50 for setup".
    bool joined = false;
    for (size_t t = prev.last + 1; t < q.first; ++t) {
      const std::string& w = s.Lower(t);
      if (w == "and" || w == "or") {
        joined = joined || s.Is(q.last + 1, "in") || s.Is(q.last + 1, "at");
      } else if (joins->count(w)) {
        joined = true;
      }
    }
    if (!joined) continue;
    q.per = prev.per;
    q.per_written = prev.per_written;
  }
  // A bare figure takes the unit written after the next one: "6 or $7",
  // "six or seven euros", "410 million of the 2 billion yuan", "grew
  // by 4,000 to 36,000 employees".
  for (size_t k = out->size(); k-- > 1;) {
    Quantity& q = (*out)[k - 1];
    const Quantity& next = (*out)[k];
    if (q.unit != nullptr || q.gpu || !q.noun.empty() || q.is_range) continue;
    if (next.unit == nullptr && !next.gpu && next.noun.empty()) continue;
    size_t gap = next.first - q.last - 1;
    size_t t = q.last + 1;
    bool joined =
        (gap == 1 && (s.Is(t, "or") || (s.Is(t, "to") && q.delta))) ||
        (gap == 1 && (s.Is(t, "up") || s.Is(t, "down")) && !next.per.size() &&
         next.unit == nullptr && !next.noun.empty()) ||
        (gap == 2 && s.Is(t, "-") && s.Is(t + 1, "or")) ||
        (gap == 2 && s.Is(t, "of") &&
         (s.Is(t + 1, "the") || s.Is(t + 1, "its") || s.Is(t + 1, "their")));
    if (!joined || next.first <= q.last) continue;
    q.unit = next.unit;
    q.gpu = next.gpu;
    q.noun = next.noun;
    q.noun_written = next.noun_written;
    q.per = next.per;
    q.per_written = next.per_written;
  }
}

}  // namespace

SentenceTokens::SentenceTokens(std::string_view text)
    : text_(text),
      tokens_(Lex(text)),
      before_{TokenKind::kSymbol, 0, 0, true},
      after_{TokenKind::kSymbol, static_cast<uint32_t>(text.size()),
             static_cast<uint32_t>(text.size()), true} {
  lower_.reserve(tokens_.size());
  for (size_t i = 0; i < tokens_.size(); ++i) {
    lower_.push_back(text::Lower(Text(i)));
  }
}

bool SentenceTokens::Capitalized(size_t i) const {
  if (i >= size() || tokens_[i].kind != TokenKind::kWord) return false;
  unsigned char c = static_cast<unsigned char>(text_[tokens_[i].begin]);
  return c >= 'A' && c <= 'Z';
}

std::vector<Quantity> FindQuantities(const SentenceTokens& s) {
  std::vector<Quantity> out;
  std::vector<std::pair<size_t, size_t>> urls;
  bool urls_done = false;
  size_t floor = 0;  // Qualifiers never reach into the previous quantity.
  for (size_t i = 0; i < s.size();) {
    auto p = ParseAt(s, i, true);
    if (!p) {
      ++i;
      continue;
    }
    size_t next = std::max(p->q.last + 1, i + 1);
    if (p->reject || NotAClaim(s, *p)) {
      i = next;
      continue;
    }
    if (!urls_done) {
      urls = UrlSpans(s.text());
      urls_done = true;
    }
    if (InSpans(urls, s.token(p->q.number_first).begin)) {
      i = next;
      continue;
    }
    ApplyContext(s, floor, &p->q);
    out.push_back(std::move(p->q));
    floor = next;
    i = next;
  }
  InheritUnits(s, &out);
  return out;
}

}  // namespace ct::extract
