#include "extract/gazetteer.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "common/days.h"
#include "common/text.h"
#include "extract/lexer.h"
#include "extract/quantity_parser.h"

namespace ct::extract {

extern const char kBuiltinGazetteer[];

namespace {

using text::Trim;

constexpr std::string_view kKinds[] = {
    "lab",     "company", "cloud", "chipmaker",  "datacenter",
    "project", "product", "chip",  "government", "agency",
    "place",   "person",  "outlet"};

constexpr std::string_view kRelations[] = {"owner", "parent", "merged"};

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  for (const Token& t : Lex(text)) {
    words.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return words;
}

// One link of a row, "owner:B", "merged:B@2026-03-01", or "B" for an
// owner, of the entity `name`.
Result<Gazetteer::Link> ParseLink(std::string_view text,
                                  const std::string& name,
                                  const std::string& where) {
  using Link = Gazetteer::Link;
  Link link{"owner", std::string(text), std::nullopt};
  size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    link.relation = std::string(Trim(text.substr(0, colon)));
    link.target = std::string(Trim(text.substr(colon + 1)));
  }
  if (std::find(std::begin(kRelations), std::end(kRelations), link.relation) ==
      std::end(kRelations)) {
    return Status::InvalidArgument(where + "unknown link \"" + link.relation +
                                   "\" (owner, parent or merged)");
  }
  size_t at = link.target.rfind('@');
  if (at != std::string::npos) {
    link.since = days::FromIso(std::string_view(link.target).substr(at + 1));
    if (!link.since) {
      return Status::InvalidArgument(where + "bad date in link \"" +
                                     std::string(text) +
                                     "\" (want YYYY-MM-DD)");
    }
    link.target = std::string(Trim(link.target.substr(0, at)));
  }
  if (link.target.empty() || link.target == name) {
    return Status::InvalidArgument(where + "link \"" + std::string(text) +
                                   "\" names no other entity");
  }
  return link;
}

}  // namespace

// The first file to claim an alias keeps it.
void Gazetteer::AddAlias(const std::string& alias, int id) {
  std::vector<std::string> words = Words(alias);
  if (words.empty()) return;
  auto& bucket = aliases_[words.front()];
  bool taken = std::any_of(bucket.begin(), bucket.end(),
                           [&](const Alias& a) { return a.words == words; });
  if (taken) return;
  std::vector<std::string> folded = words;
  for (std::string& w : folded) {
    for (char& ch : w)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  bucket.push_back({std::move(words), id});
  std::stable_sort(bucket.begin(), bucket.end(),
                   [](const Alias& a, const Alias& b) {
                     return a.words.size() > b.words.size();
                   });
  auto& lower = folded_aliases_[folded.front()];
  if (std::none_of(lower.begin(), lower.end(),
                   [&](const Alias& a) { return a.words == folded; })) {
    lower.push_back({std::move(folded), id});
    std::stable_sort(lower.begin(), lower.end(),
                     [](const Alias& a, const Alias& b) {
                       return a.words.size() > b.words.size();
                     });
  }
}

Status Gazetteer::AddTsv(std::string_view tsv, std::string_view origin) {
  struct Row {
    std::string name, kind;
    std::vector<std::string> aliases;
    std::vector<Link> links;
  };
  std::vector<Row> rows;
  size_t line_no = 0;
  for (std::string_view line : Split(tsv, '\n')) {
    ++line_no;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields = Split(line, '\t');
    auto where = std::string(origin) + ":" + std::to_string(line_no) + ": ";
    if (fields.size() < 2 || fields.size() > 4) {
      return Status::InvalidArgument(
          where + "expected 3 TAB-separated fields (name, kind, aliases)");
    }
    Row row;
    row.name = std::string(Trim(fields[0]));
    row.kind = std::string(Trim(fields[1]));
    if (row.name.empty()) {
      return Status::InvalidArgument(where + "empty entity name");
    }
    if (std::find(std::begin(kKinds), std::end(kKinds), row.kind) ==
        std::end(kKinds)) {
      return Status::InvalidArgument(where + "unknown kind \"" + row.kind +
                                     "\"");
    }
    if (fields.size() == 4) {
      for (std::string_view text : Split(fields[3], '|')) {
        text = Trim(text);
        if (text.empty()) continue;
        auto link = ParseLink(text, row.name, where);
        if (!link.ok()) return link.status();
        row.links.push_back(std::move(*link));
      }
      // Oldest first within a relation; an undated link is the oldest.
      std::stable_sort(
          row.links.begin(), row.links.end(), [](const Link& a, const Link& b) {
            if (a.relation != b.relation) {
              return a.relation < b.relation;
            }
            return a.since.value_or(INT64_MIN) < b.since.value_or(INT64_MIN);
          });
    }
    if (fields.size() >= 3) {
      for (std::string_view alias : Split(fields[2], '|')) {
        alias = Trim(alias);
        if (!alias.empty()) row.aliases.emplace_back(alias);
      }
    }
    rows.push_back(std::move(row));
  }

  for (Row& row : rows) {
    int id;
    auto it = by_name_.find(row.name);
    if (it != by_name_.end()) {
      id = it->second;
    } else {
      id = static_cast<int>(entities_.size());
      std::string owner;
      for (const Link& link : row.links) {
        if (link.relation == "owner") owner = link.target;
      }
      entities_.push_back(
          {row.name, row.kind, std::move(owner), std::move(row.links)});
      by_name_.emplace(row.name, id);
    }
    row.aliases.push_back(row.name);
    for (const std::string& alias : row.aliases) AddAlias(alias, id);
  }
  return Status::Ok();
}

Status Gazetteer::AddFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read gazetteer " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return AddTsv(buffer.str(), path);
}

Status Gazetteer::AddBuiltin() {
  return AddTsv(kBuiltinGazetteer, "built-in gazetteer");
}

int Gazetteer::Find(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? -1 : it->second;
}

int Gazetteer::FindByAlias(std::string_view name) const {
  std::vector<std::string> words = Words(std::string(name));
  if (words.empty()) return -1;
  for (std::string& w : words) {
    for (char& ch : w)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  auto it = folded_aliases_.find(words.front());
  if (it == folded_aliases_.end()) return -1;
  for (const Alias& a : it->second) {
    if (a.words == words) return a.entity;
  }
  return -1;
}

namespace {
const std::string kNone;
}  // namespace

const std::string& Gazetteer::OwnerAt(int id,
                                      std::optional<int64_t> day) const {
  const Entity& e = entities_[id];
  if (!day) return e.owner;
  const std::string* owner = nullptr;
  for (const Link& link : e.links) {
    if (link.relation != "owner") continue;
    if (owner == nullptr || link.since.value_or(INT64_MIN) <= *day) {
      owner = &link.target;
    }
  }
  return owner == nullptr ? kNone : *owner;
}

const std::string& Gazetteer::ParentOf(int id) const {
  for (const Link& link : entities_[id].links) {
    if (link.relation == "parent") return link.target;
  }
  return kNone;
}

const std::string& Gazetteer::IdentityOf(int id) const {
  const std::string* name = &entities_[id].name;
  // A chain longer than this is a loop in the user's file.
  for (int hops = 0; hops < 8; ++hops) {
    const std::string* next = nullptr;
    for (const Link& link : entities_[id].links) {
      if (link.relation == "merged") next = &link.target;
    }
    if (next == nullptr) break;
    name = next;
    int target = Find(*next);
    if (target < 0) break;
    id = target;
  }
  return *name;
}

bool Gazetteer::IsPartyKind(std::string_view kind) {
  return kind != "place" && kind != "government" && kind != "person" &&
         kind != "outlet";
}

std::vector<Gazetteer::Mention> Gazetteer::FindMentions(const SentenceTokens& s,
                                                        bool fold_case) const {
  const auto& aliases = fold_case ? folded_aliases_ : aliases_;
  auto word = [&](size_t i) {
    return fold_case ? std::string_view(s.Lower(i)) : s.Text(i);
  };
  std::vector<Mention> out;
  for (size_t i = 0; i < s.size();) {
    auto it = aliases.find(std::string(word(i)));
    bool found = false;
    if (it != aliases.end()) {
      for (const Alias& alias : it->second) {
        size_t n = alias.words.size();
        if (i + n > s.size()) continue;
        bool match = true;
        for (size_t w = 1; w < n && match; ++w) {
          match = word(i + w) == alias.words[w];
        }
        // Whole words only: "Meta" must not match inside "Metaverse", which
        // the lexer already guarantees, nor "Colossus 1" in "Colossus 10".
        if (match && i + n < s.size() && s.Attached(i + n) &&
            s.token(i + n).kind != TokenKind::kSymbol) {
          match = false;
        }
        if (match) {
          out.push_back({i, i + n - 1, alias.entity});
          i += n;
          found = true;
          break;
        }
      }
    }
    if (!found) ++i;
  }
  return out;
}

}  // namespace ct::extract
