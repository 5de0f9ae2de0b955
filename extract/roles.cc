// Roles: who a figure is about, and what each party does in the deal
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
#include "extract/meaning_internal.h"
#include "extract/vocabulary.h"

namespace ct::extract {
namespace {

const EntityMention* EntityAt(const std::vector<EntityMention>& entities,
                              size_t first) {
  for (const EntityMention& e : entities) {
    if (e.first == first) return &e;
  }
  return nullptr;
}

bool IsLowercaseWord(const SentenceTokens& s, size_t i) {
  if (i >= s.size() || s.token(i).kind != TokenKind::kWord) return false;
  unsigned char c = static_cast<unsigned char>(s.Text(i)[0]);
  return c >= 'a' && c <= 'z';
}

// The party a figure names next to itself, which beats the sentence's actor:
//   "up to 5 GW with Amazon"                 -> Amazon
//   "$30 billion of Azure capacity"          -> Microsoft
//   "the $2 trillion in backlogs at cloud providers", "Anthropic's
//   valuation", "cloud provider backlogs"    -> the holder of the measure
const EntityMention* LocalParty(const SentenceTokens& s, const Quantity& q,
                                const std::string& metric, size_t lo, size_t hi,
                                const std::vector<EntityMention>& entities) {
  size_t after = q.last + 1;
  // Capacity or a build "with X" is X's: the provider's gigawatts, the
  // builder's investment. Money paid under a contract "with X" stays the
  // payer's, so commitments keep the sentence's actor.
  bool with_counts = metric == "power_capacity" || metric == "gpu_count" ||
                     metric == "investment" || metric == "energy";
  for (size_t t = after; with_counts && t < hi && t < after + 4; ++t) {
    if (s.Is(t, "with")) {
      size_t e = s.Is(t + 1, "the") ? t + 2 : t + 1;
      return EntityAt(entities, e);
    }
    if (!IsLowercaseWord(s, t)) break;
  }
  static const WordSet* capacity = &WordList("local_party.capacity_words");
  if (s.Is(after, "of")) {
    if (const EntityMention* e = EntityAt(entities, after + 1)) {
      if (capacity->count(s.Lower(e->last + 1))) return e;
    }
  }
  // "<Entity>'s <figure>": "B's 41% gain", "A's $300 billion contract".
  if (q.first >= 3 && s.Is(q.first - 2, "'") && s.Is(q.first - 1, "s")) {
    for (const EntityMention& e : entities) {
      if (e.last + 3 == q.first && e.first >= lo) return &e;
    }
  }
  static const WordSet* measures = &WordList("local_party.measures");
  size_t from = q.first > lo + 3 ? q.first - 3 : lo;
  size_t to = std::min(hi, q.last + 5);
  for (size_t m = from; m < to; ++m) {
    if (m >= q.first && m <= q.last) continue;
    // A person's or a company's "net worth".
    bool net_worth = s.Is(m, "net") && s.Is(m + 1, "worth");
    if (!measures->count(s.Lower(m)) && !net_worth) continue;
    // "<measure> at/of/for [the] [major] <Entity>"
    if (s.Is(m + 1, "at") || s.Is(m + 1, "of") || s.Is(m + 1, "for")) {
      size_t e = m + 2;
      for (int skip = 0;
           skip < 2 && IsLowercaseWord(s, e) && !EntityAt(entities, e);
           ++skip) {
        ++e;
      }
      if (const EntityMention* found = EntityAt(entities, e)) return found;
    }
    // "<Entity> <measure>", "<Entity>'s <measure>"
    for (const EntityMention& e : entities) {
      if (e.last + 1 == m) return &e;
      if (e.last + 3 == m && s.Is(e.last + 1, "'") && s.Is(e.last + 2, "s")) {
        return &e;
      }
    }
  }
  return nullptr;
}

// The names a figure's parties are chosen from.
struct Candidates {
  std::vector<EntityMention> known, unknown, people, companies;
  bool named = false;  // A company is named: groups in lower case are not.
  // Every name local patterns see, people too, in text order.
  std::vector<EntityMention> local_names;
  // The names parties are chosen from.
  const std::vector<EntityMention>& Parties() const {
    const std::vector<EntityMention>& names = known.empty() ? unknown : known;
    return named ? companies : names;
  }
};

Candidates CandidatesOf(const std::vector<Quantity>& quantities,
                        const std::vector<EntityMention>& all_entities) {
  Candidates c;
  std::vector<EntityMention>& known = c.known;
  std::vector<EntityMention>& unknown = c.unknown;
  std::vector<EntityMention>& people = c.people;
  // Names the gazetteer knows come first; unknown capitalised words only
  // stand in when it knows none in the sentence.
  // A name inside any figure qualifies it and is no party to it: "220,000
  // Nvidia GPUs", the "US" of "US$55bn", the "TWh" of "945 TWh".
  auto inside_figure = [&](const EntityMention& e) {
    for (const Quantity& o : quantities) {
      if (e.first <= o.last && e.last >= o.first) return true;
    }
    return false;
  };
  for (const EntityMention& e : all_entities) {
    if (inside_figure(e)) continue;
    // People and outlets speak of figures; they are no parties to them.
    if (e.kind == "person") people.push_back(e);
    if (e.kind == "person" || e.kind == "outlet") continue;
    if (e.kind == "chip") {
      // A chip is no party; its maker is: "1 GW of MI450 GPUs" is AMD's.
      if (e.owner.empty()) continue;
      EntityMention maker = e;
      maker.name = e.owner;
      maker.kind = "chipmaker";
      maker.owner.clear();
      known.push_back(std::move(maker));
      continue;
    }
    (e.kind == "unknown" ? unknown : known).push_back(e);
  }
  // A group named in lower case ("cloud providers") is a subject only when
  // no company is named.
  c.named = std::any_of(known.begin(), known.end(), [](const auto& e) {
    return !std::islower(static_cast<unsigned char>(e.name[0]));
  });
  if (c.named) {
    for (const EntityMention& e : known) {
      if (!std::islower(static_cast<unsigned char>(e.name[0]))) {
        c.companies.push_back(e);
      }
    }
  }
  // Local patterns see every name, people too: "backlogs at cloud
  // providers", "Jane Roe's net worth".
  const std::vector<EntityMention>& names = known.empty() ? unknown : known;
  c.local_names = names;
  c.local_names.insert(c.local_names.end(), people.begin(), people.end());
  std::sort(c.local_names.begin(), c.local_names.end(),
            [](const EntityMention& a, const EntityMention& b) {
              return a.first < b.first;
            });
  return c;
}

// Whether a preposition governs the name `e`: "from Anthropic", and the
// second of "from Anthropic and OpenAI".
bool PrecededByPrep(const SentenceTokens& s, const EntityMention& e,
                    const std::vector<EntityMention>& entities) {
  static const WordSet* object_preps = &WordList("roles.object_prepositions");
  if (e.first == 0) return false;
  if (object_preps->count(s.Lower(e.first - 1))) return true;
  // "from Anthropic and OpenAI": the second name shares the preposition.
  if ((s.Is(e.first - 1, "and") || s.Is(e.first - 1, "or")) && e.first > 1) {
    for (const EntityMention& o : entities) {
      if (o.last + 2 == e.first && o.first > 0 &&
          object_preps->count(s.Lower(o.first - 1))) {
        return true;
      }
    }
  }
  return false;
}

// The data centre nearest a figure of capacity or GPUs, which they belong
// to; null when none is named.
const EntityMention* SiteOf(const Quantity& q, const std::string& metric,
                            const std::vector<EntityMention>& entities) {
  if (metric != "gpu_count" && metric != "power_capacity" &&
      metric != "energy") {
    return nullptr;
  }
  const EntityMention* site = nullptr;
  for (const EntityMention& e : entities) {
    if (e.kind != "datacenter") continue;
    if (site == nullptr ||
        Distance(q, e.first, e.last) < Distance(q, site->first, site->last)) {
      site = &e;
    }
  }
  return site;
}

// The actor of the figure's own clause in a sentence of several figures:
// "Nvidia's $100 billion investment in OpenAI and OpenAI's $300 billion
// contract with Oracle". The clause starts after the last break between
// the previous figure (which ends before `lo`) and this one.
const EntityMention* ClauseActor(const SentenceTokens& s, const Quantity& q,
                                 size_t lo,
                                 const std::vector<EntityMention>& entities) {
  const EntityMention* actor = nullptr;
  auto preceded_by_prep = [&](const EntityMention& e) {
    return PrecededByPrep(s, e, entities);
  };
  if (lo == 0) return nullptr;
  size_t clause = lo;
  for (size_t t = lo; t < q.first; ++t) {
    if (s.Is(t, ",") || s.Is(t, ";") || s.Is(t, "and") || s.Is(t, "but") ||
        s.Is(t, "while")) {
      clause = t + 1;
    }
  }
  for (const EntityMention& e : entities) {
    if (e.first < clause || preceded_by_prep(e)) continue;
    if (e.last >= q.first) break;
    actor = &e;
    break;
  }
  // None there: the clause began before the previous figure ("A rose 4%
  // to $25, while B rose 3% to $20"). It starts after the last strong
  // break before this figure.
  if (actor == nullptr) {
    size_t strong = 0;
    for (size_t t = 0; t < q.first; ++t) {
      if (s.Is(t, ";") || s.Is(t, "while") || s.Is(t, "whereas") ||
          s.Is(t, "but")) {
        strong = t + 1;
      }
    }
    for (const EntityMention& e : entities) {
      if (strong == 0 || e.first < strong || preceded_by_prep(e)) continue;
      if (e.last >= q.first) break;
      actor = &e;
      break;
    }
  }
  return actor;
}

// The sentence's actor: its first name that no preposition governs, or
// what that name possesses ("Anthropic's Claude API"); when every name
// before the figure is governed, the first of them. In a sentence of
// several figures, the actor of the figure's own clause comes first.
const EntityMention* ActorOf(const SentenceTokens& s, const Quantity& q,
                             size_t lo,
                             const std::vector<EntityMention>& entities) {
  auto preceded_by_prep = [&](const EntityMention& e) {
    return PrecededByPrep(s, e, entities);
  };
  const EntityMention* actor = ClauseActor(s, q, lo, entities);
  // A relative clause is its name's: "B, which holds 60% of the market".
  if (actor == nullptr) {
    for (size_t t = q.first; t > lo && t + 12 > q.first; --t) {
      size_t w = t - 1;
      if (!(s.Is(w, "which") || s.Is(w, "who"))) continue;
      size_t before = w > 0 && s.Is(w - 1, ",") ? w - 1 : w;
      for (const EntityMention& e : entities) {
        if (e.last + 1 == before) actor = &e;
      }
      break;
    }
  }
  for (size_t k = 0; k < entities.size() && actor == nullptr; ++k) {
    const EntityMention& e = entities[k];
    if (e.first > q.last) break;
    if (preceded_by_prep(e)) continue;
    actor = &e;
    if (k + 1 < entities.size() && s.Is(e.last + 1, "'") &&
        s.Is(e.last + 2, "s") && entities[k + 1].first == e.last + 3 &&
        entities[k + 1].first < q.first) {
      actor = &entities[k + 1];
    }
    break;
  }
  if (actor == nullptr && entities.front().last < q.first) {
    actor = &entities.front();
  }
  if (actor == nullptr) {
    for (const EntityMention& e : entities) {
      if (actor == nullptr || Distance(q, e.first, e.last) <
                                  Distance(q, actor->first, actor->last)) {
        actor = &e;
      }
    }
  }

  return actor;
}

// The counterparty: the nearest other name, preferring one after the
// figure ("6 GW of AMD GPUs", "$30 billion with Microsoft"); null when
// none.
const EntityMention* CounterpartyOf(
    const SentenceTokens& s, const Quantity& q, const Roles& roles, size_t lo,
    size_t hi, const std::vector<EntityMention>& entities) {
  const EntityMention* object = nullptr;
  size_t best = static_cast<size_t>(-1);
  for (const EntityMention& e : entities) {
    if (e.name == roles.subject || e.kind == "place") continue;
    // A site's owner is no counterparty; a tenant is named with a
    // preposition: "300 MW at Colossus 1 for Anthropic".
    if (roles.site && !(e.first > 0 &&
                        (s.Is(e.first - 1, "with") || s.Is(e.first - 1, "to") ||
                         s.Is(e.first - 1, "for")))) {
      continue;
    }
    if (e.first >= hi || e.last < lo) continue;  // Past a neighbouring figure.
    // A name that possesses the next figure is that figure's: "6 GW, against
    // Rival's 3 GW".
    if (hi < s.size() && e.last + 3 == hi && s.Is(e.last + 1, "'") &&
        s.Is(e.last + 2, "s")) {
      continue;
    }
    size_t d = Distance(q, e.first, e.last);
    if (e.last < q.first) d += 8;  // A name before the figure counts less.
    // So does a name in another clause: "$250 billion on its Azure cloud
    // unit, Oracle inked".
    size_t from = e.last < q.first ? e.last + 1 : q.last + 1;
    size_t to = e.last < q.first ? q.first : e.first;
    for (size_t t = from; t < to; ++t) {
      if (s.Is(t, ",") || s.Is(t, ";")) {
        d += 8;
        break;
      }
    }
    if (d < best) {
      best = d;
      object = &e;
    }
  }
  return object;
}

}  // namespace

Roles RolesOf(const SentenceTokens& s, const std::vector<Quantity>& quantities,
              size_t index, const std::string& metric,
              const std::vector<EntityMention>& all_entities) {
  Roles roles;
  const Quantity& q = quantities[index];
  // A figure in brackets right after another one adds to it: "up to 5 GW
  // with Amazon (nearly 1 GW by end of 2026)". It has the same parties.
  if (index > 0 && q.first > 0 && s.Is(q.first - 1, "(") &&
      q.first - 1 - quantities[index - 1].last <= 5) {
    return RolesOf(s, quantities, index - 1, metric, all_entities);
  }
  const Candidates candidates = CandidatesOf(quantities, all_entities);
  const std::vector<EntityMention>& people = candidates.people;
  const std::vector<EntityMention>& local_names = candidates.local_names;
  const std::vector<EntityMention>& entities = candidates.Parties();
  // Where neighbouring figures start and end: local patterns stop there.
  size_t lo = index > 0 ? quantities[index - 1].last + 1 : 0;
  size_t hi =
      index + 1 < quantities.size() ? quantities[index + 1].first : s.size();
  if (entities.empty()) {
    // A person's own figure, with no company beside it.
    if (!people.empty() && !roles.site) {
      if (const EntityMention* own =
              LocalParty(s, q, metric, lo, hi, local_names)) {
        roles.subject = own->name;
        roles.local = true;
      }
    }
    return roles;
  }
  if (const EntityMention* site = SiteOf(q, metric, entities)) {
    roles.subject = site->name;
    roles.site = true;
  }
  const EntityMention* actor = ActorOf(s, q, lo, entities);
  if (!roles.site) {
    const EntityMention* local = LocalParty(s, q, metric, lo, hi, local_names);
    if (local != nullptr && local->last + 3 == q.first &&
        s.Is(q.first - 2, "'")) {
      // "B's 2 GW": the possessor's figure; a counterparty only after it,
      // in its clause ("A's $100 billion investment in B").
      roles.subject = local->name;
      roles.local = true;
      for (const EntityMention& e : entities) {
        if (e.first <= q.last || e.first >= hi || e.name == local->name) {
          continue;
        }
        bool broken = false;
        for (size_t t = q.last + 1; t < e.first && !broken; ++t) {
          broken = s.Is(t, ",") || s.Is(t, ";");
        }
        if (!broken) roles.object = e.name;
        break;
      }
      return roles;
    }
    if (local != nullptr) {
      roles.subject = local->name;
      roles.local = true;
      if (actor != nullptr && actor->name != local->name) {
        roles.object = actor->name;
        return roles;
      }
      // The counterparty is found as for any subject, below.
    } else {
      roles.subject = actor->name;
    }
  }

  if (const EntityMention* object =
          CounterpartyOf(s, q, roles, lo, hi, entities)) {
    roles.object = object->name;
  }
  return roles;
}

std::string IssuerOf(const SentenceTokens& s, const Quantity& q,
                     const std::vector<EntityMention>& entities) {
  auto company_at = [&](size_t i) -> std::string {
    if (s.Is(i, "the")) ++i;
    const EntityMention* e = EntityAt(entities, i);
    if (e == nullptr || e->kind == "unknown" || e->kind == "person") return {};
    // "10% of B's revenue" counts no shares; "10% of B's stock" does.
    if (s.Is(e->last + 1, "'") && s.Is(e->last + 2, "s")) {
      const std::string& w = s.Lower(e->last + 3);
      if (w != "stock" && w != "shares" && w != "equity") return {};
    }
    return e->name;
  };
  // Inside the figure: "160 million AMD shares".
  for (const EntityMention& e : entities) {
    if (e.first > q.first && e.last < q.last && e.kind != "unknown") {
      return e.name;
    }
  }
  size_t after = q.last + 1;
  if (s.Is(after, "of")) return company_at(after + 1);
  if ((s.Is(after, "stake") || s.Is(after, "interest")) &&
      s.Is(after + 1, "in")) {
    return company_at(after + 2);
  }
  return {};
}

namespace {

using RoleList = std::vector<std::pair<std::string, std::string>>;

// The verbs that tell who does what in a deal.
enum class DealVerb { kNone, kInvest, kReceive, kSupply, kBuy, kIssue };

// The verb nearest before the figure, back to the start of its clause;
// `*at` is where it stands.
DealVerb VerbBefore(const SentenceTokens& s, const Quantity& q, bool invest,
                    bool trade, bool stake, size_t* at) {
  static const WordSet* kInvest = &WordList("deal_roles.invest");
  static const WordSet* kReceive = &WordList("deal_roles.receive");
  static const WordSet* kSupply = &WordList("deal_roles.supply");
  static const WordSet* kBuy = &WordList("deal_roles.buy");
  // A company issues or grants its shares; the other side buys them.
  static const WordSet* kIssue = &WordList("deal_roles.issue");
  for (size_t k = q.first; k > 0; --k) {
    size_t i = k - 1;
    if (s.Is(i, ";") || s.IsNumber(i)) break;
    const std::string& w = s.Lower(i);
    DealVerb kind = DealVerb::kNone;
    if (invest && kInvest->count(w)) {
      kind = DealVerb::kInvest;
    } else if (kReceive->count(w)) {
      kind = DealVerb::kReceive;
    } else if (trade && kSupply->count(w)) {
      kind = DealVerb::kSupply;
    } else if ((trade || stake) && kBuy->count(w)) {
      kind = DealVerb::kBuy;
    } else if (stake && kIssue->count(w)) {
      kind = DealVerb::kIssue;
    }
    if (kind != DealVerb::kNone) {
      *at = i;
      return kind;
    }
  }
  return DealVerb::kNone;
}

// "A granted B a warrant": the name right after the verb receives the
// shares and holds them; the other side issues them.
RoleList IssuedTo(const SentenceTokens& s, size_t verb,
                  const std::string& subject, const std::string& object,
                  const std::vector<EntityMention>& entities) {
  size_t at = verb + 1;
  if (s.Is(at, "to")) ++at;  // "issued to B".
  if (s.Is(at, "the")) ++at;
  for (const EntityMention& e : entities) {
    if (e.first != at) continue;
    if (e.name == subject)
      return {{"investor", subject}, {"recipient", object}};
    if (e.name == object) return {{"investor", object}, {"recipient", subject}};
  }
  return {};
}

// Which party does what the verb at `verb` says: 1 the subject, -1 the
// object, 0 when the sentence does not tell. The actor is named before the
// verb and not after "from", "by" or "with" ("a deal with OpenAI to supply
// 6 GW" is the sentence's actor supplying).
int WhoActs(const SentenceTokens& s, size_t verb, const std::string& subject,
            const std::string& object,
            const std::vector<EntityMention>& entities) {
  // Where each party is named last before the verb, else first: "A and B
  // announced a deal in which B will deploy".
  auto at = [&](const std::string& name) -> std::optional<size_t> {
    std::optional<size_t> before, first;
    for (const EntityMention& e : entities) {
      if (e.name != name) continue;
      if (!first) first = e.first;
      if (e.first < verb) before = e.first;
    }
    return before ? before : first;
  };
  std::optional<size_t> at_s = at(subject), at_o = at(object);
  if (!at_s || !at_o) return 0;
  // "A and B will deploy": both act, and neither role is told.
  auto joined = [&](size_t a, size_t b) {
    if (a > b) std::swap(a, b);
    for (const EntityMention& e : entities) {
      if (e.first == a) return s.Is(e.last + 1, "and") && e.last + 2 == b;
    }
    return false;
  };
  if (*at_s < verb && *at_o < verb && joined(*at_s, *at_o)) return 0;
  auto governed = [&](size_t i) {
    return i > 0 &&
           (s.Is(i - 1, "from") || s.Is(i - 1, "by") || s.Is(i - 1, "with"));
  };
  bool s_acts = *at_s < verb && !governed(*at_s);
  bool o_acts = *at_o < verb && !governed(*at_o);
  if (s_acts == o_acts) {
    // Both or neither before the verb: the nearer one before it acts.
    if (*at_s < verb && *at_o < verb) {
      s_acts = *at_s > *at_o;
    } else if (governed(*at_s) != governed(*at_o)) {
      s_acts = governed(*at_o);
    } else {
      return 0;
    }
  }
  return s_acts ? 1 : -1;
}

// The roles the verb gives the party that acts and the other.
RoleList RolesByVerb(DealVerb kind, const std::string& metric, bool invest,
                     const std::string& actor, const std::string& other) {
  switch (kind) {
    case DealVerb::kInvest:
      return {{"investor", actor}, {"recipient", other}};
    case DealVerb::kReceive:
      // "OpenAI gets $100 billion from Nvidia", "AMD lands 6 GW from
      // OpenAI"; "OpenAI gets a 10% stake in AMD": who gets shares holds
      // them.
      if (metric == "share") return {{"investor", actor}, {"recipient", other}};
      if (invest || metric == "commitment") {
        return {{"recipient", actor}, {"investor", other}};
      }
      return {{"supplier", actor}, {"customer", other}};
    case DealVerb::kSupply:
      return {{"supplier", actor}, {"customer", other}};
    default:
      // "B may buy 160 million shares": the buyer holds.
      if (metric == "share") return {{"investor", actor}, {"recipient", other}};
      return {{"customer", actor}, {"supplier", other}};
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DealRoles(
    const SentenceTokens& s, const Quantity& q, const std::string& metric,
    const std::string& subject, const std::string& object,
    const std::vector<EntityMention>& entities) {
  bool invest = metric == "investment" || metric == "share";
  bool trade = metric == "commitment" || metric == "power_capacity" ||
               metric == "gpu_count";
  if ((!invest && !trade) || subject.empty() || object.empty() ||
      subject == object) {
    return {};
  }
  // Each party must be named, if only inside a figure ("6 GW of AMD GPUs").
  auto named = [&](const std::string& name) {
    return std::any_of(entities.begin(), entities.end(),
                       [&](const EntityMention& e) { return e.name == name; });
  };
  if (!named(subject) || !named(object)) return {};
  size_t verb = 0;
  DealVerb kind = VerbBefore(s, q, invest, trade, metric == "share", &verb);
  if (kind == DealVerb::kNone) return {};
  if (kind == DealVerb::kIssue) {
    return IssuedTo(s, verb, subject, object, entities);
  }
  int acts = WhoActs(s, verb, subject, object, entities);
  if (acts == 0) return {};
  return RolesByVerb(kind, metric, invest, acts > 0 ? subject : object,
                     acts > 0 ? object : subject);
}

}  // namespace ct::extract
