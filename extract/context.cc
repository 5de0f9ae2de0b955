// Context: the qualifier before a quantity and the direction of change.

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

namespace {

using text::Lower;

// The qualifier before the figure: "about", "more than", "up to".
void ReadQualifierBefore(const SentenceTokens& s, size_t floor, Quantity* q) {
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
}

// After the figure: "$13bn or more", "1,000 GPUs or fewer".
void ReadQualifierAfter(const SentenceTokens& s, Quantity* q) {
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
}

// A rise or fall: "rose 40%", "was up more than 3%", "fell by half".
// Its size is a delta unless "to" leads to the level reached; "added"
// names new capacity as often as growth, so it makes no delta.
// Whether one was found.
bool ReadChangeBefore(const SentenceTokens& s, size_t floor, Quantity* q) {
  size_t t = q->first;
  bool to_level = false;
  for (int steps = 0; steps < 3 && t > floor; ++steps) {
    const std::string& w = s.Lower(t - 1);
    int change = ChangeOf(w);
    // "make up 10 percent", "ended up at": a phrasal verb, no rise.
    static const WordSet* phrasal = &WordList("context.phrasal_verbs");
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
      return true;
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
          return true;
        }
      }
    }
    if (w != "by" && w != "to" && w != "a" && w != "an" && w != "of" &&
        w != "some" && w != "another" && w != "nearly" && w != "about") {
      break;
    }
    --t;
  }
  return false;
}

// After the number: "a 40% increase", "a 12% drop", "30% less water",
// "70% higher than".
void ReadChangeAfter(const SentenceTokens& s, Quantity* q) {
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

void ReadQualifierAndChange(const SentenceTokens& s, size_t floor,
                            Quantity* q) {
  ReadQualifierBefore(s, floor, q);
  ReadQualifierAfter(s, q);
  if (!ReadChangeBefore(s, floor, q)) ReadChangeAfter(s, q);
}

}  // namespace

void ApplyContext(const SentenceTokens& s, size_t floor, Quantity* q) {
  Qualifier stated = q->qualifier;
  bool changed = !q->change.empty();
  ReadQualifierAndChange(s, floor, q);
  if (q->qualifier != stated) q->rules.Add("qualifier");
  if (!changed && !q->change.empty()) {
    q->rules.Add(q->delta ? "change" : "change_to_level");
  }
  // New over old, as "halved" is 0.5: "cut by a third" is 2/3.
  if (q->by_fraction && !q->change.empty()) {
    q->number = q->change == "up" ? 1 + q->number : 1 - q->number;
    q->by_fraction = false;
  }
}

}  // namespace ct::extract::rules
