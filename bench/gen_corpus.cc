// gen_corpus: a deterministic generator of made-up news coverage of AI
// infrastructure deals, the input of the scale benchmark (bench/scale.py).
//
//   gen_corpus --articles N --out DIR   [--seed S]
//       N plain-text articles in the project's text format (title, Source:,
//       Published:, URL: headers, blank line, body), at most 1000 files per
//       subfolder: DIR/000/..., DIR/001/...
//   gen_corpus --feed N --out FILE      [--seed S]
//       One RSS 2.0 file of N items, each with a title, link, guid, pubDate
//       and a short article as its description.
//   gen_corpus --headlines N --out FILE [--seed S]
//       One RSS 2.0 file of N headline-only items: a link and the headline
//       as the description. Small enough that 100,000 items fit the 16 MiB
//       cap ingest puts on a file.
//   gen_corpus --line BYTES --out FILE  [--seed S]
//       One text file: a title line, a blank line, then a single line of
//       about BYTES bytes of sentences with figures (no newline inside).
//
// The same arguments give byte-identical output on every machine: the only
// randomness is a splitmix64 generator of our own, all arithmetic on figures
// is on integers, and nothing depends on hash or iteration order of the
// standard library. Article i depends only on the seed and i, so the first
// 1000 articles of a 10,000-article corpus are the 1000-article corpus.
//
// What it writes: a pool of a few hundred fictional deals (real company
// names, made-up sites, places, figures), restated by ~60 made-up outlets
// with varied wording: buyer's or seller's side, qualifiers ("about", "more
// than", "up to", "nearly"), units and spellings ("6 GW", "six gigawatts",
// "$38bn"), rounding, and a small share of wrong figures (8 GW for 6 GW),
// between filler sentences without figures or with other numbers (dates,
// years, percentages). Every sentence comes from the templates below.
//
// It is built with the benchmarks (scripts/build.sh build Release gives
// build/bench/gen_corpus) and needs nothing but the standard library.
// bench/scale.py runs it; to look at a sample:
//
//   build/bench/gen_corpus --articles 20 --out /tmp/sample
//
// Exit codes: 0 success, 1 write error, 2 usage error.

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

// ---------------------------------------------------------------------------
// Randomness.

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and fully specified, so
// the output does not depend on the standard library's engines or
// distributions, whose results differ between implementations.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n) for n > 0: the modulo bias is below 2^-40 for
  // the small n used here, and is the same everywhere.
  int Below(int n) {
    return static_cast<int>(Next() % static_cast<uint64_t>(n));
  }
  // In [lo, hi].
  int Range(int lo, int hi) { return lo + Below(hi - lo + 1); }
  bool Percent(int p) { return Below(100) < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(static_cast<int>(N))];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(static_cast<int>(items.size()))];
  }

 private:
  uint64_t state_;
};

// A generator of its own for article `index`, so that articles do not
// depend on one another.
Rng RngFor(uint64_t seed, uint64_t stream, uint64_t index) {
  Rng mix(seed ^ (stream * 0xd1b54a32d192ed03ULL));
  uint64_t base = mix.Next();
  Rng rng(base ^ (index * 0x9e3779b97f4a7c15ULL));
  rng.Next();
  return rng;
}

// FNV-1a, for spotting two identical bodies (the store would keep one).
uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// ---------------------------------------------------------------------------
// Word lists. Companies are real names; everything else is made up.

const char* const kLabs[] = {"OpenAI",
                             "Anthropic",
                             "xAI",
                             "Meta",
                             "Mistral AI",
                             "Cohere",
                             "Microsoft",
                             "Thinking Machines Lab",
                             "Safe Superintelligence",
                             "Reflection AI",
                             "Poolside"};
const char* const kClouds[] = {"Microsoft", "Amazon",    "Google", "Oracle",
                               "CoreWeave", "Nebius",    "Crusoe", "Nscale",
                               "Lambda",    "Fluidstack"};
const char* const kChipBuyers[] = {
    "OpenAI", "Anthropic",  "xAI",        "Meta",   "Microsoft", "Oracle",
    "Amazon", "Google",     "CoreWeave",  "Nebius", "Crusoe",    "Nscale",
    "Lambda", "Fluidstack", "Mistral AI", "Cohere"};
const char* const kSiteOwners[] = {"Microsoft", "Amazon", "Google", "Meta",
                                   "Oracle",    "OpenAI", "xAI",    "CoreWeave",
                                   "Nebius",    "Crusoe"};
const char* const kFinanciers[] = {"SoftBank",      "Blackstone",
                                   "Brookfield",    "Blue Owl",
                                   "KKR",           "MGX",
                                   "Macquarie",     "Carlyle",
                                   "DigitalBridge", "Apollo Global Management"};
const char* const kInvestors[] = {"SoftBank",   "Nvidia", "Microsoft",
                                  "Amazon",     "Google", "AMD",
                                  "Blackstone", "MGX",    "Thrive Capital"};
const char* const kFunded[] = {"OpenAI",
                               "Anthropic",
                               "xAI",
                               "Mistral AI",
                               "Cohere",
                               "Nebius",
                               "Crusoe",
                               "Thinking Machines Lab",
                               "Safe Superintelligence",
                               "Reflection AI",
                               "Poolside"};

struct Maker {
  const char* name;
  const char* chips[3];
  bool gpus;  // Whether its parts are counted as GPUs.
};
const Maker kMakers[] = {
    {"Nvidia", {"GB300", "GB200", "Vera Rubin"}, true},
    {"AMD", {"MI450", "MI350", "MI450"}, true},
    {"Broadcom", {"custom", "custom", "custom"}, false},
};

const char* const kSiteNames[] = {
    "Ironvale",     "Redhollow",    "Cinder Flats",   "Bluestem",
    "Quartz Ridge", "Harrow Creek", "Saltgrass",      "Pinecrest",
    "Kettle Point", "Marrow Bend",  "Copperfield",    "Wolf Run",
    "Larkin",       "Sable Fork",   "Thornbury",      "Elk Hollow",
    "Owl Creek",    "Silverleaf",   "Foxhill",        "Brackwater",
    "Tallgrass",    "Meadowlark",   "Ridgeback",      "Stonecrop",
    "Highmark",     "Juniper Draw", "Windmere",       "Ashgrove",
    "Cold Mesa",    "Dunlin",       "Basin Star",     "Cedar Gate",
    "Drover",       "Emberlight",   "Fenwick",        "Gallowglass",
    "Hearthstone",  "Indigo Flats", "Jackdaw",        "Kingfisher",
    "Lanternfield", "Millrace",     "Northstar Bend", "Oakmoor",
    "Pallisade",    "Quill Creek",  "Rowan Hill",     "Starling",
    "Tinder Ridge", "Umberlee",     "Vesper",         "Whinmoor",
    "Yellowstem",   "Zenith Flats", "Aurora Mesa",    "Bracken",
    "Corvid",       "Dawnridge",    "Eskerfield",     "Flintlock"};
const char* const kTowns[] = {
    "Calder Springs", "Port Ambrose", "New Halstead", "Millbrook Junction",
    "Dry Fork",       "Eastover",     "Cranmoor",     "Bellhaven",
    "Lone Cedar",     "Ashby Falls",  "Verlaine",     "Grey Otter",
    "Fallow Creek",   "Mount Orrin",  "Tessaly",      "Brindle Gap"};
const char* const kStates[] = {
    "Texas",      "Ohio",     "Louisiana",    "Wyoming", "North Dakota",
    "Georgia",    "Arizona",  "Pennsylvania", "Indiana", "Wisconsin",
    "New Mexico", "Virginia", "Oklahoma",     "Nebraska"};

// Sixty made-up outlets. The host is derived from the name.
const char* const kOutlets[] = {
    "Amberline Dispatch",      "Basalt Ledger",
    "Cobalt Crossing",         "Driftwood Gazette",
    "Ember Street Bulletin",   "Fathom Daily",
    "Granite Signal",          "Heliotrope News",
    "Ironbark Review",         "Juniper Wirehouse",
    "Kestrel Report",          "Lodestar Letter",
    "Marigold Markets",        "Northgale Chronicle",
    "Oxbow Tribune",           "Petrel Brief",
    "Quarry Lane Times",       "Rookery Weekly",
    "Saltmarsh Observer",      "Tamarack Telegraph",
    "Umber Analytics Desk",    "Vantablue Memo",
    "Willowmere Post",         "Xylem Digest",
    "Yarrow Insider",          "Zephyr Circuit",
    "Alderbrook Capital Wire", "Bramblegate Tech",
    "Cinderfield Courier",     "Dovetail Compute",
    "Eastwick Grid Review",    "Foxglove Finance",
    "Glasshouse Dispatch",     "Hollowpine Journal",
    "Inkwell Infrastructure",  "Jasperline Analyst",
    "Kilnworth Herald",        "Larkspur Ledger",
    "Moorcroft Monitor",       "Nettlebed Notes",
    "Orchard Row Bulletin",    "Pebbleshore Press",
    "Quillfeather Weekly",     "Redfern Datacentre Daily",
    "Silverbirch Sentinel",    "Thistledown Tribune",
    "Upland Circuit",          "Verdigris Review",
    "Wrenfield Wire",          "Yellowhammer Markets",
    "Zinnia Capital Notes",    "Acornvale Signal",
    "Bluewater Rack Journal",  "Coppergate Compute Daily",
    "Dunmore Megawatt",        "Elmstead Observer",
    "Flintridge Brief",        "Gorsebank Gazette",
    "Harrowgate Chip Letter",  "Ivorymoss Terminal"};
constexpr int kOutletCount = sizeof(kOutlets) / sizeof(kOutlets[0]);

const char* const kFirstNames[] = {"Mara",   "Tobias", "Ines",    "Dev",
                                   "Hollis", "Priya",  "Anselm",  "Wren",
                                   "Corin",  "Yusra",  "Bettina", "Oren"};
const char* const kLastNames[] = {"Okafor-Lind", "Vasquez-Hale", "Brannigan",
                                  "Thorsby",     "Achebe-Moss",  "Kellerman",
                                  "Duvall",      "Ishikawa-Roe", "Petrakis",
                                  "Lindqvist",   "Osei",         "Marchetti"};
const char* const kFirms[] = {"Quarrystone Research", "Beaconfield Partners",
                              "Larchmont Equity Research",
                              "Halden & Roe Securities", "Northspan Advisory"};

const char* const kSmallNumbers[] = {
    "zero",     "one",      "two",      "three",   "four",    "five",
    "six",      "seven",    "eight",    "nine",    "ten",     "eleven",
    "twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty"};
const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};
const char* const kMonthAbbrev[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu",
                                 "Fri", "Sat", "Sun"};

// ---------------------------------------------------------------------------
// Numbers as text. Values are integers in a fixed unit (megawatts, tenths of
// a billion dollars, ...) so that no floating-point formatting is involved.

int64_t Pow10(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// "220,000".
std::string Grouped(int64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// v / 10^decimals without trailing zeros: Decimal(1250, 3) is "1.25".
std::string Decimal(int64_t v, int decimals) {
  int64_t scale = Pow10(decimals);
  std::string out = std::to_string(v / scale);
  int64_t frac = v % scale;
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f = std::string(decimals - f.size(), '0') + f;
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

// The step that keeps `sig` significant digits of v.
int64_t Step(int64_t v, int sig) {
  int64_t step = 1;
  while (v / step >= Pow10(sig)) step *= 10;
  return step;
}
int64_t RoundDown(int64_t v, int64_t step) { return v / step * step; }
int64_t RoundUp(int64_t v, int64_t step) {
  return (v + step - 1) / step * step;
}
int64_t RoundNear(int64_t v, int64_t step) {
  return (v + step / 2) / step * step;
}

// A figure as one outlet states it: the value it writes and the qualifier
// in front of it.
struct Said {
  int64_t value;
  std::string qualifier;  // "", "about ", "more than ", ...
  bool wrong = false;     // A figure that contradicts the deal.
};

enum Allow : unsigned {
  kRoundExact = 1,  // "$38 billion" for 38.4: the scale word absorbs it.
  kUpTo = 2,        // "up to" reads naturally for this figure.
};

// How an outlet restates value v. Most write it as it is; some round it
// with "about", bound it ("more than" a rounder number below, "nearly" one
// above, "up to" it), and about 4 in 100 get it wrong.
Said Vary(int64_t v, Rng& rng, unsigned allow) {
  static const char* const kApprox[] = {"about ", "roughly ", "around ",
                                        "approximately ", "some "};
  static const char* const kAbove[] = {"more than ", "over ", "upwards of "};
  static const char* const kNearly[] = {"nearly ", "almost ", "close to "};
  int r = rng.Below(100);
  if (r < 4) {
    // Wrong by a quarter to a half, or double: far outside any tolerance.
    static const int kPercent[] = {125, 133, 150, 200, 75, 66, 60};
    int64_t w = v * rng.Pick(kPercent) / 100;
    w = RoundNear(w, Step(w, 2));
    if (w == v) w = v * 2;
    return {w, "", true};
  }
  if (r < 50) return {v, ""};
  if (r < 58 && (allow & kRoundExact)) return {RoundNear(v, Step(v, 2)), ""};
  if (r < 72) return {RoundNear(v, Step(v, 2)), rng.Pick(kApprox)};
  if (r < 84) {
    int64_t below = RoundDown(v, Step(v, 2));
    if (below < v) return {below, rng.Pick(kAbove)};
    return {v, "at least "};
  }
  if (r < 92 && (allow & kUpTo)) return {v, "up to "};
  int64_t above = RoundUp(v, Step(v, 2));
  return {above, rng.Pick(kNearly)};
}

// Power from megawatts: "6 gigawatts", "6 GW", "six gigawatts", "6GW",
// "6,000 megawatts", "400 MW".
std::string PowerText(int64_t mw, Rng& rng) {
  if (mw >= 1000) {
    std::string gw = Decimal(mw, 3);
    int r = rng.Below(100);
    if (r < 12 && mw % 1000 == 0 && mw / 1000 <= 20) {
      return std::string(kSmallNumbers[mw / 1000]) +
             (mw == 1000 ? " gigawatt" : " gigawatts");
    }
    if (r < 45) return gw + (gw == "1" ? " gigawatt" : " gigawatts");
    if (r < 88) return gw + " GW";
    if (r < 94) return gw + "GW";
    return Grouped(mw) + " megawatts";
  }
  int r = rng.Below(100);
  if (r < 45) return Grouped(mw) + " megawatts";
  if (r < 90) return Grouped(mw) + " MW";
  return Grouped(mw) + "MW";
}

// The same as an adjective: "1.2-gigawatt", "800-megawatt".
std::string PowerAdjective(int64_t mw) {
  if (mw >= 1000) return Decimal(mw, 3) + "-gigawatt";
  return Grouped(mw) + "-megawatt";
}

// Dollars from tenths of a billion: "$38.4 billion", "$38.4bn",
// "US$38.4 billion", "$800 million", "$0.35 trillion".
std::string DollarText(int64_t tenths, Rng& rng) {
  int r = rng.Below(100);
  if (tenths < 10) {
    int64_t millions = tenths * 100;
    if (r < 60) return "$" + Grouped(millions) + " million";
    return "$" + Grouped(millions) + "m";
  }
  std::string bn = Decimal(tenths, 1);
  if (tenths >= 1000 && tenths % 100 == 0 && r < 8) {
    return "$" + Decimal(tenths, 4) + " trillion";
  }
  if (r < 50) return "$" + bn + " billion";
  if (r < 80) return "$" + bn + "bn";
  if (r < 90) return "US$" + bn + " billion";
  return "$" + bn + " bn";
}

// Counts: "220,000", sometimes "220k" when round.
std::string CountText(int64_t n, Rng& rng) {
  if (n >= 10000 && n % 1000 == 0 && rng.Percent(15)) {
    return std::to_string(n / 1000) + "k";
  }
  return Grouped(n);
}

// A growth multiple: "tenfold", "10x", "10-fold", "ten times", "tripled".
std::string MultipleText(int m, Rng& rng, bool* is_verb) {
  *is_verb = false;
  int r = rng.Below(100);
  if (r < 20 && (m == 2 || m == 3)) {
    *is_verb = true;
    return m == 2 ? "doubled" : "tripled";
  }
  if (r < 40 && m <= 10) return std::string(kSmallNumbers[m]) + "fold";
  if (r < 65) return std::to_string(m) + "x";
  if (r < 85) return std::to_string(m) + "-fold";
  if (m <= 20) return std::string(kSmallNumbers[m]) + " times";
  return std::to_string(m) + " times";
}

std::string YearsText(int years, Rng& rng) {
  if (rng.Percent(60)) return std::string(kSmallNumbers[years]) + " years";
  return std::to_string(years) + " years";
}

// ---------------------------------------------------------------------------
// Dates. Days are counted from 2025-01-01 (a Wednesday); the corpus spans
// 2025 and 2026.

constexpr int kDays = 730;

struct Date {
  int year, month, day;  // month 1-12
};

Date DateOf(int day_index) {
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};
  Date d{2025, 1, 1};
  int left = day_index;
  while (left >= 365) {  // 2025 and 2026 are not leap years.
    left -= 365;
    ++d.year;
  }
  int m = 0;
  while (left >= kMonthDays[m]) left -= kMonthDays[m++];
  d.month = m + 1;
  d.day = left + 1;
  return d;
}

// v in decimal, zero-padded to `width` digits.
std::string Padded(uint64_t v, size_t width) {
  std::string digits = std::to_string(v);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

// "2025-10-07T10:20:00Z"
std::string IsoTime(int day_index, int minute_of_day) {
  Date d = DateOf(day_index);
  return Padded(d.year, 4) + "-" + Padded(d.month, 2) + "-" + Padded(d.day, 2) +
         "T" + Padded(minute_of_day / 60, 2) + ":" +
         Padded(minute_of_day % 60, 2) + ":00Z";
}

// "Tue, 07 Oct 2025 10:20:00 +0000"
std::string RfcTime(int day_index, int minute_of_day) {
  Date d = DateOf(day_index);
  return std::string(kWeekdays[(day_index + 2) % 7]) + ", " + Padded(d.day, 2) +
         " " + kMonthAbbrev[d.month - 1] + " " + Padded(d.year, 4) + " " +
         Padded(minute_of_day / 60, 2) + ":" + Padded(minute_of_day % 60, 2) +
         ":00 +0000";
}

// ---------------------------------------------------------------------------
// The deals.

enum class Kind { kCloud, kChips, kSite, kFunding };

const char* KindSlug(Kind k) {
  switch (k) {
    case Kind::kCloud:
      return "compute-deal";
    case Kind::kChips:
      return "chip-supply";
    case Kind::kSite:
      return "data-centre";
    case Kind::kFunding:
      return "funding";
  }
  return "deal";
}

struct Deal {
  Kind kind;
  std::string buyer;   // Who takes the capacity, chips or money; who builds.
  std::string seller;  // Who supplies, finances or invests.
  const Maker* maker;  // kChips; the chips at a site otherwise.
  std::string chip;
  std::string site;   // "Project Ironvale" or "the Ironvale campus".
  std::string place;  // "Calder Springs, Texas"
  int64_t power_mw;
  int64_t first_mw;
  int first_year;
  int first_half;  // 1 or 2
  int64_t gpus;
  int64_t usd_tenths;  // Tenths of a billion dollars.
  int years;
  int64_t valuation_bn;
  int64_t stake_tenths;  // Tenths of a percent.
  int64_t shares_m;      // Millions.
  int multiple;
  int64_t jobs;
  int day;  // Announced, days since 2025-01-01.
  // What the coverage around the deal mentions: the same in every outlet.
  int64_t move_tenths;  // The day's share move, in tenths of a percent.
  int revenue_growth;   // Percent.
  int training_share;   // Percent.
  int64_t acres;
  int64_t miles;
  int finish_year;
};

// Any of `items` but `other` (a company does not sign with itself).
template <size_t N>
std::string PickOther(Rng& rng, const char* const (&items)[N],
                      const std::string& other) {
  for (;;) {
    std::string s = rng.Pick(items);
    if (s != other) return s;
  }
}

std::vector<Deal> MakeDeals(uint64_t seed, int count) {
  Rng rng = RngFor(seed, 1, 0);
  std::vector<Deal> deals;
  deals.reserve(count);
  // Two deals between the same parties, or two sites of one name, would
  // make the judge see conflicts that no outlet wrote: each pair and site
  // appears once, as long as the lists allow.
  std::unordered_set<std::string> pairs;
  std::unordered_set<std::string> sites;
  for (int i = 0, tries = 0; i < count; ++i, ++tries) {
    Deal d{};
    int k = rng.Below(100);
    d.kind = k < 35   ? Kind::kCloud
             : k < 60 ? Kind::kChips
             : k < 85 ? Kind::kSite
                      : Kind::kFunding;
    d.maker = &kMakers[rng.Below(100) < 65 ? 0 : 1];
    switch (d.kind) {
      case Kind::kCloud:
        d.buyer = rng.Pick(kLabs);
        d.seller = PickOther(rng, kClouds, d.buyer);
        break;
      case Kind::kChips:
        d.maker = &kMakers[rng.Below(100) < 55   ? 0
                           : rng.Below(100) < 70 ? 1
                                                 : 2];
        d.buyer = rng.Pick(kChipBuyers);
        d.seller = d.maker->name;
        break;
      case Kind::kSite:
        d.buyer = rng.Pick(kSiteOwners);
        d.seller = PickOther(rng, kFinanciers, d.buyer);
        break;
      case Kind::kFunding:
        d.buyer = rng.Pick(kFunded);
        d.seller = PickOther(rng, kInvestors, d.buyer);
        break;
    }
    std::string name = rng.Pick(kSiteNames);
    if (tries < 100 * count) {
      std::string pair =
          std::string(KindSlug(d.kind)) + "/" + d.buyer + "/" + d.seller;
      if (!pairs.insert(pair).second) {
        --i;
        continue;
      }
      if (d.kind == Kind::kSite && !sites.insert(name).second) {
        pairs.erase(pair);
        --i;
        continue;
      }
    }
    d.chip = d.maker->chips[rng.Below(3)];
    d.site = rng.Percent(50) ? "Project " + name : "the " + name + " campus";
    d.place = std::string(rng.Pick(kTowns)) + ", " + rng.Pick(kStates);
    // Power: mostly whole or half gigawatts, some hundreds of megawatts.
    int p = rng.Below(100);
    d.power_mw = p < 45   ? rng.Range(1, 10) * 1000
                 : p < 70 ? rng.Range(2, 9) * 1000 + 500
                 : p < 85 ? rng.Range(11, 45) * 100
                          : rng.Range(3, 9) * 100;
    d.first_mw = std::max<int64_t>(100, d.power_mw / rng.Range(4, 8) / 50 * 50);
    d.first_year = rng.Range(2026, 2027);
    d.first_half = rng.Range(1, 2);
    // About 40,000 GPUs per 100 MW at the largest sites, rounded somewhere.
    // GPUs in the first tranche: 250 to 450 per megawatt.
    d.gpus = d.first_mw * rng.Range(250, 450);
    d.gpus = RoundNear(d.gpus, Step(d.gpus, rng.Range(2, 4)));
    d.years = rng.Range(3, 10);
    switch (d.kind) {
      case Kind::kCloud:
        d.usd_tenths = d.power_mw * rng.Range(40, 110) / 100;
        break;
      case Kind::kChips:
        d.usd_tenths = rng.Range(20, 1000);
        break;
      case Kind::kSite:
        d.usd_tenths = d.power_mw * rng.Range(10, 60) / 100;
        break;
      case Kind::kFunding:
        d.usd_tenths = rng.Range(5, 400);
        break;
    }
    d.usd_tenths = std::max<int64_t>(1, d.usd_tenths);
    if (rng.Percent(50)) d.usd_tenths = RoundNear(d.usd_tenths, 10);
    d.valuation_bn = rng.Range(20, 900);
    d.valuation_bn = RoundNear(d.valuation_bn, Step(d.valuation_bn, 2));
    d.stake_tenths =
        rng.Percent(60) ? rng.Range(1, 15) * 10 : rng.Range(5, 150);
    d.shares_m = rng.Range(2, 40) * 10;
    d.multiple = rng.Range(2, 12);
    d.jobs = rng.Range(3, 60) * 100;
    d.day = rng.Below(kDays - 60);
    d.move_tenths = rng.Range(5, 120);
    d.revenue_growth = rng.Range(10, 90);
    d.training_share = rng.Range(20, 80);
    d.acres = rng.Range(3, 200) * 10;
    d.miles = rng.Range(2, 90);
    d.finish_year = d.first_year + rng.Range(1, 3);
    deals.push_back(std::move(d));
  }
  return deals;
}

// ---------------------------------------------------------------------------
// Sentences.

// The values of a template's placeholders: {b} buyer, {s} seller, {x} the
// figure, {term}, {when}, {site}, {place}, {maker}, {chip}, {year}, {name},
// {firm}, {n}, {p}, {q}, {month}, {day}.
struct Vars {
  std::string b, s, x, term, when, site, place, maker, chip, year, name, firm,
      n, p, q, month, day;
};

// `tmpl` with its placeholders filled and its first letter capitalised (but
// not xAI's).
std::string Fill(std::string_view tmpl, const Vars& v) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') {
      out.push_back(tmpl[i]);
      continue;
    }
    size_t close = tmpl.find('}', i);
    std::string_view key = tmpl.substr(i + 1, close - i - 1);
    i = close;
    const std::string* value = key == "b"       ? &v.b
                               : key == "s"     ? &v.s
                               : key == "x"     ? &v.x
                               : key == "term"  ? &v.term
                               : key == "when"  ? &v.when
                               : key == "site"  ? &v.site
                               : key == "place" ? &v.place
                               : key == "maker" ? &v.maker
                               : key == "chip"  ? &v.chip
                               : key == "year"  ? &v.year
                               : key == "name"  ? &v.name
                               : key == "firm"  ? &v.firm
                               : key == "n"     ? &v.n
                               : key == "p"     ? &v.p
                               : key == "q"     ? &v.q
                               : key == "month" ? &v.month
                               : key == "day"   ? &v.day
                                                : nullptr;
    if (value == nullptr) {
      std::fprintf(stderr, "gen_corpus: bad template key '%.*s'\n",
                   static_cast<int>(key.size()), key.data());
      std::abort();
    }
    out += *value;
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z' &&
      out.compare(0, 3, "xAI") != 0) {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

enum class Figure {
  kPower,
  kFirst,
  kGpus,
  kDollars,
  kValuation,
  kStake,
  kShares,
  kMultiple,
  kJobs
};

std::vector<Figure> FiguresOf(const Deal& d) {
  switch (d.kind) {
    case Kind::kCloud:
      return {Figure::kPower, Figure::kDollars, Figure::kGpus, Figure::kFirst};
    case Kind::kChips:
      if (!d.maker->gpus) {
        return {Figure::kPower, Figure::kDollars, Figure::kFirst};
      }
      return {Figure::kPower, Figure::kGpus, Figure::kShares, Figure::kDollars,
              Figure::kFirst};
    case Kind::kSite:
      return {Figure::kPower, Figure::kDollars, Figure::kGpus, Figure::kFirst,
              Figure::kJobs};
    case Kind::kFunding:
      return {Figure::kDollars, Figure::kValuation, Figure::kStake,
              Figure::kMultiple, Figure::kPower};
  }
  return {};
}

std::string WhenText(const Deal& d, Rng& rng) {
  std::string y = std::to_string(d.first_year);
  int r = rng.Below(100);
  if (r < 40) {
    return std::string(d.first_half == 1 ? "in the first half of "
                                         : "in the second half of ") +
           y;
  }
  if (r < 60) return "by the end of " + y;
  if (r < 80) {
    return std::string(d.first_half == 1 ? "in the first quarter of "
                                         : "in the third quarter of ") +
           y;
  }
  return "in " + y;
}

// Fills `tmpl` and counts its figures: the one in {x}, and the term when
// the template writes it.
std::string Say(std::string_view tmpl, const Vars& v, int* figures) {
  *figures += 1;
  if (!v.term.empty() && tmpl.find("{term}") != std::string_view::npos) {
    *figures += 1;
  }
  return Fill(tmpl, v);
}

// One sentence stating `figure` of deal `d`, sometimes with the deal's term
// ("over five years", a figure of its own) or the date its first capacity
// is due (a time, not a figure). Adds the figures written to `*figures`.
std::string FigureSentence(const Deal& d, Figure figure, Rng& rng,
                           int* figures) {
  Vars v;
  v.b = d.buyer;
  v.s = d.seller;
  v.site = d.site;
  v.place = d.place;
  v.maker = d.maker->name;
  v.chip = d.chip;
  v.year = std::to_string(d.first_year);
  if (rng.Percent(35)) {
    v.term = rng.Percent(50) ? " over " + YearsText(d.years, rng)
                             : " over the next " + YearsText(d.years, rng);
  }
  v.when = WhenText(d, rng);
  switch (figure) {
    case Figure::kPower: {
      Said said = Vary(d.power_mw, rng, kRoundExact | kUpTo);
      v.x = said.qualifier + PowerText(said.value, rng);
      if (d.kind == Kind::kSite && said.qualifier.empty() && rng.Percent(30)) {
        v.x = PowerAdjective(said.value);
        return Say(rng.Percent(50)
                       ? "{b} plans to build the {x} campus at {place}."
                       : "Plans for the {x} site near {place} were filed by "
                         "{b}.",
                   v, figures);
      }
      static const char* const kCloud[] = {
          "{b} will take {x} of computing capacity from {s}{term}.",
          "{b} has secured {x} of data-centre capacity from {s}, the company "
          "said.",
          "The contract gives {b} access to {x} of capacity run by {s}.",
          "{s} agreed to provide {b} with {x} of capacity{term}.",
          "{s} said it would set aside {x} of its fleet for {b}.",
          "For {s}, the {b} contract covers {x} of power across several "
          "campuses.",
          "In total the arrangement spans {x} of capacity.",
          "The deal covers {x}, according to a person briefed on the terms.",
      };
      static const char* const kChips[] = {
          "{b} plans to deploy {x} of {maker} {chip} systems{term}.",
          "{maker} will supply {b} with chips drawing {x} in total.",
          "The {maker} agreement covers {x} of computing power for {b}.",
          "{b} committed to {x} of {maker} hardware, {maker} said.",
          "{maker} expects to ship enough accelerators to fill {x} for {b}.",
          "Under the plan, {b} would bring {x} of {maker} chips online{term}.",
      };
      static const char* const kSite[] = {
          "{site} is designed for {x} of power.",
          "{site} will draw {x} once fully built, {b} said.",
          "{s} is financing {x} of capacity at {site} for {b}.",
          "{b} expects {site} near {place} to reach {x}.",
          "The utility has agreed to connect {x} to {site}.",
      };
      static const char* const kFunding[] = {
          "{b} said the money would help it bring {x} of new capacity online "
          "by {year}.",
          "{b} plans to use part of the funds to secure {x} of computing "
          "power.",
      };
      switch (d.kind) {
        case Kind::kCloud:
          return Say(rng.Pick(kCloud), v, figures);
        case Kind::kChips:
          return Say(rng.Pick(kChips), v, figures);
        case Kind::kSite:
          return Say(rng.Pick(kSite), v, figures);
        case Kind::kFunding:
          return Say(rng.Pick(kFunding), v, figures);
      }
      break;
    }
    case Figure::kFirst: {
      Said said = Vary(d.first_mw, rng, kRoundExact);
      v.x = said.qualifier + PowerText(said.value, rng);
      static const char* const kTemplates[] = {
          "A first phase of {x} is due to come online {when}.",
          "{b} expects {x} of it to be running {when}.",
          "An initial phase of {x} is scheduled {when}.",
          "{s} will deliver {x} in a first phase {when}.",
          "A first tranche of {x} should be ready {when}, {s} said.",
      };
      // A financier delivers nothing: only the first three fit a site.
      int n = d.kind == Kind::kSite ? 3 : 5;
      return Say(kTemplates[rng.Below(n)], v, figures);
    }
    case Figure::kGpus: {
      Said said = Vary(d.gpus, rng, kUpTo);
      v.x = said.qualifier + CountText(said.value, rng);
      static const char* const kCloud[] = {
          "The capacity will house {x} {maker} {chip} GPUs.",
          "{s} will install {x} GPUs for {b}.",
          "{b} expects to run {x} {chip} GPUs on the new capacity.",
          "That is enough room for {x} {chip} chips, by {s}'s count.",
      };
      static const char* const kChips[] = {
          "{b} expects to run {x} {chip} GPUs under the agreement.",
          "The first phase alone means {x} {maker} GPUs.",
          "{maker} will ship {x} {chip} GPUs to {b} in the first phase.",
      };
      static const char* const kSite[] = {
          "At full build-out the first building will hold {x} GPUs.",
          "{site} is planned around {x} {maker} GPUs at first.",
          "{b} intends to install {x} {chip} GPUs at {site} in its first "
          "phase.",
      };
      return Say(d.kind == Kind::kCloud   ? rng.Pick(kCloud)
                 : d.kind == Kind::kChips ? rng.Pick(kChips)
                                          : rng.Pick(kSite),
                 v, figures);
    }
    case Figure::kDollars: {
      Said said = Vary(d.usd_tenths, rng, kRoundExact | kUpTo);
      v.x = said.qualifier + DollarText(said.value, rng);
      static const char* const kCloud[] = {
          "{b} committed {x} to {s}{term}.",
          "The contract is worth {x}, according to people familiar with the "
          "terms.",
          "{s} valued the agreement at {x}.",
          "{b} will pay {s} {x}{term}.",
          "The {s} contract is valued at {x} in filings.",
      };
      static const char* const kChips[] = {
          "{maker} will invest {x} in {b} as the systems are deployed.",
          "As part of the arrangement, {maker} agreed to put {x} into {b}.",
          "{maker} is also making an investment of {x} in {b}.",
      };
      static const char* const kSite[] = {
          "{b} will spend {x} on {site}.",
          "The first phase of {site} will cost {x}, {b} said.",
          "Total investment in the site is put at {x}.",
          "{s} arranged {x} of financing for {site}.",
      };
      static const char* const kFunding[] = {
          "{s} will invest {x} in {b}.",
          "{b} is raising {x} from {s} and other investors.",
          "The round brings in {x}, led by {s}.",
          "{s} agreed to put {x} into {b}.",
      };
      switch (d.kind) {
        case Kind::kCloud:
          return Say(rng.Pick(kCloud), v, figures);
        case Kind::kChips:
          return Say(rng.Pick(kChips), v, figures);
        case Kind::kSite:
          return Say(rng.Pick(kSite), v, figures);
        case Kind::kFunding:
          return Say(rng.Pick(kFunding), v, figures);
      }
      break;
    }
    case Figure::kValuation: {
      Said said = Vary(d.valuation_bn * 10, rng, kRoundExact);
      v.x = said.qualifier + DollarText(said.value, rng);
      static const char* const kTemplates[] = {
          "The round values {b} at {x}.",
          "{b} is now valued at {x}, people close to the company said.",
          "The investment was made at a valuation of {x}.",
          "{s} is buying in at a {x} valuation of {b}.",
      };
      return Say(rng.Pick(kTemplates), v, figures);
    }
    case Figure::kStake: {
      Said said = Vary(d.stake_tenths, rng, 0);
      static const char* const kPercent[] = {"%", " percent", " per cent"};
      v.x = said.qualifier + Decimal(said.value, 1) + rng.Pick(kPercent);
      static const char* const kTemplates[] = {
          "{s} will hold a {x} stake in {b} after the deal.",
          "The investment gives {s} {x} of {b}.",
          "{s}'s stake in {b} will rise to {x}.",
      };
      return Say(rng.Pick(kTemplates), v, figures);
    }
    case Figure::kShares: {
      Said said = Vary(d.shares_m, rng, kUpTo);
      v.x = said.qualifier + Grouped(said.value) + " million";
      static const char* const kTemplates[] = {
          "{maker} granted {b} a warrant for {x} {maker} shares.",
          "{b} can acquire {x} shares of {maker} as deployments proceed.",
          "The warrant covers {x} {maker} shares, vesting in stages.",
      };
      return Say(rng.Pick(kTemplates), v, figures);
    }
    case Figure::kMultiple: {
      bool verb = false;
      int m = d.multiple;
      if (rng.Percent(4)) m = m + rng.Range(2, 5);  // Wrong.
      v.x = MultipleText(m, rng, &verb);
      if (verb) {
        return Say("{b} said its annualised revenue had {x} in twelve months.",
                   v, figures);
      }
      static const char* const kTemplates[] = {
          "{b}'s revenue has grown {x} over the past year.",
          "Revenue at {b} rose {x} from a year earlier, investors were told.",
          "{b} told investors its sales had increased {x} in a year.",
      };
      return Say(rng.Pick(kTemplates), v, figures);
    }
    case Figure::kJobs: {
      Said said = Vary(d.jobs, rng, kUpTo);
      v.x = said.qualifier + Grouped(said.value);
      static const char* const kTemplates[] = {
          "The project will create {x} construction jobs.",
          "{x} workers will be on site at the peak of construction, {b} "
          "said.",
          "Officials in {place} expect {x} construction jobs.",
      };
      return Say(rng.Pick(kTemplates), v, figures);
    }
  }
  return "";
}

// One of `count` templates (at most 64). `*used`, when given, has a bit for
// each template an article has used already: those are skipped until all
// have been used, so that an article does not say the same thing twice.
int PickUnused(Rng& rng, size_t count, uint64_t* used) {
  int n = static_cast<int>(count);
  int i = rng.Below(n);
  if (used == nullptr) return i;
  uint64_t all = n == 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
  if ((*used & all) == all) *used &= ~all;
  while ((*used & (uint64_t{1} << i)) != 0) i = (i + 1) % n;
  *used |= uint64_t{1} << i;
  return i;
}

// Sentences without any figure.
// `*used` as for PickUnused.
std::string PlainFiller(const Deal& d, Rng& rng, uint64_t* used = nullptr) {
  static const char* const kTemplates[] = {
      "Neither company disclosed the pricing of individual chips.",
      "{b} declined to comment beyond its statement.",
      "A spokesperson for {s} said the terms were confidential.",
      "Analysts said the agreement shows how quickly demand for computing "
      "is outrunning supply.",
      "Local officials in {place} welcomed the project but asked about "
      "water use.",
      "Power for the site will come from a mix of gas turbines and grid "
      "supply.",
      "The agreement is subject to regulatory approval.",
      "Investors have grown wary of the sums being spent on data centres.",
      "{s} has been expanding quickly to keep up with demand from model "
      "developers.",
      "The companies did not say how the capacity would be split between "
      "training and inference.",
      "Critics argue that such deals tie suppliers and customers together "
      "in ways that are hard to unwind.",
      "\"We are building as fast as the supply chain allows,\" said {name}, "
      "who leads infrastructure at {b}.",
      "\"Demand keeps running ahead of what anyone planned for,\" said "
      "{name}, an analyst at {firm}.",
      "{name} of {firm} said the agreement looked expensive but strategic.",
      "The grid operator has yet to approve the full connection.",
      "Residents near {place} have raised concerns about noise and "
      "traffic.",
      "{b} has been signing supply agreements with several partners at "
      "once.",
      "Shares of {s} moved little on the news.",
      "The deal had been rumoured for weeks before the announcement.",
      "Both companies described the partnership as long-term.",
      "Financing for the build-out is expected to come partly from private "
      "credit funds.",
      "Construction crews have already begun clearing the land.",
      "It is one of the largest agreements of its kind so far.",
      "{b} said it would share more details with its next results.",
      "Some investors questioned whether the returns would justify the "
      "spending.",
      "The plans still depend on securing enough transformers and turbines.",
      "{s} said the agreement would not change its guidance for the year.",
      "Engineers will use liquid cooling throughout the new halls.",
      "The two sides have worked together on smaller projects before.",
      "State lawmakers are weighing new rules for large power users.",
      "{b} did not say which models would be trained on the new systems.",
      "People familiar with the talks said the terms changed several times.",
      "\"This is about securing capacity years ahead of need,\" {name} of "
      "{firm} said.",
      "The buildings will be finished in stages rather than all at once.",
      "{s} has told suppliers to prepare for larger orders.",
      "Credit analysts said the commitments add to {b}'s long-term "
      "obligations.",
      "The deal underlines how few suppliers can deliver at this scale.",
      "Environmental groups have asked for a review of the site's water "
      "plans.",
  };
  Vars v;
  v.b = d.buyer;
  v.s = d.seller;
  v.place = d.place;
  v.name = std::string(rng.Pick(kFirstNames)) + " " + rng.Pick(kLastNames);
  v.firm = rng.Pick(kFirms);
  int i = PickUnused(rng, sizeof(kTemplates) / sizeof(kTemplates[0]), used);
  return Fill(kTemplates[i], v);
}

// Sentences with other numbers: dates and years (not claims), percentages
// and counts (claims of their own).
// `*used` as for PickUnused, with a mask of its own.
std::string NumberFiller(const Deal& d, Rng& rng, int* figures,
                         uint64_t* used = nullptr) {
  // The first four hold dates and years only.
  static const char* const kTemplates[] = {
      "The terms were disclosed in a filing on {month} {day}.",
      "The companies first discussed the partnership in {year}.",
      "{b} announced the plan on {month} {day}, {year}.",
      "Construction at {site} is expected to finish in {year}.",
      "{s} shares rose {p}% in early trading.",
      "Shares of {b} closed {p}% lower on the day.",
      "{b} said quarterly revenue rose {q}% from a year earlier.",
      "The site covers {n} acres near {place}.",
      "About {q}% of the capacity is reserved for training runs.",
      "The project needs {n} miles of new transmission lines.",
  };
  constexpr int kDateOnly = 4;
  Vars v;
  v.b = d.buyer;
  v.s = d.seller;
  v.site = d.site;
  v.place = d.place;
  v.month = rng.Pick(kMonths);
  v.day = std::to_string(rng.Range(1, 28));
  int i = PickUnused(rng, sizeof(kTemplates) / sizeof(kTemplates[0]), used);
  v.year = std::to_string(i == 3 ? d.finish_year : rng.Range(2022, 2024));
  if (i == 2) {  // The day the deal was announced.
    Date announced = DateOf(d.day);
    v.month = kMonths[announced.month - 1];
    v.day = std::to_string(announced.day);
    v.year = std::to_string(announced.year);
  }
  v.p = Decimal(d.move_tenths, 1);
  v.q = std::to_string(i == 6 ? d.revenue_growth : d.training_share);
  v.n = Grouped(i == 7 ? d.acres : d.miles);
  if (i >= kDateOnly) ++*figures;
  return Fill(kTemplates[i], v);
}

std::string TransitionSentence(const Deal& d, Rng& rng) {
  static const char* const kTemplates[] = {
      "It is not the only agreement of its kind.",
      "Other companies have made similar moves.",
      "The news comes weeks after a separate agreement between {b} and {s}.",
      "{b} has been busy elsewhere too.",
      "Earlier, {s} reached a deal of its own with {b}.",
      "The announcement follows an earlier arrangement involving {s}.",
  };
  Vars v;
  v.b = d.buyer;
  v.s = d.seller;
  return Fill(rng.Pick(kTemplates), v);
}

std::string Title(const Deal& d, Rng& rng) {
  Vars v;
  v.b = d.buyer;
  v.s = d.seller;
  v.maker = d.maker->name;
  v.site = d.site;
  v.place = d.place;
  v.x = PowerText(d.power_mw, rng);
  v.n = DollarText(d.usd_tenths, rng);
  static const char* const kCloud[] = {
      "{b} signs {n} compute deal with {s}",
      "{s} to supply {x} of capacity to {b}",
      "{b} and {s} agree multiyear cloud contract",
      "{s} wins {b} contract as demand for capacity climbs",
  };
  static const char* const kChips[] = {
      "{b} to deploy {x} of {maker} chips",
      "{maker} and {b} strike long-term chip supply pact",
      "{b} bets on {maker} with {x} hardware commitment",
  };
  static const char* const kSite[] = {
      "{b} plans {x} data centre near {place}",
      "{b} picks {place} for its next AI campus",
      "{s} to help fund {b} site worth {n}",
  };
  static const char* const kFunding[] = {
      "{s} invests {n} in {b}",
      "{b} raises {n} as {s} leads round",
      "{b} lands fresh funding from {s}",
  };
  switch (d.kind) {
    case Kind::kCloud:
      return Fill(rng.Pick(kCloud), v);
    case Kind::kChips:
      return Fill(rng.Pick(kChips), v);
    case Kind::kSite:
      return Fill(rng.Pick(kSite), v);
    case Kind::kFunding:
      return Fill(rng.Pick(kFunding), v);
  }
  return "";
}

// ---------------------------------------------------------------------------
// Articles.

std::string Slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      alnum = true;
    }
    if (alnum) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string HostOf(std::string_view outlet) {
  std::string host;
  for (char c : Slug(outlet)) {
    if (c != '-') host.push_back(c);
  }
  return host + ".example";
}

struct Article {
  std::string title;
  std::string outlet;
  std::string slug;
  int day = 0;
  int minute = 0;
  std::vector<std::string> paragraphs;
  int figures = 0;  // Figures stated: a rough guide to the claims expected.

  size_t BodySize() const {
    size_t n = 0;
    for (const std::string& p : paragraphs) n += p.size() + 2;
    return n;
  }
};

// Sentences stating `count` figures of deal `d`.
std::vector<std::string> DealSentences(const Deal& d, int count, Rng& rng,
                                       int* figures) {
  std::vector<Figure> all = FiguresOf(d);
  // The first two figures are the deal's headline; the rest come in a
  // shuffled order.
  for (size_t i = all.size() - 1; i > 2; --i) {
    size_t j = 2 + static_cast<size_t>(rng.Below(static_cast<int>(i - 1)));
    std::swap(all[i], all[j]);
  }
  if (rng.Percent(30)) std::swap(all[0], all[1]);
  std::vector<std::string> out;
  for (int i = 0; i < count && i < static_cast<int>(all.size()); ++i) {
    out.push_back(FigureSentence(d, all[i], rng, figures));
  }
  return out;
}

std::string Join(const std::vector<std::string>& sentences, size_t from,
                 size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < sentences.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += sentences[i];
  }
  return out;
}

// Article `index`: 1-3 deals, the first one the story, the rest context.
// Lengths run from about 1.5 to 4 KB.
Article MakeArticle(const std::vector<Deal>& deals, uint64_t seed,
                    uint64_t index, int attempt, bool short_form) {
  Rng rng = RngFor(seed, 2 + static_cast<uint64_t>(attempt), index);
  Article a;
  const Deal& story = rng.Pick(deals);
  a.outlet = kOutlets[rng.Below(kOutletCount)];
  a.title = Title(story, rng);
  a.slug = Slug(story.buyer + " " + story.seller + " " + KindSlug(story.kind));
  a.day = std::min(kDays - 1, story.day + rng.Below(60));
  a.minute = rng.Range(6 * 60, 21 * 60);

  // Longer stories restate more deals and carry more commentary.
  size_t target = static_cast<size_t>(rng.Range(1300, 3600));
  uint64_t used = 0;
  uint64_t used_numbers = 0;
  int r = rng.Below(100);
  int extra = short_form      ? r % 2
              : target < 2000 ? (r < 40 ? 0 : 1)
              : target < 2900 ? (r < 50 ? 1 : 2)
                              : 2;
  std::vector<std::string> lead = DealSentences(
      story, short_form ? rng.Range(2, 3) : rng.Range(3, 5), rng, &a.figures);
  size_t cut = std::min<size_t>(2, lead.size());
  a.paragraphs.push_back(Join(lead, 0, cut));
  if (!short_form) {
    a.paragraphs.push_back(PlainFiller(story, rng, &used) + " " +
                           PlainFiller(story, rng, &used));
  }
  if (lead.size() > cut) {
    std::string p = Join(lead, cut, lead.size());
    if (rng.Percent(35))
      p += " " + NumberFiller(story, rng, &a.figures, &used_numbers);
    a.paragraphs.push_back(p);
  }
  for (int e = 0; e < extra; ++e) {
    const Deal& other = rng.Pick(deals);
    int count = short_form ? 1 : target < 2900 ? 2 : rng.Range(2, 3);
    std::vector<std::string> s = DealSentences(other, count, rng, &a.figures);
    std::string p = TransitionSentence(other, rng) + " " + Join(s, 0, s.size());
    a.paragraphs.push_back(p);
    if (!short_form && rng.Percent(50)) {
      a.paragraphs.push_back(PlainFiller(other, rng, &used));
    }
  }
  if (short_form) return a;
  a.paragraphs.push_back(NumberFiller(story, rng, &a.figures, &used_numbers));
  // Pad to the length with commentary, as real stories are.
  while (a.BodySize() < target) {
    std::string p = PlainFiller(story, rng, &used);
    if (rng.Percent(15))
      p += " " + NumberFiller(story, rng, &a.figures, &used_numbers);
    if (rng.Percent(40)) p += " " + PlainFiller(story, rng, &used);
    a.paragraphs.push_back(p);
  }
  a.paragraphs.push_back(PlainFiller(story, rng, &used));
  return a;
}

std::string Url(const Article& a, uint64_t index) {
  return "https://" + HostOf(a.outlet) + "/" + a.slug + "-" +
         std::to_string(index);
}

std::string TextFile(const Article& a, uint64_t index) {
  std::string out = a.title + "\nSource: " + a.outlet +
                    "\nPublished: " + IsoTime(a.day, a.minute) +
                    "\nURL: " + Url(a, index) + "\n\n";
  for (size_t i = 0; i < a.paragraphs.size(); ++i) {
    if (i > 0) out += "\n\n";
    out += a.paragraphs[i];
  }
  out += "\n";
  return out;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Generates articles 0..count-1, calling `emit(index, article)`. A body
// that repeats an earlier one (the store would keep one of the two) is
// generated again from the next stream, so that every article counts.
template <typename Emit>
void ForEachArticle(const std::vector<Deal>& deals, uint64_t seed,
                    uint64_t count, bool short_form, Emit emit,
                    int64_t* figures) {
  std::unordered_set<uint64_t> seen;  // Only looked up, never iterated.
  seen.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    for (int attempt = 0;; ++attempt) {
      Article a = MakeArticle(deals, seed, i, attempt, short_form);
      std::string body = Join(a.paragraphs, 0, a.paragraphs.size());
      if (!seen.insert(Fnv1a(body)).second) continue;
      *figures += a.figures;
      emit(i, a);
      break;
    }
  }
}

bool WriteFile(const std::filesystem::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "gen_corpus: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

constexpr int kDealCount = 320;
constexpr uint64_t kPerFolder = 1000;

int WriteArticles(uint64_t seed, uint64_t count, const std::string& dir) {
  std::vector<Deal> deals = MakeDeals(seed, kDealCount);
  size_t width = 3;
  for (uint64_t folders = (count + kPerFolder - 1) / kPerFolder; folders > 1000;
       folders /= 10) {
    ++width;
  }
  bool ok = true;
  uint64_t bytes = 0;
  int64_t figures = 0;
  std::string folder_made;
  ForEachArticle(
      deals, seed, count, false,
      [&](uint64_t i, const Article& a) {
        if (!ok) return;
        std::string sub = Padded(i / kPerFolder, width);
        std::filesystem::path folder = std::filesystem::path(dir) / sub;
        if (folder_made != sub) {
          std::error_code ec;
          std::filesystem::create_directories(folder, ec);
          if (ec) {
            std::fprintf(stderr, "gen_corpus: %s: %s\n", folder.c_str(),
                         ec.message().c_str());
            ok = false;
            return;
          }
          folder_made = sub;
        }
        std::string text = TextFile(a, i);
        bytes += text.size();
        ok = WriteFile(folder / (a.slug + "-" + std::to_string(i) + ".txt"),
                       text);
      },
      &figures);
  if (!ok) return 1;
  std::fprintf(stderr,
               "gen_corpus: %llu articles, %.1f MB, %.1f figures/article in "
               "%s\n",
               static_cast<unsigned long long>(count), bytes / 1e6,
               count ? static_cast<double>(figures) / count : 0.0, dir.c_str());
  return 0;
}

int WriteFeed(uint64_t seed, uint64_t count, const std::string& file) {
  std::vector<Deal> deals = MakeDeals(seed, kDealCount);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<rss version=\"2.0\">\n<channel>\n"
      "<title>Gridwatch Digest</title>\n"
      "<link>https://gridwatchdigest.example/</link>\n"
      "<description>Made-up coverage of AI infrastructure deals, generated "
      "for claimtrack's scale benchmark.</description>\n"
      "<language>en</language>\n";
  int64_t figures = 0;
  ForEachArticle(
      deals, seed, count, true,
      [&](uint64_t i, const Article& a) {
        std::string url = Url(a, i);
        std::string html;
        for (const std::string& p : a.paragraphs) html += "<p>" + p + "</p>";
        out += "<item>\n<title>" + XmlEscape(a.title) + "</title>\n<link>" +
               url + "</link>\n<guid isPermaLink=\"true\">" + url +
               "</guid>\n<pubDate>" + RfcTime(a.day, a.minute) +
               "</pubDate>\n<description>" + XmlEscape(html) +
               "</description>\n</item>\n";
      },
      &figures);
  out += "</channel>\n</rss>\n";
  if (!WriteFile(file, out)) return 1;
  std::fprintf(stderr,
               "gen_corpus: feed of %llu items, %.1f MB, %.1f figures/item in "
               "%s\n",
               static_cast<unsigned long long>(count), out.size() / 1e6,
               count ? static_cast<double>(figures) / count : 0.0,
               file.c_str());
  return 0;
}

int WriteHeadlines(uint64_t seed, uint64_t count, const std::string& file) {
  std::vector<Deal> deals = MakeDeals(seed, kDealCount);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<rss version=\"2.0\">\n<channel>\n"
      "<title>Gridwatch Wire</title>\n"
      "<link>https://gridwatchwire.example/</link>\n";
  int64_t figures = 0;
  ForEachArticle(
      deals, seed, count, true,
      [&](uint64_t i, const Article& a) {
        // The item number keeps each text its own, so none is a copy.
        out += "<item><link>https://gw.example/" + std::to_string(i) +
               "</link><description>" + XmlEscape(a.title) + " (wire " +
               std::to_string(i) + ")</description></item>\n";
      },
      &figures);
  out += "</channel>\n</rss>\n";
  if (!WriteFile(file, out)) return 1;
  std::fprintf(stderr, "gen_corpus: feed of %llu headlines, %.1f MB in %s\n",
               static_cast<unsigned long long>(count), out.size() / 1e6,
               file.c_str());
  return 0;
}

int WriteLine(uint64_t seed, uint64_t bytes, const std::string& file) {
  std::vector<Deal> deals = MakeDeals(seed, kDealCount);
  Rng rng = RngFor(seed, 100, 0);
  std::string out =
      "A year of AI infrastructure agreements, figure by figure\n\n";
  int64_t figures = 0;
  std::string sentence;
  // Whole sentences until the next one would pass the size asked for.
  for (;;) {
    const Deal& d = rng.Pick(deals);
    int r = rng.Below(100);
    if (r < 70) {
      std::vector<Figure> all = FiguresOf(d);
      int dummy = 0;
      sentence = FigureSentence(d, rng.Pick(all), rng, &dummy);
      figures += dummy;
    } else if (r < 85) {
      int dummy = 0;
      sentence = NumberFiller(d, rng, &dummy);
      figures += dummy;
    } else {
      sentence = PlainFiller(d, rng);
    }
    if (out.size() + sentence.size() + 2 > bytes) break;
    if (out.back() != '\n') out.push_back(' ');
    out += sentence;
  }
  out.push_back('\n');
  if (!WriteFile(file, out)) return 1;
  std::fprintf(stderr,
               "gen_corpus: one line of %.1f MB, about %lld figures, in %s\n",
               out.size() / 1e6, static_cast<long long>(figures), file.c_str());
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: gen_corpus --articles N --out DIR [--seed S]\n"
               "       gen_corpus --feed N --out FILE [--seed S]\n"
               "       gen_corpus --headlines N --out FILE [--seed S]\n"
               "       gen_corpus --line BYTES --out FILE [--seed S]\n");
  return 2;
}

bool ParseCount(const char* s, uint64_t* out) {
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || s[0] == '-') return false;
  *out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  enum class Mode {
    kNone,
    kArticles,
    kFeed,
    kHeadlines,
    kLine
  } mode = Mode::kNone;
  uint64_t count = 0;
  uint64_t seed = 1;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "gen_corpus: %s wants a value\n", argv[i]);
      return Usage();
    }
    const char* value = argv[++i];
    Mode m = arg == "--articles"    ? Mode::kArticles
             : arg == "--feed"      ? Mode::kFeed
             : arg == "--headlines" ? Mode::kHeadlines
             : arg == "--line"      ? Mode::kLine
                                    : Mode::kNone;
    if (m != Mode::kNone) {
      if (mode != Mode::kNone) {
        std::fprintf(stderr,
                     "gen_corpus: give one of --articles, --feed, "
                     "--headlines, --line\n");
        return Usage();
      }
      mode = m;
      if (!ParseCount(value, &count)) {
        std::fprintf(stderr, "gen_corpus: %s wants a number, not '%s'\n",
                     argv[i - 1], value);
        return 2;
      }
    } else if (arg == "--out") {
      out = value;
    } else if (arg == "--seed") {
      if (!ParseCount(value, &seed)) {
        std::fprintf(stderr, "gen_corpus: --seed wants a number, not '%s'\n",
                     value);
        return 2;
      }
    } else {
      std::fprintf(stderr, "gen_corpus: unknown option %s\n", argv[i - 1]);
      return Usage();
    }
  }
  if (mode == Mode::kNone || out.empty()) return Usage();
  switch (mode) {
    case Mode::kArticles:
      return WriteArticles(seed, count, out);
    case Mode::kFeed:
      return WriteFeed(seed, count, out);
    case Mode::kHeadlines:
      return WriteHeadlines(seed, count, out);
    case Mode::kLine:
      return WriteLine(seed, count, out);
    case Mode::kNone:
      break;
  }
  return Usage();
}
