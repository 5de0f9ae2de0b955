// Internal to extract/: what ClaimExtractor keeps of one document while it
// reads it, sentence by sentence, and the document pass that settles who
// each figure is about once the whole article is read (document.cc).
//
// Not thread-safe: one DocState per document.

#ifndef CT_EXTRACT_DOCUMENT_H_
#define CT_EXTRACT_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "extract/claim.h"
#include "extract/claim_extractor.h"
#include "extract/gazetteer.h"
#include "extract/meaning.h"
#include "extract/quantity_parser.h"

namespace ct::extract {

// Strings of one document by number, so that what the document pass keeps
// of each claim is a few integers. Id 0 is the empty string.
class Interner {
 public:
  Interner() : strings_(1) {}
  uint32_t Id(const std::string& s) {
    if (s.empty()) return 0;
    auto [it, added] = ids_.emplace(s, static_cast<uint32_t>(strings_.size()));
    if (added) strings_.push_back(s);
    return it->second;
  }
  const std::string& String(uint32_t id) const { return strings_[id]; }

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, uint32_t> ids_;
};

// What the document pass needs of one claim.
struct DocClaim {
  uint32_t metric = 0;
  uint32_t unit = 0;
  uint32_t subject = 0;
  uint32_t object = 0;
  // The parties sent with the claim, as identities (0 for none), and the
  // subject and object the sentence itself named.
  uint32_t party[2] = {0, 0};
  uint32_t named_subject = 0;
  bool has_value = false;
  bool site = false;        // Subject is a data centre named in the sentence.
  bool told_roles = false;  // The sentence says who does what.
  uint32_t issuer = 0;      // For a stake, whose shares the figure counts.
  double value = 0;
  // Known entities of the sentence piece, each with how often it is named:
  // DocState::piece_names[piece_begin, piece_end). Shared by the piece's
  // claims, so a piece dense with names and figures costs its length, not
  // names times figures.
  uint32_t piece_begin = 0;
  uint32_t piece_end = 0;
  // Those named inside the figure itself (the "US" of "US$55bn"), which
  // do not count as named beside it: DocState::inside[inside_begin, ...).
  uint32_t inside_begin = 0;
  uint32_t inside_end = 0;
};

struct Mentions {
  int count = 0;
  size_t order = 0;
};

// A figure's identity within one article: the same text gives the same
// double, so equality is exact.
using FigureKey = std::tuple<uint32_t, uint32_t, double>;

inline std::optional<FigureKey> KeyOf(const DocClaim& c, bool with_metric) {
  if (!c.has_value) return std::nullopt;
  return FigureKey{with_metric ? c.metric : 0, c.unit, c.value};
}

// Everything one document's extraction keeps from sentence to sentence.
struct DocState {
  Interner strings;
  std::vector<DocClaim> claims;
  std::vector<std::pair<uint32_t, uint32_t>> piece_names;  // (name, count)
  std::vector<uint32_t> inside;

  // How often `c`'s sentence names `name` beside the figure; with name 0,
  // how often it names anyone.
  uint32_t NamedBeside(const DocClaim& c, uint32_t name) const {
    uint32_t n = 0;
    for (uint32_t i = c.piece_begin; i < c.piece_end; ++i) {
      if (name == 0 || piece_names[i].first == name) n += piece_names[i].second;
    }
    for (uint32_t i = c.inside_begin; i < c.inside_end; ++i) {
      if (name == 0 || inside[i] == name) --n;
    }
    return n;
  }
  std::unordered_map<std::string, Mentions> mentions;
  // Names as identities for grouping: a product is its maker's.
  std::unordered_map<uint32_t, uint32_t> identity;
  // The gazetteer's kind of each known name and identity, by id.
  std::unordered_map<uint32_t, std::string> kinds;
  std::string_view KindOf(uint32_t id) const {
    auto it = kinds.find(id);
    return it == kinds.end() ? std::string_view() : it->second;
  }
  // The deal of the article: the first two actors its headline names, then
  // its lead. Ids; 0 for none.
  uint32_t deal[2] = {0, 0};
  bool titled_deal = false;  // The headline names both sides of the deal.
  size_t sentences = 0;      // Read so far.
  std::map<std::string, std::string> sites;  // Data centres -> owners.
  // Sites and projects -> who runs them, by id.
  std::unordered_map<uint32_t, uint32_t> operators;

  // Names of the gazetteer, as identities, but not its generic groups
  // ("data centers").
  std::unordered_set<uint32_t> known;
  bool Known(uint32_t id) const { return known.count(id) > 0; }
  // Every name the gazetteer lists, its generic groups too; and those of
  // places, which are where a figure is, not whose.
  std::unordered_set<uint32_t> listed;
  std::unordered_set<uint32_t> places;

  // Words the article writes in lower case somewhere: a capitalised run
  // made only of them is a heading or a sentence start ("Exclusive
  // Warrant"), not a name. Bounded, so a huge document costs no more.
  std::unordered_set<std::string> lower_words;
  void NoteLowerWords(const SentenceTokens& s) {
    constexpr size_t kMaxWords = 100000;
    for (size_t i = 0; i < s.size() && lower_words.size() < kMaxWords; ++i) {
      if (!s.IsWord(i)) continue;
      std::string_view w = s.Text(i);
      if (w.size() < 3 || w.size() > 24 || !(w[0] >= 'a' && w[0] <= 'z')) {
        continue;
      }
      lower_words.emplace(w);
    }
  }
  // Whether every word of `name` is one the article writes in lower case.
  bool CommonWords(uint32_t name) const {
    const std::string& n = strings.String(name);
    if (n.empty()) return false;
    size_t begin = 0;
    while (begin < n.size()) {
      size_t end = std::min(n.find(' ', begin), n.size());
      std::string w = n.substr(begin, end - begin);
      for (char& ch : w) {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
      if (lower_words.count(w) == 0) return false;
      begin = end + 1;
    }
    return true;
  }

  // A site's operator, or the name itself.
  uint32_t OperatorOf(uint32_t name) const {
    auto it = operators.find(name);
    return it == operators.end() ? name : it->second;
  }

  uint32_t IdentityOf(uint32_t name) const {
    auto it = identity.find(name);
    return it == identity.end() ? name : it->second;
  }
  // Adds an actor to the deal while it has room.
  void AddDealParty(uint32_t id) {
    if (id == 0 || id == deal[0] || id == deal[1]) return;
    if (deal[0] == 0) {
      deal[0] = id;
    } else if (deal[1] == 0) {
      deal[1] = id;
    }
  }
  uint32_t gpu_count = 0;  // Ids of the site metrics.
  uint32_t power_capacity = 0;

  bool IsSiteMetric(uint32_t metric) const {
    return metric != 0 && (metric == gpu_count || metric == power_capacity);
  }
};

// Whether a name of this kind stands for its owner among a figure's
// parties (a product for its maker).
bool StandsForOwner(const std::string& kind);

// Whether a metric is a deal's (a commitment, an investment, power bought).
bool IsDealMetric(const std::string& metric);

// Gives a figure to the side the project's conventions give it: capacity
// and GPUs to the customer, an investment to the investor, a stake to its
// holder.
void SubjectByRole(Claim& c, const Gazetteer& gazetteer);

// Names that stand for a side of the deal by its kind: "the chipmaker",
// "the AI startup".
void AddKindReferences(const SentenceTokens& s, const DocState& doc,
                       std::vector<EntityMention>* entities);

// The parties of a figure with subject `a` and object `b`, as identities.
void PartyPair(const DocState& doc, uint32_t a, uint32_t b, uint32_t out[2]);

// The names of the parties `p`, sorted.
std::vector<std::string> PartyNames(const DocState& doc, const uint32_t p[2]);

// The document pass: fixes of the subject, object, parties and metric of
// each claim, from what the whole article says.
std::vector<PartyFix> ResolveInDocument(DocState* doc);

}  // namespace ct::extract

#endif  // CT_EXTRACT_DOCUMENT_H_
