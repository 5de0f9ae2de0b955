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
#include "extract/document.h"
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

namespace {

// The claim's unit, numbers and bounds, from the figure as parsed.
void SetUnitAndBounds(const Quantity& q, const BoundsOptions& options,
                      Claim* claim) {
  Claim& c = *claim;
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
                       q.number_high * factor, options);
  } else {
    c.number = q.number;
    c.value = q.number * factor;
    bounds = BoundsFor(q.qualifier, q.nearly, *c.value, q.half_step * factor, 0,
                       options);
  }
  c.low = bounds.low;
  c.high = bounds.high;
  c.low_inclusive = bounds.low_inclusive;
  c.high_inclusive = bounds.high_inclusive;
}

// Reads one document for ClaimExtractor::Extract: the headline, then the
// body a part at a time, sentence by sentence; each sentence's claims go to
// the sink, and the document pass settles their parties at the end.
class DocumentReader {
 public:
  DocumentReader(const Gazetteer& gazetteer, const BoundsOptions& bounds,
                 std::string_view published, ClaimSink* sink)
      : gazetteer_(gazetteer),
        bounds_(bounds),
        today_(days::FromIso(published)),
        sink_(sink),
        explaining_(sink->Explaining()) {
    doc_.gpu_count = doc_.strings.Id("gpu_count");
    doc_.power_capacity = doc_.strings.Id("power_capacity");
  }

  void Read(std::string_view text, std::string_view title) {
    if (!title.empty()) ReadDealOfTitle(title);
    // The headline first: its figures are where slips show.
    if (!title.empty()) {
      std::string_view headline = title.substr(0, 4096);
      if (!ReadPart(headline, 0, headline.size(), true)) return;
    }
    for (size_t part = 0; part < text.size();) {
      size_t part_end = PartEnd(text, part);
      if (!ReadPart(text, part, part_end, false)) return;
      part = part_end;
    }
    sink_->Resolve(ResolveInDocument(&doc_));
  }

 private:
  // The lead: the first sentences after the headline.
  static constexpr size_t kLeadSentences = 2;

  // The actor a known name stands for in a deal: a chip's or a product's
  // maker, a site's operator; places and governments are no parties.
  uint32_t DealActor(int id) {
    const Gazetteer::Entity& e = gazetteer_.entity(id);
    if (!Gazetteer::IsPartyKind(e.kind)) return 0;
    bool by_owner = e.kind == "chip" || e.kind == "product" ||
                    e.kind == "project" || e.kind == "datacenter";
    std::string actor = gazetteer_.IdentityOf(id);
    if (by_owner) {
      const std::string& owner = gazetteer_.OwnerAt(id, today_);
      if (owner.empty()) return 0;
      int o = gazetteer_.Find(owner);
      actor = o < 0 ? owner : gazetteer_.IdentityOf(o);
    }
    uint32_t actor_id = doc_.strings.Id(actor);
    int a = gazetteer_.Find(actor);
    if (a >= 0) doc_.kinds.emplace(actor_id, gazetteer_.entity(a).kind);
    return actor_id;
  }

  // Who a name is for grouping: a product's maker, a merged company's
  // successor, else itself.
  void IdentityOf(const std::string& name) {
    uint32_t id = doc_.strings.Id(name);
    if (id == 0 || doc_.identity.count(id) > 0) return;
    int e = gazetteer_.Find(name);
    uint32_t as = id;
    if (e >= 0) {
      doc_.kinds.emplace(id, gazetteer_.entity(e).kind);
      const std::string& owner = gazetteer_.OwnerAt(e, today_);
      if (StandsForOwner(gazetteer_.entity(e).kind) && !owner.empty()) {
        as = doc_.strings.Id(owner);
      } else {
        as = doc_.strings.Id(gazetteer_.IdentityOf(e));
      }
      int a = gazetteer_.Find(doc_.strings.String(as));
      if (a >= 0) doc_.kinds.emplace(as, gazetteer_.entity(a).kind);
    }
    doc_.identity.emplace(id, as);
  }

  // The parties of the headline are the deal of the article.
  void ReadDealOfTitle(std::string_view title) {
    FoldedText folded = FoldText(title.substr(0, 4096));
    SentenceTokens s(folded.text);
    // A headline without capitals was made from a URL: names match in any
    // case there.
    bool no_capitals =
        std::none_of(folded.text.begin(), folded.text.end(),
                     [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    for (const Gazetteer::Mention& m :
         gazetteer_.FindMentions(s, no_capitals)) {
      doc_.AddDealParty(DealActor(m.entity));
    }
    doc_.titled_deal = doc_.deal[1] != 0;
  }

  // Who the article is about: every entity but places, a chip standing
  // for its maker.
  void CountMention(const std::string& kind, const std::string& name,
                    const std::string& owner) {
    // Places, people and outlets are never parties, wherever named.
    if (!Gazetteer::IsPartyKind(kind) && kind != "government") {
      doc_.places.insert(doc_.strings.Id(name));
      doc_.kinds.emplace(doc_.strings.Id(name), kind);
    }
    if (!Gazetteer::IsPartyKind(kind)) return;
    IdentityOf(name);
    if (!owner.empty()) IdentityOf(owner);
    if (StandsForOwner(kind) && !owner.empty()) {
      doc_.identity.emplace(doc_.strings.Id(name), doc_.strings.Id(owner));
    }
    doc_.listed.insert(doc_.strings.Id(name));
    const std::string& actor = kind == "chip" ? owner : name;
    if (actor.empty()) return;
    if (!std::islower(static_cast<unsigned char>(actor[0]))) {
      uint32_t id = doc_.strings.Id(actor);
      doc_.known.insert(id);
      doc_.known.insert(doc_.IdentityOf(id));
    }
    auto& seen = doc_.mentions[actor];
    if (seen.count++ == 0) seen.order = doc_.mentions.size();
    if (kind == "datacenter") doc_.sites[name] = owner;
    if ((kind == "datacenter" || kind == "project") && !owner.empty()) {
      doc_.operators[doc_.strings.Id(name)] = doc_.strings.Id(owner);
    }
  }

  // One part of the body, or the headline: its sentences' claims go to
  // the sink. A headline's claims are marked, and their offsets are bytes
  // of the headline. False when the sink wants no more.
  bool ReadPart(std::string_view source, size_t part, size_t part_end,
                bool in_title) {
    Part p;
    p.source = source;
    p.begin = part;
    p.folded = FoldText(source.substr(part, part_end - part));
    p.in_title = in_title;
    const std::string& ft = p.folded.text;
    for (const Span& sentence : SplitSentences(ft)) {
      bool lead = !in_title && doc_.sentences++ < kLeadSentences;
      if (lead) {
        SentenceTokens s(std::string_view(ft).substr(
            sentence.begin,
            std::min(sentence.end - sentence.begin, kMaxPiece)));
        for (const Gazetteer::Mention& m : gazetteer_.FindMentions(s)) {
          doc_.AddDealParty(DealActor(m.entity));
        }
      }
      p.sentence_begin = p.Original(sentence.begin);
      p.sentence_end = p.Original(sentence.end);
      std::vector<Claim> batch;
      for (const Span& piece : Pieces(ft, sentence)) {
        ReadPiece(p, piece, &batch);
      }
      if (!batch.empty() && !sink_->Add(std::move(batch))) return false;
    }
    return true;
  }

  // A part of the text as read: folded, with the sentence being read.
  struct Part {
    std::string_view source;
    size_t begin = 0;
    FoldedText folded;
    bool in_title = false;
    size_t sentence_begin = 0;  // Bytes of `source`.
    size_t sentence_end = 0;
    size_t Original(size_t folded_offset) const {
      return begin + folded.ToOriginal(folded_offset);
    }
  };

  // One piece of a sentence: its figures, each made a claim into `batch`.
  void ReadPiece(const Part& p, const Span& piece, std::vector<Claim>* batch) {
    const std::string& ft = p.folded.text;
    const size_t piece_claims = batch->size();
    SentenceTokens s(
        std::string_view(ft).substr(piece.begin, piece.end - piece.begin));
    std::vector<DroppedNumber> dropped;
    std::vector<Quantity> quantities =
        FindQuantities(s, explaining_ ? &dropped : nullptr);
    for (const DroppedNumber& d : dropped) {
      DroppedFigure f;
      f.start = p.Original(piece.begin + s.token(d.first).begin);
      f.end = p.Original(piece.begin + s.token(d.last).end);
      f.surface = std::string(p.source.substr(f.start, f.end - f.start));
      f.in_title = p.in_title;
      f.rule = d.rule;
      sink_->Dropped(std::move(f));
    }
    doc_.NoteLowerWords(s);
    if (quantities.empty()) {
      // Still count who the article is about.
      for (const Gazetteer::Mention& m : gazetteer_.FindMentions(s)) {
        const Gazetteer::Entity& e = gazetteer_.entity(m.entity);
        CountMention(e.kind, e.name, gazetteer_.OwnerAt(m.entity, today_));
      }
      return;
    }
    Piece piece_of;
    piece_of.s = &s;
    piece_of.quantities = &quantities;
    piece_of.entities = FindEntities(s, gazetteer_, today_);
    AddKindReferences(s, doc_, &piece_of.entities);
    piece_of.times = FindTimes(s, today_);
    piece_of.claims_before = piece_claims;
    NoteNames(&piece_of);
    for (size_t i = 0; i < quantities.size(); ++i) {
      Claim c = MakeClaim(p, piece, piece_of, i, *batch);
      batch->push_back(std::move(c));
    }
  }

  // What the claims of one piece share.
  struct Piece {
    const SentenceTokens* s = nullptr;
    const std::vector<Quantity>* quantities = nullptr;
    std::vector<EntityMention> entities;
    std::vector<TimeMention> times;
    size_t claims_before = 0;  // Claims of the sentence before this piece.
    // Its known names: doc_.piece_names[names_begin, names_end).
    uint32_t names_begin = 0;
    uint32_t names_end = 0;
  };

  // The piece's known entities once, with how often each is named; and who
  // the article is about.
  void NoteNames(Piece* piece) {
    const std::vector<EntityMention>& entities = piece->entities;
    const std::vector<Quantity>& quantities = *piece->quantities;
    // The piece's known entities once, with how often each is named.
    piece->names_begin = static_cast<uint32_t>(doc_.piece_names.size());
    for (const EntityMention& e : entities) {
      if (e.kind == "unknown") continue;
      uint32_t id = doc_.strings.Id(e.name);
      auto first = doc_.piece_names.begin() + piece->names_begin;
      auto it = std::find_if(first, doc_.piece_names.end(),
                             [id](const auto& n) { return n.first == id; });
      if (it != doc_.piece_names.end()) {
        ++it->second;
      } else {
        doc_.piece_names.emplace_back(id, 1);
      }
    }
    piece->names_end = static_cast<uint32_t>(doc_.piece_names.size());
    for (const EntityMention& e : entities) {
      // Nothing inside a figure counts (the "US" of "US$55bn").
      if (e.kind == "unknown") continue;
      bool inside = std::any_of(quantities.begin(), quantities.end(),
                                [&](const Quantity& q) {
                                  return e.first <= q.last && e.last >= q.first;
                                });
      if (!inside) CountMention(e.kind, e.name, e.owner);
    }
  }

  // The claim of figure `i` of a piece.
  Claim MakeClaim(const Part& p, const Span& piece, const Piece& pc, size_t i,
                  const std::vector<Claim>& batch) {
    const SentenceTokens& s = *pc.s;
    const std::vector<Quantity>& quantities = *pc.quantities;
    const std::vector<EntityMention>& entities = pc.entities;
    const Quantity& q = quantities[i];
    Claim c;
    c.start = p.Original(piece.begin + s.token(q.first).begin);
    c.end = p.Original(piece.begin + s.token(q.last).end);
    c.surface = std::string(p.source.substr(c.start, c.end - c.start));
    c.in_title = p.in_title;
    if (explaining_) {
      c.rules.assign(q.rules.names, q.rules.names + q.rules.size);
    }
    SetUnitAndBounds(q, bounds_, &c);
    std::string issuer;
    Roles roles = SetMeaning(s, quantities, i, entities, pc.times, &c, &issuer);
    FollowPrevious(s, quantities, i, batch, pc.claims_before, &c);
    c.sentence = ClipSentence(p.source, p.sentence_begin, p.sentence_end,
                              c.start, c.end);
    NoteClaim(q, pc, roles, issuer, &c);
    return c;
  }

  // What the figure means: its metric, parties, period and facet.
  Roles SetMeaning(const SentenceTokens& s,
                   const std::vector<Quantity>& quantities, size_t i,
                   const std::vector<EntityMention>& entities,
                   const std::vector<TimeMention>& times, Claim* claim,
                   std::string* issuer_out) {
    Claim& c = *claim;
    const Quantity& q = quantities[i];
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
    *issuer_out =
        c.metric == "share" ? IssuerOf(s, q, entities) : std::string();
    if (!issuer_out->empty() && !c.object.empty() && *issuer_out == c.subject) {
      // A stake is its holder's, in the company that issues it.
      std::swap(c.subject, c.object);
    }
    c.roles = DealRoles(s, q, c.metric, c.subject, c.object, entities);
    SubjectByRole(c, gazetteer_);
    return roles;
  }

  // What the figure takes from the one before it in the piece: a restated
  // figure its parties, a running total its counterparty.
  static void FollowPrevious(const SentenceTokens& s,
                             const std::vector<Quantity>& quantities, size_t i,
                             const std::vector<Claim>& batch,
                             size_t piece_claims, Claim* claim) {
    Claim& c = *claim;
    const Quantity& q = quantities[i];
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
        !batch.back().object.empty() && batch.back().subject == c.subject) {
      static const WordSet* totals = &WordList("running_total_verbs");
      for (size_t t = quantities[i - 1].last + 1; t < q.first; ++t) {
        if (totals->count(s.Lower(t)) > 0) {
          c.object = batch.back().object;
          break;
        }
      }
    }
  }

  // What the document pass keeps of the claim.
  void NoteClaim(const Quantity& q, const Piece& pc, const Roles& roles,
                 const std::string& issuer, Claim* claim) {
    Claim& c = *claim;
    DocClaim d;
    d.metric = doc_.strings.Id(c.metric);
    d.unit = doc_.strings.Id(c.unit);
    d.subject = doc_.strings.Id(c.subject);
    d.object = doc_.strings.Id(c.object);
    d.named_subject = d.subject;
    IdentityOf(c.subject);
    IdentityOf(c.object);
    PartyPair(doc_, d.subject, d.object, d.party);
    c.parties = PartyNames(doc_, d.party);
    d.has_value = c.value.has_value();
    d.value = c.value.value_or(0);
    d.site = roles.site;
    d.told_roles = !c.roles.empty();
    d.issuer = doc_.strings.Id(issuer);
    d.piece_begin = pc.names_begin;
    d.piece_end = pc.names_end;
    d.inside_begin = static_cast<uint32_t>(doc_.inside.size());
    for (const EntityMention& e : pc.entities) {
      if (e.kind == "unknown") continue;
      if (e.first <= q.last && e.last >= q.first) {
        doc_.inside.push_back(doc_.strings.Id(e.name));
      }
    }
    d.inside_end = static_cast<uint32_t>(doc_.inside.size());
    doc_.claims.push_back(d);
  }

  const Gazetteer& gazetteer_;
  const BoundsOptions& bounds_;
  const std::optional<int64_t> today_;
  ClaimSink* const sink_;
  const bool explaining_;
  DocState doc_;
};

}  // namespace

void ClaimExtractor::Extract(std::string_view text, ClaimSink* sink,
                             std::string_view title,
                             std::string_view published) const {
  DocumentReader(gazetteer_, bounds_, published, sink).Read(text, title);
}

}  // namespace ct::extract
