#include "ingest/furniture.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <bit>
#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/text.h"

namespace ct::ingest {
namespace {

// ---------------------------------------------------------------------------
// Limits

// A block with more text than this is not furniture by what it says: the
// banners, boxes and footer lines these rules look for are short, and its
// text is not kept for them.
constexpr size_t kMaxJudgedBytes = 800;
// A dialog or fixed layer with more text than this holds the page.
constexpr int kMaxOverlayBytes = 2000;
// Text a block may keep of its own around furniture (a box's heading, a
// button) and still be part of it.
constexpr int kMaxWrapperBytes = 80;
// A heading that introduces other stories is short.
constexpr int kMaxHeadingBytes = 60;
// A paragraph of a story is at least this long.
constexpr int kMinProseBytes = 60;
// The items of a list of links that are looked at, at most.
constexpr size_t kMaxItems = 64;
// Siblings after a copyright line that go with it, at most.
constexpr int kMaxLegalTailBytes = 600;

// ---------------------------------------------------------------------------
// Tags

enum TagBit : uint8_t {
  kInline = 1 << 0,   // Part of a line of text: never judged as a block.
  kHeading = 1 << 1,  // h1..h6.
  kControl = 1 << 2,  // A form or one of its fields.
  kAnchor = 1 << 3,   // a.
  kPage = 1 << 4,     // html, body, main, article: never furniture here.
};

uint8_t TagBits(std::string_view tag) {
  static const auto* kTags = new std::unordered_map<std::string_view, uint8_t>{
      {"a", kInline | kAnchor},
      {"abbr", kInline},
      {"b", kInline},
      {"bdi", kInline},
      {"bdo", kInline},
      {"cite", kInline},
      {"code", kInline},
      {"data", kInline},
      {"dfn", kInline},
      {"em", kInline},
      {"font", kInline},
      {"i", kInline},
      {"kbd", kInline},
      {"mark", kInline},
      {"q", kInline},
      {"s", kInline},
      {"samp", kInline},
      {"small", kInline},
      {"span", kInline},
      {"strong", kInline},
      {"sub", kInline},
      {"sup", kInline},
      {"time", kInline},
      {"u", kInline},
      {"var", kInline},
      {"br", kInline},
      {"img", kInline},
      {"label", kInline},
      {"button", kInline | kControl},
      {"input", kInline | kControl},
      {"select", kInline | kControl},
      {"textarea", kInline | kControl},
      {"form", kControl},
      {"h1", kHeading},
      {"h2", kHeading},
      {"h3", kHeading},
      {"h4", kHeading},
      {"h5", kHeading},
      {"h6", kHeading},
      {"html", kPage},
      {"body", kPage},
      {"main", kPage},
      {"article", kPage},
  };
  auto it = kTags->find(tag);
  return it == kTags->end() ? 0 : it->second;
}

// ---------------------------------------------------------------------------
// Cues: what furniture says. Each pattern is one cue; a rule counts how
// many different cues a block's text holds, so that one word said in
// passing never makes furniture. Matched case-insensitively.

// What a consent banner asks. The first two are its subject.
constexpr const char* kConsentCues[] = {
    "\\bcookies?\\b",
    "\\bconsent\\b",
    "\\b(partners|vendors|third parties)\\b",
    "\\b(accept|allow|reject|decline|refuse) (all|cookies|all cookies|"
    "necessary)\\b|\\bi (agree|accept)\\b|\\bgot it\\b",
    "\\b(manage|customi[sz]e|change|update|set) (your |my |cookie )?"
    "(preferences|options|choices|settings|consent)\\b|"
    "\\bcookie (settings|preferences|policy|notice)\\b|"
    "\\bprivacy (policy|notice|settings|center|centre)\\b",
    "\\bpersonali[sz]ed (ads|advertising|content)\\b|"
    "\\blegitimate interest\\b|\\bstore and(/or)? access\\b|"
    "\\bon your device\\b|\\bmeasure (audiences?|ads|performance)\\b",
    "\\bby (continuing|using|clicking|browsing|scrolling)\\b|\\bgdpr\\b|"
    "\\byour privacy\\b",
};
constexpr uint32_t kConsentSubject = 0b11;

// What a sign-up box asks. The first three are its subject.
constexpr const char* kSignupCues[] = {
    "\\bnewsletters?\\b",
    "\\bsign(ing)?[ -]?up\\b",
    "\\bsubscribe\\b",
    "\\binbox\\b",
    "\\be-?mail address\\b|\\byour e-?mail\\b|\\benter (your )?e-?mail\\b",
    "\\bdelivered (to|straight|right|directly|every|each|free)\\b|"
    "\\bno spam\\b|\\bunsubscribe\\b|\\bjoin [0-9][0-9,.]*[km]? [a-z]+",
    "\\bfree (newsletter|briefing|digest|trial)\\b|"
    "\\b(daily|weekly|morning|evening) (briefing|digest|newsletter|email|"
    "edition)\\b",
};
constexpr uint32_t kSignupSubject = 0b111;

// What a footer's legal line says. The first two are its subject.
constexpr const char* kLegalCues[] = {
    "©|\\(c\\) ?[12][0-9]{3}|\\bcopyright\\b",
    "\\ball rights reserved\\b",
    "\\bterms (of (use|service|sale)|and conditions|& conditions)\\b",
    "\\bprivacy (policy|notice|statement)\\b",
    "\\bcookie (policy|notice|settings)\\b",
    "\\b(contact us|about us|advertise( with us)?|careers|site ?map|"
    "accessibility)\\b",
    "\\bregistered (in|office|number|company|trademarks?)\\b|"
    "\\bcompany (no|number|registration)\\b",
    "\\b(reproduced|republished|redistributed|rewritten) (in whole or in "
    "part )?without\\b",
};
constexpr uint32_t kLegalSubject = 0b11;

// One RE2::Set per cue list, compiled once; Match() gives the cues found
// as bits.
class CueSet {
 public:
  template <size_t N>
  explicit CueSet(const char* const (&patterns)[N])
      : set_(Options(), RE2::UNANCHORED) {
    for (const char* p : patterns) {
      [[maybe_unused]] int index = set_.Add(p, nullptr);
      assert(index >= 0 && "a cue does not compile");
    }
    [[maybe_unused]] bool compiled = set_.Compile();
    assert(compiled);
  }

  uint32_t Match(std::string_view text) const {
    std::vector<int> hits;
    if (!set_.Match(re2::StringPiece(text.data(), text.size()), &hits)) {
      return 0;
    }
    uint32_t bits = 0;
    for (int h : hits) bits |= 1u << h;
    return bits;
  }

 private:
  static RE2::Options Options() {
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    return options;
  }
  RE2::Set set_;
};

int Count(uint32_t bits) { return std::popcount(bits); }

const CueSet& ConsentCues() {
  static const auto* set = new CueSet(kConsentCues);
  return *set;
}
const CueSet& SignupCues() {
  static const auto* set = new CueSet(kSignupCues);
  return *set;
}
const CueSet& LegalCues() {
  static const auto* set = new CueSet(kLegalCues);
  return *set;
}

// Patterns matched against a block's whole text (case-insensitively).
enum Pattern {
  // A banner that opens by saying what the site does with cookies.
  kConsentLead,
  // A call to sign up, and the thing signed up for.
  kSignupLead,
  kSignupThing,
  kSignupBareLead,
  // A footer line that opens with the copyright and its year.
  kLegalLead,
  // Reporting: a story's sentence, not a site's.
  kReporting,
  // A heading over other stories or over the readers' talk, matched
  // against the whole heading without a closing colon.
  kRelatedHeading,
  // A line made only of counts of shares, comments and such, of share
  // buttons and of reading times: "1,200 shares", "Share 340", "12
  // comments · 3 min read".
  kReactionLine,
  // A style that fixes an element over the page.
  kFixedStyle,
};

constexpr const char* kPatterns[] = {
    // kConsentLead
    "^(we|this (web)?site|our (web)?site|this page)"
    "( and (our|its|selected) [a-z0-9 ]{0,30})? (use|uses|store|stores|set|"
    "sets|place|places|is using|are using) cookies\\b|"
    "^we (value|care about|respect) your privacy\\b",
    // kSignupLead
    "^(sign(ing)? ?-?up|subscribe|register|get|receive|join|want|"
    "never miss|don.t miss|stay (informed|up to date|in the know|ahead|"
    "connected)|like (this|what you)|enjoy(ed|ing)?|love)\\b",
    // kSignupThing
    "\\b(newsletters?|inbox|briefing|digest)\\b",
    // kSignupBareLead
    "^(sign ?-?up|subscribe)( now| today| here)?( to| for| and|[.!:])",
    // kLegalLead
    "^(copyright|©|\\(c\\))\\s*(©|\\(c\\))?\\s*@?\\s*[12][0-9]{3}",
    // kReporting
    "\\b(said|says|told|according to)\\b",
    // kRelatedHeading
    "^(related|related (stories|articles|news|posts|content|coverage|"
    "reading|links|topics|videos)|(read|watch) (next|more|this next)|"
    "what to read next|up next|more (stories|news|articles|headlines|"
    "videos|to read|like this|on this( topic| story)?|in [^.!?]{1,30}|"
    "from [^.!?]{1,40})|recommended( for you| stories| articles| reading)?|"
    "(you|we think you) (may|might|will) (also )?(like|enjoy|be "
    "interested in)|also on [^.!?]{1,30}|most (read|popular|viewed|shared|"
    "commented|recent)|top ([0-9]+ )?(stories|reads|articles|news|"
    "headlines)|trending( now| stories| news| articles)?|popular (now|"
    "stories|articles|posts)|latest (news|stories|articles|headlines|"
    "posts)|also read|see also|don.t miss|editors?.? (picks|choice)|"
    "further reading|around the web|from (our|the) (partners|web)|"
    "sponsored( content| stories| links)?|promoted( content| stories)?|"
    "([0-9]+ )?comments?|(join|start) the (conversation|discussion)|"
    "leave a (comment|reply))$",
    // kReactionLine: items between separators. An item is a count and a
    // reaction either way round, a share or comment button, or a
    // reading time.
    "^[\\s·|•,/–—-]*(("
    "[0-9][0-9.,]*[km]?\\s*(shares?|comments?|likes?|views?|reactions?|"
    "tweets?|retweets?|pins?|repl(y|ies)|claps?|votes?|responses?|saves?|"
    "favou?rites?)|"
    "(shares?|comments?|likes?|views?|reactions?|tweets?|retweets?|pins?|"
    "repl(y|ies)|claps?|votes?|responses?|saves?|favou?rites?)\\s*\\(?"
    "[0-9][0-9.,]*[km]?\\)?|"
    "shares?|comments?|share (this|on) [a-z]+|share this|tweet|print|"
    "e-?mail|leave a (comment|reply)|add a comment|"
    "(view|show|read|see|load) (all )?(the )?([0-9]+ )?comments?|"
    "[0-9]+\\s*(min(ute)?s?|m)\\.?\\s+(to )?read|"
    "reading time:?\\s*[0-9]+\\s*min(ute)?s?"
    ")[\\s·|•,/–—-]*)+$",
    // kFixedStyle
    "position\\s*:\\s*fixed",
};

const RE2& Re(Pattern p) {
  static const auto* compiled = [] {
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    auto* res = new std::vector<std::unique_ptr<RE2>>();
    for (const char* pattern : kPatterns) {
      res->push_back(std::make_unique<RE2>(pattern, options));
      assert(res->back()->ok() && "a furniture pattern does not compile");
    }
    return res;
  }();
  return *(*compiled)[p];
}

bool Matches(std::string_view text, Pattern p) {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), Re(p));
}

// ---------------------------------------------------------------------------
// Summaries

// What the rules know of an element, with the furniture found inside it
// left out.
struct Block {
  std::string text;          // Squashed, when length <= kMaxJudgedBytes.
  int length = 0;            // Bytes of the squashed text.
  int furniture_length = 0;  // Text in furniture below.
  int links = 0;             // <a> elements with text.
  int link_length = 0;
  int controls = 0;        // Forms and fields below, furniture included.
  bool furniture = false;  // The top of a furniture block.
};

class Finder {
 public:
  explicit Finder(const PageTree& tree)
      : nodes_(tree.nodes()),
        blocks_(nodes_.size()),
        verdicts_(nodes_.size()),
        static_(nodes_.size()) {}

  std::vector<std::string_view> Run();

 private:
  struct Rule {
    std::string_view name;
    bool (Finder::*applies)(int i) const;
  };
  static const Rule kRules[];

  uint8_t Bits(int i) const { return bits_[i]; }
  bool Element(int i) const { return !nodes_[i].tag.empty(); }
  // Judged as a block: not a word inside a line, not the page itself.
  bool Judged(int i) const { return (Bits(i) & (kInline | kPage)) == 0; }

  void Summarise(int i);
  void Mark(int i, std::string_view rule);

  bool Overlay(int i) const;
  bool Reactions(int i) const;
  bool Consent(int i) const;
  bool Signup(int i) const;
  bool Legal(int i) const;
  bool RelatedBlock(int i) const;
  bool RelatedHeading(int i) const;
  bool Wrapper(int i) const;

  int NextNonEmpty(int i) const;
  bool LinkLed(int first) const;
  bool InRunningText(int i) const;
  bool ClosesStory(int i) const;

  // The page as written, furniture included; filled before the rules run,
  // for the rules that look at what comes before a block.
  struct Static {
    int length = 0;         // Bytes of text, trimmed.
    int link_length = 0;    // Of which inside <a>.
    bool own_text = false;  // Has a text node of its own that is not blank.
    int previous = -1;      // The previous sibling with text.
  };
  void MeasureStatic();

  const std::vector<PageNode>& nodes_;
  std::vector<Block> blocks_;
  std::vector<std::string_view> verdicts_;
  std::vector<Static> static_;
  std::vector<uint8_t> bits_;  // TagBits() of each node.
  // Text of a node and its following siblings, furniture included.
  std::vector<int> tail_;
  // For NextNonEmpty(): a later sibling such that those in between are
  // empty or furniture (which they stay), to skip them in one step.
  mutable std::vector<int> jump_;
};

// In order; the first that applies names the block.
const Finder::Rule Finder::kRules[] = {
    {"overlay", &Finder::Overlay},
    {"reactions", &Finder::Reactions},
    {"consent", &Finder::Consent},
    {"signup", &Finder::Signup},
    {"legal", &Finder::Legal},
    {"related", &Finder::RelatedBlock},
    {"related-heading", &Finder::RelatedHeading},
    {"wrapper", &Finder::Wrapper},
};

// Text with runs of white space (and no-break spaces) as one space.
void AppendSquashed(std::string_view s, std::string* out) {
  bool space = !out->empty() && out->back() != ' ';
  for (size_t k = 0; k < s.size(); ++k) {
    char c = s[k];
    bool nbsp = c == '\xC2' && k + 1 < s.size() && s[k + 1] == '\xA0';
    if (text::IsSpace(c) || nbsp) {
      if (nbsp) ++k;
      space = !out->empty();
      continue;
    }
    if (space && out->back() != ' ') *out += ' ';
    space = false;
    *out += c;
  }
}

void Finder::Summarise(int i) {
  const PageNode& n = nodes_[i];
  Block& b = blocks_[i];
  if (!Element(i)) {
    AppendSquashed(n.text, &b.text);
    b.length = static_cast<int>(b.text.size());
    if (b.text.size() > kMaxJudgedBytes) b.text = std::string();
    return;
  }
  bool overflow = false;
  for (int c = n.first_child; c >= 0; c = nodes_[c].next_sibling) {
    Block& cb = blocks_[c];
    b.controls += cb.controls + ((Bits(c) & kControl) ? 1 : 0);
    if (cb.furniture) {
      b.furniture_length += cb.length + cb.furniture_length;
      continue;
    }
    b.furniture_length += cb.furniture_length;
    if (cb.length == 0) continue;
    b.length += cb.length + (b.length > 0 ? 1 : 0);
    if (Bits(c) & kAnchor) {
      ++b.links;
      b.link_length += cb.length;
    } else {
      b.links += cb.links;
      b.link_length += cb.link_length;
    }
    if (!overflow && static_cast<size_t>(b.length) <= kMaxJudgedBytes) {
      if (!b.text.empty()) b.text += ' ';
      b.text += cb.text;
    } else {
      overflow = true;
    }
  }
  if (overflow || b.text.size() > kMaxJudgedBytes) b.text = std::string();
}

void Finder::MeasureStatic() {
  bits_.resize(nodes_.size());
  for (size_t k = 0; k < nodes_.size(); ++k) bits_[k] = TagBits(nodes_[k].tag);
  for (size_t k = nodes_.size(); k-- > 0;) {
    const PageNode& n = nodes_[k];
    Static& st = static_[k];
    if (!Element(static_cast<int>(k))) {
      st.length = static_cast<int>(text::Trim(n.text).size());
      st.own_text = st.length > 0;
    }
    if (n.parent < 0) continue;
    Static& parent = static_[n.parent];
    parent.length += st.length;
    parent.link_length +=
        (Bits(static_cast<int>(k)) & kAnchor) ? st.length : st.link_length;
    if (!Element(static_cast<int>(k)) && st.own_text) parent.own_text = true;
  }
  for (const PageNode& n : nodes_) {
    int previous = -1;
    for (int c = n.first_child; c >= 0; c = nodes_[c].next_sibling) {
      static_[c].previous = previous;
      if (static_[c].length > 0) previous = c;
    }
  }
}

// Whether the inline element `i` is a word inside a line of text: it, or
// an element up to the block it stands in, has text of its own besides.
bool Finder::InRunningText(int i) const {
  for (int p = nodes_[i].parent; p >= 0; p = nodes_[p].parent) {
    if (static_[p].own_text) return true;
    if (!(Bits(p) & kInline)) return false;
  }
  return false;
}

// Whether `i` follows the story's own paragraphs: the sibling with text
// before it, at the level of the outermost element that holds only `i`'s
// text, is prose (long, and not a list of links).
bool Finder::ClosesStory(int i) const {
  int at = i;
  for (int p = nodes_[at].parent; p >= 0 && !(Bits(p) & kPage);
       p = nodes_[p].parent) {
    if (static_[p].length != static_[at].length) break;
    at = p;
  }
  int previous = static_[at].previous;
  if (previous < 0) return false;
  const Static& st = static_[previous];
  return st.length >= kMinProseBytes && 2 * st.link_length < st.length;
}

void Finder::Mark(int i, std::string_view rule) {
  blocks_[i].furniture = true;
  verdicts_[i] = rule;
}

// The next sibling of `i` with text that is not furniture; -1 for none.
// REQUIRES: the siblings after `i` are summarised.
int Finder::NextNonEmpty(int i) const {
  auto dead = [&](int s) {
    return blocks_[s].furniture || blocks_[s].length == 0;
  };
  int first = nodes_[i].next_sibling;
  int s = first;
  while (s >= 0 && dead(s)) s = jump_[s];
  // What was skipped stays skipped: later calls jump straight to `s`, so
  // that a run of furniture siblings is walked once, not once per block
  // before it.
  for (int t = first; t >= 0 && t != s;) {
    int next = jump_[t];
    jump_[t] = s;
    t = next;
  }
  return s;
}

// Whether `first` and the siblings with text after it are a list of other
// pages: at least two items, nearly all with a link. A single item that
// is a list or a grid stands for its own items.
bool Finder::LinkLed(int first) const {
  if (first < 0) return false;
  std::vector<int> items;
  for (int s = first; s >= 0 && items.size() < kMaxItems; s = NextNonEmpty(s)) {
    items.push_back(s);
  }
  if (items.size() == 1 && Element(items[0])) {
    int only = items[0];
    items.clear();
    for (int c = nodes_[only].first_child; c >= 0 && items.size() < kMaxItems;
         c = nodes_[c].next_sibling) {
      if (!blocks_[c].furniture && blocks_[c].length > 0) items.push_back(c);
    }
  }
  if (items.size() < 2) return false;
  size_t linked = 0;
  for (int s : items) {
    if (blocks_[s].links > 0 || (Bits(s) & kAnchor)) ++linked;
  }
  return linked * 5 >= items.size() * 4;
}

// A dialog or a layer fixed over the page: a banner, never the story.
bool Finder::Overlay(int i) const {
  const PageNode& n = nodes_[i];
  if ((Bits(i) & kPage) || blocks_[i].length > kMaxOverlayBytes) return false;
  std::string role = text::Lower(n.role);
  return n.modal || role == "dialog" || role == "alertdialog" ||
         (!n.style.empty() && Matches(n.style, kFixedStyle));
}

// Share and comment counts, reading times. Words inside a line of text
// ("drew 400 <b>comments</b>") are the story's: an inline element counts
// only when no element up to its block holds text of its own.
bool Finder::Reactions(int i) const {
  const Block& b = blocks_[i];
  if (b.length == 0 || b.length > 80 || b.text.empty()) return false;
  if (Bits(i) & kPage) return false;
  if ((Bits(i) & kInline) && InRunningText(i)) return false;
  return Matches(b.text, kReactionLine);
}

// A consent banner: cookies or consent and more of what banners say, with
// a button to answer (a story about a banner has none), or opening the
// way banners do.
bool Finder::Consent(int i) const {
  const Block& b = blocks_[i];
  if (!Judged(i) || b.text.empty() || b.length > 700) return false;
  if (b.length <= 400 && Matches(b.text, kConsentLead)) return true;
  uint32_t cues = ConsentCues().Match(b.text);
  if (!(cues & kConsentSubject) || Matches(b.text, kReporting)) return false;
  return (b.controls > 0 && Count(cues) >= 2) ||
         (b.length <= 400 && Count(cues) >= 4);
}

// A newsletter box: a sign-up and what comes with it (an inbox, an e-mail
// address), with a field to fill in, or said in few words.
bool Finder::Signup(int i) const {
  const Block& b = blocks_[i];
  if (!Judged(i) || b.text.empty() || b.length > 600) return false;
  if (Matches(b.text, kReporting)) return false;
  // A list whose items open with "Sign up" gives the steps of a how-to.
  std::string_view tag = nodes_[i].tag;
  bool item = tag == "li" || tag == "ul" || tag == "ol" || tag == "dl";
  if (!item && b.length <= 200 && Matches(b.text, kSignupBareLead)) {
    return true;
  }
  if (!item && b.length <= 300 && Matches(b.text, kSignupLead) &&
      Matches(b.text, kSignupThing)) {
    return true;
  }
  uint32_t cues = SignupCues().Match(b.text);
  if (!(cues & kSignupSubject)) return false;
  return (b.controls > 0 && Count(cues) >= 2) ||
         (b.length <= 300 && Count(cues) >= 3);
}

// A footer's legal lines: a copyright with its year, a copyright with more
// of what footers say, or a row of links to the site's policies. What
// follows it in the same container is footer too.
bool Finder::Legal(int i) const {
  const Block& b = blocks_[i];
  if (!Judged(i) || b.text.empty() || b.length > 600) return false;
  bool legal = b.length <= 200 && Matches(b.text, kLegalLead);
  if (!legal && !Matches(b.text, kReporting)) {
    uint32_t cues = LegalCues().Match(b.text);
    legal = (cues & kLegalSubject)
                ? (Count(cues) >= 2 && b.length <= 300) || Count(cues) >= 3
                : Count(cues) >= 3 && b.length <= 300 &&
                      2 * b.link_length >= b.length;
  }
  // Wire copy ends with its rights line, which is the story's.
  return legal && !ClosesStory(i);
}

// A block that opens with a heading over other stories ("Read next",
// "More stories") and goes on with links to them.
bool Finder::RelatedBlock(int i) const {
  if (!Judged(i) || (Bits(i) & kHeading)) return false;
  int first = -1;
  for (int c = nodes_[i].first_child; c >= 0; c = nodes_[c].next_sibling) {
    if (!blocks_[c].furniture && blocks_[c].length > 0) {
      first = c;
      break;
    }
  }
  if (first < 0 || !Element(first)) return false;
  const Block& h = blocks_[first];
  if (h.length > kMaxHeadingBytes || h.text.empty() || h.links > 0) {
    return false;
  }
  std::string heading(text::Trim(h.text));
  while (!heading.empty() && (heading.back() == ':' || heading.back() == ' ')) {
    heading.pop_back();
  }
  return Matches(heading, kRelatedHeading) && LinkLed(NextNonEmpty(first));
}

// Such a heading on its own, over links that follow it as siblings, or
// with nothing after it.
bool Finder::RelatedHeading(int i) const {
  if (!(Bits(i) & kHeading)) return false;
  const Block& h = blocks_[i];
  if (h.length > kMaxHeadingBytes || h.text.empty()) return false;
  std::string heading(text::Trim(h.text));
  while (!heading.empty() && heading.back() == ':') heading.pop_back();
  if (!Matches(heading, kRelatedHeading)) return false;
  int next = NextNonEmpty(i);
  return next < 0 || LinkLed(next);
}

// What is left of a block around the furniture inside it: a heading, a
// button, a line of links.
bool Finder::Wrapper(int i) const {
  const Block& b = blocks_[i];
  return Judged(i) && b.furniture_length > 0 && b.length <= kMaxWrapperBytes &&
         b.length <= b.furniture_length;
}

std::vector<std::string_view> Finder::Run() {
  MeasureStatic();
  tail_.assign(nodes_.size(), 0);
  jump_.assign(nodes_.size(), -1);
  for (size_t k = nodes_.size(); k-- > 0;) {
    int i = static_cast<int>(k);
    Summarise(i);
    jump_[i] = nodes_[i].next_sibling;
    tail_[i] =
        blocks_[i].length +
        (nodes_[i].next_sibling >= 0 ? tail_[nodes_[i].next_sibling] : 0);
    if (!Element(i)) continue;
    for (const Rule& rule : kRules) {
      if ((this->*rule.applies)(i)) {
        Mark(i, rule.name);
        break;
      }
    }
    if (verdicts_[i] == "legal") {
      // The rest of the footer.
      int next = nodes_[i].next_sibling;
      if (next >= 0 && tail_[next] <= kMaxLegalTailBytes) {
        for (int s = NextNonEmpty(i); s >= 0; s = NextNonEmpty(s)) {
          Mark(s, "legal-tail");
        }
      }
    } else if (verdicts_[i] == "related-heading") {
      // The links it heads, up to the first block without one.
      for (int s = NextNonEmpty(i); s >= 0; s = NextNonEmpty(s)) {
        if (blocks_[s].links == 0 && !(Bits(s) & kAnchor)) break;
        Mark(s, "related");
      }
    }
    // The children's text is in this block's now.
    for (int c = nodes_[i].first_child; c >= 0; c = nodes_[c].next_sibling) {
      std::string().swap(blocks_[c].text);
    }
  }
  return std::move(verdicts_);
}

}  // namespace

std::vector<std::string_view> FindFurniture(const PageTree& tree) {
  if (tree.nodes().empty()) return {};
  return Finder(tree).Run();
}

}  // namespace ct::ingest
