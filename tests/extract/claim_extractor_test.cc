#include "extract/claim_extractor.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using ct::extract::Claim;
using ct::extract::ClaimExtractor;
using ct::extract::Qualifier;
using ct::extract::QualifierName;

namespace {

// One extractor for the whole file, with the built-in gazetteer only.
const ClaimExtractor& Extractor() {
  static const ClaimExtractor* extractor = [] {
    auto created = ClaimExtractor::Create({});
    REQUIRE(created.ok());
    return std::move(created).value().release();
  }();
  return *extractor;
}

std::vector<Claim> Extract(std::string_view text) {
  return Extractor().Extract(text);
}

std::string Surfaces(const std::vector<Claim>& claims) {
  std::ostringstream out;
  for (const Claim& c : claims) out << "[" << c.surface << "] ";
  return out.str();
}

// The one claim of `text`; fails the test when there is not exactly one.
Claim Single(std::string_view text) {
  std::vector<Claim> claims = Extract(text);
  INFO("text: " << text);
  INFO("claims: " << Surfaces(claims));
  REQUIRE(claims.size() == 1);
  return claims[0];
}

// The value of an optional number; NaN when it is empty, so that any
// comparison with it fails and shows "nan".
double Get(const std::optional<double>& v) {
  return v.value_or(std::numeric_limits<double>::quiet_NaN());
}

Approx Near(double x) { return Approx(x).epsilon(1e-9).margin(1e-6); }

std::string Q(Qualifier q) { return std::string(QualifierName(q)); }

// The surface is the input's bytes between start and end.
void CheckOffsets(std::string_view text, const Claim& c) {
  REQUIRE(c.start <= c.end);
  REQUIRE(c.end <= text.size());
  CHECK(text.substr(c.start, c.end - c.start) == c.surface);
}

}  // namespace

// ---------------------------------------------------------------------------
// Digits, separators and decimals.

TEST_CASE("ExtractClaims reads digits with thousands separators as one number",
          "[extract]") {
  std::string text = "xAI has deployed 220,000 GPUs in Memphis.";
  Claim c = Single(text);
  CHECK(c.surface == "220,000 GPUs");
  CHECK(c.start == text.find("220,000"));
  CHECK(c.end == text.find(" in Memphis"));
  CHECK(Get(c.number) == Near(220000));
  CHECK(Get(c.value) == Near(220000));
  CHECK(c.unit == "gpu");
  CHECK(c.written_unit == "GPU");
  CHECK(c.noun == "GPU");
  CHECK(Q(c.qualifier) == "exact");
  CHECK(c.metric == "gpu_count");
}

TEST_CASE("ExtractClaims reads a figure with several thousands groups",
          "[extract]") {
  Claim c = Single("The fund has committed $1,250,000,000 to the project.");
  CHECK(Get(c.value) == Near(1.25e9));
  CHECK(c.unit == "USD");
  CHECK(c.surface == "$1,250,000,000");
}

TEST_CASE("ExtractClaims reads decimals and keeps their precision",
          "[extract]") {
  Claim c = Single("Nebius booked revenue of $1.25 billion in the quarter.");
  CHECK(c.surface == "$1.25 billion");
  CHECK(Get(c.number) == Near(1.25e9));
  CHECK(c.written_unit == "$");
  CHECK(Get(c.value) == Near(1.25e9));
  CHECK(c.unit == "USD");
  CHECK(Get(c.low) == Near(1.245e9));
  CHECK(Get(c.high) == Near(1.255e9));
  CHECK(c.metric == "revenue");
}

// ---------------------------------------------------------------------------
// Scale words and abbreviations.

TEST_CASE("ExtractClaims applies the scale word thousand", "[extract]") {
  Claim c = Single("Crusoe plans to hire 2 thousand workers in Texas.");
  CHECK(c.surface == "2 thousand workers");
  CHECK(Get(c.value) == Near(2000));
  CHECK(c.unit == "count");
  CHECK(c.noun == "worker");
  CHECK(c.metric == "headcount");
}

TEST_CASE("ExtractClaims reads a glued k as thousands", "[extract]") {
  Claim c = Single("The Abilene campus will hold 400k accelerators.");
  CHECK(c.surface == "400k accelerators");
  CHECK(Get(c.number) == Near(4e5));
  CHECK(Get(c.value) == Near(4e5));
  CHECK(c.unit == "gpu");
  CHECK(c.noun == "accelerator");
  Claim upper = Single("The Abilene campus will hold 400K accelerators.");
  CHECK(Get(upper.value) == Near(4e5));
}

TEST_CASE("ExtractClaims reads million, m and mn after a currency",
          "[extract]") {
  Claim pounds = Single("The startup raised \u00a35m in seed funding.");
  CHECK(pounds.surface == "\u00a35m");
  CHECK(Get(pounds.value) == Near(5e6));
  CHECK(pounds.unit == "GBP");
  CHECK(pounds.written_unit == "\u00a3");
  CHECK(pounds.metric == "investment");

  Claim mn = Single("Nscale raised $300mn from investors.");
  CHECK(Get(mn.value) == Near(3e8));
  CHECK(mn.unit == "USD");

  Claim million = Single("Lambda raised $480 million last month.");
  CHECK(Get(million.value) == Near(4.8e8));
  CHECK(million.surface == "$480 million");
}

TEST_CASE("ExtractClaims reads billion, bn and b after a currency",
          "[extract]") {
  Claim bn = Single("Oracle will spend $5bn on new capacity.");
  CHECK(bn.surface == "$5bn");
  CHECK(Get(bn.number) == Near(5e9));
  CHECK(Get(bn.value) == Near(5e9));
  CHECK(bn.unit == "USD");
  CHECK(bn.written_unit == "$");

  Claim b = Single("Oracle will spend $5b on new capacity.");
  CHECK(Get(b.value) == Near(5e9));

  Claim billion = Single("Oracle will spend $5 billion on new capacity.");
  CHECK(Get(billion.value) == Near(5e9));
}

TEST_CASE("ExtractClaims reads trillion and tn", "[extract]") {
  Claim trillion =
      Single("OpenAI has made $1.4 trillion in compute commitments.");
  CHECK(Get(trillion.value) == Near(1.4e12));
  CHECK(trillion.unit == "USD");
  CHECK(trillion.metric == "commitment");
  Claim tn = Single("The plan could cost $1tn over time.");
  CHECK(Get(tn.value) == Near(1e12));
  CHECK(tn.surface == "$1tn");
}

TEST_CASE("ExtractClaims reads US$ glued to a scaled number", "[extract]") {
  Claim c = Single("The consortium paid US$55bn for the operator.");
  CHECK(c.surface == "US$55bn");
  CHECK(Get(c.value) == Near(5.5e10));
  CHECK(Get(c.number) == Near(5.5e10));
  CHECK(c.unit == "USD");
  CHECK(c.written_unit == "US$");
}

TEST_CASE("ExtractClaims does not read the US of US$ as an entity",
          "[extract]") {
  // "US$" is a currency sign; it names no party to the deal.
  Claim c = Single("The consortium paid US$55bn for the operator.");
  CHECK(c.unit == "USD");
  CHECK(c.subject.empty());
  CHECK(c.object.empty());
}

TEST_CASE("ExtractClaims keeps euros in EUR without conversion", "[extract]") {
  Claim c = Single("Mistral plans to invest \u20ac20 billion in France.");
  CHECK(c.surface == "\u20ac20 billion");
  CHECK(Get(c.value) == Near(2e10));
  CHECK(c.unit == "EUR");
  CHECK(c.written_unit == "\u20ac");
  CHECK(c.metric == "investment");
}

TEST_CASE("ExtractClaims reads a currency named after the number",
          "[extract]") {
  Claim c = Single("Analysts put the deal at 55 billion dollars.");
  CHECK(Get(c.value) == Near(5.5e10));
  CHECK(c.unit == "USD");
  CHECK(c.surface == "55 billion dollars");
}

TEST_CASE("ExtractClaims reads ISO currency codes", "[extract]") {
  Claim usd = Single("The bonds raised USD 5 billion.");
  CHECK(Get(usd.value) == Near(5e9));
  CHECK(usd.unit == "USD");
  CHECK(usd.written_unit == "USD");

  Claim eur = Single("The fund will invest EUR 2bn in Norway.");
  CHECK(Get(eur.value) == Near(2e9));
  CHECK(eur.unit == "EUR");

  Claim yen = Single("SoftBank will invest \u00a53 trillion in the venture.");
  CHECK(Get(yen.value) == Near(3e12));
  CHECK(yen.unit == "JPY");

  Claim yuan = Single("Alibaba will spend 380 billion yuan on AI.");
  CHECK(Get(yuan.value) == Near(3.8e11));
  CHECK(yuan.unit == "CNY");
}

TEST_CASE("ExtractClaims reads the ASCII spellings of pound and yen signs",
          "[extract]") {
  Claim pounds = Single("The bonus was worth up to PS3.4m last year.");
  CHECK(Get(pounds.value) == Near(3.4e6));
  CHECK(pounds.unit == "GBP");
  CHECK(pounds.written_unit == "\u00a3");

  Claim grouped = Single("Each seat cost PS18,500 on the charter.");
  CHECK(grouped.unit == "GBP");

  Claim yen = Single("The group now expects a profit of Y=420 billion.");
  CHECK(Get(yen.value) == Near(4.2e11));
  CHECK(yen.unit == "JPY");
  CHECK(yen.written_unit == "\u00a5");
}

TEST_CASE(
    "ExtractClaims keeps console names and PS after a number apart "
    "from pounds",
    "[extract]") {
  Claim consoles = Single("The studio shipped 5 PS5 consoles to reviewers.");
  CHECK(consoles.unit == "count");

  Claim power = Single("The tuned engine makes 240 PS.");
  CHECK(power.unit == "hp");

  CHECK(Extract("Set Y = 5 in the model.").size() == 1);
  CHECK(Extract("Set Y = 5 in the model.")[0].unit == "count");
}

TEST_CASE("ExtractClaims reads an age set off by commas after a name",
          "[extract]") {
  Claim age = Single("Lisa Marsh, 56, told investors the plan would hold.");
  CHECK(Get(age.value) == Near(56));
  CHECK(age.unit == "year");
  CHECK(age.written_unit == "year-old");

  Claim age_of = Single("Staff may retire at the age of 62 with a pension.");
  CHECK(age_of.unit == "year");
  CHECK(age_of.written_unit == "year-old");

  // A count in a list keeps no age: nothing follows the name's comma.
  Claim sites = Single("It runs sites in Ohio, Texas and Iowa, 3 in all.");
  CHECK(sites.written_unit != "year-old");
}

// ---------------------------------------------------------------------------
// Spelled-out numbers.

TEST_CASE("ExtractClaims reads a spelled number with a power unit",
          "[extract]") {
  Claim c = Single("OpenAI agreed to deploy six gigawatts of AMD GPUs.");
  CHECK(c.surface == "six gigawatts");
  CHECK(Get(c.number) == Near(6));
  CHECK(c.written_unit == "GW");
  CHECK(Get(c.value) == Near(6e9));
  CHECK(c.unit == "W");
  CHECK(Get(c.low) == Near(5.5e9));
  CHECK(Get(c.high) == Near(6.5e9));
  CHECK(c.metric == "power_capacity");
  CHECK(c.subject == "OpenAI");
  CHECK(c.object == "AMD");
}

TEST_CASE("ExtractClaims reads hyphenated spelled numbers", "[extract]") {
  Claim c = Single("Microsoft opened twenty-five data centers last year.");
  CHECK(Get(c.value) == Near(25));
  CHECK(c.unit == "count");
  CHECK(c.noun == "data center");
  CHECK(c.surface == "twenty-five data centers");
}

TEST_CASE("ExtractClaims reads a spelled number with a scale word",
          "[extract]") {
  Claim c = Single("Claude Code now has two million weekly users.");
  CHECK(Get(c.value) == Near(2e6));
  CHECK(c.unit == "count");
  CHECK(c.noun == "user");
  CHECK(Get(c.low) == Near(1.5e6));
  CHECK(Get(c.high) == Near(2.5e6));
}

TEST_CASE("ExtractClaims reads half a million GPUs", "[extract]") {
  Claim c = Single("Meta expects to run half a million GPUs by 2026.");
  CHECK(c.surface == "half a million GPUs");
  CHECK(Get(c.value) == Near(5e5));
  CHECK(c.unit == "gpu");
  CHECK(c.noun == "GPU");
  CHECK(c.time == "2026");
}

TEST_CASE("ExtractClaims does not count spelled numbers that count nothing",
          "[extract]") {
  CHECK(Extract("Stargate is one of the largest projects in Texas.").empty());
  CHECK(Extract("The two said little about the terms.").empty());
}

// ---------------------------------------------------------------------------
// Fractions and multiples.

TEST_CASE("ExtractClaims reads more than half of as a percentage",
          "[extract]") {
  Claim c = Single("More than half of the new capacity will serve OpenAI.");
  CHECK(Get(c.value) == Near(50));
  CHECK(c.unit == "percent");
  CHECK(Q(c.qualifier) == "more_than");
  CHECK(Get(c.low) == Near(50));
  CHECK_FALSE(c.low_inclusive);
  CHECK_FALSE(c.high.has_value());
  CHECK(c.metric == "share");
}

TEST_CASE("ExtractClaims reads a third of and two-thirds of", "[extract]") {
  Claim third = Single("Microsoft took a third of the cluster's output.");
  CHECK(Get(third.value) == Near(100.0 / 3));
  CHECK(third.unit == "percent");
  CHECK(Q(third.qualifier) == "exact");
  CHECK(third.metric == "share");

  Claim two = Single("Nvidia sold two-thirds of the accelerators.");
  CHECK(Get(two.value) == Near(200.0 / 3));
  CHECK(two.unit == "percent");
}

TEST_CASE("ExtractClaims does not read the second half of a year as a fraction",
          "[extract]") {
  CHECK(Extract("The site opens in the second half of 2026.").empty());
}

TEST_CASE("ExtractClaims reads 17x as a ratio", "[extract]") {
  Claim c = Single("Inference demand is 17x what it was a year ago.");
  CHECK(c.surface == "17x");
  CHECK(Get(c.value) == Near(17));
  CHECK(c.unit == "ratio");
  CHECK(c.written_unit == "x");
}

TEST_CASE("ExtractClaims reads 17-fold as a ratio that rose", "[extract]") {
  Claim c = Single("The lab reported a 17-fold increase in token usage.");
  CHECK(Get(c.value) == Near(17));
  CHECK(c.unit == "ratio");
  CHECK(c.change == "up");
  CHECK(c.metric == "growth");
}

TEST_CASE("ExtractClaims reads seventeen times as a ratio", "[extract]") {
  Claim c = Single("Usage is now seventeen times higher than before.");
  CHECK(Get(c.value) == Near(17));
  CHECK(c.unit == "ratio");
}

TEST_CASE("ExtractClaims reads tenfold as a ratio", "[extract]") {
  Claim c = Single("Anthropic expanded its compute tenfold.");
  CHECK(c.surface == "tenfold");
  CHECK(Get(c.value) == Near(10));
  CHECK(c.unit == "ratio");
}

TEST_CASE("ExtractClaims reads doubled, tripled and halved as ratios",
          "[extract]") {
  Claim doubled = Single("Nvidia doubled its output of the chips.");
  CHECK(doubled.surface == "doubled");
  CHECK(Get(doubled.value) == Near(2));
  CHECK(doubled.unit == "ratio");

  Claim tripled = Single("CoreWeave tripled its capacity.");
  CHECK(Get(tripled.value) == Near(3));
  CHECK(tripled.unit == "ratio");

  Claim halved = Single("Oracle halved its order.");
  CHECK(Get(halved.value) == Near(0.5));
  CHECK(halved.unit == "ratio");
}

TEST_CASE("ExtractClaims reads no change in a hyphenated adjective",
          "[extract]") {
  Claim plan = Single("Ferrous Wire unveiled a cost-cutting $9 billion plan.");
  CHECK(plan.change.empty());
  CHECK(plan.metric != "growth");
  Claim fell = Single("Its shares fell 12% on the news.");
  CHECK(fell.change == "down");
}

TEST_CASE("ExtractClaims reads by a fraction as new over old", "[extract]") {
  Claim cut = Single("The operator cut its target by a third.");
  CHECK(Get(cut.value) == Near(2.0 / 3));
  CHECK(cut.change == "down");
  Claim rose = Single("Capex rose by half in a year.");
  CHECK(Get(rose.value) == Near(1.5));
  Claim quarter = Single("Spending fell by a quarter.");
  CHECK(Get(quarter.value) == Near(0.75));
}

TEST_CASE("ExtractClaims reads by half as a ratio of one half", "[extract]") {
  Claim c = Single("Google cut its prices by half.");
  CHECK(Get(c.value) == Near(0.5));
  CHECK(c.unit == "ratio");
}

TEST_CASE("ExtractClaims does not read double-digit as a multiple",
          "[extract]") {
  CHECK(Extract("Revenue grew at a double-digit pace.").empty());
}

TEST_CASE("ExtractClaims ties doubled rate limits to the rate limit metric",
          "[extract]") {
  Claim c = Single(
      "Anthropic doubled the five-hour rate limits for Claude Code users.");
  CHECK(c.surface == "doubled");
  CHECK(Get(c.value) == Near(2));
  CHECK(c.unit == "ratio");
  CHECK(c.metric == "rate_limit_change");
  CHECK(c.subject == "Anthropic");

  // A long object still reaches the limits, within its clause.
  Claim owner = Single(
      "The lab doubled its coding agent's daily usage rate limits on Monday.");
  CHECK(owner.metric == "rate_limit_change");
  Claim other = Single(
      "Usage doubled in a quarter, and the team later raised rate limits.");
  CHECK(other.metric == "growth");
}

// ---------------------------------------------------------------------------
// Percentages.

TEST_CASE("ExtractClaims keeps the unit of a percentage", "[extract]") {
  Claim c = Single("Nvidia supplied 40% of the chips in the cluster.");
  CHECK(c.surface == "40%");
  CHECK(Get(c.number) == Near(40));
  CHECK(c.written_unit == "%");
  CHECK(Get(c.value) == Near(40));
  CHECK(c.unit == "percent");
  CHECK(Get(c.low) == Near(39.5));
  CHECK(Get(c.high) == Near(40.5));
  CHECK(c.metric == "share");
}

TEST_CASE("ExtractClaims reads per cent and percent written out", "[extract]") {
  Claim per_cent = Single("Nvidia supplied 40 per cent of the chips.");
  CHECK(per_cent.surface == "40 per cent");
  CHECK(Get(per_cent.value) == Near(40));
  CHECK(per_cent.unit == "percent");
  CHECK(per_cent.written_unit == "%");

  Claim percent = Single("Nvidia supplied 40 percent of the chips.");
  CHECK(percent.surface == "40 percent");
  CHECK(Get(percent.value) == Near(40));
  CHECK(percent.unit == "percent");
}

TEST_CASE("ExtractClaims keeps percentage points apart from percent",
          "[extract]") {
  Claim c = Single("Nvidia's gross margin widened by 3 percentage points.");
  CHECK(c.surface == "3 percentage points");
  CHECK(Get(c.value) == Near(3));
  CHECK(c.unit == "percentage_point");
  CHECK(c.unit != "percent");
}

TEST_CASE("ExtractClaims reads a greater-than sign before a percentage",
          "[extract]") {
  Claim c = Single("Analysts expect >50% of new capacity to serve inference.");
  CHECK(c.surface == ">50%");
  CHECK(Get(c.value) == Near(50));
  CHECK(c.unit == "percent");
  CHECK(Q(c.qualifier) == "more_than");
  CHECK(Get(c.low) == Near(50));
  CHECK_FALSE(c.low_inclusive);
  CHECK_FALSE(c.high.has_value());
}

// ---------------------------------------------------------------------------
// Power, energy, GPUs, rates and counted nouns.

TEST_CASE("ExtractClaims normalises watts, kilowatts, megawatts and gigawatts",
          "[extract]") {
  Claim w = Single("The new chip draws 700 W at full load.");
  CHECK(Get(w.value) == Near(700));
  CHECK(w.unit == "W");
  CHECK(w.written_unit == "W");

  Claim kw = Single("Each rack draws 120 kW of power.");
  CHECK(Get(kw.value) == Near(1.2e5));
  CHECK(kw.unit == "W");
  CHECK(kw.written_unit == "kW");

  Claim mw = Single("The first phase adds 300 MW of capacity.");
  CHECK(Get(mw.value) == Near(3e8));
  CHECK(Get(mw.number) == Near(300));
  CHECK(mw.written_unit == "MW");
  CHECK(mw.metric == "power_capacity");

  Claim gw = Single("The campus will reach 5 GW of capacity.");
  CHECK(Get(gw.value) == Near(5e9));
  CHECK(gw.written_unit == "GW");
}

TEST_CASE("ExtractClaims reads a unit after an adjective", "[extract]") {
  Claim more = Single("Oracle will bring 2 additional gigawatts online.");
  CHECK(more.unit == "W");
  CHECK(Get(more.value) == Near(2e9));

  Claim hours = Single("The cluster ran for 8 straight hours.");
  CHECK(hours.written_unit == "hour");
}

TEST_CASE("ExtractClaims reads a unit in a hyphenated compound", "[extract]") {
  Claim c = Single("Vantage is building a 300-megawatt campus.");
  CHECK(c.surface == "300-megawatt");
  CHECK(Get(c.value) == Near(3e8));
  CHECK(c.unit == "W");
  CHECK(c.written_unit == "MW");
}

TEST_CASE("ExtractClaims reads MWh as energy, not as MW of power",
          "[extract]") {
  Claim c = Single("The plant stores 300 MWh for the campus.");
  CHECK(c.unit == "Wh");
  CHECK(Get(c.value) == Near(3e8));
}

TEST_CASE("ExtractClaims normalises energy from Wh to TWh", "[extract]") {
  Claim twh = Single("US data centers used 176 TWh of electricity.");
  CHECK(Get(twh.value) == Near(1.76e14));
  CHECK(twh.unit == "Wh");
  CHECK(twh.written_unit == "TWh");
  CHECK(twh.metric == "energy");

  Claim gwh = Single("The battery holds 50 GWh of storage.");
  CHECK(Get(gwh.value) == Near(5e10));
  CHECK(gwh.unit == "Wh");

  // A rate keeps its denominator apart: energy per query is not energy.
  Claim kwh = Single("Power costs 8 kWh per query in the worst case.");
  CHECK(Get(kwh.value) == Near(8e3));
  CHECK(kwh.unit == "Wh/query");
  CHECK(kwh.written_unit == "kWh per query");

  Claim wh = Single("A single query uses 0.3 Wh on average.");
  CHECK(Get(wh.value) == Near(0.3));
  CHECK(wh.unit == "Wh");
}

TEST_CASE("ExtractClaims counts accelerators, chips and TPUs as gpu",
          "[extract]") {
  Claim acc = Single("AMD will supply 50,000 accelerators.");
  CHECK(acc.unit == "gpu");
  CHECK(acc.noun == "accelerator");
  CHECK(acc.metric == "gpu_count");

  Claim chips = Single("Huawei shipped 200,000 AI chips.");
  CHECK(chips.unit == "gpu");
  CHECK(chips.noun == "chip");
  CHECK(Get(chips.value) == Near(2e5));

  Claim tpus = Single("Anthropic will use up to 1 million TPUs.");
  CHECK(tpus.unit == "gpu");
  CHECK(tpus.noun == "TPU");
  CHECK(Q(tpus.qualifier) == "up_to");
  CHECK(Get(tpus.value) == Near(1e6));
}

TEST_CASE(
    "ExtractClaims counts GPUs named by maker and model without the model "
    "number",
    "[extract]") {
  std::string text = "Oracle bought 100,000 Nvidia H100 GPUs for the site.";
  Claim c = Single(text);
  CHECK(c.surface == "100,000 Nvidia H100 GPUs");
  CHECK(Get(c.value) == Near(1e5));
  CHECK(c.unit == "gpu");
  CHECK(c.noun == "GPU");
  CheckOffsets(text, c);

  Claim plural = Single("The lab trained on 50,000 H100s.");
  CHECK(plural.unit == "gpu");
  CHECK(Get(plural.value) == Near(5e4));
}

TEST_CASE("ExtractClaims counts chips of two named models as GPUs",
          "[extract]") {
  Claim c = Single("xAI's Colossus 2 will hold 550,000 GB200 and GB300 chips.");
  CHECK(Get(c.value) == Near(550000));
  CHECK(c.unit == "gpu");
  CHECK(c.noun == "chip");
  CHECK(c.metric == "gpu_count");
  CHECK(c.subject == "Colossus 2");
}

TEST_CASE(
    "ExtractClaims counts chips named by a maker and a model number "
    "as GPUs",
    "[extract]") {
  Claim c = Single("The vendor shipped 150,000 Ascend 910C chips.");
  CHECK(c.unit == "gpu");
  CHECK(c.noun == "chip");
}

TEST_CASE("ExtractClaims counts H100 equivalents as GPUs", "[extract]") {
  Claim hyphen = Single("Tesla has 50k H100-equivalents.");
  CHECK(hyphen.unit == "gpu");
  Claim spaced = Single("Tesla has 50k H100 equivalents.");
  CHECK(Get(spaced.value) == Near(5e4));
  CHECK(spaced.unit == "gpu");
  CHECK(spaced.metric == "gpu_count");
}

TEST_CASE("ExtractClaims reads hours a week as a rate", "[extract]") {
  Claim c = Single("Some developers use Claude Code 20 hours a week.");
  CHECK(c.surface == "20 hours a week");
  CHECK(Get(c.value) == Near(20));
  CHECK(c.unit == "h/week");
  CHECK(c.metric == "usage_time");
}

TEST_CASE("ExtractClaims reads a rate after a or an, hyphens and brackets",
          "[extract]") {
  Claim gold = Single("Spot gold traded at $2,410.5 an ounce.");
  CHECK(gold.unit == "USD/oz");
  CHECK(gold.written_unit == "$ per ounce");

  Claim yearly = Single("Subscribers pay \u00a318 a-year more.");
  CHECK(yearly.unit == "GBP/year");

  Claim quarterly =
      Single("The lab spends about $3 billion a quarter on chips.");
  CHECK(quarterly.unit == "USD/quarter");

  Claim refinery = Single("The town hosts one 80,000 barrel-a-day refinery.");
  CHECK(refinery.written_unit == "barrel per day");

  std::vector<Claim> offer =
      Extract("The bid was C$8.50 (US$6.20) per share in cash.");
  REQUIRE(offer.size() == 2);
  CHECK(offer[0].unit == "CAD/share");
  CHECK(offer[0].surface == "C$8.50");
}

TEST_CASE("ExtractClaims reads token prices per million", "[extract]") {
  std::vector<Claim> prices = Extract(
      "The model costs $1.25 per million input tokens and $10 per million "
      "output tokens.");
  REQUIRE(prices.size() == 2);
  CHECK(prices[0].unit == "USD/1M input token");
  CHECK(prices[1].unit == "USD/1M output token");
  CHECK(prices[0].metric == "price");
  CHECK(Single("It charges $3 per 1M tokens.").unit == "USD/1M token");
}

TEST_CASE("ExtractClaims does not read a year earlier as a rate", "[extract]") {
  std::vector<Claim> claims =
      Extract("Sales rose to $9.1 billion from $8.2 billion a year earlier.");
  REQUIRE(claims.size() == 2);
  CHECK(claims[1].unit == "USD");
}

TEST_CASE("ExtractClaims shares a unit written once for two figures",
          "[extract]") {
  std::vector<Claim> pair = Extract("A ticket costs about 6 or $7.");
  REQUIRE(pair.size() == 2);
  CHECK(pair[0].unit == "USD");

  std::vector<Claim> spelled = Extract("Dinner is six or seven euros.");
  REQUIRE(spelled.size() == 2);
  CHECK(Get(spelled[0].value) == Near(6));
  CHECK(spelled[0].unit == "EUR");

  std::vector<Claim> part =
      Extract("So far it has raised 410 million of the 2 billion yuan.");
  REQUIRE(part.size() == 2);
  CHECK(part[0].unit == "CNY");

  std::vector<Claim> level =
      Extract("The index closed (21,402.17 up 73.40 points).");
  REQUIRE(level.size() == 2);
  CHECK(level[0].written_unit == "points");
  // Index points are a unit: the level and the move share it.
  CHECK(level[0].unit == "point");
  CHECK(level[1].unit == "point");
  // A percent that restates the move leaves the level its unit.
  std::vector<Claim> restated =
      Extract("The index rose 120.5 points, or 0.3%, to 44,210.33.");
  REQUIRE(restated.size() == 3);
  CHECK(restated[1].unit == "percent");
  CHECK(restated[2].unit == "point");

  std::vector<Claim> rate =
      Extract("Police logged 31 thefts, compared with 26 per week before.");
  REQUIRE(rate.size() == 2);
  CHECK(rate[1].written_unit == "thefts per week");

  Claim alone = Single("The average is 26 per week.");
  CHECK(alone.written_unit == "per week");
}

TEST_CASE(
    "ExtractClaims keeps a percent for a second change but not for a "
    "level",
    "[extract]") {
  std::vector<Claim> changes =
      Extract("The Kospi rose by 3 percent but the Hang Seng fell by 2.");
  REQUIRE(changes.size() == 2);
  CHECK(changes[1].unit == "percent");

  std::vector<Claim> level = Extract("The index rose 0.4 percent to 2,150.30.");
  REQUIRE(level.size() == 2);
  CHECK(level[1].unit == "count");
}

TEST_CASE("ExtractClaims counts nouns with their singular", "[extract]") {
  Claim employees = Single("The company has 4,000 employees worldwide.");
  CHECK(employees.surface == "4,000 employees");
  CHECK(Get(employees.value) == Near(4000));
  CHECK(employees.unit == "count");
  CHECK(employees.noun == "employee");
  CHECK(employees.written_unit == "employees");
  CHECK(employees.metric == "headcount");

  Claim people = Single("The startup employs 350 people.");
  CHECK(people.noun == "person");
  CHECK(people.metric == "headcount");

  Claim users = Single("ChatGPT has 800 million weekly users.");
  CHECK(Get(users.value) == Near(8e8));
  CHECK(users.unit == "count");
  CHECK(users.noun == "user");
}

TEST_CASE("ExtractClaims keeps the words that name what is counted",
          "[extract]") {
  // A leading participle or adverb qualifies the count; the noun keeps it.
  Claim containers = Single("The port moved 7,800 shipping containers.");
  CHECK(containers.written_unit == "containers");
  CHECK(containers.noun == "shipping container");

  Claim plants =
      Single("It equals 12 modestly sized gas-fired power stations.");
  CHECK(plants.written_unit == "gas-fired power stations");

  Claim homes = Single("The council manages 2,400 public housing units.");
  CHECK(homes.written_unit == "public housing units");
  CHECK(homes.noun == "public housing unit");

  Claim crews = Single("The port employs 45 commercial fishermen.");
  CHECK(crews.noun == "commercial fisherman");

  Claim cuts = Single("The carrier announced about 900 job cuts.");
  CHECK(cuts.written_unit == "job cuts");

  Claim cups = Single("The club won 4 straight Super Bowls.");
  CHECK(cups.written_unit == "straight Super Bowls");

  // A singular noun is what is counted even before its head: "a 40 page
  // report" counts pages; after an adjective, both words.
  Claim pages = Single("The regulator published a 40 page report.");
  CHECK(pages.written_unit == "page");
  Claim demand = Single("The board had 1 radical proposal on the agenda.");
  CHECK(demand.written_unit == "radical proposal");

  Claim states = Single("The deal covers sites in 12 U.S. states.");
  CHECK(states.written_unit == "U.S. states");
  CHECK(states.noun == "state");

  Claim sales = Single("The game logged 1.9m digital and boxed sales.");
  CHECK(sales.written_unit == "digital and boxed sales");

  Claim kinds = Single("The tariff covers 1,200 kinds of steel.");
  CHECK(kinds.written_unit == "kinds of steel");
  CHECK(kinds.noun == "kind");

  Claim jets = Single("The airline ordered three new 777 Freighter jets.");
  CHECK(Get(jets.value) == Near(3));
  CHECK(jets.written_unit == "new 777 Freighter jets");

  Claim cars = Single("The plant built 9,000 Pixel 9s in March.");
  CHECK(cars.written_unit == "Pixel 9s");

  Claim vehicles = Single("Police recovered 310 Ford and Honda vehicles.");
  CHECK(vehicles.written_unit == "Ford and Honda vehicles");
  CHECK(vehicles.noun == "vehicle");
}

TEST_CASE(
    "ExtractClaims counts nothing in a verb or a comparison after a "
    "number",
    "[extract]") {
  Claim verb = Single("About 700 come from suppliers in Taiwan.");
  CHECK(verb.unit == "count");
  CHECK(verb.written_unit.empty());

  Claim cheaper = Single("The new card is 30k cheaper than the old one.");
  CHECK(cheaper.written_unit.empty());
}

TEST_CASE("ExtractClaims does not count a name after a year", "[extract]") {
  CHECK(Extract("It was a remake of the 1979 adventure film Lost Islands.")
            .empty());
}

TEST_CASE("ExtractClaims counts shares as the share metric", "[extract]") {
  Claim c = Single("AMD granted OpenAI warrants for 160 million shares.");
  CHECK(Get(c.value) == Near(1.6e8));
  CHECK(c.unit == "count");
  CHECK(c.noun == "share");
  CHECK(c.metric == "share");
}

TEST_CASE(
    "ExtractClaims reads a year-like number before a plural noun as a count",
    "[extract]") {
  Claim c = Single("The firm hired 2000 engineers.");
  CHECK(Get(c.value) == Near(2000));
  CHECK(c.noun == "engineer");
}

// ---------------------------------------------------------------------------
// Qualifiers.

TEST_CASE("ExtractClaims widens about to ten percent", "[extract]") {
  Claim c = Single("xAI is building about 1.2 GW of capacity.");
  CHECK(c.surface == "about 1.2 GW");
  CHECK(Q(c.qualifier) == "approx");
  CHECK(Get(c.value) == Near(1.2e9));
  CHECK(Get(c.low) == Near(1.08e9));
  CHECK(Get(c.high) == Near(1.32e9));
}

TEST_CASE("ExtractClaims reads roughly, some, close to and a tilde as approx",
          "[extract]") {
  Claim roughly = Single("The site draws roughly 300 MW today.");
  CHECK(roughly.surface == "roughly 300 MW");
  CHECK(Q(roughly.qualifier) == "approx");
  CHECK(Get(roughly.low) == Near(2.7e8));
  CHECK(Get(roughly.high) == Near(3.3e8));

  Claim some = Single("Cloud providers hold some 40% of the chips.");
  CHECK(Q(some.qualifier) == "approx");
  CHECK(Get(some.value) == Near(40));

  Claim close = Single("The campus will draw close to 2 GW.");
  CHECK(Q(close.qualifier) == "approx");

  Claim tilde = Single("The site needs ~500 MW of power.");
  CHECK(Q(tilde.qualifier) == "approx");
  CHECK(Get(tilde.value) == Near(5e8));
}

TEST_CASE("ExtractClaims bounds nearly X below X", "[extract]") {
  Claim c = Single("The cluster draws nearly 300 MW.");
  CHECK(c.surface == "nearly 300 MW");
  CHECK(Q(c.qualifier) == "approx");
  CHECK(Get(c.low) == Near(2.7e8));
  CHECK(Get(c.high) == Near(3e8));
}

TEST_CASE("ExtractClaims bounds nearly 1 GW to ninety percent of it",
          "[extract]") {
  // DESIGN.md and bounds.h: "nearly 1 GW" -> [0.9, 1] GW. The written
  // precision of "1 GW" (half a gigawatt) must not widen it further.
  Claim c = Single("The cluster draws nearly 1 GW.");
  CHECK(Q(c.qualifier) == "approx");
  CHECK(Get(c.high) == Near(1e9));
  CHECK(Get(c.low) == Near(0.9e9));
}

TEST_CASE("ExtractClaims reads at least as a closed lower bound", "[extract]") {
  Claim c = Single("Meta will add at least 1 GW next year.");
  CHECK(c.surface == "at least 1 GW");
  CHECK(Q(c.qualifier) == "at_least");
  CHECK(Get(c.low) == Near(1e9));
  CHECK(c.low_inclusive);
  CHECK_FALSE(c.high.has_value());
}

TEST_CASE("ExtractClaims reads a trailing plus as at least", "[extract]") {
  Claim c = Single("Microsoft operates 300+ data centers worldwide.");
  CHECK(c.surface == "300+ data centers");
  CHECK(Q(c.qualifier) == "at_least");
  CHECK(Get(c.value) == Near(300));
  CHECK(Get(c.low) == Near(300));
  CHECK_FALSE(c.high.has_value());
  CHECK(c.unit == "count");
  CHECK(c.noun == "data center");
}

TEST_CASE("ExtractClaims reads more than as an open lower bound", "[extract]") {
  std::string text = "The campus will use more than 300 megawatts.";
  Claim c = Single(text);
  CHECK(c.surface == "more than 300 megawatts");
  CHECK(c.start == text.find("more"));
  CHECK(c.end == text.size() - 1);
  CHECK(Q(c.qualifier) == "more_than");
  CHECK(Get(c.value) == Near(3e8));
  CHECK(c.written_unit == "MW");
  CHECK(Get(c.low) == Near(3e8));
  CHECK_FALSE(c.low_inclusive);
  CHECK_FALSE(c.high.has_value());
}

TEST_CASE("ExtractClaims reads over as more than", "[extract]") {
  Claim c = Single("xAI now runs over 100,000 GPUs.");
  CHECK(c.surface == "over 100,000 GPUs");
  CHECK(Q(c.qualifier) == "more_than");
  CHECK(Get(c.low) == Near(1e5));
}

TEST_CASE("ExtractClaims does not read over a span of years as more than",
          "[extract]") {
  std::vector<Claim> claims =
      Extract("Microsoft will spend $80 billion over five years.");
  INFO(Surfaces(claims));
  REQUIRE_FALSE(claims.empty());
  CHECK(claims[0].surface == "$80 billion");
  CHECK(Q(claims[0].qualifier) == "exact");
  for (const Claim& c : claims) CHECK(Q(c.qualifier) != "more_than");
}

TEST_CASE("ExtractClaims reads up to as a bound from zero", "[extract]") {
  Claim c = Single("The site could host up to 5 GW.");
  CHECK(c.surface == "up to 5 GW");
  CHECK(Q(c.qualifier) == "up_to");
  CHECK(Get(c.value) == Near(5e9));
  CHECK(Get(c.low) == Near(0));
  CHECK(Get(c.high) == Near(5e9));
  CHECK(c.high_inclusive);
}

TEST_CASE("ExtractClaims reads may reach as up to", "[extract]") {
  Claim c = Single("The deal may reach $100 billion.");
  CHECK(Q(c.qualifier) == "up_to");
  CHECK(Get(c.high) == Near(1e11));
  CHECK(Get(c.low) == Near(0));
}

TEST_CASE("ExtractClaims reads at most as a closed upper bound", "[extract]") {
  Claim c = Single("Each site will draw at most 2 GW.");
  CHECK(Q(c.qualifier) == "at_most");
  CHECK(Get(c.low) == Near(0));
  CHECK(Get(c.high) == Near(2e9));
  CHECK(c.high_inclusive);
}

TEST_CASE(
    "ExtractClaims reads less than, under and fewer than as an open upper "
    "bound",
    "[extract]") {
  Claim less = Single("Inference is less than 10% of the load.");
  CHECK(less.surface == "less than 10%");
  CHECK(Q(less.qualifier) == "less_than");
  CHECK(Get(less.low) == Near(0));
  CHECK(Get(less.high) == Near(10));
  CHECK_FALSE(less.high_inclusive);

  Claim under = Single("The startup was valued at under $1 billion.");
  CHECK(Q(under.qualifier) == "less_than");
  CHECK(Get(under.high) == Near(1e9));

  Claim fewer = Single("The lab has fewer than 500 employees.");
  CHECK(Q(fewer.qualifier) == "less_than");
  CHECK(fewer.noun == "employee");
}

TEST_CASE("ExtractClaims leaves a plain figure exact", "[extract]") {
  Claim c = Single("The campus will reach 5 GW of capacity.");
  CHECK(Q(c.qualifier) == "exact");
}

// ---------------------------------------------------------------------------
// Ranges.

TEST_CASE("ExtractClaims reads between a and b as a range", "[extract]") {
  std::string text = "The site will need between 4 and 5 GW of power.";
  Claim c = Single(text);
  CHECK(c.surface == "between 4 and 5 GW");
  CHECK(c.start == text.find("between"));
  CHECK(c.end == text.find(" of power"));
  CHECK(Q(c.qualifier) == "range");
  CHECK_FALSE(c.value.has_value());
  CHECK_FALSE(c.number.has_value());
  CHECK(Get(c.number_low) == Near(4));
  CHECK(Get(c.number_high) == Near(5));
  CHECK(Get(c.low) == Near(4e9));
  CHECK(Get(c.high) == Near(5e9));
  CHECK(c.unit == "W");
  CHECK(c.written_unit == "GW");
}

TEST_CASE("ExtractClaims reads a hyphen range with the unit at the end",
          "[extract]") {
  Claim c = Single("The site will need 4-5 GW of power.");
  CHECK(c.surface == "4-5 GW");
  CHECK(Q(c.qualifier) == "range");
  CHECK_FALSE(c.value.has_value());
  CHECK(Get(c.low) == Near(4e9));
  CHECK(Get(c.high) == Near(5e9));
}

TEST_CASE("ExtractClaims reads an en dash range and keeps the original bytes",
          "[extract]") {
  std::string text = "The site will need 4\u20135 GW of power.";
  Claim c = Single(text);
  CHECK(c.surface == "4\u20135 GW");
  CHECK(c.start == text.find("4\u2013"));
  CHECK(c.end == text.find(" of power"));
  CheckOffsets(text, c);
  CHECK(Q(c.qualifier) == "range");
  CHECK(Get(c.low) == Near(4e9));
  CHECK(Get(c.high) == Near(5e9));
}

TEST_CASE("ExtractClaims reads a to range", "[extract]") {
  Claim c = Single("Each campus draws 4 to 5 GW.");
  CHECK(Q(c.qualifier) == "range");
  CHECK(Get(c.low) == Near(4e9));
  CHECK(Get(c.high) == Near(5e9));
}

TEST_CASE("ExtractClaims reads a money range with both ends scaled",
          "[extract]") {
  Claim c = Single("The round values it at $10 billion-$12 billion.");
  CHECK(c.surface == "$10 billion-$12 billion");
  CHECK(Q(c.qualifier) == "range");
  CHECK_FALSE(c.value.has_value());
  CHECK(Get(c.number_low) == Near(1e10));
  CHECK(Get(c.number_high) == Near(1.2e10));
  CHECK(Get(c.low) == Near(1e10));
  CHECK(Get(c.high) == Near(1.2e10));
  CHECK(c.unit == "USD");

  Claim en = Single("The round values it at $10 billion\u2013$12 billion.");
  CHECK(Q(en.qualifier) == "range");
  CHECK(Get(en.high) == Near(1.2e10));
}

TEST_CASE(
    "ExtractClaims carries the scale of a range's second end to the first",
    "[extract]") {
  Claim c = Single("The round values it at $10-12 billion.");
  CHECK(Q(c.qualifier) == "range");
  CHECK(Get(c.low) == Near(1e10));
  CHECK(Get(c.high) == Near(1.2e10));
}

TEST_CASE("ExtractClaims does not read a span of years as a range",
          "[extract]") {
  CHECK(Extract("The build-out runs 2025-2026.").empty());
}

TEST_CASE("ExtractClaims does not join the number of a site name to a range",
          "[extract]") {
  // "Colossus 2" is a name; "to 550,000 GPUs" is the figure.
  std::string text = "xAI expanded Colossus 2 to 550,000 GPUs.";
  Claim c = Single(text);
  CHECK(c.surface == "550,000 GPUs");
  CHECK(Q(c.qualifier) == "exact");
  CHECK(Get(c.value) == Near(550000));
  CHECK(c.subject == "Colossus 2");
  CheckOffsets(text, c);
}

TEST_CASE("ExtractClaims reads by a change to a level as two claims",
          "[extract]") {
  std::vector<Claim> money =
      Extract("Oracle's backlog increased by $43.6 billion to $419.2 billion.");
  REQUIRE(money.size() == 2);
  CHECK(money[0].metric == "growth");
  CHECK(money[0].change == "up");
  CHECK(money[1].metric == "backlog");

  std::vector<Claim> staff =
      Extract("The chip maker's headcount grew by 4,000 to 36,000 employees.");
  REQUIRE(staff.size() == 2);
  CHECK(staff[0].noun == "employee");
  CHECK(staff[0].metric == "growth");
  CHECK(staff[1].metric == "headcount");

  // Of like size, the two ends are a range of the change.
  Claim range = Single("Prices fell by 10 to 15 percent.");
  CHECK(Q(range.qualifier) == "range");
}

TEST_CASE(
    "ExtractClaims reads the size of a fall as growth, a level reached "
    "as the metric",
    "[extract]") {
  CHECK(Single("The site's capacity fell 300 MW in the heat wave.").metric ==
        "growth");
  CHECK(Single("The site's capacity fell to 300 MW in the heat wave.").metric ==
        "power_capacity");
  // New capacity added is capacity.
  CHECK(Single("The lab added 100,000 GPUs to the cluster.").metric ==
        "gpu_count");
}

TEST_CASE("ExtractClaims reads from a in year to b in year as two claims",
          "[extract]") {
  std::string text =
      "Data-center electricity use is projected to rise from 485 TWh in "
      "2025 to 950 TWh in 2030.";
  std::vector<Claim> claims = Extract(text);
  INFO(Surfaces(claims));
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].surface == "485 TWh");
  CHECK(Get(claims[0].value) == Near(4.85e14));
  CHECK(claims[0].unit == "Wh");
  CHECK(claims[0].time == "2025");
  CHECK(Q(claims[0].qualifier) == "exact");
  CHECK(claims[1].surface == "950 TWh");
  CHECK(Get(claims[1].value) == Near(9.5e14));
  CHECK(claims[1].time == "2030");
  CHECK(Q(claims[1].qualifier) == "exact");
  CheckOffsets(text, claims[0]);
  CheckOffsets(text, claims[1]);
}

// ---------------------------------------------------------------------------
// Rises and falls.

TEST_CASE("ExtractClaims marks rose as a change up", "[extract]") {
  Claim c = Single("CoreWeave's revenue rose 40% in the quarter.");
  CHECK(Get(c.value) == Near(40));
  CHECK(c.change == "up");
  CHECK(c.metric == "growth");
}

TEST_CASE("ExtractClaims marks fell as a change down", "[extract]") {
  Claim c = Single("Nvidia's stock fell 5% on Monday.");
  CHECK(Get(c.value) == Near(5));
  CHECK(c.change == "down");
}

TEST_CASE("ExtractClaims marks fell to as a change down", "[extract]") {
  Claim c = Single("Nvidia's share of the market fell to 55%.");
  CHECK(Get(c.value) == Near(55));
  CHECK(c.change == "down");
}

TEST_CASE("ExtractClaims reads a change stated after the number", "[extract]") {
  Claim up = Single("The lab posted a 40% increase in usage.");
  CHECK(up.change == "up");
  Claim down = Single("Chip prices saw a 12% drop in March.");
  CHECK(down.change == "down");
}

TEST_CASE("ExtractClaims leaves change empty when nothing rose or fell",
          "[extract]") {
  Claim c = Single("SoftBank holds an 11% stake in OpenAI.");
  CHECK(c.change.empty());
  CHECK(c.metric == "share");
  CHECK(c.subject == "SoftBank");
  CHECK(c.object == "OpenAI");
}

// ---------------------------------------------------------------------------
// Bounds by written precision.

TEST_CASE("ExtractClaims bounds a decimal figure by half its last digit",
          "[extract]") {
  Claim c = Single("Anthropic raised $17.4 billion this year.");
  CHECK(Get(c.value) == Near(17.4e9));
  CHECK(Get(c.low) == Near(17.35e9));
  CHECK(Get(c.high) == Near(17.45e9));
  CHECK(c.low_inclusive);
  CHECK(c.high_inclusive);
}

TEST_CASE("ExtractClaims bounds a whole figure by half a unit of its scale",
          "[extract]") {
  Claim c = Single("Anthropic raised $17 billion this year.");
  CHECK(Get(c.low) == Near(16.5e9));
  CHECK(Get(c.high) == Near(17.5e9));
}

TEST_CASE("ExtractClaims bounds 6 GW to half a gigawatt either side",
          "[extract]") {
  Claim c = Single("The project totals 6 GW.");
  CHECK(Get(c.low) == Near(5.5e9));
  CHECK(Get(c.high) == Near(6.5e9));
}

TEST_CASE("ExtractClaims bounds 300 megawatts to half a megawatt either side",
          "[extract]") {
  Claim c = Single("The project totals 300 megawatts.");
  CHECK(c.written_unit == "MW");
  CHECK(Get(c.low) == Near(299.5e6));
  CHECK(Get(c.high) == Near(300.5e6));
}

TEST_CASE("ExtractClaims counts trailing zeros of decimals as precision",
          "[extract]") {
  Claim c = Single("The project totals 2.50 GW.");
  CHECK(Get(c.value) == Near(2.5e9));
  CHECK(Get(c.low) == Near(2.495e9));
  CHECK(Get(c.high) == Near(2.505e9));
}

// ---------------------------------------------------------------------------
// What is not a claim.

TEST_CASE("ExtractClaims skips years used as dates", "[extract]") {
  CHECK(Extract("The campus opened in 2025.").empty());
  CHECK(
      Extract("Construction started in early 2024 and ended in 2026.").empty());
}

TEST_CASE("ExtractClaims skips numbers in a link's query", "[extract]") {
  CHECK(Extract("Sign up at events.example.org/summit?id=4471 by Friday.")
            .empty());
}

TEST_CASE("ExtractClaims keeps letters glued to digits as a name",
          "[extract]") {
  CHECK(Extract("The phone's A19 chip is made on a 3nm process.").empty());
  std::vector<Claim> dollars = Extract("It sold for $A82,615 in Sydney.");
  REQUIRE(dollars.size() == 1);
  CHECK(dollars[0].unit == "AUD");
}

TEST_CASE("ExtractClaims skips numbers that a label word names", "[extract]") {
  CHECK(Extract("The team moved into building 12 last week.").empty());
  CHECK(Extract("Listen to episode 88 of the show.").empty());
  CHECK(Extract("The group trades under ticker 6758 in Tokyo.").empty());
  CHECK(Extract("Reactors 3 and 4 came online this year.").empty());
  CHECK(Extract("It was a category 3 storm.").empty());
  // After the number, a label word is what is counted.
  std::vector<Claim> units = Extract("The plant runs 5 units of 300 MW.");
  REQUIRE(units.size() == 2);
  CHECK(units[0].noun == "unit");
}

TEST_CASE("ExtractClaims skips phone numbers and fiscal-year spans",
          "[extract]") {
  CHECK(Extract("Call +1 415 555 0199 for the briefing.").empty());
  CHECK(Extract("Call +44 20 7946 0000 in London.").empty());
  CHECK(Extract("The 2025-26 outlook was raised.").empty());
  CHECK(Single("There were 4 hundred million users.").unit == "count");
}

TEST_CASE("ExtractClaims skips a year before a noun and its verb",
          "[extract]") {
  std::vector<Claim> claims =
      Extract("The lab's 2026 budget includes 12,000 new GPUs.");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].unit == "gpu");
  CHECK(Single("The firm hired 2000 new engineers.").noun == "engineer");
}

TEST_CASE("ExtractClaims skips a duration ago and a pointer to named things",
          "[extract]") {
  std::vector<Claim> ago =
      Extract("Usage has tripled compared with two years ago.");
  REQUIRE(ago.size() == 1);
  CHECK(ago[0].unit == "ratio");
  CHECK(Extract("The two companies' plans differ.").empty());
}

TEST_CASE("ExtractClaims reads a, and a half, several and a few", "[extract]") {
  Claim about = Single("The cluster will draw about a gigawatt of power.");
  CHECK(Get(about.value) == Near(1e9));
  CHECK(Q(about.qualifier) == "approx");
  Claim of = Single("Phase one brings a gigawatt of capacity.");
  CHECK(Get(of.value) == Near(1e9));
  CHECK(Extract("Nvidia invests as each gigawatt is deployed.").empty());
  CHECK(Extract("It is a gigawatt-scale campus.").empty());

  Claim half = Single("The operator leases one and a half gigawatts.");
  CHECK(Get(half.value) == Near(1.5e9));
  Claim gpus = Single("Two and a half million GPUs shipped.");
  CHECK(Get(gpus.value) == Near(2.5e6));

  Claim several = Single("The site will host several hundred thousand GPUs.");
  CHECK(Q(several.qualifier) == "range");
  CHECK(Get(several.low) == Near(3e5));
  CHECK(Get(several.high) == Near(9e5));
  Claim few = Single("A few thousand engineers work on chips.");
  CHECK(Get(few.low) == Near(2e3));
  CHECK(few.noun == "engineer");
}

TEST_CASE("ExtractClaims gives a multiple after to or a modal its direction",
          "[extract]") {
  std::vector<Claim> claims =
      Extract("The lab plans to double the cluster to 400,000 GPUs.");
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].change == "up");
  CHECK(Single("Demand will triple by 2030.").change == "up");
  CHECK(Single("Suppliers plan to lift output by 70-80%.").change == "up");
}

TEST_CASE(
    "ExtractClaims reads rates per a compound and after what is "
    "measured",
    "[extract]") {
  CHECK(Single("Capacity cleared at $270.50 per megawatt-day.").unit ==
        "USD/MW-day");
  Claim water = Single("The campus will use 300,000 gallons of water a day.");
  CHECK(water.unit == "gallon/day");
}

TEST_CASE("ExtractClaims carries a unit back over up from", "[extract]") {
  std::vector<Claim> claims = Extract(
      "The lab had 50,000 H100-equivalents of training compute at the end "
      "of the year, up from 20,000 in June.");
  REQUIRE(claims.size() == 2);
  CHECK(claims[1].unit == "gpu");
}

TEST_CASE(
    "ExtractClaims reads more than after a percentage and a raise "
    "by as rises",
    "[extract]") {
  CHECK(Single("Orders came in 40% more than a year earlier.").change == "up");
  CHECK(Single("The board raised its dividend by 10%.").change == "up");
  CHECK(Single("The lab raised $40 billion.").change.empty());
}

TEST_CASE("ExtractClaims gives multiple verbs their direction", "[extract]") {
  CHECK(Single("Inference costs halved in a year.").change == "down");
  CHECK(Single("Bookings more than doubled.").change == "up");
}

TEST_CASE(
    "ExtractClaims reads or more and or fewer after a figure, and a "
    "qualifier before an article",
    "[extract]") {
  Claim more = Single("The deal is worth $13bn or more.");
  CHECK(Q(more.qualifier) == "at_least");
  CHECK(more.surface == "$13bn or more");
  Claim fewer = Single("The cluster needs 1,000 GPUs or fewer.");
  CHECK(Q(fewer.qualifier) == "at_most");
  Claim stake = Single("The buyer took roughly a 20 per cent stake.");
  CHECK(Q(stake.qualifier) == "approx");
}

TEST_CASE("ExtractClaims reads New Taiwan dollars, exaflops and quadrillions",
          "[extract]") {
  CHECK(Single("TSMC booked NT$452.3 billion in sales.").unit == "TWD");
  Claim flop = Single("The system delivers about 1 exaflop.");
  CHECK(flop.unit == "FLOP/s");
  CHECK(Get(flop.value) == Near(1e18));
  CHECK(Get(Single("It served 1.3 quadrillion tokens.").value) == Near(1.3e15));
}

TEST_CASE("ExtractClaims reads a factor of and cut in half as ratios",
          "[extract]") {
  Claim factor = Single("Demand grew by a factor of ten this year.");
  CHECK(Get(factor.value) == Near(10));
  CHECK(factor.unit == "ratio");
  Claim half = Single("The lab cut its GPU budget in half.");
  CHECK(Get(half.value) == Near(0.5));
  CHECK(half.change == "down");
  Claim roughly = Single("Costs fell by roughly half.");
  CHECK(Q(roughly.qualifier) == "approx");
}

TEST_CASE("ExtractClaims reads won and pounds after a scale as money",
          "[extract]") {
  CHECK(Single("Samsung will invest 450 trillion won in chips.").unit == "KRW");
  CHECK(Single("The fund put 5 billion pounds into the UK.").unit == "GBP");
  CHECK(Single("He lost 20 pounds.").unit == "lb");
  CHECK(Extract("The team won a title.").empty());
}

TEST_CASE(
    "ExtractClaims sets a change from comparatives and from a verb "
    "before by",
    "[extract]") {
  CHECK(Single("The design uses 30% less water.").change == "down");
  CHECK(Single("Capex was 70% higher than last year.").change == "up");
  CHECK(Single("The retrofit cut energy use by 18 percent.").change == "down");
  CHECK(Single("OpenAI raised $40 billion by selling shares.").change.empty());
}

TEST_CASE("ExtractClaims carries a rate to a figure in the same unit",
          "[extract]") {
  std::vector<Claim> states =
      Extract("Power cost $80 per MWh in Virginia and $60 in Texas.");
  REQUIRE(states.size() == 2);
  CHECK(states[1].unit == "USD/MWh");
  std::vector<Claim> fee = Extract("It charges $5 a month and $50 for setup.");
  REQUIRE(fee.size() == 2);
  CHECK(fee[1].unit == "USD");
  CHECK(Single("Power averaged $45 per megawatt-hour.").unit == "USD/MWh");
}

TEST_CASE("ExtractClaims skips versions, tickers and bracketed phone parts",
          "[extract]") {
  CHECK(Extract("The firmware moved to version 3.2.1 this week.").empty());
  CHECK(Extract("Shares of the group (6758.T) rose.").empty());
  CHECK(Extract("Call +1 (415) 555-0100 for details.").empty());
  CHECK(Extract("The Three Mile Island plant will restart.").empty());
  CHECK(Single("Nvidia Ships Three Gigawatts Of Chips").unit == "W");
}

TEST_CASE(
    "ExtractClaims skips booths, sizes, area codes, foreign streets "
    "and a year before GPU words",
    "[extract]") {
  CHECK(Extract("Meet the team at booth 2210 in the main hall.").empty());
  CHECK(Extract("Training used a batch size 128 throughout.").empty());
  CHECK(Extract("Call (415) 555-0100 to book a slot.").empty());
  CHECK(Extract("The office at 12 Rue de la Boetie opened.").empty());
  CHECK(
      Extract("The group's 2027 AI accelerator shipments will grow.").empty());
  CHECK(Single("It bought 2000 GPUs last year.").unit == "gpu");
}

TEST_CASE("ExtractClaims reads cents and pence as money", "[extract]") {
  Claim range = Single("Power costs 5-7 cents per kWh there.");
  CHECK(range.unit == "USD/kWh");
  CHECK(Get(range.low) == Near(0.05));
  Claim euro = Single("Tariffs are 3.5 euro cents per kilowatt-hour.");
  CHECK(euro.unit == "EUR/kWh");
  std::vector<Claim> moved = Extract("Shares rose 19 cents to $4.10.");
  REQUIRE(moved.size() == 2);
  CHECK(Get(moved[0].value) == Near(0.19));
  CHECK(moved[0].metric == "growth");
}

TEST_CASE("ExtractClaims skips years of an era", "[extract]") {
  CHECK(Extract("The walls went up between A.D. 900 and 1150.").empty());
  CHECK(Extract("The port was founded in AD 43 and lost in 410 BC.").empty());
  // A count is still a count: "43 ADs" is not an era.
  CHECK(Extract("The agency ran 43 ads.").size() == 1);
}

TEST_CASE("ExtractClaims skips the bounds of an age group", "[extract]") {
  std::vector<Claim> claims =
      Extract("Some 45 per cent of adults aged 25 to 44 use the app.");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].unit == "percent");
}

TEST_CASE("ExtractClaims skips street addresses", "[extract]") {
  std::vector<Claim> claims = Extract(
      "The buildings at 14 W 52nd St, 61 Birch Hollow Road and 8 Ave Kleber "
      "sold for $40 million.");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].unit == "USD");
  // A capitalised word that is no street keeps the count.
  CHECK(Single("They opened 3 Main Street stores.").written_unit ==
        "Main Street stores");
}

TEST_CASE("ExtractClaims skips calendar dates", "[extract]") {
  CHECK(Extract("The deal was announced on May 6.").empty());
  CHECK(Extract("The deal was announced on 6 May.").empty());
  CHECK(Extract("The deal closed on September 30, 2025.").empty());
}

TEST_CASE("ExtractClaims skips model names with digits", "[extract]") {
  CHECK(Extract("The H100 is still in demand.").empty());
  CHECK(Extract("Oracle is installing GB200 NVL72 racks.").empty());
  CHECK(Extract("GPT-5 launched with much fanfare.").empty());
}

TEST_CASE("ExtractClaims skips a numbered site name", "[extract]") {
  CHECK(Extract("Colossus 1 sits in Memphis.").empty());
  CHECK(Extract("Work on Colossus 2 began quickly.").empty());
}

TEST_CASE("ExtractClaims skips process nodes", "[extract]") {
  CHECK(Extract("TSMC's 3nm process is sold out.").empty());
}

TEST_CASE("ExtractClaims skips ordinals", "[extract]") {
  CHECK(Extract("This is Oracle's 3rd deal with OpenAI.").empty());
  CHECK(Extract("It was the 21st such agreement.").empty());
}

TEST_CASE("ExtractClaims skips labels such as a five-hour rate limit",
          "[extract]") {
  CHECK(Extract("Users hit the five-hour rate limits quickly.").empty());
  CHECK(Extract("The announcement dominated a 24-hour news cycle.").empty());
}

TEST_CASE("ExtractClaims skips numbers inside URLs", "[extract]") {
  CHECK(Extract("Read more at https://example.com/2025/06/deal-500-mw today.")
            .empty());
  CHECK(Extract("See www.example.com/gpus/100000 for details.").empty());
}

TEST_CASE("ExtractClaims skips times of day", "[extract]") {
  CHECK(Extract("Trading opened at 9:30 in New York.").empty());
  CHECK(Extract("The call starts at 10 a.m. on Thursday.").empty());
}

TEST_CASE("ExtractClaims keeps the figure among dates, years and model names",
          "[extract]") {
  std::string text =
      "On May 6, Nvidia said it had shipped 100,000 GB200 chips in 2025.";
  Claim c = Single(text);
  CHECK(c.surface == "100,000 GB200 chips");
  CHECK(Get(c.value) == Near(1e5));
  CHECK(c.unit == "gpu");
  CHECK(c.noun == "chip");
  CHECK(c.time == "2025");
  CHECK(c.subject == "Nvidia");
  CheckOffsets(text, c);
}

// ---------------------------------------------------------------------------
// Metric, subject and object.

TEST_CASE("ExtractClaims reads money metrics in their own clause",
          "[extract]") {
  std::vector<Claim> two = Extract(
      "Cloud revenue grew 20% to $9.1 billion, and the backlog rose 40% to "
      "$80 billion.");
  REQUIRE(two.size() == 4);
  CHECK(two[1].metric == "revenue");
  CHECK(two[3].metric == "backlog");

  std::vector<Claim> stake = Extract(
      "The startup's valuation more than doubled to $29 billion after a "
      "buyer took a stake.");
  REQUIRE(stake.size() == 2);
  CHECK(stake[1].metric == "valuation");

  CHECK(Single("The rally added about $200 billion in market value.").metric ==
        "valuation");
  CHECK(Single("The deal value of $5 billion was agreed.").metric ==
        "commitment");
  CHECK(Single("The contract is worth $90 billion to the supplier.").metric ==
        "commitment");
  CHECK(
      Single("The state pledged \u00a33 billion to national compute.").metric ==
      "commitment");
}

TEST_CASE("ExtractClaims reads headcount and shares in more phrasings",
          "[extract]") {
  CHECK(Single("The lab has a staff of 1,400 in London.").metric ==
        "headcount");
  CHECK(Single("One engineer said the cluster was idle.").metric == "other");
  CHECK(Single("Power makes up about 10 percent of the cost.").metric ==
        "share");
  std::vector<Claim> level =
      Extract("Its share of capacity fell to 60% from 85% a year earlier.");
  REQUIRE(level.size() == 2);
  CHECK(level[0].metric == "share");
  CHECK(level[1].metric == "share");
}

TEST_CASE("ExtractClaims tags a valuation", "[extract]") {
  Claim c = Single("Anthropic was valued at $183 billion.");
  CHECK(c.metric == "valuation");
  CHECK(c.subject == "Anthropic");
}

TEST_CASE("ExtractClaims tags what a company is worth as a valuation",
          "[extract]") {
  Claim worth = Single("OpenAI is now worth $500 billion.");
  CHECK(worth.metric == "valuation");
  CHECK(worth.subject == "OpenAI");
  Claim values = Single("The deal values Anthropic at $350 billion.");
  CHECK(values.metric == "valuation");
  CHECK(values.subject == "Anthropic");
}

TEST_CASE("ExtractClaims tags a deal worth a sum as a commitment",
          "[extract]") {
  Claim c = Single("Microsoft and OpenAI signed a deal worth $250 billion.");
  CHECK(c.metric == "commitment");
}

TEST_CASE("ExtractClaims tags revenue", "[extract]") {
  Claim c = Single("OpenAI's annualized revenue reached $13 billion.");
  CHECK(c.metric == "revenue");
  CHECK(c.subject == "OpenAI");
}

TEST_CASE("ExtractClaims tags an investment", "[extract]") {
  Claim c = Single("Microsoft will invest $80 billion in AI data centers.");
  CHECK(c.metric == "investment");
  CHECK(c.subject == "Microsoft");
}

TEST_CASE("ExtractClaims tags a commitment with its counterparty",
          "[extract]") {
  Claim c = Single("OpenAI signed a $300 billion contract with Oracle.");
  CHECK(c.metric == "commitment");
  CHECK(c.subject == "OpenAI");
  CHECK(c.object == "Oracle");
}

TEST_CASE("ExtractClaims tags growth", "[extract]") {
  Claim c = Single("Azure revenue grew 39% year over year.");
  CHECK(c.metric == "growth");
  CHECK(c.change == "up");
  CHECK(c.subject == "Microsoft");
}

TEST_CASE(
    "ExtractClaims keeps a merged company's name and groups it with "
    "its successor",
    "[extract][entities]") {
  Claim c = Single("xAI plans to add 1 GW of capacity.");
  CHECK(c.subject == "xAI");
  CHECK(c.parties == std::vector<std::string>{"SpaceX"});
  CHECK(c.metric == "power_capacity");
  Claim now = Single("SpaceX plans to add 1 GW of capacity.");
  CHECK(now.parties == c.parties);
}

TEST_CASE("ExtractClaims reads a site's owner on the article's day",
          "[extract][entities]") {
  std::string path = "claim_extractor_test_sites.tsv";
  {
    std::ofstream out(path);
    out << "Ferrous Hall\tdatacenter\t\towner:Alder Grid|owner:Birch "
           "Power@2026-03-01\n"
           "Alder Grid\tcompany\t\n"
           "Birch Power\tcompany\t\n"
           "Cedar Labs\tlab\t\n";
  }
  ct::extract::ExtractorOptions options;
  options.gazetteer_files = {path};
  auto created = ClaimExtractor::Create(options);
  std::remove(path.c_str());
  REQUIRE(created.ok());
  const ClaimExtractor& x = **created;
  const char* title = "Cedar Labs signs for space at Ferrous Hall";
  const char* body = "The contract is worth $2 billion over six years.";
  auto before = x.Extract(body, title, "2025-11-02");
  auto after = x.Extract(body, title, "2026-11-02");
  REQUIRE(before.size() == 2);
  REQUIRE(after.size() == 2);
  CHECK(before[0].parties ==
        std::vector<std::string>{"Alder Grid", "Cedar Labs"});
  CHECK(after[0].parties ==
        std::vector<std::string>{"Birch Power", "Cedar Labs"});
}

TEST_CASE("ExtractClaims never makes a person, an outlet or a heading a party",
          "[extract][entities]") {
  Claim said = Single(
      "Chief Executive Dana Quill said Ferrous Wire will spend $4 billion.");
  CHECK(said.subject == "Ferrous Wire");
  Claim known = Single("Jensen Huang said Nvidia will ship 500,000 GPUs.");
  CHECK(known.subject == "Nvidia");
  Claim outlet =
      Single("According to Bloomberg, Oracle will add 4 GW of capacity.");
  CHECK(outlet.subject == "Oracle");
  CHECK(outlet.object.empty());
  Claim heading = Single("Exclusive Warrant And Potential 10% Stake");
  CHECK(heading.subject.empty());
  Claim nickname = Single(
      "The campus, dubbed \u201cBig Iron Valley\u201d, will draw 2 GW for "
      "Cedar Labs.");
  CHECK(nickname.subject == "Cedar Labs");
  Claim place = Single("Oracle will power 3 million homes in the U.S.");
  CHECK(place.subject == "Oracle");
  CHECK(place.object.empty());
}

TEST_CASE("ExtractClaims reads a product's maker from 'the X maker'",
          "[extract][entities]") {
  Claim c = Single("The ChatGPT maker will buy 2 GW of chips from AMD.");
  CHECK(c.subject == "OpenAI");
  Claim behind = Single("The company behind Claude raised $13 billion.");
  CHECK(behind.subject == "Anthropic");
}

TEST_CASE("ExtractClaims maps AWS to Amazon", "[extract]") {
  Claim c = Single("AWS will spend $50 billion on AI infrastructure.");
  CHECK(c.subject == "Amazon");
  CHECK(c.metric == "commitment");
}

TEST_CASE("ExtractClaims maps an alias of the counterparty", "[extract]") {
  Claim c =
      Single("Anthropic committed $30 billion to Azure compute capacity.");
  CHECK(c.subject == "Anthropic");
  CHECK(c.object == "Microsoft");
  CHECK(c.metric == "commitment");
}

TEST_CASE("ExtractClaims gives GPUs at a named site to the site", "[extract]") {
  Claim c = Single("xAI runs 230,000 GPUs at Colossus 1.");
  CHECK(c.subject == "Colossus 1");
  CHECK(c.metric == "gpu_count");
  CHECK(Get(c.value) == Near(230000));
}

TEST_CASE("ExtractClaims names the tenant of a site as the object",
          "[extract]") {
  Claim c = Single("xAI will provide 300 MW at Colossus 1 for Anthropic.");
  CHECK(c.subject == "Colossus 1");
  CHECK(c.object == "Anthropic");
}

TEST_CASE(
    "ExtractClaims gives a chip's figure to its maker, never to the "
    "chip",
    "[extract]") {
  // Capacity is the customer's, who deploys it; the chip's maker supplies.
  Claim amd = Single("AMD will supply 1 GW of MI450 GPUs to OpenAI.");
  CHECK(amd.subject == "OpenAI");
  CHECK(amd.object == "AMD");
  CHECK(amd.parties == std::vector<std::string>{"AMD", "OpenAI"});
  Claim racks = Single("Each GB200 rack draws 120 kW.");
  CHECK(racks.subject == "Nvidia");
}

TEST_CASE("ExtractClaims gives a backlog to the cloud providers that hold it",
          "[extract]") {
  Claim c = Single(
      "AI labs now fill the $1.5 trillion cloud provider "
      "backlogs.");
  CHECK(c.metric == "backlog");
  CHECK(c.subject == "cloud providers");
}

TEST_CASE("ExtractClaims takes no name from common acronyms", "[extract]") {
  Claim c = Single("Heavy users run 30 hours a week of API calls.");
  CHECK(c.subject.empty());
}

TEST_CASE("ExtractClaims takes no name from letters glued to a number",
          "[extract]") {
  Claim c = Single("Telcos spent $5 billion on 5G.");
  CHECK(c.subject.empty());
}

TEST_CASE("ExtractClaims leaves subject empty when no entity is named",
          "[extract]") {
  Claim c = Single("the plant will produce 300 MW.");
  CHECK(c.subject.empty());
  CHECK(c.object.empty());
}

TEST_CASE("ExtractClaims does not take a unit symbol for an entity",
          "[extract]") {
  Claim twh = Single("Demand will hit 945 TWh by 2030.");
  CHECK(twh.subject.empty());
  Claim kw = Single("Each rack will draw 130 kW.");
  CHECK(kw.subject.empty());
}

TEST_CASE("ExtractClaims returns several claims of a sentence in order",
          "[extract]") {
  std::string text =
      "Oracle will spend $40 billion on 400,000 GPUs for OpenAI.";
  std::vector<Claim> claims = Extract(text);
  INFO(Surfaces(claims));
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].surface == "$40 billion");
  CHECK(claims[0].unit == "USD");
  CHECK(claims[0].metric == "commitment");
  CHECK(claims[1].surface == "400,000 GPUs");
  CHECK(claims[1].metric == "gpu_count");
  CHECK(claims[0].start < claims[1].start);
  CheckOffsets(text, claims[0]);
  CheckOffsets(text, claims[1]);
}

// ---------------------------------------------------------------------------
// Time scopes.

TEST_CASE("ExtractClaims reads the second half of a year", "[extract]") {
  Claim c =
      Single("Nvidia will ship 1 million chips in the second half of 2026.");
  CHECK(c.time == "2026-H2");
  CHECK(Get(c.value) == Near(1e6));
  CHECK(c.unit == "gpu");
}

TEST_CASE("ExtractClaims reads by a year as that year", "[extract]") {
  Claim c = Single("Meta aims to bring 5 GW online by 2030.");
  CHECK(c.time == "2030");
}

TEST_CASE("ExtractClaims reads a year followed by a comma as the time",
          "[extract]") {
  Claim lead = Single("In 2025, the campus drew 300 MW.");
  CHECK(lead.time == "2025");

  std::vector<Claim> claims =
      Extract("Demand will hit 945 TWh by 2030, up from 415 TWh in 2024.");
  INFO(Surfaces(claims));
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].time == "2030");
  CHECK(claims[1].time == "2024");
}

TEST_CASE("ExtractClaims reads over the next decade", "[extract]") {
  Claim c = Single("Google will invest $40 billion over the next decade.");
  CHECK(c.time == "next decade");
  CHECK(Q(c.qualifier) == "exact");
}

TEST_CASE("ExtractClaims reads a quarter of a year", "[extract]") {
  Claim c = Single("Nebius added 100 MW in the third quarter of 2025.");
  CHECK(c.time == "2025-Q3");
}

TEST_CASE("ExtractClaims stops a year at a time relative to today",
          "[extract]") {
  std::vector<Claim> claims = Extract(
      "Data centres could use 9% of the grid by 2030, up from about 4% today.");
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].time == "2030");
  CHECK(claims[1].time.empty());
}

TEST_CASE("ExtractClaims prefers a time in the figure's own clause",
          "[extract]") {
  std::vector<Claim> claims = Extract(
      "It expects capex of about $40 billion in fiscal 2027, up from $25 "
      "billion in fiscal 2026.");
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].time == "2027");
  CHECK(claims[1].time == "2026");
}

TEST_CASE("ExtractClaims leaves time empty when none is stated", "[extract]") {
  Claim c = Single("Oracle will add 2 GW of capacity.");
  CHECK(c.time.empty());
}

// ---------------------------------------------------------------------------
// Text handling.

TEST_CASE("ExtractClaims reads a no-break space between number and unit",
          "[extract]") {
  std::string text = "Fluidstack will add 6\u00a0GW of capacity.";
  Claim c = Single(text);
  CHECK(c.surface == "6\u00a0GW");
  CHECK(c.start == text.find("6\u00a0"));
  CHECK(c.end == text.find(" of capacity"));
  CHECK(Get(c.value) == Near(6e9));
  CHECK(c.unit == "W");
}

TEST_CASE("ExtractClaims reads a thin space between number and unit",
          "[extract]") {
  std::string text = "Fluidstack will add 300\u2009MW of capacity.";
  Claim c = Single(text);
  CHECK(c.surface == "300\u2009MW");
  CHECK(Get(c.value) == Near(3e8));
  CheckOffsets(text, c);
}

TEST_CASE(
    "ExtractClaims reads thin and no-break spaces as thousands separators",
    "[extract]") {
  // "220 000" with a thin or narrow no-break space between the groups is
  // the SI way to write 220,000.
  std::string thin = "xAI has deployed 220\u2009000 GPUs.";
  Claim c = Single(thin);
  CHECK(Get(c.value) == Near(220000));
  CHECK(c.surface == "220\u2009000 GPUs");
  CheckOffsets(thin, c);

  std::string narrow = "xAI has deployed 220\u202f000 GPUs.";
  Claim n = Single(narrow);
  CHECK(Get(n.value) == Near(220000));
  CheckOffsets(narrow, n);
}

TEST_CASE(
    "ExtractClaims reads full-width digits and keeps offsets of the input",
    "[extract]") {
  std::string text = "Oracle will add \uff16 GW of capacity.";
  Claim c = Single(text);
  CHECK(c.surface == "\uff16 GW");
  CHECK(c.start == text.find("\uff16"));
  CHECK(Get(c.value) == Near(6e9));
  CheckOffsets(text, c);

  std::string wide = "Oracle will add \uff13\uff10\uff10 MW of capacity.";
  Claim w = Single(wide);
  CHECK(Get(w.value) == Near(3e8));
  CheckOffsets(wide, w);
}

TEST_CASE(
    "ExtractClaims tolerates invalid UTF-8 and keeps offsets of the input",
    "[extract]") {
  std::string text =
      "\xff\xfe"
      "Oracle will lease 4.5 GW to OpenAI.\xc3";
  std::vector<Claim> claims;
  REQUIRE_NOTHROW(claims = Extract(text));
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].surface == "4.5 GW");
  CHECK(claims[0].start == text.find("4.5"));
  CHECK(Get(claims[0].value) == Near(4.5e9));
  CheckOffsets(text, claims[0]);
}

TEST_CASE("ExtractClaims tolerates NUL bytes and keeps offsets of the input",
          "[extract]") {
  std::string text("OpenAI\0 will add 2 GW.\0\0", 25);
  REQUIRE(text.size() == 25);
  std::vector<Claim> claims;
  REQUIRE_NOTHROW(claims = Extract(text));
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].surface == "2 GW");
  CHECK(claims[0].start == text.find("2 GW"));
  CHECK(Get(claims[0].value) == Near(2e9));
  CheckOffsets(text, claims[0]);
}

TEST_CASE("ExtractClaims survives inputs made only of junk", "[extract]") {
  CHECK(Extract("").empty());
  CHECK(Extract("   \n\n  ").empty());
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk += static_cast<char>((i * 37) % 256);
  std::vector<Claim> claims;
  REQUIRE_NOTHROW(claims = Extract(junk));
  for (const Claim& c : claims) CheckOffsets(junk, c);
}

TEST_CASE("ExtractClaims does not end a sentence at U.S.", "[extract]") {
  std::string text = "The U.S. government will buy 10,000 GPUs from Nvidia.";
  Claim c = Single(text);
  CHECK(c.sentence == text);
  CHECK(c.object == "Nvidia");
}

TEST_CASE(
    "ExtractClaims does not end a sentence at U.S. before a capitalised name",
    "[extract]") {
  std::string text = "The U.S. Energy Department expects 580 TWh of demand.";
  Claim c = Single(text);
  CHECK(c.sentence == text);
}

TEST_CASE("ExtractClaims gives offsets in the whole text across sentences",
          "[extract]") {
  std::string text =
      "Oracle will add 2 GW. Meta will add 3 GW.\nAmazon will add 4 GW";
  std::vector<Claim> claims = Extract(text);
  INFO(Surfaces(claims));
  REQUIRE(claims.size() == 3);
  CHECK(claims[1].surface == "3 GW");
  CHECK(claims[1].start == text.find("3 GW"));
  CHECK(claims[1].sentence == "Meta will add 3 GW.");
  CHECK(claims[1].subject == "Meta");
  CHECK(claims[2].start == text.find("4 GW"));
  CHECK(claims[2].subject == "Amazon");
  for (const Claim& c : claims) CheckOffsets(text, c);
}

TEST_CASE("ExtractClaims keeps offsets in a very long sentence", "[extract]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "padding words ";
  text += "and then Oracle will add 7 GW of capacity";
  std::vector<Claim> claims = Extract(text);
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].surface == "7 GW");
  CHECK(claims[0].start == text.find("7 GW"));
  CHECK(Get(claims[0].value) == Near(7e9));
  CHECK(claims[0].sentence.size() <= 1000);
  CHECK(claims[0].sentence.find("7 GW") != std::string::npos);
}

TEST_CASE("ExtractClaims keeps the denominator of a price", "[extract]") {
  Claim c =
      Single("Spot capacity rents for $2.10 per GPU-hour on the exchange.");
  CHECK(Get(c.value) == Near(2.1));
  CHECK(c.unit == "USD/gpu-hour");
  CHECK(c.metric == "price");
  Claim month = Single("The plan costs $14.95 a month.");
  CHECK(month.unit == "USD/month");
  CHECK(month.written_unit == "$ per month");
  // "a" takes only a denominator that a price is quoted in.
  Claim deal = Single("OpenAI signed $38 billion a company filing showed.");
  CHECK(deal.unit == "USD");
}

TEST_CASE("ExtractClaims reads vague amounts as ranges", "[extract]") {
  Claim c = Single("The upgrade adds tens of thousands of euros to each rack.");
  CHECK(c.qualifier == Qualifier::kRange);
  CHECK(Get(c.low) == Near(1e4));
  CHECK(Get(c.high) == Near(1e5));
  CHECK(c.unit == "EUR");
  Claim people = Single("Millions of users signed up in a week.");
  CHECK(Get(people.low) == Near(1e6));
  CHECK(people.noun == "user");
}

TEST_CASE("ExtractClaims reads written negatives", "[extract]") {
  CHECK(Get(Single("The margin fell to minus-5 percent.").value) == Near(-5));
  CHECK(Get(Single("The balance was $-50.8bn in April.").value) ==
        Near(-50.8e9));
}

TEST_CASE("ExtractClaims does not count scores, model numbers or clock times",
          "[extract]") {
  CHECK(Extract("The match ended 2-0 after extra time.").empty());
  CHECK(Extract("The iPhone 11 shipped with a new chip.").empty());
  CHECK(Extract("Trading closed at 0401 GMT on Friday.").empty());
  CHECK(Extract("The ID.3 went on sale.").empty());
}

TEST_CASE("ExtractClaims reads from-to as a range when nothing stands between",
          "[extract]") {
  Claim c = Single("Prices range from $800,000 to $1.3 million per unit.");
  CHECK(c.qualifier == Qualifier::kRange);
  CHECK(Get(c.number_low) == Near(8e5));
  CHECK(Get(c.number_high) == Near(1.3e6));
  CHECK(
      Extract("Demand rises from 415 TWh in 2024 to 945 TWh in 2030.").size() ==
      2);
}

TEST_CASE("ExtractClaims reads ages", "[extract]") {
  Claim c = Single("The 44-year-old engineer joined in March.");
  CHECK(c.unit == "year");
  CHECK(c.written_unit == "year-old");
}

TEST_CASE("ExtractClaims gives capacity 'with' a provider to the provider",
          "[extract]") {
  Claim c = Single("The lab now has up to 5 GW with Amazon under contract.");
  CHECK(c.subject == "Amazon");
  // Money paid under a contract stays the payer's.
  Claim paid = Single("OpenAI signed a $300 billion contract with Oracle.");
  CHECK(paid.subject == "OpenAI");
}

TEST_CASE("ExtractClaims gives a measure to its holder", "[extract]") {
  CHECK(Single("Anthropic's valuation reached $380 billion.").subject ==
        "Anthropic");
  CHECK(Single("Deals filled $2 trillion of backlogs at cloud providers.")
            .subject == "cloud providers");
}

TEST_CASE("ExtractClaims lets a bracketed figure share its parties",
          "[extract]") {
  auto claims =
      Extract("Anthropic holds up to 5 GW with Amazon (nearly 1 GW by 2026).");
  REQUIRE(claims.size() == 2);
  CHECK(claims[1].subject == claims[0].subject);
  CHECK(claims[1].parties == std::vector<std::string>{"Amazon", "Anthropic"});
  CHECK(claims[1].time == "2026");
}

TEST_CASE("ExtractClaims resolves a repeated figure to its named site",
          "[extract]") {
  auto claims = Extract(
      "The lab is renting 220,000 GPUs. The chips sit at Colossus 1, where "
      "220,000 GPUs run today. Nobody else has 220,000 GPUs to spare.");
  REQUIRE(claims.size() == 3);
  for (const Claim& c : claims) CHECK(c.subject == "Colossus 1");
}

TEST_CASE(
    "ExtractClaims gives an article's one site the capacity its owner "
    "states",
    "[extract]") {
  auto claims = Extract(
      "Colossus 1 was built in Memphis. xAI says it added 300 MW this year. "
      "Amazon plans 5 GW elsewhere.");
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].subject == "Colossus 1");  // xAI owns the site.
  CHECK(claims[1].subject == "Amazon");      // Not the site's owner.
}

TEST_CASE("ExtractClaims gives a figure without a name the article's actor",
          "[extract]") {
  auto claims = Extract(
      "Anthropic raised money. Anthropic hired staff. The round set a $380 "
      "billion valuation.");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].subject == "Anthropic");
}

// Hostile input: none of these may crash or take more than linear time.
TEST_CASE("ExtractClaims survives invalid UTF-8 and NUL bytes", "[extract]") {
  std::string text("\xff\xfe 6 GW \0 \xc3 at \xe2\x82 Colossus 1 \x80.", 30);
  auto claims = Extract(text);
  REQUIRE(claims.size() == 1);
  CHECK(Get(claims[0].value) == Near(6e9));
  CHECK(text.substr(claims[0].start, claims[0].end - claims[0].start) ==
        "6 GW");
}

TEST_CASE("ExtractClaims reads a 10 MB line without a sentence end",
          "[extract]") {
  std::string line;
  while (line.size() < (10u << 20)) line += "capacity of 300 MW and ";
  auto claims = Extract(line);
  CHECK(claims.size() == line.size() / 23);
  size_t longest = 0;
  for (const Claim& c : claims) longest = std::max(longest, c.sentence.size());
  CHECK(longest <= 1000);
}

TEST_CASE("ExtractClaims refuses a 100,000-digit number", "[extract]") {
  std::string text = "A " + std::string(100000, '9') + " GW campus and 5 GW.";
  auto claims = Extract(text);
  REQUIRE(claims.size() == 1);
  CHECK(Get(claims[0].value) == Near(5e9));
}

TEST_CASE("ExtractClaims reads 1 MB of punctuation and finds nothing",
          "[extract]") {
  std::string text;
  const char* marks = ".,;:!?-()[]$%'\"/";
  for (size_t i = 0; i < (1u << 20); ++i) text += marks[i % 16];
  CHECK(Extract(text).empty());
}

TEST_CASE("ExtractClaims reads nothing past a sentence cut short",
          "[extract]") {
  // Rules look several tokens past a figure ("1,000 GPUs or more", "500
  // A.D.", "5 GW of Microsoft capacity"); each sentence below stops where
  // such a rule would look on. Under AddressSanitizer any read past the
  // sentence fails the run.
  CHECK(Extract("They ordered 1,000 GPUs or").size() == 1);
  CHECK(Extract("Deal news\n\nThey ordered 500 A.\n").size() <= 1);
  CHECK(Extract("OpenAI bought 5 GW of Microsoft").size() == 1);
  // Every prefix of sentences dense with the words rules look for.
  const std::string texts[] = {
      "The lab said it had ordered more than 1,000 GPUs or more from Nvidia, "
      "up from 500 a year ago, worth about $2.5 billion (US$2.5bn) per year.",
      "Microsoft's valuation of $3 trillion rose 20% to 5 GW of capacity "
      "with Amazon, or 2x the 300 MW site at Colossus 1 in 2026-H2.",
      "Between 4 and 5 GW by 2030, nearly half of the 220,000 GPUs, "
      "a factor of ten, cut by a third, 25 to 44 aged, $80 per MWh."};
  for (const std::string& text : texts) {
    for (size_t n = 0; n <= text.size(); ++n) {
      for (const Claim& c : Extract(std::string_view(text).substr(0, n))) {
        CHECK(c.end <= n);
      }
    }
  }
}

namespace {

// Keeps what a ClaimSink is given, in order.
class RecordingSink : public ct::extract::ClaimSink {
 public:
  bool Add(std::vector<Claim> batch) override {
    batches.push_back(batch.size());
    for (Claim& c : batch) claims.push_back(std::move(c));
    return stop_after == 0 || batches.size() < stop_after;
  }
  void Resolve(std::vector<ct::extract::PartyFix> f) override {
    ++resolved;
    fixes = std::move(f);
  }
  std::vector<size_t> batches;
  std::vector<Claim> claims;
  std::vector<ct::extract::PartyFix> fixes;
  int resolved = 0;
  size_t stop_after = 0;
};

}  // namespace

TEST_CASE("ExtractClaims streams a sentence at a time, corrections last",
          "[extract]") {
  std::string text =
      "Colossus 1 holds more than 220,000 GPUs. Analysts expect 300 MW and "
      "100,000 GPUs more. Then it will run 220,000 GPUs at once.";
  RecordingSink sink;
  Extractor().Extract(text, &sink);
  CHECK(sink.batches == std::vector<size_t>{1, 2, 1});
  CHECK(sink.resolved == 1);
  // The gathered form applies the same corrections.
  std::vector<Claim> gathered = Extract(text);
  REQUIRE(gathered.size() == sink.claims.size());
  for (const auto& f : sink.fixes) {
    sink.claims[f.ordinal].subject = f.subject;
    sink.claims[f.ordinal].object = f.object;
  }
  for (size_t i = 0; i < gathered.size(); ++i) {
    CHECK(gathered[i].surface == sink.claims[i].surface);
    CHECK(gathered[i].subject == sink.claims[i].subject);
  }
  // The last "220,000 GPUs" names nobody: the same figure's site fills it.
  CHECK(gathered[3].subject == "Colossus 1");
  CHECK_FALSE(sink.fixes.empty());

  RecordingSink stopping;
  stopping.stop_after = 2;
  Extractor().Extract(text, &stopping);
  CHECK(stopping.batches.size() == 2);
  CHECK(stopping.resolved == 0);
}

TEST_CASE("ExtractClaims reads a document larger than a part as a whole",
          "[extract]") {
  // Lines with non-ASCII text, so offsets go through the folding map, and
  // enough of them to span several parts; then one long line without a
  // line break, which parts split between sentences.
  std::string text;
  size_t lines = 0;
  while (text.size() < (700u << 10)) {
    text += "L\xC3\xA9on said the site draws 300\xC2\xA0MW and holds " +
            std::to_string(1000 + lines) + " GPUs.\n";
    ++lines;
  }
  size_t sentences = 0;
  while (text.size() < (1500u << 10)) {
    text +=
        "The campus draws 40 MW in phase " + std::to_string(sentences) + ". ";
    ++sentences;
  }
  std::vector<Claim> claims = Extract(text);
  REQUIRE(claims.size() == 2 * lines + sentences);
  for (const Claim& c : claims) CheckOffsets(text, c);
  CHECK(Get(claims[2 * lines - 1].value) == Near(1000 + lines - 1));
  CHECK(Get(claims.back().value) == Near(40e6));
}

// Parties, facets and the article's deal: what grouping reads of a claim.

namespace {

// The claim of `text` whose surface is `surface`.
Claim Find(const std::vector<Claim>& claims, std::string_view surface) {
  for (const Claim& c : claims) {
    if (c.surface == surface) return c;
  }
  INFO("claims: " << Surfaces(claims));
  FAIL("no claim " << surface);
  return {};
}

using Parties = std::vector<std::string>;

}  // namespace

TEST_CASE("Parties are the same set from either side of a deal",
          "[extract][parties]") {
  Claim buyer = Single("OpenAI will buy 6 GW of accelerators from AMD.");
  Claim seller = Single("AMD will supply OpenAI with 6 GW of accelerators.");
  CHECK(buyer.parties == Parties{"AMD", "OpenAI"});
  CHECK(seller.parties == buyer.parties);
}

TEST_CASE("The article's deal fills a sentence that names one party or none",
          "[extract][parties]") {
  const char* text =
      "Under the agreement the total comes to 6 gigawatts. AMD expects the "
      "deal to be worth $90 billion. Its shares jumped 24% on the news.";
  auto claims = Extractor().Extract(text, "OpenAI signs chip pact with AMD");
  CHECK(Find(claims, "6 gigawatts").parties == Parties{"AMD", "OpenAI"});
  CHECK(Find(claims, "$90 billion").parties == Parties{"AMD", "OpenAI"});
  // A share move is the company's own figure, whatever the deal.
  Claim move = Find(claims, "24%");
  CHECK(move.metric == "growth");
  CHECK(move.parties.size() <= 1);
  // Without a headline, the lead names the deal.
  auto led = Extractor().Extract(
      "OpenAI and Broadcom announced a partnership on Monday. The companies "
      "will deploy 10 gigawatts of custom chips.");
  CHECK(Find(led, "10 gigawatts").parties == Parties{"Broadcom", "OpenAI"});
}

TEST_CASE("A figure of another deal keeps its own parties",
          "[extract][parties]") {
  auto claims = Extractor().Extract(
      "OpenAI will buy 6 gigawatts of chips. Separately, Microsoft agreed to "
      "spend $19 billion with Nebius.",
      "OpenAI signs chip pact with AMD");
  CHECK(Find(claims, "6 gigawatts").parties == Parties{"AMD", "OpenAI"});
  CHECK(Find(claims, "$19 billion").parties == Parties{"Microsoft", "Nebius"});
}

TEST_CASE("A product counts as its maker among the parties",
          "[extract][parties]") {
  Claim c = Single("Claude Code usage grew 10x this year.");
  CHECK(c.subject == "Claude Code");
  CHECK(c.parties == Parties{"Anthropic"});
}

TEST_CASE("The actor of a figure is the one of its own clause",
          "[extract][parties]") {
  auto claims = Extract(
      "Nvidia's $100 billion investment in OpenAI and OpenAI's $300 billion "
      "contract with Oracle dwarf the rest.");
  Claim oracle = Find(claims, "$300 billion");
  CHECK(oracle.parties == Parties{"OpenAI", "Oracle"});
  Claim nvidia = Find(claims, "$100 billion");
  CHECK(nvidia.parties == Parties{"Nvidia", "OpenAI"});
}

TEST_CASE("Facets tell a first phase and an addition from a total",
          "[extract][parties]") {
  CHECK(Single("The first 1 GW of capacity goes live next year.").facet ==
        "first");
  CHECK(Single("An initial $10 billion arrives when the contract is signed.")
            .facet == "first");
  CHECK(Single("Deliveries of 2 GW start in the first phase of the build.")
            .facet == "first");
  CHECK(Single("The company will add an additional 2 GW by 2028.").facet ==
        "additional");
  // A total, an order of events, a period: no facet.
  CHECK(Single("The deal covers 6 GW in total.").facet.empty());
  CHECK(Single("The partners first announced 6 GW of capacity.").facet.empty());
  CHECK(Single("In the first quarter revenue was $5 billion.").facet.empty());
  CHECK(Single("Colossus 1 adds another 300 MW on top.").facet.empty());
}

TEST_CASE("A headline made from a URL still names the deal",
          "[extract][parties]") {
  auto claims = Extractor().Extract(
      "The agreement covers 17 billion dollars of capacity over five years.",
      "nebius signs capacity deal with microsoft");
  CHECK(Find(claims, "17 billion dollars").parties ==
        Parties{"Microsoft", "Nebius"});
}

TEST_CASE("A project stands for its owner in the owner's deal",
          "[extract][parties]") {
  auto claims = Extractor().Extract(
      "Stargate will add 4.5 gigawatts of capacity at new sites.",
      "Oracle and OpenAI expand their cloud agreement");
  CHECK(Find(claims, "4.5 gigawatts").parties == Parties{"OpenAI", "Oracle"});
  // Elsewhere the project keeps its own name.
  Claim alone = Single("Stargate will add 4.5 gigawatts of capacity.");
  CHECK(alone.parties == Parties{"Stargate"});
}

TEST_CASE("Names made of the article's common words are no parties",
          "[extract][parties]") {
  auto claims = Extractor().Extract(
      "The warrant vests in stages. Exclusive Warrant Terms give OpenAI a 10% "
      "stake. The exclusive terms were a surprise.",
      "OpenAI signs chip pact with AMD");
  Claim stake = Find(claims, "10%");
  CHECK(stake.parties == Parties{"AMD", "OpenAI"});
  CHECK(stake.subject != "Exclusive Warrant Terms");
}

TEST_CASE("Relative times are read against the article's date",
          "[extract][parties]") {
  // 2025-10-08 was a Wednesday.
  const char* day = "2025-10-08T14:00:00Z";
  auto monday =
      Extractor().Extract("AMD shares jumped 24% on Monday.", "", day);
  REQUIRE(monday.size() == 1);
  CHECK(monday[0].time == "2025-10-06");
  auto today = Extractor().Extract("Nvidia stock rose 4% today.", "", day);
  REQUIRE(today.size() == 1);
  CHECK(today[0].time == "2025-10-08");
  auto year = Extractor().Extract(
      "Revenue will reach $5 billion this year, up from $3 billion last year.",
      "", day);
  REQUIRE(year.size() == 2);
  CHECK(year[0].time == "2025");
  CHECK(year[1].time == "2024");
  // Without a date they name no period.
  CHECK(Single("AMD shares jumped 24% on Monday.").time.empty());
}

TEST_CASE("Roles are kept where the text states them", "[extract][parties]") {
  using Roles = std::vector<std::pair<std::string, std::string>>;
  auto roles = [](const char* text) {
    Claim c = Single(text);
    std::sort(c.roles.begin(), c.roles.end());
    return c.roles;
  };
  CHECK(roles("Nvidia will invest up to $100 billion in OpenAI.") ==
        Roles{{"investor", "Nvidia"}, {"recipient", "OpenAI"}});
  CHECK(roles("OpenAI gets a $100 billion investment from Nvidia.") ==
        Roles{{"investor", "Nvidia"}, {"recipient", "OpenAI"}});
  CHECK(roles("OpenAI will buy 6 GW of chips from AMD.") ==
        Roles{{"customer", "OpenAI"}, {"supplier", "AMD"}});
  CHECK(roles("AMD will supply OpenAI with 6 GW of chips.") ==
        Roles{{"customer", "OpenAI"}, {"supplier", "AMD"}});
  // No verb that tells who does what, or one party only: no roles.
  CHECK(roles("The OpenAI and AMD partnership covers 6 GW.").empty());
  CHECK(roles("OpenAI will deploy 6 GW next year.").empty());
}

TEST_CASE("Hostile names neither crash extraction nor become parties",
          "[extract][parties]") {
  // A 500-word capitalised run, "Inc." alone, names full of digits.
  std::string run;
  for (int i = 0; i < 500; ++i)
    run += "Alpha" + std::string(i % 2 ? "" : "x") + " ";
  Claim c = Single(run + "buys 6 GW.");
  CHECK(c.parties.empty());
  CHECK(c.subject.empty());
  Claim inc = Single("Inc. agreed to buy 6 GW.");
  CHECK(inc.subject != "Inc.");
  auto digits = Extract("X9Z7 Q8R6 bought 5 GW from AB12CD34 for $9 billion.");
  CHECK(digits.size() == 2);
}

TEST_CASE("A few dollars are a price, not a valuation or a deal",
          "[extract][parties]") {
  CHECK(Single("Nvidia's stock closed at $183.61, giving it a market value "
               "above its record.")
            .metric == "price");
  CHECK(Single("The warrant lets OpenAI buy each share for 1 cent under the "
               "deal.")
            .metric == "price");
  CHECK(Single("Nvidia's market value reached $4.46 trillion.").metric ==
        "valuation");
  // With no keyword at all, the stock's trading says it.
  CHECK(Single("Ferrous Wire stock finished the session at $42.10, a record.")
            .metric == "price");
  CHECK(Single("Its shares traded near $9.75 before the bell.").metric ==
        "price");
  CHECK(Single("The firm paid $9,500 for the stock exchange listing fee.")
            .metric == "price");
  // What a deal costs its buyer is its worth.
  CHECK(Single("The deal could cost Cedar Labs $40 billion over a decade.")
            .metric == "commitment");
  auto per_gigawatt =
      Extract("A gigawatt of capacity costs about $35 billion in chips.");
  REQUIRE(per_gigawatt.size() == 2);
  CHECK(per_gigawatt[1].metric == "price");
}

TEST_CASE("ExtractClaims gives a stake to its holder", "[extract][parties]") {
  // Granted by the issuer.
  Claim granted = Single(
      "Ferrous Wire granted Cedar Labs a warrant for up to 10% of "
      "Ferrous Wire.");
  CHECK(granted.subject == "Cedar Labs");
  CHECK(granted.object == "Ferrous Wire");
  // Bought by the holder.
  Claim bought = Single(
      "Intel set up a warrant that lets Nvidia buy 50 million shares of "
      "Intel.");
  CHECK(bought.subject == "Nvidia");
  CHECK(bought.object == "Intel");
  // A share of revenue is no stake in the company.
  Claim revenue = Single("Cloud work is now about 25% of Oracle's revenue.");
  CHECK(revenue.subject == "Oracle");
  // A figure set off by a comma restates the one before it.
  auto restated = Extract(
      "Intel handed Nvidia an option on 50 million Intel shares, about 1% of "
      "its equity.");
  REQUIRE(restated.size() == 2);
  CHECK(restated[1].subject == "Nvidia");
  CHECK(restated[1].object == "Intel");
}

TEST_CASE("ExtractClaims finds the actor of a figure's own clause",
          "[extract][parties]") {
  auto prices = Extract(
      "Oracle stock climbed 4% to $250 early on, while AMD added 3% to "
      "$200.");
  REQUIRE(prices.size() == 4);
  CHECK(prices[0].subject == "Oracle");
  CHECK(prices[3].subject == "AMD");
  Claim relative = Single(
      "Analysts expect Intel to cede ground to Nvidia, which controls about "
      "80% of the segment.");
  CHECK(relative.subject == "Nvidia");
  Claim possessed =
      Single("Intel stock trailed all year, against Broadcom's 41% gain.");
  CHECK(possessed.subject == "Broadcom");
}

TEST_CASE("ExtractClaims tells a deal's sides by kind when the text does not",
          "[extract][parties]") {
  // A lab deploys what a chip maker supplies, whoever the sentence starts
  // with.
  Claim capacity = Single("AMD unveiled a 3 GW supply pact with Anthropic.");
  CHECK(capacity.subject == "Anthropic");
  CHECK(capacity.object == "AMD");
  // Roles that make a lab sell capacity to a chip maker are a misreading of
  // a joint deal, and are dropped.
  Claim joint = Single(
      "Broadcom is teaming up with OpenAI to design and deploy 4 GW of its "
      "chips.");
  CHECK(joint.subject == "OpenAI");
  CHECK(joint.roles.empty());
  // With the headline's deal, a sentence naming only the chip maker.
  auto claims = Extractor().Extract("AMD will ship the first 1 GW next year.",
                                    "OpenAI and AMD sign a chip supply deal",
                                    "2025-10-06");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].subject == "OpenAI");
  CHECK(claims[0].object == "AMD");
}

TEST_CASE("ExtractClaims keeps a person's own figure, as no party",
          "[extract][parties]") {
  Claim worth =
      Single("The rally lifted founder Dana Quill's net worth to $40 billion.");
  CHECK(worth.subject == "Dana Quill");
  CHECK(worth.metric == "other");
  CHECK(worth.parties.empty());
}

TEST_CASE("ExtractClaims reads a deal's side named by its kind",
          "[extract][parties]") {
  auto claims = Extractor().Extract(
      "The chipmaker plans to invest $20 billion in Anthropic over time.",
      "Nvidia and Anthropic agree a compute deal", "2025-11-18");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].subject == "Nvidia");
  CHECK(claims[0].object == "Anthropic");
  // With two sides of the kind, there is no telling which.
  auto two = Extractor().Extract(
      "The chipmaker plans to invest $20 billion in the venture.",
      "Nvidia and AMD form a venture", "2025-11-18");
  REQUIRE(two.size() == 1);
  CHECK(two[0].roles.empty());
  // A warrant issued to the holder.
  Claim issued = Single(
      "The option Intel issued to Nvidia covers 50 million shares of Intel.");
  CHECK(issued.subject == "Nvidia");
}

TEST_CASE("ExtractClaims takes no citation marker for a claim", "[extract]") {
  auto claims = Extract(
      "Ferrous Wire holds 6 GW [4] - Its shares rose 3% [5, 6]. The plan "
      "adds 2 GW [1-3].");
  std::vector<std::string> surfaces;
  for (const Claim& c : claims) surfaces.push_back(c.surface);
  CHECK(surfaces == std::vector<std::string>{"6 GW", "3%", "2 GW"});
  // A bracketed figure with a unit is still one.
  CHECK(Extract("The campus [2 GW] opens soon.").size() == 1);
}

TEST_CASE(
    "ExtractClaims reads a possessor's figure and labels, and no "
    "product as a deal's side",
    "[extract][parties]") {
  auto rival = Extractor().Extract(
      "The deal dwarfs rivals, next to Google's 3 gigawatts at its own "
      "campus.",
      "OpenAI and Nvidia sign a chip deal", "2025-09-22");
  REQUIRE(rival.size() == 1);
  CHECK(rival[0].subject == "Google");
  CHECK(rival[0].object.empty());
  Claim invest =
      Single("Nvidia's $100 billion investment in OpenAI leads the field.");
  CHECK(invest.subject == "Nvidia");
  CHECK(invest.object == "OpenAI");
  Claim label = Single("- Key terms: the plan covers up to 10 GW.");
  CHECK(label.subject.empty());
  Claim product = Single("ChatGPT will run on 2 GW of Oracle capacity.");
  CHECK(product.subject == "OpenAI");
  // A product's own figure stays the product's.
  Claim users = Single("ChatGPT's 800 million weekly users keep growing.");
  CHECK(users.subject == "ChatGPT");
}

TEST_CASE(
    "ExtractClaims reads thousands grouped by plain spaces and scales "
    "after a hyphen",
    "[extract]") {
  Claim spaced = Single("The fabric links 500 000 GPUs.");
  CHECK(Get(spaced.value) == Near(500000));
  CHECK(spaced.unit == "gpu");
  CHECK(Get(Single("They ordered 1 200 000 chips in 2025.").value) ==
        Near(1200000));
  // Not a run of numbers, nor a year before a count.
  CHECK(Extract("Call 555 123 4567 today.").empty());
  CHECK(Get(Single("In 2024 100 firms joined.").value) == Near(100));
  Claim hyphen = Single("It signed a $12-billion contract.");
  CHECK(Get(hyphen.value) == Near(12e9));
  CHECK(hyphen.surface == "$12-billion");
}

TEST_CASE(
    "ExtractClaims gives a running total the deal of the change before "
    "it",
    "[extract][parties]") {
  auto claims = Extract(
      "CoreWeave widened its Meta contract by $2 billion, taking the sum to "
      "$9 billion.");
  REQUIRE(claims.size() == 2);
  CHECK(claims[1].subject == "CoreWeave");
  CHECK(claims[1].object == "Meta");
  CHECK(claims[1].parties == std::vector<std::string>{"CoreWeave", "Meta"});
}

TEST_CASE("ExtractClaims tells the moment of a trading day a move was taken",
          "[extract][facets]") {
  CHECK(Single("Ferrous Wire shares rose 25% in premarket trading.").facet ==
        "premarket");
  CHECK(Single("Ferrous Wire shares rose 12% before the bell.").facet ==
        "premarket");
  CHECK(Single("Ferrous Wire shares closed up 24%.").facet == "close");
  CHECK(Single("Ferrous Wire stock ended 3.9% higher.").facet == "close");
  CHECK(Single("Ferrous Wire jumped as much as 30% on Monday.").facet ==
        "intraday");
  CHECK(Single("Ferrous Wire shares rose 60% in extended trading.").facet ==
        "after_hours");
  auto price = Extract("Its shares soared 68% to $108 in after-hours trading.");
  REQUIRE(price.size() == 2);
  CHECK(price[0].facet == "after_hours");
  CHECK(price[1].facet == "after_hours");
  CHECK(Single("Ferrous Wire shares rose 4% on Monday.").facet.empty());
  // Deals keep their own facets.
  CHECK(Single("The first phase of 1 GW closed in June.").facet == "first");
}

TEST_CASE("ExtractClaims reads strong verbs of a stock move as a change",
          "[extract]") {
  Claim up = Single("Ferrous Wire rocketed 25% before the bell.");
  CHECK(up.change == "up");
  CHECK(up.metric == "growth");
  Claim down = Single("Its shares tanked 12% on the news.");
  CHECK(down.change == "down");
  CHECK(down.metric == "growth");
}

TEST_CASE(
    "ExtractClaims reads the headline's figures, marked and measured "
    "in the headline",
    "[extract]") {
  std::string title = "OpenAI Signs $12B Deal for 2 GW With AMD";
  auto claims = Extractor().Extract(
      "OpenAI will buy 2 GW of capacity from AMD.", title, "2026-03-02");
  REQUIRE(claims.size() == 3);
  CHECK(claims[0].in_title);
  CHECK(claims[0].surface == "$12B");
  CHECK(title.substr(claims[0].start, claims[0].end - claims[0].start) ==
        "$12B");
  CHECK(claims[0].sentence == title);
  CHECK(claims[1].in_title);
  CHECK(claims[1].surface == "2 GW");
  CHECK_FALSE(claims[2].in_title);
  CHECK(claims[2].surface == "2 GW");
  // One figure in the headline and the body: one fact's two claims.
  CHECK(claims[1].parties == claims[2].parties);
  CHECK(claims[0].parties == std::vector<std::string>{"AMD", "OpenAI"});
  // A headline in title case makes no name of its other capitalised words.
  auto words = Extractor().Extract("", "Big Iron Signs $12B Power Deal", "");
  REQUIRE(words.size() == 1);
  CHECK(words[0].subject.empty());
}

TEST_CASE("ExtractClaims takes no page furniture for a claim", "[extract]") {
  CHECK(Extract("6 min read").empty());
  CHECK(Extract("Reading time: 4 minutes").empty());
  CHECK(Extract("2.4K Shares").empty());
  CHECK(Extract("18 comments").empty());
  // The same words in a sentence stay claims.
  CHECK(
      Extract("Ferrous Wire issued 40 million shares to Cedar Labs.").size() ==
      1);
  CHECK(Extract("The keynote ran 45 minutes.").size() == 1);
}
