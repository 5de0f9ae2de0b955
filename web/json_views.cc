#include "web/json_views.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/JSONString.h>

#include <optional>
#include <sstream>
#include <string>

namespace ct::web {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr NewObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Var Opt(const std::optional<double>& v) { return v ? Var(*v) : Var(); }

std::string Str(const Var& v) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(v, out, 0, -1, Poco::JSON_WRAP_STRINGS);
  return out.str();
}

void PutClaimFields(const extract::Claim& c, Object* o) {
  o->set("surface", c.surface);
  o->set("number", Opt(c.number));
  o->set("number_low", Opt(c.number_low));
  o->set("number_high", Opt(c.number_high));
  o->set("written_unit", c.written_unit);
  o->set("noun", c.noun);
  o->set("change", c.change);
  o->set("start", static_cast<Poco::UInt64>(c.start));
  o->set("end", static_cast<Poco::UInt64>(c.end));
  o->set("value", Opt(c.value));
  o->set("low", Opt(c.low));
  o->set("high", Opt(c.high));
  o->set("low_inclusive", c.low_inclusive);
  o->set("high_inclusive", c.high_inclusive);
  o->set("unit", c.unit);
  o->set("qualifier", std::string(extract::QualifierName(c.qualifier)));
  o->set("metric", c.metric);
  o->set("subject", c.subject);
  o->set("object", c.object);
  Array::Ptr parties = new Array();
  for (const std::string& p : c.parties) parties->add(p);
  o->set("parties", parties);
  o->set("facet", c.facet);
  Object::Ptr roles = NewObject();
  for (const auto& [role, name] : c.roles) roles->set(role, name);
  o->set("roles", roles);
  o->set("time", c.time);
  o->set("sentence", c.sentence);
  o->set("in_title", c.in_title);
}

Object::Ptr ClaimRowObject(const store::ClaimRow& r) {
  Object::Ptr o = NewObject();
  o->set("claim_id", r.id);
  o->set("article_id", r.article_id);
  o->set("source", r.source);
  o->set("url", r.url);
  o->set("published", r.published);
  o->set("fact_id", r.fact_id ? Var(r.fact_id) : Var());
  o->set("fact_status", r.fact_status.empty() ? Var() : Var(r.fact_status));
  o->set("outlier", r.outlier);
  PutClaimFields(r.claim, o.get());
  return o;
}

Object::Ptr FactObject(const store::FactRow& f) {
  Object::Ptr o = NewObject();
  o->set("id", f.id);
  o->set("subject", f.subject);
  o->set("object", f.object);
  o->set("metric", f.metric);
  o->set("unit", f.unit);
  o->set("noun", f.noun);
  Array::Ptr parties = new Array();
  for (const std::string& p : f.parties) parties->add(p);
  o->set("parties", parties);
  o->set("facet", f.facet);
  o->set("time", f.time);
  o->set("status", f.status);
  o->set("reason", f.reason);
  o->set("consensus", f.consensus ? Var(*f.consensus) : Var());
  o->set("sources", f.sources);
  o->set("independent_sources", f.independent_sources);
  o->set("first_reported", f.first_reported);
  Array::Ptr outliers = new Array();
  Array::Ptr claims = new Array();
  for (const store::ClaimRow& r : f.claims) {
    claims->add(ClaimRowObject(r));
    if (!r.outlier) continue;
    Object::Ptr out = NewObject();
    out->set("claim_id", r.id);
    out->set("source", r.source);
    out->set("surface", r.claim.surface);
    outliers->add(out);
  }
  o->set("outliers", outliers);
  o->set("claims", claims);
  o->set("claim_count", f.claim_count);
  return o;
}

Object::Ptr ArticleObject(const store::ArticleRow& a) {
  Object::Ptr o = NewObject();
  o->set("id", a.id);
  o->set("url", a.url);
  o->set("canonical_url", a.canonical_url);
  o->set("title", a.title);
  o->set("author", a.author);
  o->set("published", a.published.empty() ? Var() : Var(a.published));
  o->set("first_seen", a.first_seen);
  o->set("source", a.source);
  o->set("claims", a.claims);
  o->set("original_id", a.original_id ? Var(a.original_id) : Var());
  return o;
}

// The claim's JSON written straight into `out`, field for field as
// PutClaimFields sets them, with Poco's own escaping and number format: the
// same text, without building an object tree for every claim (extract
// --jsonl writes millions).
class ClaimWriter {
 public:
  explicit ClaimWriter(std::string* out) : out_(out) {}

  void Write(const extract::Claim& c) {
    out_->push_back('{');
    String("surface", c.surface);
    Number("number", c.number);
    Number("number_low", c.number_low);
    Number("number_high", c.number_high);
    String("written_unit", c.written_unit);
    String("noun", c.noun);
    String("change", c.change);
    Key("start");
    out_->append(std::to_string(c.start));
    Key("end");
    out_->append(std::to_string(c.end));
    Number("value", c.value);
    Number("low", c.low);
    Number("high", c.high);
    Bool("low_inclusive", c.low_inclusive);
    Bool("high_inclusive", c.high_inclusive);
    String("unit", c.unit);
    String("qualifier", std::string(extract::QualifierName(c.qualifier)));
    String("metric", c.metric);
    String("subject", c.subject);
    String("object", c.object);
    Key("parties");
    out_->push_back('[');
    for (size_t i = 0; i < c.parties.size(); ++i) {
      if (i > 0) out_->push_back(',');
      Quoted(c.parties[i]);
    }
    out_->push_back(']');
    String("facet", c.facet);
    Key("roles");
    out_->push_back('{');
    first_ = true;
    for (const auto& [role, name] : c.roles) String(role, name);
    out_->push_back('}');
    first_ = false;
    String("time", c.time);
    String("sentence", c.sentence);
    Bool("in_title", c.in_title);
    out_->push_back('}');
  }

 private:
  void Key(const std::string& key) {
    if (!first_) out_->push_back(',');
    first_ = false;
    Quoted(key);
    out_->push_back(':');
  }
  void Quoted(const std::string& s) {
    // Most strings are plain ASCII that JSON takes as it is; the rest go
    // through Poco's escaping, so the text is the same either way.
    bool plain = true;
    for (char c : s) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '/') {
        plain = false;
        break;
      }
    }
    if (!plain) {
      out_->append(Poco::toJSON(s, Poco::JSON_WRAP_STRINGS));
      return;
    }
    out_->push_back('"');
    out_->append(s);
    out_->push_back('"');
  }
  void String(const std::string& key, const std::string& value) {
    Key(key);
    Quoted(value);
  }
  void Number(const std::string& key, const std::optional<double>& v) {
    Key(key);
    out_->append(v ? Var(*v).convert<std::string>() : std::string("null"));
  }
  void Bool(const std::string& key, bool v) {
    Key(key);
    out_->append(v ? "true" : "false");
  }

  std::string* out_;
  bool first_ = true;
};

}  // namespace

std::string JsonString(std::string_view s) { return Str(Var(std::string(s))); }

std::string ClaimJson(const extract::Claim& claim) {
  std::string out;
  ClaimWriter(&out).Write(claim);
  return out;
}

std::string ExtractLineJson(std::string_view id_json,
                            const std::vector<extract::Claim>& claims) {
  std::string out = "{\"id\":";
  out.append(id_json);
  out.append(",\"claims\":[");
  for (size_t i = 0; i < claims.size(); ++i) {
    if (i) out.push_back(',');
    out.append(ClaimJson(claims[i]));
  }
  out.append("]}");
  return out;
}

std::string ClaimRowJson(const store::ClaimRow& claim) {
  return Str(ClaimRowObject(claim));
}

std::string ArticleRowJson(const store::ArticleRow& article) {
  return Str(ArticleObject(article));
}

std::string ClaimsJson(const std::vector<store::ClaimRow>& claims) {
  Array::Ptr a = new Array();
  for (const store::ClaimRow& r : claims) a->add(ClaimRowObject(r));
  return Str(a);
}

std::string FactJson(const store::FactRow& fact) {
  return Str(FactObject(fact));
}

std::string FactsJson(const std::vector<store::FactRow>& facts) {
  Array::Ptr a = new Array();
  for (const store::FactRow& f : facts) a->add(FactObject(f));
  return Str(a);
}

std::string ArticleJson(const store::ArticleRow& article,
                        const std::vector<store::ClaimRow>& claims) {
  Object::Ptr o = ArticleObject(article);
  o->set("text", article.text);
  Array::Ptr a = new Array();
  for (const store::ClaimRow& r : claims) a->add(ClaimRowObject(r));
  o->set("claim_list", a);
  return Str(o);
}

std::string ArticlesJson(const std::vector<store::ArticleRow>& articles) {
  Array::Ptr a = new Array();
  for (const store::ArticleRow& r : articles) a->add(ArticleObject(r));
  return Str(a);
}

std::string SourcesJson(const std::vector<store::SourceRow>& sources) {
  Array::Ptr a = new Array();
  for (const store::SourceRow& s : sources) {
    Object::Ptr o = NewObject();
    o->set("id", s.id);
    o->set("url", s.url);
    o->set("title", s.title);
    o->set("every_seconds", s.every_seconds);
    o->set("added_at", s.added_at);
    o->set("last_polled_at", s.last_polled_at);
    o->set("last_error", s.last_error);
    o->set("last_error_at", s.last_error_at);
    o->set("failures", s.failures);
    o->set("paused", s.paused);
    o->set("every", s.every_text);
    o->set("next_due_at", s.next_due_at);
    a->add(o);
  }
  return Str(a);
}

std::string DocumentJson(std::string_view file, std::string_view url,
                         std::string_view canonical_url, std::string_view title,
                         std::string_view author, std::string_view published,
                         std::string_view text) {
  Object::Ptr o = NewObject();
  o->set("file", std::string(file));
  o->set("url", std::string(url));
  o->set("canonical_url", std::string(canonical_url));
  o->set("title", std::string(title));
  o->set("author", std::string(author));
  o->set("published", published.empty() ? Var() : Var(std::string(published)));
  o->set("text", std::string(text));
  return Str(o);
}

std::string FeedJson(const ingest::Feed& feed) {
  // Text is a string even when empty (a title can be empty); a date that
  // could not be read is null.
  auto text = [](const std::string& s) { return Var(s); };
  auto date = [](const std::string& s) { return s.empty() ? Var() : Var(s); };
  Object::Ptr head = NewObject();
  head->set("title", text(feed.title));
  head->set("link", text(feed.link));
  head->set("author", text(feed.author));
  head->set("published", date(feed.published));
  head->set("updated", date(feed.updated));
  Array::Ptr entries = new Array();
  for (const ingest::FeedEntry& e : feed.entries) {
    Object::Ptr o = NewObject();
    o->set("title", text(e.title));
    o->set("link", text(e.link));
    o->set("id", text(e.id));
    o->set("published", date(e.published));
    o->set("updated", date(e.updated));
    o->set("author", text(e.author));
    o->set("summary", text(e.summary));
    o->set("content", text(e.content));
    entries->add(o);
  }
  Object::Ptr o = NewObject();
  o->set("feed", head);
  o->set("entries", entries);
  o->set("bozo", feed.bozo);
  o->set("bozo_message", date(feed.bozo_message));
  o->set("encoding", date(feed.encoding));
  o->set("error", Var());
  return Str(o);
}

std::string ErrorJson(std::string_view message) {
  Object::Ptr o = NewObject();
  o->set("error", std::string(message));
  return Str(o);
}

}  // namespace ct::web
