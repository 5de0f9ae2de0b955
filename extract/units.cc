#include "extract/units.h"

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>

#include "extract/lexer.h"

namespace ct::extract {
namespace {

struct Row {
  const char* phrase;  // Words as written; lexed into tokens.
  const char* written;
  const char* base;
  double factor;
  UnitKind kind;
  bool exact_case;
  bool attached;
};

constexpr bool E = true;   // Exact case.
constexpr bool A = true;   // Attached only.
constexpr bool _ = false;  // NOLINT: keeps the table readable.

// Suffix units. Plural and singular spellings are separate rows because a
// phrase is matched token by token.
const Row kSuffixRows[] = {
    // Power.
    {"W", "W", "W", 1, UnitKind::kPower, E, _},
    {"kW", "kW", "W", 1e3, UnitKind::kPower, E, _},
    {"KW", "kW", "W", 1e3, UnitKind::kPower, E, _},
    {"MW", "MW", "W", 1e6, UnitKind::kPower, E, _},
    {"GW", "GW", "W", 1e9, UnitKind::kPower, E, _},
    {"TW", "TW", "W", 1e12, UnitKind::kPower, E, _},
    {"watt", "W", "W", 1, UnitKind::kPower, _, _},
    {"watts", "W", "W", 1, UnitKind::kPower, _, _},
    {"kilowatt", "kW", "W", 1e3, UnitKind::kPower, _, _},
    {"kilowatts", "kW", "W", 1e3, UnitKind::kPower, _, _},
    {"megawatt", "MW", "W", 1e6, UnitKind::kPower, _, _},
    {"megawatts", "MW", "W", 1e6, UnitKind::kPower, _, _},
    {"gigawatt", "GW", "W", 1e9, UnitKind::kPower, _, _},
    {"gigawatts", "GW", "W", 1e9, UnitKind::kPower, _, _},
    {"terawatt", "TW", "W", 1e12, UnitKind::kPower, _, _},
    {"terawatts", "TW", "W", 1e12, UnitKind::kPower, _, _},
    // Energy.
    {"Wh", "Wh", "Wh", 1, UnitKind::kEnergy, E, _},
    {"kWh", "kWh", "Wh", 1e3, UnitKind::kEnergy, E, _},
    {"MWh", "MWh", "Wh", 1e6, UnitKind::kEnergy, E, _},
    {"GWh", "GWh", "Wh", 1e9, UnitKind::kEnergy, E, _},
    {"TWh", "TWh", "Wh", 1e12, UnitKind::kEnergy, E, _},
    {"watt-hours", "Wh", "Wh", 1, UnitKind::kEnergy, _, _},
    {"watt hours", "Wh", "Wh", 1, UnitKind::kEnergy, _, _},
    {"kilowatt-hours", "kWh", "Wh", 1e3, UnitKind::kEnergy, _, _},
    {"kilowatt hours", "kWh", "Wh", 1e3, UnitKind::kEnergy, _, _},
    {"kilowatt-hour", "kWh", "Wh", 1e3, UnitKind::kEnergy, _, _},
    {"megawatt-hours", "MWh", "Wh", 1e6, UnitKind::kEnergy, _, _},
    {"megawatt hours", "MWh", "Wh", 1e6, UnitKind::kEnergy, _, _},
    {"gigawatt-hours", "GWh", "Wh", 1e9, UnitKind::kEnergy, _, _},
    {"gigawatt hours", "GWh", "Wh", 1e9, UnitKind::kEnergy, _, _},
    {"terawatt-hours", "TWh", "Wh", 1e12, UnitKind::kEnergy, _, _},
    {"terawatt hours", "TWh", "Wh", 1e12, UnitKind::kEnergy, _, _},
    // Shares of a whole.
    {"%", "%", "percent", 1, UnitKind::kPercent, _, _},
    {"percent", "%", "percent", 1, UnitKind::kPercent, _, _},
    {"per cent", "%", "percent", 1, UnitKind::kPercent, _, _},
    {"pct", "%", "percent", 1, UnitKind::kPercent, _, _},
    {"percentage points", "percentage points", "percentage_point", 1,
     UnitKind::kPercentagePoint, _, _},
    {"percentage point", "percentage points", "percentage_point", 1,
     UnitKind::kPercentagePoint, _, _},
    {"basis points", "basis points", "basis_point", 1,
     UnitKind::kPercentagePoint, _, _},
    {"bps", "basis points", "basis_point", 1, UnitKind::kPercentagePoint, _, _},
    // Multiples. "times" needs context and is handled by the parser.
    {"x", "x", "ratio", 1, UnitKind::kRatio, _, A},
    {"×", "x", "ratio", 1, UnitKind::kRatio, _, _},
    {"-fold", "x", "ratio", 1, UnitKind::kRatio, _, A},
    {"fold", "x", "ratio", 1, UnitKind::kRatio, _, _},
    // Rates of time.
    {"hours a week", "h/week", "h/week", 1, UnitKind::kRate, _, _},
    {"hours per week", "h/week", "h/week", 1, UnitKind::kRate, _, _},
    {"hours each week", "h/week", "h/week", 1, UnitKind::kRate, _, _},
    {"hours every week", "h/week", "h/week", 1, UnitKind::kRate, _, _},
    {"hours/week", "h/week", "h/week", 1, UnitKind::kRate, _, _},
    {"hrs/week", "h/week", "h/week", 1, UnitKind::kRate, _, _},
    {"-hour-a-week", "h/week", "h/week", 1, UnitKind::kRate, _, A},
    {"-hour-per-week", "h/week", "h/week", 1, UnitKind::kRate, _, A},
    // Durations, in their calendar unit.
    {"hours", "hour", "hour", 1, UnitKind::kDuration, _, _},
    {"hour", "hour", "hour", 1, UnitKind::kDuration, _, _},
    {"hrs", "hour", "hour", 1, UnitKind::kDuration, _, _},
    {"days", "day", "day", 1, UnitKind::kDuration, _, _},
    {"day", "day", "day", 1, UnitKind::kDuration, _, _},
    {"weeks", "week", "week", 1, UnitKind::kDuration, _, _},
    {"week", "week", "week", 1, UnitKind::kDuration, _, _},
    {"months", "month", "month", 1, UnitKind::kDuration, _, _},
    {"month", "month", "month", 1, UnitKind::kDuration, _, _},
    {"years", "year", "year", 1, UnitKind::kDuration, _, _},
    {"year", "year", "year", 1, UnitKind::kDuration, _, _},
    {"yrs", "year", "year", 1, UnitKind::kDuration, _, _},
    {"decades", "decade", "decade", 1, UnitKind::kDuration, _, _},
    {"decade", "decade", "decade", 1, UnitKind::kDuration, _, _},
    {"minutes", "minute", "minute", 1, UnitKind::kDuration, _, _},
    {"minute", "minute", "minute", 1, UnitKind::kDuration, _, _},
    {"seconds", "second", "second", 1, UnitKind::kDuration, _, _},
    // Data.
    {"KB", "KB", "B", 1e3, UnitKind::kBytes, E, _},
    {"GB", "GB", "B", 1e9, UnitKind::kBytes, E, _},
    {"TB", "TB", "B", 1e12, UnitKind::kBytes, E, _},
    {"PB", "PB", "B", 1e15, UnitKind::kBytes, E, _},
    {"EB", "EB", "B", 1e18, UnitKind::kBytes, E, _},
    {"bytes", "B", "B", 1, UnitKind::kBytes, _, _},
    {"kilobytes", "KB", "B", 1e3, UnitKind::kBytes, _, _},
    {"megabytes", "MB", "B", 1e6, UnitKind::kBytes, _, _},
    {"gigabytes", "GB", "B", 1e9, UnitKind::kBytes, _, _},
    {"terabytes", "TB", "B", 1e12, UnitKind::kBytes, _, _},
    {"petabytes", "PB", "B", 1e15, UnitKind::kBytes, _, _},
    {"exabytes", "EB", "B", 1e18, UnitKind::kBytes, _, _},
    // Compute.
    {"FLOP/s", "FLOP/s", "FLOP/s", 1, UnitKind::kFlops, E, _},
    {"FLOPS", "FLOP/s", "FLOP/s", 1, UnitKind::kFlops, E, _},
    {"flops", "FLOP/s", "FLOP/s", 1, UnitKind::kFlops, E, _},
    {"TFLOPS", "TFLOP/s", "FLOP/s", 1e12, UnitKind::kFlops, E, _},
    {"PFLOPS", "PFLOP/s", "FLOP/s", 1e15, UnitKind::kFlops, E, _},
    {"EFLOPS", "EFLOP/s", "FLOP/s", 1e18, UnitKind::kFlops, E, _},
    {"teraflops", "TFLOP/s", "FLOP/s", 1e12, UnitKind::kFlops, _, _},
    {"petaflops", "PFLOP/s", "FLOP/s", 1e15, UnitKind::kFlops, _, _},
    {"exaflops", "EFLOP/s", "FLOP/s", 1e18, UnitKind::kFlops, _, _},
    {"zettaflops", "ZFLOP/s", "FLOP/s", 1e21, UnitKind::kFlops, _, _},
    // Land.
    {"acres", "acre", "acre", 1, UnitKind::kArea, _, _},
    {"acre", "acre", "acre", 1, UnitKind::kArea, _, _},
    {"hectares", "ha", "ha", 1, UnitKind::kArea, _, _},
    {"square feet", "sq ft", "sq ft", 1, UnitKind::kArea, _, _},
    {"sq ft", "sq ft", "sq ft", 1, UnitKind::kArea, _, _},
    {"square-foot", "sq ft", "sq ft", 1, UnitKind::kArea, _, _},
    {"square miles", "sq mi", "sq mi", 1, UnitKind::kArea, _, _},
    // Currency words after the number.
    {"dollars", "dollars", "USD", 1, UnitKind::kCurrency, _, _},
    {"US dollars", "dollars", "USD", 1, UnitKind::kCurrency, _, _},
    {"U.S. dollars", "dollars", "USD", 1, UnitKind::kCurrency, _, _},
    {"euros", "euros", "EUR", 1, UnitKind::kCurrency, _, _},
    {"euro", "euros", "EUR", 1, UnitKind::kCurrency, _, _},
    {"pounds sterling", "pounds", "GBP", 1, UnitKind::kCurrency, _, _},
    {"yuan", "yuan", "CNY", 1, UnitKind::kCurrency, _, _},
    {"renminbi", "yuan", "CNY", 1, UnitKind::kCurrency, _, _},
    {"yen", "yen", "JPY", 1, UnitKind::kCurrency, _, _},
    {"rupees", "rupees", "INR", 1, UnitKind::kCurrency, _, _},
    {"USD", "USD", "USD", 1, UnitKind::kCurrency, E, _},
    {"EUR", "EUR", "EUR", 1, UnitKind::kCurrency, E, _},
    {"GBP", "GBP", "GBP", 1, UnitKind::kCurrency, E, _},
    {"CNY", "CNY", "CNY", 1, UnitKind::kCurrency, E, _},
    {"RMB", "RMB", "CNY", 1, UnitKind::kCurrency, E, _},
    {"JPY", "JPY", "JPY", 1, UnitKind::kCurrency, E, _},
    // Everyday physical units that news states.
    {"miles", "mile", "mile", 1, UnitKind::kOther, _, _},
    {"mile", "mile", "mile", 1, UnitKind::kOther, _, _},
    {"km", "km", "km", 1, UnitKind::kOther, _, _},
    {"kilometres", "km", "km", 1, UnitKind::kOther, _, _},
    {"kilometers", "km", "km", 1, UnitKind::kOther, _, _},
    {"metres", "m", "m", 1, UnitKind::kOther, _, _},
    {"meters", "m", "m", 1, UnitKind::kOther, _, _},
    {"feet", "ft", "ft", 1, UnitKind::kOther, _, _},
    {"foot", "ft", "ft", 1, UnitKind::kOther, _, _},
    {"ft", "ft", "ft", 1, UnitKind::kOther, _, _},
    {"inches", "in", "in", 1, UnitKind::kOther, _, _},
    {"yards", "yard", "yard", 1, UnitKind::kOther, _, _},
    {"yard", "yard", "yard", 1, UnitKind::kOther, _, _},
    {"mph", "mph", "mph", 1, UnitKind::kOther, _, _},
    {"kg", "kg", "kg", 1, UnitKind::kOther, _, _},
    {"kilograms", "kg", "kg", 1, UnitKind::kOther, _, _},
    {"tonnes", "t", "t", 1, UnitKind::kOther, _, _},
    {"tons", "ton", "ton", 1, UnitKind::kOther, _, _},
    {"pounds", "lb", "lb", 1, UnitKind::kOther, _, _},
    {"lbs", "lb", "lb", 1, UnitKind::kOther, _, _},
    {"gallons", "gallon", "gallon", 1, UnitKind::kOther, _, _},
    {"litres", "l", "l", 1, UnitKind::kOther, _, _},
    {"liters", "l", "l", 1, UnitKind::kOther, _, _},
    {"barrels", "barrel", "barrel", 1, UnitKind::kOther, _, _},
    {"degrees", "degree", "degree", 1, UnitKind::kOther, _, _},
    {"°C", "°C", "°C", 1, UnitKind::kOther, E, _},
    {"°F", "°F", "°F", 1, UnitKind::kOther, E, _},
};

// Currency signs and codes before the number.
const Row kPrefixRows[] = {
    {"$", "$", "USD", 1, UnitKind::kCurrency, _, _},
    {"US$", "US$", "USD", 1, UnitKind::kCurrency, E, _},
    {"U.S.$", "US$", "USD", 1, UnitKind::kCurrency, E, _},
    {"USD", "USD", "USD", 1, UnitKind::kCurrency, E, _},
    {"€", "€", "EUR", 1, UnitKind::kCurrency, _, _},
    {"EUR", "EUR", "EUR", 1, UnitKind::kCurrency, E, _},
    {"£", "£", "GBP", 1, UnitKind::kCurrency, _, _},
    {"GBP", "GBP", "GBP", 1, UnitKind::kCurrency, E, _},
    {"¥", "¥", "JPY", 1, UnitKind::kCurrency, _, _},
    {"JPY", "JPY", "JPY", 1, UnitKind::kCurrency, E, _},
    {"CNY", "CNY", "CNY", 1, UnitKind::kCurrency, E, _},
    {"RMB", "RMB", "CNY", 1, UnitKind::kCurrency, E, _},
    {"₹", "₹", "INR", 1, UnitKind::kCurrency, _, _},
    {"INR", "INR", "INR", 1, UnitKind::kCurrency, E, _},
    {"Rs", "Rs", "INR", 1, UnitKind::kCurrency, E, _},
    {"Rs.", "Rs", "INR", 1, UnitKind::kCurrency, E, _},
    {"A$", "A$", "AUD", 1, UnitKind::kCurrency, E, _},
    {"AU$", "A$", "AUD", 1, UnitKind::kCurrency, E, _},
    {"AUD", "AUD", "AUD", 1, UnitKind::kCurrency, E, _},
    {"C$", "C$", "CAD", 1, UnitKind::kCurrency, E, _},
    {"CA$", "C$", "CAD", 1, UnitKind::kCurrency, E, _},
    {"CAD", "CAD", "CAD", 1, UnitKind::kCurrency, E, _},
    {"HK$", "HK$", "HKD", 1, UnitKind::kCurrency, E, _},
    {"S$", "S$", "SGD", 1, UnitKind::kCurrency, E, _},
    {"NZ$", "NZ$", "NZD", 1, UnitKind::kCurrency, E, _},
    {"R$", "R$", "BRL", 1, UnitKind::kCurrency, E, _},
    {"CHF", "CHF", "CHF", 1, UnitKind::kCurrency, E, _},
    {"₩", "₩", "KRW", 1, UnitKind::kCurrency, _, _},
    {"KRW", "KRW", "KRW", 1, UnitKind::kCurrency, E, _},
    {"SAR", "SAR", "SAR", 1, UnitKind::kCurrency, E, _},
    {"AED", "AED", "AED", 1, UnitKind::kCurrency, E, _},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

class Table {
 public:
  template <size_t N>
  explicit Table(const Row (&rows)[N], bool prefix) {
    defs_.reserve(N);
    for (const Row& row : rows) {
      auto def = std::make_unique<UnitDef>();
      std::string_view phrase = row.phrase;
      for (const Token& t : Lex(phrase)) {
        std::string_view word = phrase.substr(t.begin, t.end - t.begin);
        def->words.push_back(row.exact_case ? std::string(word) : Lower(word));
      }
      def->written = row.written;
      def->base = row.base;
      def->factor = row.factor;
      def->kind = row.kind;
      def->exact_case = row.exact_case;
      def->attached = row.attached;
      def->prefix = prefix;
      auto& bucket = (row.exact_case ? exact_ : lower_)[def->words.front()];
      bucket.push_back(def.get());
      defs_.push_back(std::move(def));
    }
    auto longest_first = [](const UnitDef* a, const UnitDef* b) {
      return a->words.size() > b->words.size();
    };
    for (auto* map : {&exact_, &lower_}) {
      for (auto& [word, bucket] : *map) {
        std::stable_sort(bucket.begin(), bucket.end(), longest_first);
      }
    }
    for (const auto& def : defs_) {
      if (def->kind == UnitKind::kCurrency && def->exact_case &&
          def->words.size() == 1) {
        codes_.emplace(def->words.front(), def.get());
      }
    }
  }

  // Exact-case rows win over case-folded ones: "MB" is megabytes, never a
  // case-folded spelling of something else.
  const std::vector<const UnitDef*>* Find(std::string_view lower,
                                          std::string_view exact) const {
    auto it = exact_.find(std::string(exact));
    if (it != exact_.end()) return &it->second;
    it = lower_.find(std::string(lower));
    if (it != lower_.end()) return &it->second;
    return nullptr;
  }

  const UnitDef* Code(std::string_view code) const {
    auto it = codes_.find(std::string(code));
    return it == codes_.end() ? nullptr : it->second;
  }

 private:
  std::vector<std::unique_ptr<UnitDef>> defs_;
  std::unordered_map<std::string, std::vector<const UnitDef*>> exact_;
  std::unordered_map<std::string, std::vector<const UnitDef*>> lower_;
  std::unordered_map<std::string, const UnitDef*> codes_;
};

const Table& Suffixes() {
  static const Table* table = new Table(kSuffixRows, false);
  return *table;
}

const Table& Prefixes() {
  static const Table* table = new Table(kPrefixRows, true);
  return *table;
}

}  // namespace

const std::vector<const UnitDef*>* UnitsStartingWith(std::string_view lower,
                                                     std::string_view exact) {
  return Suffixes().Find(lower, exact);
}

const std::vector<const UnitDef*>* PrefixUnitsStartingWith(
    std::string_view lower, std::string_view exact) {
  return Prefixes().Find(lower, exact);
}

const UnitDef* CurrencyByCode(std::string_view code) {
  return Prefixes().Code(code);
}

}  // namespace ct::extract
