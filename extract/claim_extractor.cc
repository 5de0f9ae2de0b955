#include "extract/claim_extractor.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "common/days.h"
#include "extract/meaning.h"
#include "extract/quantity_parser.h"
#include "extract/sentences.h"
#include "extract/text_fold.h"
#include "extract/vocabulary.h"

namespace ct::extract {
namespace {

// A sentence longer than this is cut into pieces at spaces, so a 10 MB line
// without a full stop costs no more than many short sentences.
constexpr size_t kMaxPiece = 4096;
// The sentence stored with a claim is clipped to this many bytes around it.
constexpr size_t kMaxStoredSentence = 1000;

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::vector<Span> Pieces(std::string_view text, Span sentence) {
  std::vector<Span> out;
  size_t begin = sentence.begin;
  while (sentence.end - begin > kMaxPiece) {
    size_t cut = begin + kMaxPiece;
    size_t space = cut;
    while (space > begin + kMaxPiece / 2 && text[space] != ' ') --space;
    if (text[space] == ' ') {
      cut = space;
    } else {
      while (cut > begin && IsContinuation(text[cut])) --cut;
    }
    out.push_back({begin, cut});
    begin = cut;
  }
  out.push_back({begin, sentence.end});
  return out;
}

std::string ClipSentence(std::string_view text, size_t begin, size_t end,
                         size_t claim_begin, size_t claim_end) {
  if (end - begin <= kMaxStoredSentence) {
    return std::string(text.substr(begin, end - begin));
  }
  size_t margin =
      (kMaxStoredSentence -
       std::min<size_t>(claim_end - claim_begin, kMaxStoredSentence)) /
      2;
  size_t b = claim_begin > begin + margin ? claim_begin - margin : begin;
  size_t e = std::min(end, claim_end + margin);
  while (b > begin && IsContinuation(text[b])) --b;
  while (e < end && IsContinuation(text[e])) ++e;
  return std::string(text.substr(b, e - b));
}

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

std::optional<FigureKey> KeyOf(const DocClaim& c, bool with_metric) {
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

// Products count as their maker among a figure's parties. A project (a
// programme of sites) keeps its own name, but stands for its owner in the
// owner's deals, as a site does.
bool StandsForOwner(const std::string& kind) { return kind == "product"; }

// Metrics of a deal: a sentence that names one party of the article's deal,
// or none, states them for the whole deal.
bool IsDealMetric(const std::string& metric) {
  return metric == "commitment" || metric == "investment" ||
         metric == "power_capacity" || metric == "gpu_count" ||
         metric == "share";
}

// Kinds that sell a lab its capacity: chip makers, clouds, other companies.
bool SellsCapacity(std::string_view kind) {
  return kind == "chipmaker" || kind == "cloud" || kind == "company";
}

// Where the text says who does what, the figure is told from one side:
// capacity and chips are the customer's, who deploys them, with the
// supplier as the counterparty; money invested and stakes are the
// investor's, in the recipient. (Where it does not, SideByKind decides for
// the whole document.)
void SubjectByRole(Claim& c, const Gazetteer& gazetteer) {
  // A product is no side of a deal, nor of its term; its maker is:
  // "ChatGPT's 10 GW".
  bool term = c.metric == "other" && (c.unit == "year" || c.unit == "month");
  if (IsDealMetric(c.metric) || term) {
    for (std::string* name : {&c.subject, &c.object}) {
      int e = gazetteer.Find(*name);
      if (e >= 0 && gazetteer.entity(e).kind == "product" &&
          !gazetteer.entity(e).owner.empty()) {
        *name = gazetteer.entity(e).owner;
      }
    }
    if (c.object == c.subject) c.object.clear();
  }
  const char* first = nullptr;
  const char* second = nullptr;
  if (c.metric == "power_capacity" || c.metric == "gpu_count") {
    first = "customer";
    second = "supplier";
  } else if (c.metric == "investment" || c.metric == "share") {
    first = "investor";
    second = "recipient";
  } else {
    return;
  }
  auto kind = [&](const std::string& name) -> std::string_view {
    int e = gazetteer.Find(name);
    if (e < 0) return {};
    // A product is its maker's: "ChatGPT" deploys as OpenAI does.
    if (gazetteer.entity(e).kind == "product") {
      int maker = gazetteer.Find(gazetteer.entity(e).owner);
      return maker < 0 ? std::string_view() : gazetteer.entity(maker).kind;
    }
    return gazetteer.entity(e).kind;
  };
  const std::string* a = nullptr;
  const std::string* b = nullptr;
  for (const auto& [role, name] : c.roles) {
    if (role == first) a = &name;
    if (role == second) b = &name;
  }
  bool customer = std::string_view(first) == "customer";
  // A lab does not sell capacity to a chip maker or a cloud: roles read
  // that way misread a joint deal ("A partners with B to deploy"), and are
  // dropped.
  if (a != nullptr && b != nullptr && customer && SellsCapacity(kind(*a)) &&
      kind(*b) == "lab") {
    c.roles.clear();
    a = b = nullptr;
  }
  if (a != nullptr && b != nullptr && *a == c.object && *b == c.subject) {
    std::swap(c.subject, c.object);
  }
}

// Sets the subject and object of a deal's figure between a lab and the
// company on the other side, when the sentence did not say who does what:
// capacity and chips are the lab's, deployed from its supplier; money
// invested goes to the lab. The subject is kept when it is neither side.
void SideByKind(const DocState& doc, const std::string& metric,
                const uint32_t parties[2], DocClaim* c) {
  // A stake whose sentence named only its issuer is the other side's.
  if (metric == "share" && c->issuer != 0) {
    uint32_t issuer = doc.IdentityOf(c->issuer);
    if (doc.IdentityOf(c->subject) == issuer &&
        (parties[0] == issuer || parties[1] == issuer)) {
      c->subject = parties[0] == issuer ? parties[1] : parties[0];
      c->object = c->issuer;
    }
    return;
  }
  bool capacity = metric == "power_capacity" || metric == "gpu_count";
  if (!capacity && metric != "investment") return;
  // Who invests is told by the sentence when it names one side only: "A
  // aims to invest $1 trillion".
  if (!capacity && (c->named_subject == 0 || c->object == 0)) return;
  int lab = -1;
  for (int k = 0; k < 2; ++k) {
    if (doc.KindOf(parties[k]) == "lab" &&
        SellsCapacity(doc.KindOf(parties[1 - k]))) {
      lab = k;
    }
  }
  if (lab < 0) return;
  uint32_t subject = doc.IdentityOf(c->subject);
  if (subject != 0 && subject != parties[0] && subject != parties[1]) return;
  uint32_t first = capacity ? parties[lab] : parties[1 - lab];
  uint32_t second = capacity ? parties[1 - lab] : parties[lab];
  // Keep the names as the article wrote them where they are the same
  // side.
  auto named = [&](uint32_t side) {
    if (c->subject != 0 && doc.IdentityOf(c->subject) == side)
      return c->subject;
    if (c->object != 0 && doc.IdentityOf(c->object) == side) return c->object;
    return side;
  };
  uint32_t s = named(first), o = named(second);
  c->subject = s;
  c->object = o;
}

// "The chipmaker", "the cloud giant", "the AI startup": a side of the
// article's deal named by its kind. Each becomes a mention of that side,
// when the deal has exactly one side of the kind.
void AddKindReferences(const SentenceTokens& s, const DocState& doc,
                       std::vector<EntityMention>* entities) {
  if (doc.deal[0] == 0) return;
  struct Phrase {
    std::vector<std::string_view> words;
    std::string_view kind;
  };
  static const std::vector<Phrase>* phrases = new std::vector<Phrase>{
      {{"chipmaker"}, "chipmaker"},
      {{"chip", "maker"}, "chipmaker"},
      {{"chip", "designer"}, "chipmaker"},
      {{"chip", "giant"}, "chipmaker"},
      {{"chipmaking", "giant"}, "chipmaker"},
      {{"semiconductor", "giant"}, "chipmaker"},
      {{"gpu", "maker"}, "chipmaker"},
      {{"cloud", "provider"}, "cloud"},
      {{"cloud", "giant"}, "cloud"},
      {{"cloud", "company"}, "cloud"},
      {{"hyperscaler"}, "cloud"},
      {{"ai", "lab"}, "lab"},
      {{"ai", "startup"}, "lab"},
      {{"ai", "firm"}, "lab"},
      {{"ai", "developer"}, "lab"},
      {{"startup"}, "lab"},
  };
  auto side_of_kind = [&](std::string_view kind) -> uint32_t {
    uint32_t found = 0;
    for (uint32_t side : doc.deal) {
      if (side == 0 || doc.KindOf(side) != kind) continue;
      if (found != 0) return 0;  // Two sides of the kind: no telling.
      found = side;
    }
    return found;
  };
  std::vector<EntityMention> added;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (!s.Is(i, "the")) continue;
    for (const Phrase& p : *phrases) {
      size_t n = p.words.size();
      bool match = i + n < s.size();
      for (size_t w = 0; w < n && match; ++w) {
        match = s.Lower(i + 1 + w) == p.words[w];
      }
      // "the chipmaker's", not "the chipmaker industry".
      static const WordSet* wider = &WordList("kind_reference.wider_field");
      if (!match ||
          (i + 1 + n < s.size() && wider->count(s.Lower(i + 1 + n)) > 0)) {
        continue;
      }
      uint32_t side = side_of_kind(p.kind);
      if (side == 0) break;
      bool taken = std::any_of(entities->begin(), entities->end(),
                               [&](const EntityMention& e) {
                                 return e.first <= i + n && e.last >= i + 1;
                               });
      if (!taken) {
        added.push_back(
            {i + 1, i + n, doc.strings.String(side), std::string(p.kind), ""});
      }
      break;
    }
  }
  if (added.empty()) return;
  entities->insert(entities->end(), added.begin(), added.end());
  std::sort(entities->begin(), entities->end(),
            [](const EntityMention& a, const EntityMention& b) {
              return a.first < b.first;
            });
}

// Metrics of one party alone: a share price, revenue, a valuation or a
// headcount belong to the company they measure, whoever else the sentence
// names ("AMD shares rose 24% on the OpenAI deal" is AMD's).
bool IsOwnMetric(const std::string& metric) {
  return metric == "growth" || metric == "price" || metric == "revenue" ||
         metric == "valuation" || metric == "headcount" ||
         metric == "backlog" || metric == "usage_time" ||
         metric == "rate_limit_change";
}

// The sorted pair of identities of `a` and `b` (0 for none, last).
void PartyPair(const DocState& doc, uint32_t a, uint32_t b, uint32_t out[2]) {
  a = doc.IdentityOf(a);
  b = doc.IdentityOf(b);
  if (a == b) b = 0;
  if (a == 0) std::swap(a, b);
  if (b != 0 && doc.strings.String(b) < doc.strings.String(a)) {
    std::swap(a, b);
  }
  out[0] = a;
  out[1] = b;
}

std::vector<std::string> PartyNames(const DocState& doc, const uint32_t p[2]) {
  std::vector<std::string> out;
  for (int k = 0; k < 2; ++k) {
    if (p[k] != 0) out.push_back(doc.strings.String(p[k]));
  }
  return out;
}

// Subjects that only the whole article tells. An article repeats its
// figures in other words ("220,000 GPUs at Colossus 1", later "borrowing
// 220,000 GPUs"), so a figure takes the subject of the same figure where its
// sentence names it; capacity in an article about one data centre belongs
// to that site when the sentence names nobody else than its owner; and a
// figure whose sentence names nobody belongs to the article's main actor.
// Returns the claims whose subject or object changed.
std::vector<PartyFix> ResolveInDocument(DocState* doc) {
  std::vector<DocClaim>& cs = doc->claims;
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> before;
  before.reserve(cs.size());
  for (const DocClaim& c : cs)
    before.emplace_back(c.subject, c.object, c.metric);
  // 1. The same capacity figure, anchored at a site elsewhere.
  std::map<FigureKey, uint32_t> site_of;
  for (const DocClaim& c : cs) {
    if (!c.site) continue;
    if (auto key = KeyOf(c, false)) site_of.emplace(*key, c.subject);
  }
  for (size_t i = 0; i < cs.size() && !site_of.empty(); ++i) {
    if (cs[i].site || !doc->IsSiteMetric(cs[i].metric)) continue;
    auto key = KeyOf(cs[i], false);
    if (!key) continue;
    auto it = site_of.find(*key);
    if (it != site_of.end()) {
      cs[i].subject = it->second;
      cs[i].object = 0;
    }
  }
  // 2. One site in the article: capacity in sentences that name only its
  // owner, or nobody.
  if (doc->sites.size() == 1) {
    const auto& [site_name, owner_name] = *doc->sites.begin();
    uint32_t site = doc->strings.Id(site_name);
    uint32_t owner = doc->strings.Id(owner_name);
    for (DocClaim& c : cs) {
      if (c.site || !doc->IsSiteMetric(c.metric)) continue;
      if (c.subject == site) continue;
      bool owner_named = owner != 0 && doc->NamedBeside(c, owner) > 0;
      if (doc->NamedBeside(c, 0) == 0 || owner_named) {
        if (c.object == owner) c.object = 0;
        c.subject = site;
      }
    }
  }
  // 3. A figure without a subject takes that of the same figure elsewhere,
  // then the article's most mentioned actor.
  std::string main_name;
  int best = 0;
  size_t first = 0;
  for (const auto& [name, m] : doc->mentions) {
    if (m.count > best || (m.count == best && m.order < first)) {
      main_name = name;
      best = m.count;
      first = m.order;
    }
  }
  uint32_t main = doc->strings.Id(main_name);
  uint32_t other = doc->strings.Id("other");
  std::map<FigureKey, uint32_t> subject_of;
  for (const DocClaim& c : cs) {
    if (c.subject == 0) continue;
    if (auto key = KeyOf(c, true)) subject_of.emplace(*key, c.subject);
  }
  for (DocClaim& c : cs) {
    if (c.subject != 0) continue;
    if (auto key = KeyOf(c, true)) {
      auto it = subject_of.find(*key);
      if (it != subject_of.end()) c.subject = it->second;
    }
    if (c.subject == 0 && c.metric != other) c.subject = main;
  }
  // 4. A figure whose sentence tells no metric takes that of the same
  // figure elsewhere: a headline's bare "$300B" is the contract the body
  // describes.
  std::map<std::pair<uint32_t, double>, uint32_t> metric_of;
  for (const DocClaim& c : cs) {
    if (c.has_value && c.metric != other) {
      metric_of.emplace(std::make_pair(c.unit, c.value), c.metric);
    }
  }
  for (DocClaim& c : cs) {
    if (!c.has_value || c.metric != other) continue;
    auto it = metric_of.find({c.unit, c.value});
    if (it != metric_of.end()) c.metric = it->second;
  }
  // 5. Parties: the subject and object as identities; the article's deal
  // for a deal's figure whose sentence names one party of it, or none.
  uint32_t deal[2];
  PartyPair(*doc, doc->deal[0], doc->deal[1], deal);
  std::vector<PartyFix> fixes;
  for (size_t i = 0; i < cs.size(); ++i) {
    DocClaim& c = cs[i];
    const std::string& metric = doc->strings.String(c.metric);
    bool own = IsOwnMetric(metric);
    // Names the gazetteer does not know and the article writes in lower
    // case elsewhere are no parties.
    auto party = [&](uint32_t name) {
      if (doc->places.count(name) > 0) return uint32_t{0};
      return name != 0 && doc->listed.count(name) == 0 &&
                     !doc->Known(doc->IdentityOf(name)) &&
                     doc->CommonWords(name)
                 ? 0
                 : name;
    };
    // Nor are they shown as the subject or object; but a person keeps a
    // figure of their own ("Jane Roe's net worth"), as no party.
    bool person = doc->KindOf(c.subject) == "person";
    if (c.subject != 0 && party(c.subject) == 0 && !person) {
      c.subject = c.object != 0 && party(c.object) != 0 ? c.object : 0;
      if (c.subject == c.object) c.object = 0;
    }
    if (c.object != 0 && party(c.object) == 0) c.object = 0;
    uint32_t parties[2];
    PartyPair(*doc, person ? 0 : c.subject, own ? 0 : c.object, parties);
    // A site's own figures stay the site's ("GPUs at Colossus 1"), whether
    // its sentence named it or the article did.
    bool at_site =
        c.site || doc->sites.count(doc->strings.String(c.subject)) > 0;
    if (at_site) {
      // "220,000 GPUs at Colossus 1", with or without its operator or a
      // tenant named: the site's figure.
      parties[0] = c.subject;
      parties[1] = 0;
    }
    // A term in years or months, or a count of many things ("enough for 4
    // million homes"), in a deal's article is the deal's.
    const std::string& unit = doc->strings.String(c.unit);
    bool term = c.metric == other && (unit == "year" || unit == "month");
    bool many =
        c.metric == other && unit == "count" && c.has_value && c.value >= 1000;
    bool deal_figure = IsDealMetric(metric) || term || many;
    if (deal[0] != 0 && !at_site && deal_figure) {
      // Names the gazetteer does not know may be no parties at all (a
      // heading, a person, an outlet): they do not keep a deal's figure
      // from the deal. A site named beside the figure stands for its
      // operator.
      uint32_t known[2];
      for (int k = 0; k < 2; ++k) {
        known[k] = doc->Known(parties[k]) ? doc->OperatorOf(parties[k]) : 0;
      }
      auto in_deal = [&](uint32_t p) {
        return p == 0 || p == deal[0] || p == deal[1];
      };
      if (deal[1] != 0 && in_deal(known[0]) && in_deal(known[1])) {
        parties[0] = deal[0];
        parties[1] = deal[1];
        // A figure whose sentence named no one, or no one the gazetteer
        // knows, is the deal's, told as the headline tells it.
        if (c.subject == 0 ||
            ((term || many) && !doc->Known(doc->IdentityOf(c.subject)))) {
          c.subject = doc->deal[0];
          c.object = doc->deal[1];
        }
      } else if (deal[1] == 0 && known[1] == 0 && known[0] != 0 &&
                 known[0] != deal[0] && !many && !term) {
        // The article names one side of its deal; the sentence the other.
        PartyPair(*doc, deal[0], known[0], parties);
      }
    }
    // A deal's two sides, untold by the sentence: a lab deploys what a
    // chip maker or a cloud supplies, and takes what it invests.
    // Only where the sentence names both sides: a figure of one side alone
    // stays that side's, whatever the article's deal.
    auto names = [&](uint32_t side) {
      for (uint32_t k = c.piece_begin; k < c.piece_end; ++k) {
        uint32_t name = doc->piece_names[k].first;
        if (doc->IdentityOf(name) == side ||
            doc->IdentityOf(doc->OperatorOf(name)) == side) {
          return true;
        }
      }
      return false;
    };
    // Or where the headline names the deal's two sides and the sentence
    // names no one else.
    bool headline_deal =
        doc->titled_deal && parties[0] == deal[0] && parties[1] == deal[1] &&
        (c.named_subject == 0 || names(parties[0]) || names(parties[1]));
    if (!c.told_roles && !at_site && parties[0] != 0 && parties[1] != 0 &&
        ((names(parties[0]) && names(parties[1])) || headline_deal)) {
      SideByKind(*doc, metric, parties, &c);
    }
    bool same = before[i] == std::make_tuple(c.subject, c.object, c.metric) &&
                parties[0] == c.party[0] && parties[1] == c.party[1];
    if (same) continue;
    c.party[0] = parties[0];
    c.party[1] = parties[1];
    fixes.push_back({i, doc->strings.String(c.subject),
                     doc->strings.String(c.object), PartyNames(*doc, parties),
                     doc->strings.String(c.metric)});
  }
  return fixes;
}

// Documents are folded and split a part at a time, so a huge document
// costs what its parts do. Nearly every article fits in one part.
constexpr size_t kMaxPart = 256 << 10;

// Where the part of `text` that starts at `begin` ends: at a line break
// (which always ends a sentence), else after a full stop and a space, else
// at a space, else at a character boundary.
size_t PartEnd(std::string_view text, size_t begin) {
  if (text.size() - begin <= kMaxPart) return text.size();
  size_t limit = begin + kMaxPart;
  size_t floor = begin + kMaxPart / 2;
  size_t nl = text.rfind('\n', limit - 1);
  if (nl != std::string_view::npos && nl >= floor) return nl + 1;
  for (size_t i = limit - 1; i > floor; --i) {
    if (text[i] == ' ' && text[i - 1] == '.') return i + 1;
  }
  size_t space = text.rfind(' ', limit - 1);
  if (space != std::string_view::npos && space >= floor) return space + 1;
  size_t cut = limit;
  while (cut > begin + 1 && IsContinuation(text[cut])) --cut;
  return cut;
}

// Gathers the claims of the vector form of Extract.
class GatherSink : public ClaimSink {
 public:
  bool Add(std::vector<Claim> claims) override {
    for (Claim& c : claims) claims_.push_back(std::move(c));
    return true;
  }
  void Resolve(std::vector<PartyFix> fixes) override {
    for (PartyFix& f : fixes) {
      claims_[f.ordinal].subject = std::move(f.subject);
      claims_[f.ordinal].object = std::move(f.object);
      claims_[f.ordinal].parties = std::move(f.parties);
      claims_[f.ordinal].metric = std::move(f.metric);
    }
  }
  std::vector<Claim> Take() { return std::move(claims_); }

 private:
  std::vector<Claim> claims_;
};

// Gathers the claims and the dropped numbers of Explain.
class ExplainSink : public GatherSink {
 public:
  bool Explaining() const override { return true; }
  void Dropped(DroppedFigure figure) override {
    dropped_.push_back(std::move(figure));
  }
  std::vector<DroppedFigure> TakeDropped() { return std::move(dropped_); }

 private:
  std::vector<DroppedFigure> dropped_;
};

}  // namespace

ClaimExtractor::ClaimExtractor(const ExtractorOptions& options)
    : bounds_(options.bounds) {}

Result<std::unique_ptr<ClaimExtractor>> ClaimExtractor::Create(
    const ExtractorOptions& options) {
  std::unique_ptr<ClaimExtractor> extractor(new ClaimExtractor(options));
  for (const std::string& path : options.gazetteer_files) {
    CT_RETURN_IF_ERROR(extractor->gazetteer_.AddFile(path));
  }
  CT_RETURN_IF_ERROR(extractor->gazetteer_.AddBuiltin());
  return extractor;
}

std::vector<Claim> ClaimExtractor::Extract(std::string_view text,
                                           std::string_view title,
                                           std::string_view published) const {
  GatherSink sink;
  Extract(text, &sink, title, published);
  return sink.Take();
}

Explanation ClaimExtractor::Explain(std::string_view text,
                                    std::string_view title,
                                    std::string_view published) const {
  ExplainSink sink;
  Extract(text, &sink, title, published);
  Explanation out;
  out.claims = sink.Take();
  out.dropped = sink.TakeDropped();
  return out;
}

void ClaimExtractor::Extract(std::string_view text, ClaimSink* sink,
                             std::string_view title,
                             std::string_view published) const {
  DocState doc;
  const std::optional<int64_t> today = days::FromIso(published);
  doc.gpu_count = doc.strings.Id("gpu_count");
  doc.power_capacity = doc.strings.Id("power_capacity");
  // The actor a known name stands for in a deal: a chip's or a product's
  // maker, a site's operator; places and governments are no parties.
  auto deal_actor = [&](int id) -> uint32_t {
    const Gazetteer::Entity& e = gazetteer_.entity(id);
    if (!Gazetteer::IsPartyKind(e.kind)) return 0;
    bool by_owner = e.kind == "chip" || e.kind == "product" ||
                    e.kind == "project" || e.kind == "datacenter";
    std::string actor = gazetteer_.IdentityOf(id);
    if (by_owner) {
      const std::string& owner = gazetteer_.OwnerAt(id, today);
      if (owner.empty()) return 0;
      int o = gazetteer_.Find(owner);
      actor = o < 0 ? owner : gazetteer_.IdentityOf(o);
    }
    uint32_t actor_id = doc.strings.Id(actor);
    int a = gazetteer_.Find(actor);
    if (a >= 0) doc.kinds.emplace(actor_id, gazetteer_.entity(a).kind);
    return actor_id;
  };
  // Who a name is for grouping: a product's maker, a merged company's
  // successor, else itself.
  auto identity_of = [&](const std::string& name) {
    uint32_t id = doc.strings.Id(name);
    if (id == 0 || doc.identity.count(id) > 0) return;
    int e = gazetteer_.Find(name);
    uint32_t as = id;
    if (e >= 0) {
      doc.kinds.emplace(id, gazetteer_.entity(e).kind);
      const std::string& owner = gazetteer_.OwnerAt(e, today);
      if (StandsForOwner(gazetteer_.entity(e).kind) && !owner.empty()) {
        as = doc.strings.Id(owner);
      } else {
        as = doc.strings.Id(gazetteer_.IdentityOf(e));
      }
      int a = gazetteer_.Find(doc.strings.String(as));
      if (a >= 0) doc.kinds.emplace(as, gazetteer_.entity(a).kind);
    }
    doc.identity.emplace(id, as);
  };
  if (!title.empty()) {
    FoldedText folded = FoldText(title.substr(0, 4096));
    SentenceTokens s(folded.text);
    // A headline without capitals was made from a URL: names match in any
    // case there.
    bool no_capitals =
        std::none_of(folded.text.begin(), folded.text.end(),
                     [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    for (const Gazetteer::Mention& m :
         gazetteer_.FindMentions(s, no_capitals)) {
      doc.AddDealParty(deal_actor(m.entity));
    }
    doc.titled_deal = doc.deal[1] != 0;
  }
  // The lead: the first sentences after the headline.
  constexpr size_t kLeadSentences = 2;
  // Who the article is about: every entity but places, a chip standing
  // for its maker.
  auto count_mention = [&doc, &identity_of](const std::string& kind,
                                            const std::string& name,
                                            const std::string& owner) {
    // Places, people and outlets are never parties, wherever named.
    if (!Gazetteer::IsPartyKind(kind) && kind != "government") {
      doc.places.insert(doc.strings.Id(name));
      doc.kinds.emplace(doc.strings.Id(name), kind);
    }
    if (!Gazetteer::IsPartyKind(kind)) return;
    identity_of(name);
    if (!owner.empty()) identity_of(owner);
    if (StandsForOwner(kind) && !owner.empty()) {
      doc.identity.emplace(doc.strings.Id(name), doc.strings.Id(owner));
    }
    doc.listed.insert(doc.strings.Id(name));
    const std::string& actor = kind == "chip" ? owner : name;
    if (actor.empty()) return;
    if (!std::islower(static_cast<unsigned char>(actor[0]))) {
      uint32_t id = doc.strings.Id(actor);
      doc.known.insert(id);
      doc.known.insert(doc.IdentityOf(id));
    }
    auto& seen = doc.mentions[actor];
    if (seen.count++ == 0) seen.order = doc.mentions.size();
    if (kind == "datacenter") doc.sites[name] = owner;
    if ((kind == "datacenter" || kind == "project") && !owner.empty()) {
      doc.operators[doc.strings.Id(name)] = doc.strings.Id(owner);
    }
  };
  // One part of the body, or the headline: its sentences' claims go to
  // the sink. A headline's claims are marked, and their offsets are bytes
  // of the headline. False when the sink wants no more.
  const bool explaining = sink->Explaining();
  auto read_part = [&](std::string_view source, size_t part, size_t part_end,
                       bool in_title) -> bool {
    FoldedText folded = FoldText(source.substr(part, part_end - part));
    const std::string& ft = folded.text;
    auto original = [&](size_t folded_offset) {
      return part + folded.ToOriginal(folded_offset);
    };
    for (const Span& sentence : SplitSentences(ft)) {
      bool lead = !in_title && doc.sentences++ < kLeadSentences;
      if (lead) {
        SentenceTokens s(std::string_view(ft).substr(
            sentence.begin,
            std::min(sentence.end - sentence.begin, kMaxPiece)));
        for (const Gazetteer::Mention& m : gazetteer_.FindMentions(s)) {
          doc.AddDealParty(deal_actor(m.entity));
        }
      }
      size_t sentence_begin = original(sentence.begin);
      size_t sentence_end = original(sentence.end);
      std::vector<Claim> batch;
      for (const Span& piece : Pieces(ft, sentence)) {
        const size_t piece_claims = batch.size();
        SentenceTokens s(
            std::string_view(ft).substr(piece.begin, piece.end - piece.begin));
        std::vector<DroppedNumber> dropped;
        std::vector<Quantity> quantities =
            FindQuantities(s, explaining ? &dropped : nullptr);
        for (const DroppedNumber& d : dropped) {
          DroppedFigure f;
          f.start = original(piece.begin + s.token(d.first).begin);
          f.end = original(piece.begin + s.token(d.last).end);
          f.surface = std::string(source.substr(f.start, f.end - f.start));
          f.in_title = in_title;
          f.rule = d.rule;
          sink->Dropped(std::move(f));
        }
        doc.NoteLowerWords(s);
        if (quantities.empty()) {
          // Still count who the article is about.
          for (const Gazetteer::Mention& m : gazetteer_.FindMentions(s)) {
            const Gazetteer::Entity& e = gazetteer_.entity(m.entity);
            count_mention(e.kind, e.name, gazetteer_.OwnerAt(m.entity, today));
          }
          continue;
        }
        std::vector<EntityMention> entities =
            FindEntities(s, gazetteer_, today);
        AddKindReferences(s, doc, &entities);
        std::vector<TimeMention> times = FindTimes(s, today);
        // The piece's known entities once, with how often each is named.
        uint32_t piece_begin = static_cast<uint32_t>(doc.piece_names.size());
        for (const EntityMention& e : entities) {
          if (e.kind == "unknown") continue;
          uint32_t id = doc.strings.Id(e.name);
          auto first = doc.piece_names.begin() + piece_begin;
          auto it = std::find_if(first, doc.piece_names.end(),
                                 [id](const auto& n) { return n.first == id; });
          if (it != doc.piece_names.end()) {
            ++it->second;
          } else {
            doc.piece_names.emplace_back(id, 1);
          }
        }
        uint32_t piece_end = static_cast<uint32_t>(doc.piece_names.size());
        for (const EntityMention& e : entities) {
          // Nothing inside a figure counts (the "US" of "US$55bn").
          if (e.kind == "unknown") continue;
          bool inside = std::any_of(
              quantities.begin(), quantities.end(), [&](const Quantity& q) {
                return e.first <= q.last && e.last >= q.first;
              });
          if (!inside) count_mention(e.kind, e.name, e.owner);
        }
        for (size_t i = 0; i < quantities.size(); ++i) {
          const Quantity& q = quantities[i];
          Claim c;
          c.start = original(piece.begin + s.token(q.first).begin);
          c.end = original(piece.begin + s.token(q.last).end);
          c.surface = std::string(source.substr(c.start, c.end - c.start));
          c.in_title = in_title;
          if (explaining) {
            c.rules.assign(q.rules.names, q.rules.names + q.rules.size);
          }
          double factor = q.unit ? q.unit->factor : 1.0;
          if (q.unit != nullptr) {
            c.unit = q.unit->base;
            c.written_unit = q.unit->written;
          } else if (q.gpu) {
            c.unit = "gpu";
            c.written_unit = "GPU";
            c.noun = q.noun;
          } else {
            c.unit = "count";
            c.written_unit = q.noun_written;
            c.noun = q.noun;
          }
          if (!q.per.empty()) {
            // A rate: "$58 per barrel" is USD/barrel, written "$ per barrel".
            c.unit += "/" + q.per;
            if (!c.written_unit.empty()) c.written_unit += ' ';
            c.written_unit += "per " + q.per_written;
          }
          if (q.age) c.written_unit += "-old";
          c.qualifier = q.qualifier;
          c.change = q.change;
          Interval bounds;
          if (q.is_range) {
            c.number_low = q.number;
            c.number_high = q.number_high;
            bounds = BoundsFor(q.qualifier, false, q.number * factor, 0,
                               q.number_high * factor, bounds_);
          } else {
            c.number = q.number;
            c.value = q.number * factor;
            bounds = BoundsFor(q.qualifier, q.nearly, *c.value,
                               q.half_step * factor, 0, bounds_);
          }
          c.low = bounds.low;
          c.high = bounds.high;
          c.low_inclusive = bounds.low_inclusive;
          c.high_inclusive = bounds.high_inclusive;
          c.metric = MetricOf(s, q);
          Roles roles = RolesOf(s, quantities, i, c.metric, entities);
          c.subject = std::move(roles.subject);
          c.object = std::move(roles.object);
          c.time = TimeOf(s, quantities, i, times);
          // Only a deal's figures come in tranches and phases: "the first
          // tranche, at a $500 billion valuation" values the company.
          if (IsDealMetric(c.metric)) {
            c.facet = FacetOf(s, quantities, i);
          } else if (c.metric == "growth" || c.metric == "price") {
            c.facet = SessionOf(s, quantities, i);
          }
          std::string issuer =
              c.metric == "share" ? IssuerOf(s, q, entities) : std::string();
          if (!issuer.empty() && !c.object.empty() && issuer == c.subject) {
            // A stake is its holder's, in the company that issues it.
            std::swap(c.subject, c.object);
          }
          c.roles = DealRoles(s, q, c.metric, c.subject, c.object, entities);
          SubjectByRole(c, gazetteer_);
          // A figure set off by a comma right after another restates it:
          // "160 million shares, about 10% of the stock".
          if (i > 0 && batch.size() > piece_claims && q.first >= 2 &&
              s.Is(q.first - 1, ",") && quantities[i - 1].last + 2 == q.first &&
              batch.back().metric == c.metric) {
            c.subject = batch.back().subject;
            c.object = batch.back().object;
            c.roles = batch.back().roles;
          }
          // A running total after a change is the same deal's: "widened
          // its B contract by $2 billion, taking the sum to $9 billion".
          if (i > 0 && batch.size() > piece_claims && c.object.empty() &&
              !batch.back().object.empty() &&
              batch.back().subject == c.subject) {
            static const WordSet* totals = &WordList("running_total_verbs");
            for (size_t t = quantities[i - 1].last + 1; t < q.first; ++t) {
              if (totals->count(s.Lower(t)) > 0) {
                c.object = batch.back().object;
                break;
              }
            }
          }
          c.sentence = ClipSentence(source, sentence_begin, sentence_end,
                                    c.start, c.end);

          DocClaim d;
          d.metric = doc.strings.Id(c.metric);
          d.unit = doc.strings.Id(c.unit);
          d.subject = doc.strings.Id(c.subject);
          d.object = doc.strings.Id(c.object);
          d.named_subject = d.subject;
          identity_of(c.subject);
          identity_of(c.object);
          PartyPair(doc, d.subject, d.object, d.party);
          c.parties = PartyNames(doc, d.party);
          d.has_value = c.value.has_value();
          d.value = c.value.value_or(0);
          d.site = roles.site;
          d.told_roles = !c.roles.empty();
          d.issuer = doc.strings.Id(issuer);
          d.piece_begin = piece_begin;
          d.piece_end = piece_end;
          d.inside_begin = static_cast<uint32_t>(doc.inside.size());
          for (const EntityMention& e : entities) {
            if (e.kind == "unknown") continue;
            if (e.first <= q.last && e.last >= q.first) {
              doc.inside.push_back(doc.strings.Id(e.name));
            }
          }
          d.inside_end = static_cast<uint32_t>(doc.inside.size());
          doc.claims.push_back(d);
          batch.push_back(std::move(c));
        }
      }
      if (!batch.empty() && !sink->Add(std::move(batch))) return false;
    }
    return true;
  };
  // The headline first: its figures are where slips show.
  if (!title.empty()) {
    std::string_view headline = title.substr(0, 4096);
    if (!read_part(headline, 0, headline.size(), true)) return;
  }
  for (size_t part = 0; part < text.size();) {
    size_t part_end = PartEnd(text, part);
    if (!read_part(text, part, part_end, false)) return;
    part = part_end;
  }
  sink->Resolve(ResolveInDocument(&doc));
}

}  // namespace ct::extract
