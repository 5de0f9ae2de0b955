#include "extract/claim_extractor.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "extract/meaning.h"
#include "extract/quantity_parser.h"
#include "extract/sentences.h"
#include "extract/text_fold.h"

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

// What a claim's sentence told about its parties, for the document pass.
struct Context {
  bool site = false;   // Subject is a data centre named in the sentence.
  bool local = false;  // Subject is named at the figure itself.
  std::vector<std::string> names;  // Known entities in the sentence.
};

struct Mentions {
  int count = 0;
  size_t order = 0;
};

// A figure's identity within one article: the same text gives the same
// double, so equality is exact.
using FigureKey = std::tuple<std::string, std::string, double>;

std::optional<FigureKey> KeyOf(const Claim& c, bool with_metric) {
  if (!c.value) return std::nullopt;
  return FigureKey{with_metric ? c.metric : "", c.unit, *c.value};
}

bool IsSiteMetric(const std::string& metric) {
  return metric == "gpu_count" || metric == "power_capacity";
}

// Subjects that only the whole article tells. An article repeats its
// figures in other words ("220,000 GPUs at Colossus 1", later "borrowing
// 220,000 GPUs"), so a figure takes the subject of the same figure where its
// sentence names it; capacity in an article about one data centre belongs
// to that site when the sentence names nobody else than its owner; and a
// figure whose sentence names nobody belongs to the article's main actor.
void ResolveInDocument(
    const std::unordered_map<std::string, Mentions>& mentions,
    const std::map<std::string, std::string>& sites,
    const std::vector<Context>& contexts, std::vector<Claim>* claims) {
  std::vector<Claim>& cs = *claims;
  // 1. The same capacity figure, anchored at a site elsewhere.
  std::map<FigureKey, std::string> site_of;
  for (size_t j = 0; j < cs.size(); ++j) {
    if (!contexts[j].site) continue;
    if (auto key = KeyOf(cs[j], false)) site_of.emplace(*key, cs[j].subject);
  }
  for (size_t i = 0; i < cs.size() && !site_of.empty(); ++i) {
    if (contexts[i].site || !IsSiteMetric(cs[i].metric)) continue;
    auto key = KeyOf(cs[i], false);
    if (!key) continue;
    auto it = site_of.find(*key);
    if (it != site_of.end()) {
      cs[i].subject = it->second;
      cs[i].object.clear();
    }
  }
  // 2. One site in the article: capacity in sentences that name only its
  // owner, or nobody.
  if (sites.size() == 1) {
    const auto& [site, owner] = *sites.begin();
    for (size_t i = 0; i < cs.size(); ++i) {
      if (contexts[i].site || !IsSiteMetric(cs[i].metric)) continue;
      if (cs[i].subject == site) continue;
      const auto& names = contexts[i].names;
      bool owner_named = !owner.empty() && std::find(names.begin(), names.end(),
                                                     owner) != names.end();
      if (names.empty() || owner_named) {
        if (cs[i].object == owner) cs[i].object.clear();
        cs[i].subject = site;
      }
    }
  }
  // 3. A figure without a subject takes that of the same figure elsewhere,
  // then the article's most mentioned actor.
  std::string main;
  int best = 0;
  size_t first = 0;
  for (const auto& [name, m] : mentions) {
    if (m.count > best || (m.count == best && m.order < first)) {
      main = name;
      best = m.count;
      first = m.order;
    }
  }
  std::map<FigureKey, std::string> subject_of;
  for (const Claim& c : cs) {
    if (c.subject.empty()) continue;
    if (auto key = KeyOf(c, true)) subject_of.emplace(*key, c.subject);
  }
  for (size_t i = 0; i < cs.size(); ++i) {
    if (!cs[i].subject.empty()) continue;
    if (auto key = KeyOf(cs[i], true)) {
      auto it = subject_of.find(*key);
      if (it != subject_of.end()) cs[i].subject = it->second;
    }
    if (cs[i].subject.empty() && cs[i].metric != "other") cs[i].subject = main;
  }
}

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

std::vector<Claim> ClaimExtractor::Extract(std::string_view text) const {
  std::vector<Claim> claims;
  std::vector<Context> contexts;  // One per claim.
  std::unordered_map<std::string, Mentions> mentions;
  std::map<std::string, std::string> sites;  // Data centres -> owners.
  FoldedText folded = FoldText(text);
  const std::string& ft = folded.text;
  for (const Span& sentence : SplitSentences(ft)) {
    size_t sentence_begin = folded.ToOriginal(sentence.begin);
    size_t sentence_end = folded.ToOriginal(sentence.end);
    for (const Span& piece : Pieces(ft, sentence)) {
      SentenceTokens s(
          std::string_view(ft).substr(piece.begin, piece.end - piece.begin));
      std::vector<Quantity> quantities = FindQuantities(s);
      if (quantities.empty()) {
        // Still count who the article is about.
        for (const Gazetteer::Mention& m : gazetteer_.FindMentions(s)) {
          const Gazetteer::Entity& e = gazetteer_.entity(m.entity);
          if (e.kind == "place" || e.kind == "government") continue;
          // A chip stands for its maker.
          const std::string& name = e.kind == "chip" ? e.owner : e.name;
          if (name.empty()) continue;
          auto& seen = mentions[name];
          if (seen.count++ == 0) seen.order = mentions.size();
          if (e.kind == "datacenter") sites[e.name] = e.owner;
        }
        continue;
      }
      std::vector<EntityMention> entities = FindEntities(s, gazetteer_);
      std::vector<TimeMention> times = FindTimes(s);
      for (const EntityMention& e : entities) {
        // The article's actors: no places, and nothing inside a figure (the
        // "US" of "US$55bn").
        if (e.kind == "unknown" || e.kind == "place" ||
            e.kind == "government") {
          continue;
        }
        bool inside = std::any_of(
            quantities.begin(), quantities.end(), [&](const Quantity& q) {
              return e.first <= q.last && e.last >= q.first;
            });
        if (inside) continue;
        const std::string& name = e.kind == "chip" ? e.owner : e.name;
        if (name.empty()) continue;
        auto& seen = mentions[name];
        if (seen.count++ == 0) seen.order = mentions.size();
        if (e.kind == "datacenter") sites[e.name] = e.owner;
      }
      for (size_t i = 0; i < quantities.size(); ++i) {
        const Quantity& q = quantities[i];
        Claim c;
        c.start = folded.ToOriginal(piece.begin + s.token(q.first).begin);
        c.end = folded.ToOriginal(piece.begin + s.token(q.last).end);
        c.surface = std::string(text.substr(c.start, c.end - c.start));
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
        Context ctx;
        ctx.site = roles.site;
        ctx.local = roles.local;
        for (const EntityMention& e : entities) {
          if (e.kind == "unknown") continue;
          if (e.first <= q.last && e.last >= q.first) continue;
          ctx.names.push_back(e.name);
        }
        contexts.push_back(std::move(ctx));
        c.subject = std::move(roles.subject);
        c.object = std::move(roles.object);
        c.time = TimeOf(s, quantities, i, times);
        c.sentence =
            ClipSentence(text, sentence_begin, sentence_end, c.start, c.end);
        claims.push_back(std::move(c));
      }
    }
  }
  ResolveInDocument(mentions, sites, contexts, &claims);
  return claims;
}

}  // namespace ct::extract
