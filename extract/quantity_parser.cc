// The driver of the quantity parser: each token in turn, the first rule
// that parses a quantity there, then the rules that drop it or read its
// context. The rules live in the stage files that quantity_rules.h lists.

#include "extract/quantity_parser.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/text.h"
#include "extract/quantity_rules.h"

namespace ct::extract {
namespace {

using rules::ApplyContext;
using rules::NotAClaim;
using rules::Parse;
using rules::ParseAt;

bool InSpans(const std::vector<std::pair<size_t, size_t>>& spans,
             size_t offset) {
  for (const auto& [b, e] : spans) {
    if (offset >= b && offset < e) return true;
  }
  return false;
}

// Words that name the number after them: "page 42", "episode 214".
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
// comparison, has that unit: "5.1 million servers, up from 3.2 million",
// "72.5 cents, while the cheapest was 48.2".
void UnitFromPrevious(const SentenceTokens& s, std::vector<Quantity>* out) {
  static const WordSet* joins = &WordList("inherit_units.joins");
  for (size_t k = 1; k < out->size(); ++k) {
    Quantity& q = (*out)[k];
    const Quantity& prev = (*out)[k - 1];
    if (q.unit != nullptr || q.gpu || !q.noun.empty() || q.is_range) continue;
    if (prev.unit == nullptr && !prev.gpu && prev.noun.empty()) continue;
    // A level after a change in percent is no percentage: "up 1.2% to
    // 6,327.80"; a second change is: "up 3 percent, but B fell by 2". When
    // the percent restates a change in a unit, the level has that unit:
    // "gained 120 points, or 0.3%, to 44,210".
    if (prev.unit != nullptr &&
        (prev.unit->kind == UnitKind::kPercent ||
         prev.unit->kind == UnitKind::kRatio ||
         prev.unit->kind == UnitKind::kPercentagePoint) &&
        !s.Is(q.first - 1, "by")) {
      const Quantity* moved = k >= 2 ? &(*out)[k - 2] : nullptr;
      bool restated = moved != nullptr && moved->unit != nullptr &&
                      moved->unit->kind == UnitKind::kOther &&
                      s.Is(prev.first - 1, "or") && s.Is(q.first - 1, "to") &&
                      prev.first >= moved->last + 2 &&
                      prev.first - moved->last <= 3;
      if (!restated) continue;
      q.unit = moved->unit;
      q.rules.Add("unit_from_previous");
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
    q.rules.Add("unit_from_previous");
    // Its own rate stays: "31 thefts, compared with 26 per week".
    if (q.per.empty()) {
      q.per = prev.per;
      q.per_written = prev.per_written;
    }
  }
}

// A figure in the same unit after a rate, joined to it, is a rate too:
// "$80 per MWh in Virginia and $60 in Texas", "$2 an hour, from $8".
void RateFromPrevious(const SentenceTokens& s, std::vector<Quantity>* out) {
  static const WordSet* joins = &WordList("inherit_units.joins");
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
    q.rules.Add("rate_from_previous");
  }
}

// A bare figure takes the unit written after the next one: "6 or $7",
// "six or seven euros", "410 million of the 2 billion yuan", "grew
// by 4,000 to 36,000 employees".
void UnitFromNext(const SentenceTokens& s, std::vector<Quantity>* out) {
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
         (next.unit == nullptr ? !next.noun.empty()
                               : next.unit->kind == UnitKind::kOther)) ||
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
    q.rules.Add("unit_from_next");
  }
}

// A figure takes the unit or rate its neighbours write once for both.
void InheritUnits(const SentenceTokens& s, std::vector<Quantity>* out) {
  UnitFromPrevious(s, out);
  RateFromPrevious(s, out);
  UnitFromNext(s, out);
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

std::vector<Quantity> FindQuantities(const SentenceTokens& s,
                                     std::vector<DroppedNumber>* dropped) {
  std::vector<Quantity> out;
  std::vector<std::pair<size_t, size_t>> urls;
  bool urls_done = false;
  size_t floor = 0;  // Qualifiers never reach into the previous quantity.
  auto drop = [&](const Parse& p, const char* rule) {
    if (dropped != nullptr) {
      dropped->push_back({p.q.number_first, p.q.last, rule});
    }
  };
  for (size_t i = 0; i < s.size();) {
    auto p = ParseAt(s, i, true);
    if (!p) {
      ++i;
      continue;
    }
    size_t next = std::max(p->q.last + 1, i + 1);
    const char* not_a_claim = p->reject ? p->reject : NotAClaim(s, *p);
    if (not_a_claim != nullptr) {
      drop(*p, not_a_claim);
      i = next;
      continue;
    }
    if (!urls_done) {
      urls = UrlSpans(s.text());
      urls_done = true;
    }
    if (InSpans(urls, s.token(p->q.number_first).begin)) {
      drop(*p, "in_url");
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
