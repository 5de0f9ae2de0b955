// Entities: the companies, sites, people and places a sentence names
// (meaning.h).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/meaning.h"
#include "extract/vocabulary.h"

namespace ct::extract {
namespace {

// Capitalised words that start sentences or name times, never entities.
bool IsCommonCapitalized(std::string_view lower) {
  static const WordSet* words = &WordList("common_capitalized");
  return words->count(lower) > 0;
}

bool IsUpperInitial(const SentenceTokens& s, size_t i) {
  if (i >= s.size()) return false;
  TokenKind kind = s.token(i).kind;
  if (kind != TokenKind::kWord && kind != TokenKind::kAlnum) return false;
  unsigned char c = static_cast<unsigned char>(s.Text(i)[0]);
  return c >= 'A' && c <= 'Z';
}

// Whether a country's name starting at `first` says where, not who: "in the
// U.S.", "across China", "8 million U.S. homes".
bool AsPlace(const SentenceTokens& s, size_t first) {
  static const WordSet* where = &WordList("as_place.where");
  size_t before = first;
  if (before > 0 && s.Is(before - 1, "the")) --before;
  if (before > 0 && where->count(s.Lower(before - 1)) > 0) return true;
  // After a count, the name is an adjective: "8 million U.S. homes".
  return first > 0 && (s.IsNumber(first - 1) || s.Is(first - 1, "million") ||
                       s.Is(first - 1, "billion"));
}

// Whether the unknown capitalised run [first, last] is a person: named
// with a title ("Chief Executive Jane Roe", "CEO Jane Roe", "analyst Jo
// Bloggs") or followed by one (", chief executive of").
bool IsPerson(const SentenceTokens& s, size_t first, size_t last) {
  static const WordSet* titles = &WordList("person.titles");
  if (first > 0) {
    size_t t = first - 1;
    if (s.Is(t, ".") && t > 0) --t;  // "Mr. Roe"
    if (titles->count(s.Lower(t)) > 0) return true;
  }
  size_t after = last + 1;
  if (s.Is(after, ",")) {
    ++after;
    if (s.Is(after, "the") || s.Is(after, "a") || s.Is(after, "an")) ++after;
    if (titles->count(s.Lower(after)) > 0) return true;
    if (s.Is(after, "who")) return true;
  }
  return false;
}

// Whether the sentence is a title-cased line: a headline or a heading,
// where every longer word starts with a capital.
bool IsTitleCase(const SentenceTokens& s) {
  size_t words = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.token(i).kind != TokenKind::kWord) continue;
    std::string_view w = s.Text(i);
    if (w.size() < 4) continue;
    if (!s.Capitalized(i)) return false;
    ++words;
  }
  return words >= 2;
}

// Whether the words around a product's name [first, last] call its maker:
// "the Widget maker", "the Widget-maker", "the creator of Widget", "the
// company behind Widget".
bool MakerOfProduct(const SentenceTokens& s, size_t first, size_t last) {
  static const WordSet* makers = &WordList("maker_of_product.makers");
  size_t after = last + 1;
  if (s.Is(after, "-")) ++after;
  if (makers->count(s.Lower(after)) > 0) return true;
  if (first >= 1 && s.Is(first - 1, "behind")) return true;
  return first >= 2 && s.Is(first - 1, "of") &&
         makers->count(s.Lower(first - 2)) > 0 && !s.Is(first - 2, "company");
}

}  // namespace

std::vector<EntityMention> FindEntities(const SentenceTokens& s,
                                        const Gazetteer& gazetteer,
                                        std::optional<int64_t> day) {
  std::vector<EntityMention> out;
  std::vector<Gazetteer::Mention> known = gazetteer.FindMentions(s);
  bool title_case = IsTitleCase(s);
  size_t k = 0;
  for (size_t i = 0; i < s.size();) {
    if (k < known.size() && known[k].first == i) {
      const auto& e = gazetteer.entity(known[k].entity);
      out.push_back({known[k].first, known[k].last, e.name, e.kind,
                     gazetteer.OwnerAt(known[k].entity, day)});
      if (e.kind == "government" && AsPlace(s, known[k].first)) {
        out.back().kind = "place";
      }
      if (MakerOfProduct(s, known[k].first, known[k].last) &&
          !e.owner.empty() && e.kind == "product") {
        // "the ChatGPT maker" names the company, not the product.
        int maker = gazetteer.Find(e.owner);
        out.back().name = e.owner;
        out.back().kind = maker >= 0 ? gazetteer.entity(maker).kind : "company";
        out.back().owner.clear();
      }
      i = known[k].last + 1;
      ++k;
      continue;
    }
    // A run of capitalised words the gazetteer does not know. The first
    // word of a sentence is capitalised anyway, so it alone is no name.
    // Letters glued to a number ("5G", "3M") are no name of their own.
    size_t j = i;
    while (j < s.size() && IsUpperInitial(s, j) &&
           s.token(j).kind == TokenKind::kWord &&
           !IsCommonCapitalized(s.Lower(j)) &&
           !(s.Attached(j) && j > 0 && s.IsNumber(j - 1)) &&
           !(k < known.size() && known[k].first == j)) {
      ++j;
    }
    // A run longer than a name is a heading or a title-cased line.
    constexpr size_t kMaxNameWords = 6;
    if (j > i && j - i <= kMaxNameWords &&
        !(i == 0 && j == 1 && s.token(0).kind == TokenKind::kWord &&
          !(j < s.size() && s.Is(j, "'")))) {
      // In a title-cased line every word is capitalised: only known names
      // count there. Nor is a label before a colon a name ("Scale: ..."),
      // nor a nickname in quotes ("dubbed \"Big Iron\"").
      bool quoted = i > 0 && s.Is(i - 1, "\"") && s.Is(j, "\"");
      // A label opens the line, after a bullet if any, and a colon closes
      // it within a few words: "- Key terms: ...".
      bool label = false;
      if (i == 0 || (i == 1 && s.token(0).kind == TokenKind::kSymbol)) {
        for (size_t t = j; t < s.size() && t <= j + 3 && !label; ++t) {
          label = s.Is(t, ":");
        }
      }
      if (title_case || label || quoted) {
        i = j;
        continue;
      }
      std::string name;
      for (size_t t = i; t < j; ++t) {
        if (t > i) name += ' ';
        name += std::string(s.Text(t));
      }
      out.push_back(
          {i, j - 1, name, IsPerson(s, i, j - 1) ? "person" : "unknown", ""});
      i = j;
      continue;
    }
    i = std::max(j, i + 1);
  }
  return out;
}

}  // namespace ct::extract
