#include "extract/units.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "common/text.h"
#include "extract/lexer.h"

namespace ct::extract {
namespace {

using text::Lower;

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
    {"watt-hour", "Wh", "Wh", 1, UnitKind::kEnergy, _, _},
    {"megawatt-hour", "MWh", "Wh", 1e6, UnitKind::kEnergy, _, _},
    {"gigawatt-hour", "GWh", "Wh", 1e9, UnitKind::kEnergy, _, _},
    {"terawatt-hour", "TWh", "Wh", 1e12, UnitKind::kEnergy, _, _},
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
    {"pc", "%", "percent", 1, UnitKind::kPercent, E, A},
    {"percentage points", "percentage points", "percentage_point", 1,
     UnitKind::kPercentagePoint, _, _},
    {"percentage point", "percentage points", "percentage_point", 1,
     UnitKind::kPercentagePoint, _, _},
    {"basis points", "basis points", "basis_point", 1,
     UnitKind::kPercentagePoint, _, _},
    {"basis point", "basis points", "basis_point", 1,
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
    {"teraflop", "TFLOP/s", "FLOP/s", 1e12, UnitKind::kFlops, _, _},
    {"petaflop", "PFLOP/s", "FLOP/s", 1e15, UnitKind::kFlops, _, _},
    {"exaflop", "EFLOP/s", "FLOP/s", 1e18, UnitKind::kFlops, _, _},
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
    {"dollar", "dollars", "USD", 1, UnitKind::kCurrency, _, _},
    {"US dollars", "dollars", "USD", 1, UnitKind::kCurrency, _, _},
    {"U.S. dollars", "dollars", "USD", 1, UnitKind::kCurrency, _, _},
    {"euros", "euros", "EUR", 1, UnitKind::kCurrency, _, _},
    {"euro", "euros", "EUR", 1, UnitKind::kCurrency, _, _},
    {"pounds sterling", "pounds", "GBP", 1, UnitKind::kCurrency, _, _},
    // After a scale word only (the parser checks): "450 trillion won" is
    // money, "won" a verb.
    {"won", "won", "KRW", 1, UnitKind::kCurrency, _, _},
    {"yuan", "yuan", "CNY", 1, UnitKind::kCurrency, _, _},
    {"renminbi", "yuan", "CNY", 1, UnitKind::kCurrency, _, _},
    {"yen", "yen", "JPY", 1, UnitKind::kCurrency, _, _},
    {"€", "€", "EUR", 1, UnitKind::kCurrency, _, _},
    {"£", "£", "GBP", 1, UnitKind::kCurrency, _, _},
    {"Australian dollars", "Australian dollars", "AUD", 1, UnitKind::kCurrency,
     _, _},
    {"Canadian dollars", "Canadian dollars", "CAD", 1, UnitKind::kCurrency, _,
     _},
    {"Hong Kong dollars", "Hong Kong dollars", "HKD", 1, UnitKind::kCurrency, _,
     _},
    {"New Zealand dollars", "New Zealand dollars", "NZD", 1,
     UnitKind::kCurrency, _, _},
    {"Singapore dollars", "Singapore dollars", "SGD", 1, UnitKind::kCurrency, _,
     _},
    {"Chinese yuan", "yuan", "CNY", 1, UnitKind::kCurrency, _, _},
    {"Japanese yen", "yen", "JPY", 1, UnitKind::kCurrency, _, _},
    {"Danish crowns", "Danish krone", "DKK", 1, UnitKind::kCurrency, _, _},
    {"Danish kroner", "Danish krone", "DKK", 1, UnitKind::kCurrency, _, _},
    {"Swedish kronor", "Swedish krona", "SEK", 1, UnitKind::kCurrency, _, _},
    {"Norwegian kroner", "Norwegian krone", "NOK", 1, UnitKind::kCurrency, _,
     _},
    {"Swiss francs", "Swiss franc", "CHF", 1, UnitKind::kCurrency, _, _},
    {"shekels", "shekel", "ILS", 1, UnitKind::kCurrency, _, _},
    {"rand", "rand", "ZAR", 1, UnitKind::kCurrency, _, _},
    {"ringgit", "ringgit", "MYR", 1, UnitKind::kCurrency, _, _},
    {"pesos", "peso", "MXN", 1, UnitKind::kCurrency, _, _},
    {"rubles", "ruble", "RUB", 1, UnitKind::kCurrency, _, _},
    {"roubles", "ruble", "RUB", 1, UnitKind::kCurrency, _, _},
    {"kn", "kuna", "HRK", 1, UnitKind::kCurrency, E, _},
    {"dirhams", "dirham", "AED", 1, UnitKind::kCurrency, _, _},
    {"riyals", "riyal", "SAR", 1, UnitKind::kCurrency, _, _},
    {"rupees", "rupees", "INR", 1, UnitKind::kCurrency, _, _},
    {"USD", "USD", "USD", 1, UnitKind::kCurrency, E, _},
    {"EUR", "EUR", "EUR", 1, UnitKind::kCurrency, E, _},
    {"GBP", "GBP", "GBP", 1, UnitKind::kCurrency, E, _},
    {"CNY", "CNY", "CNY", 1, UnitKind::kCurrency, E, _},
    {"RMB", "RMB", "CNY", 1, UnitKind::kCurrency, E, _},
    {"JPY", "JPY", "JPY", 1, UnitKind::kCurrency, E, _},
    // Everyday physical units that news states.
    {"Hz", "Hz", "Hz", 1, UnitKind::kOther, E, _},
    {"kHz", "kHz", "Hz", 1e3, UnitKind::kOther, E, _},
    {"MHz", "MHz", "Hz", 1e6, UnitKind::kOther, E, _},
    {"GHz", "GHz", "Hz", 1e9, UnitKind::kOther, E, _},
    {"Ghz", "GHz", "Hz", 1e9, UnitKind::kOther, E, _},
    {"hertz", "Hz", "Hz", 1, UnitKind::kOther, _, _},
    {"kbps", "kbps", "bit/s", 1e3, UnitKind::kOther, _, _},
    {"Mbps", "Mbps", "bit/s", 1e6, UnitKind::kOther, E, _},
    {"Gbps", "Gbps", "bit/s", 1e9, UnitKind::kOther, E, _},
    {"Tbps", "Tbps", "bit/s", 1e12, UnitKind::kOther, E, _},
    {"MB", "MB", "B", 1e6, UnitKind::kBytes, E, _},
    {"hp", "hp", "hp", 1, UnitKind::kOther, _, _},
    {"bhp", "bhp", "hp", 1, UnitKind::kOther, _, _},
    {"PS", "PS", "hp", 1, UnitKind::kOther, E, _},  // Pferdestärke.
    {"horsepower", "hp", "hp", 1, UnitKind::kOther, _, _},
    {"lb-ft", "lb-ft", "lb-ft", 1, UnitKind::kOther, _, _},
    {"pound-feet", "lb-ft", "lb-ft", 1, UnitKind::kOther, _, _},
    {"Nm", "newton metre", "N m", 1, UnitKind::kOther, E, _},
    {"newton metres", "newton metre", "N m", 1, UnitKind::kOther, _, _},
    {"newton meters", "newton metre", "N m", 1, UnitKind::kOther, _, _},
    {"mm", "mm", "mm", 1, UnitKind::kOther, E, _},
    {"millimetres", "mm", "mm", 1, UnitKind::kOther, _, _},
    {"millimeters", "mm", "mm", 1, UnitKind::kOther, _, _},
    {"cm", "cm", "cm", 1, UnitKind::kOther, E, _},
    {"centimetres", "cm", "cm", 1, UnitKind::kOther, _, _},
    {"centimeters", "cm", "cm", 1, UnitKind::kOther, _, _},
    {"µm", "µm", "µm", 1, UnitKind::kOther, E, _},
    {"μm", "µm", "µm", 1, UnitKind::kOther, E, _},
    {"HZ", "Hz", "Hz", 1, UnitKind::kOther, E, _},
    {"micrometres", "µm", "µm", 1, UnitKind::kOther, _, _},
    {"micrometers", "µm", "µm", 1, UnitKind::kOther, _, _},
    {"microns", "µm", "µm", 1, UnitKind::kOther, _, _},
    {"kilometre", "km", "km", 1, UnitKind::kOther, _, _},
    {"kilometer", "km", "km", 1, UnitKind::kOther, _, _},
    {"metre", "m", "m", 1, UnitKind::kOther, _, _},
    {"meter", "m", "m", 1, UnitKind::kOther, _, _},
    {"inch", "in", "in", 1, UnitKind::kOther, _, _},
    {"km/h", "km/h", "km/h", 1, UnitKind::kOther, _, _},
    {"kph", "km/h", "km/h", 1, UnitKind::kOther, _, _},
    {"kilometres per hour", "km/h", "km/h", 1, UnitKind::kOther, _, _},
    {"kilometers per hour", "km/h", "km/h", 1, UnitKind::kOther, _, _},
    {"miles per hour", "mph", "mph", 1, UnitKind::kOther, _, _},
    {"miles per gallon", "mpg", "mpg", 1, UnitKind::kOther, _, _},
    {"mpg", "mpg", "mpg", 1, UnitKind::kOther, _, _},
    {"m/s", "m/s", "m/s", 1, UnitKind::kOther, _, _},
    {"knots", "knot", "knot", 1, UnitKind::kOther, _, _},
    {"l", "l", "l", 1, UnitKind::kOther, E, A},
    {"L", "l", "l", 1, UnitKind::kOther, E, A},
    {"litre", "l", "l", 1, UnitKind::kOther, _, _},
    {"liter", "l", "l", 1, UnitKind::kOther, _, _},
    {"ml", "ml", "ml", 1, UnitKind::kOther, E, _},
    {"mL", "ml", "ml", 1, UnitKind::kOther, E, _},
    {"m2", "m2", "m2", 1, UnitKind::kArea, E, _},
    {"km2", "km2", "km2", 1, UnitKind::kArea, E, _},
    {"cubic feet", "cubic foot", "cu ft", 1, UnitKind::kOther, _, _},
    {"cubic metres", "m3", "m3", 1, UnitKind::kOther, _, _},
    {"cubic meters", "m3", "m3", 1, UnitKind::kOther, _, _},
    {"g", "g", "g", 1, UnitKind::kOther, E, A},
    {"grams", "g", "g", 1, UnitKind::kOther, _, _},
    {"gram", "g", "g", 1, UnitKind::kOther, _, _},
    {"mg", "mg", "mg", 1, UnitKind::kOther, E, _},
    {"milligrams", "mg", "mg", 1, UnitKind::kOther, _, _},
    {"lb", "lb", "lb", 1, UnitKind::kOther, _, _},
    {"pound", "lb", "lb", 1, UnitKind::kOther, _, _},
    {"ounces", "oz", "oz", 1, UnitKind::kOther, _, _},
    {"ounce", "oz", "oz", 1, UnitKind::kOther, _, _},
    {"oz", "oz", "oz", 1, UnitKind::kOther, _, _},
    {"tonne", "t", "t", 1, UnitKind::kOther, _, _},
    {"ton", "ton", "ton", 1, UnitKind::kOther, _, _},
    {"min", "minute", "minute", 1, UnitKind::kDuration, _, _},
    {"mins", "minute", "minute", 1, UnitKind::kDuration, _, _},
    {"second", "second", "second", 1, UnitKind::kDuration, _, _},
    {"secs", "second", "second", 1, UnitKind::kDuration, _, _},
    {"ms", "ms", "ms", 1, UnitKind::kDuration, E, _},
    {"V", "V", "V", 1, UnitKind::kOther, E, _},
    {"kV", "kV", "V", 1e3, UnitKind::kOther, E, _},
    {"volts", "V", "V", 1, UnitKind::kOther, _, _},
    {"mAh", "mAh", "mAh", 1, UnitKind::kOther, E, _},
    {"Pa", "Pa", "Pa", 1, UnitKind::kOther, E, _},
    {"kPa", "kPa", "Pa", 1e3, UnitKind::kOther, E, _},
    {"MPa", "MPa", "Pa", 1e6, UnitKind::kOther, E, _},
    {"GPa", "GPa", "Pa", 1e9, UnitKind::kOther, E, _},
    {"gigapascals", "GPa", "Pa", 1e9, UnitKind::kOther, _, _},
    {"megapascals", "MPa", "Pa", 1e6, UnitKind::kOther, _, _},
    {"psi", "psi", "psi", 1, UnitKind::kOther, _, _},
    {"degrees Celsius", "°C", "°C", 1, UnitKind::kOther, _, _},
    {"degrees celsius", "°C", "°C", 1, UnitKind::kOther, _, _},
    {"degrees Fahrenheit", "°F", "°F", 1, UnitKind::kOther, _, _},
    {"degrees fahrenheit", "°F", "°F", 1, UnitKind::kOther, _, _},
    {"degrees C", "°C", "°C", 1, UnitKind::kOther, E, _},
    {"degrees F", "°F", "°F", 1, UnitKind::kOther, E, _},
    {"Celsius", "°C", "°C", 1, UnitKind::kOther, E, _},
    {"Fahrenheit", "°F", "°F", 1, UnitKind::kOther, E, _},
    {"degF", "°F", "°F", 1, UnitKind::kOther, E, _},
    {"degC", "°C", "°C", 1, UnitKind::kOther, E, _},
    {"deg C", "°C", "°C", 1, UnitKind::kOther, E, _},
    {"deg F", "°F", "°F", 1, UnitKind::kOther, E, _},
    {"degree", "degree", "degree", 1, UnitKind::kOther, _, _},
    {"calories", "kcal", "kcal", 1, UnitKind::kOther, _, _},
    {"kcal", "kcal", "kcal", 1, UnitKind::kOther, _, _},
    {"decibels", "decibel", "dB", 1, UnitKind::kOther, _, _},
    {"dB", "decibel", "dB", 1, UnitKind::kOther, E, _},
    {"ppm", "ppm", "ppm", 1, UnitKind::kOther, _, _},
    {"parts per million", "ppm", "ppm", 1, UnitKind::kOther, _, _},
    {"sq m", "m2", "m2", 1, UnitKind::kArea, _, _},
    {"square metres", "m2", "m2", 1, UnitKind::kArea, _, _},
    {"square meters", "m2", "m2", 1, UnitKind::kArea, _, _},
    {"sq km", "km2", "km2", 1, UnitKind::kArea, _, _},
    {"square kilometres", "km2", "km2", 1, UnitKind::kArea, _, _},
    {"square kilometers", "km2", "km2", 1, UnitKind::kArea, _, _},
    // Hundredths of a currency, as money: "19 cents" is USD 0.19.
    {"euro cents", "euro cents", "EUR", 0.01, UnitKind::kCurrency, _, _},
    {"cents", "cent", "USD", 0.01, UnitKind::kCurrency, _, _},
    {"cent", "cent", "USD", 0.01, UnitKind::kCurrency, _, _},
    {"pence", "pence", "GBP", 0.01, UnitKind::kCurrency, _, _},
    {"p", "p", "GBP", 0.01, UnitKind::kCurrency, E, A},
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
    // Index points: "the Dow rose 66 points".
    {"points", "points", "point", 1, UnitKind::kOther, _, _},
    {"point", "points", "point", 1, UnitKind::kOther, _, _},
    {"mph", "mph", "mph", 1, UnitKind::kOther, _, _},
    {"m.p.h.", "mph", "mph", 1, UnitKind::kOther, _, _},
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

// Currency signs and codes before the number. A prefix row marked
// attached is read only when the number follows without a space.
const Row kPrefixRows[] = {
    {"$", "$", "USD", 1, UnitKind::kCurrency, _, _},
    {"US$", "US$", "USD", 1, UnitKind::kCurrency, E, _},
    {"$US", "US$", "USD", 1, UnitKind::kCurrency, E, _},
    {"$A", "A$", "AUD", 1, UnitKind::kCurrency, E, _},
    {"$NZ", "NZ$", "NZD", 1, UnitKind::kCurrency, E, _},
    {"RM", "RM", "MYR", 1, UnitKind::kCurrency, E, _},
    {"MYR", "MYR", "MYR", 1, UnitKind::kCurrency, E, _},
    {"NZD", "NZD", "NZD", 1, UnitKind::kCurrency, E, _},
    {"HKD", "HKD", "HKD", 1, UnitKind::kCurrency, E, _},
    {"SGD", "SGD", "SGD", 1, UnitKind::kCurrency, E, _},
    {"U.S.$", "US$", "USD", 1, UnitKind::kCurrency, E, _},
    {"USD", "USD", "USD", 1, UnitKind::kCurrency, E, _},
    {"€", "€", "EUR", 1, UnitKind::kCurrency, _, _},
    {"EUR", "EUR", "EUR", 1, UnitKind::kCurrency, E, _},
    {"£", "£", "GBP", 1, UnitKind::kCurrency, _, _},
    {"GBP", "GBP", "GBP", 1, UnitKind::kCurrency, E, _},
    {"¥", "¥", "JPY", 1, UnitKind::kCurrency, _, _},
    // ASCII transliterations of "£" and "¥" that some feeds carry
    // ("PS3.4m", "Y=420 billion"), read only when glued to the amount.
    {"PS", "£", "GBP", 1, UnitKind::kCurrency, E, A},
    {"Y=", "¥", "JPY", 1, UnitKind::kCurrency, E, A},
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
    {"NT$", "NT$", "TWD", 1, UnitKind::kCurrency, E, _},
    {"TWD", "TWD", "TWD", 1, UnitKind::kCurrency, E, _},
    {"S$", "S$", "SGD", 1, UnitKind::kCurrency, E, _},
    {"NZ$", "NZ$", "NZD", 1, UnitKind::kCurrency, E, _},
    {"R$", "R$", "BRL", 1, UnitKind::kCurrency, E, _},
    {"CHF", "CHF", "CHF", 1, UnitKind::kCurrency, E, _},
    {"₩", "₩", "KRW", 1, UnitKind::kCurrency, _, _},
    {"KRW", "KRW", "KRW", 1, UnitKind::kCurrency, E, _},
    {"SAR", "SAR", "SAR", 1, UnitKind::kCurrency, E, _},
    {"AED", "AED", "AED", 1, UnitKind::kCurrency, E, _},
};

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
      // One bucket per case-folded first word; MatchesWords checks case.
      buckets_[Lower(def->words.front())].push_back(def.get());
      defs_.push_back(std::move(def));
    }
    // Longest phrases first; at equal length, exact-case rows first.
    auto before = [](const UnitDef* a, const UnitDef* b) {
      if (a->words.size() != b->words.size()) {
        return a->words.size() > b->words.size();
      }
      return a->exact_case && !b->exact_case;
    };
    for (auto& [word, bucket] : buckets_) {
      std::stable_sort(bucket.begin(), bucket.end(), before);
    }
  }

  const std::vector<const UnitDef*>* Find(std::string_view lower) const {
    auto it = buckets_.find(lower);
    return it == buckets_.end() ? nullptr : &it->second;
  }

 private:
  std::vector<std::unique_ptr<UnitDef>> defs_;
  // Looked up by a token's text without copying it (a lookup per token).
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  std::unordered_map<std::string, std::vector<const UnitDef*>, Hash,
                     std::equal_to<>>
      buckets_;
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

const std::vector<const UnitDef*>* UnitsStartingWith(std::string_view lower) {
  return Suffixes().Find(lower);
}

const std::vector<const UnitDef*>* PrefixUnitsStartingWith(
    std::string_view lower) {
  return Prefixes().Find(lower);
}

}  // namespace ct::extract
