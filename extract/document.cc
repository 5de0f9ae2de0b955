// The document pass (document.h): who each figure of an article is about,
// once every sentence has been read.

#include "extract/document.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "extract/vocabulary.h"

namespace ct::extract {

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

namespace {

// Kinds that sell a lab its capacity: chip makers, clouds, other companies.
bool SellsCapacity(std::string_view kind) {
  return kind == "chipmaker" || kind == "cloud" || kind == "company";
}

}  // namespace

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

namespace {

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

}  // namespace

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

namespace {

// Metrics of one party alone: a share price, revenue, a valuation or a
// headcount belong to the company they measure, whoever else the sentence
// names ("AMD shares rose 24% on the OpenAI deal" is AMD's).
bool IsOwnMetric(const std::string& metric) {
  return metric == "growth" || metric == "price" || metric == "revenue" ||
         metric == "valuation" || metric == "headcount" ||
         metric == "backlog" || metric == "usage_time" ||
         metric == "rate_limit_change";
}

}  // namespace

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
namespace {

// The same capacity figure, anchored at a site elsewhere.
void SubjectsOfSites(DocState* doc) {
  std::vector<DocClaim>& cs = doc->claims;
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
}

// One site in the article: capacity in sentences that name only its
// owner, or nobody.
void SubjectsOfOneSite(DocState* doc) {
  std::vector<DocClaim>& cs = doc->claims;
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
}

// A figure without a subject takes that of the same figure elsewhere,
// then the article's most mentioned actor.
void SubjectsFromElsewhere(DocState* doc) {
  std::vector<DocClaim>& cs = doc->claims;
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
}

// A figure whose sentence tells no metric takes that of the same
// figure elsewhere: a headline's bare "$300B" is the contract the body
// describes.
void MetricsFromElsewhere(DocState* doc) {
  std::vector<DocClaim>& cs = doc->claims;
  uint32_t other = doc->strings.Id("other");
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
}

// Names the gazetteer does not know and the article writes in lower case
// elsewhere are no parties, nor shown as the subject or object; but a
// person keeps a figure of their own ("Jane Roe's net worth"), as no party.
// Returns whether the subject is a person.
bool DropUnknownNames(const DocState& d, DocClaim* claim) {
  const DocState* doc = &d;
  DocClaim& c = *claim;
  auto party = [&](uint32_t name) {
    if (doc->places.count(name) > 0) return uint32_t{0};
    return name != 0 && doc->listed.count(name) == 0 &&
                   !doc->Known(doc->IdentityOf(name)) && doc->CommonWords(name)
               ? 0
               : name;
  };
  bool person = doc->KindOf(c.subject) == "person";
  if (c.subject != 0 && party(c.subject) == 0 && !person) {
    c.subject = c.object != 0 && party(c.object) != 0 ? c.object : 0;
    if (c.subject == c.object) c.object = 0;
  }
  if (c.object != 0 && party(c.object) == 0) c.object = 0;
  return person;
}

// A deal's figure in a deal's article: a term in years or months, or a
// count of many things ("enough for 4 million homes"), or a figure of a
// deal's metric, whose sentence names one party of the deal or none.
void DealParties(DocState* doc, const uint32_t deal[2], bool at_site,
                 DocClaim* claim, uint32_t parties[2]) {
  DocClaim& c = *claim;
  uint32_t other = doc->strings.Id("other");
  const std::string& metric = doc->strings.String(c.metric);
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
}

// A deal's two sides, untold by the sentence: a lab deploys what a chip
// maker or a cloud supplies, and takes what it invests. Only where the
// sentence names both sides, or the headline names them and the sentence
// no one else: a figure of one side alone stays that side's.
void SidesByKind(const DocState& d, const uint32_t deal[2], bool at_site,
                 const uint32_t parties[2], DocClaim* claim) {
  const DocState* doc = &d;
  DocClaim& c = *claim;
  const std::string& metric = doc->strings.String(c.metric);
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
  // The headline names the deal's two sides, and the sentence no one else.
  bool headline_deal =
      doc->titled_deal && parties[0] == deal[0] && parties[1] == deal[1] &&
      (c.named_subject == 0 || names(parties[0]) || names(parties[1]));
  if (!c.told_roles && !at_site && parties[0] != 0 && parties[1] != 0 &&
      ((names(parties[0]) && names(parties[1])) || headline_deal)) {
    SideByKind(*doc, metric, parties, &c);
  }
}

}  // namespace

std::vector<PartyFix> ResolveInDocument(DocState* doc) {
  std::vector<DocClaim>& cs = doc->claims;
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> before;
  before.reserve(cs.size());
  for (const DocClaim& c : cs)
    before.emplace_back(c.subject, c.object, c.metric);
  SubjectsOfSites(doc);
  SubjectsOfOneSite(doc);
  SubjectsFromElsewhere(doc);
  MetricsFromElsewhere(doc);
  // Parties: the subject and object as identities; the article's deal for a
  // deal's figure whose sentence names one party of it, or none.
  uint32_t deal[2];
  PartyPair(*doc, doc->deal[0], doc->deal[1], deal);
  std::vector<PartyFix> fixes;
  for (size_t i = 0; i < cs.size(); ++i) {
    DocClaim& c = cs[i];
    const std::string& metric = doc->strings.String(c.metric);
    bool person = DropUnknownNames(*doc, &c);
    uint32_t parties[2];
    PartyPair(*doc, person ? 0 : c.subject, IsOwnMetric(metric) ? 0 : c.object,
              parties);
    // A site's own figures stay the site's ("GPUs at Colossus 1"), whether
    // its sentence named it or the article did, with or without its
    // operator or a tenant named.
    bool at_site =
        c.site || doc->sites.count(doc->strings.String(c.subject)) > 0;
    if (at_site) {
      parties[0] = c.subject;
      parties[1] = 0;
    }
    DealParties(doc, deal, at_site, &c, parties);
    SidesByKind(*doc, deal, at_site, parties, &c);
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

}  // namespace ct::extract
