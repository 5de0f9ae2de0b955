// Gazetteer: the named entities of this field (labs, clouds, chip makers,
// data centres, products) with their aliases, and where they are mentioned.
//
// The built-in list is extract/data/gazetteer.tsv, compiled into the binary.
// Users add their own files in the same format; a file added earlier wins an
// alias that a later one also claims, so user files load before the
// built-in list. Format, one entity per line:
//
//   canonical name <TAB> kind <TAB> alias|alias|... [<TAB> links]
//
// Links are relation:Target or relation:Target@YYYY-MM-DD (the day the
// link starts), separated by '|'; a bare name is an owner link.
//   owner   who runs a data centre ("Colossus 1" -> "SpaceX"), makes a chip
//           or a product, or runs a project; dated links tell a sale.
//   parent  the company that owns this one, shown but never grouped by.
//   merged  what this entity became: a merger or a rename. Figures are
//           grouped by the last entity the chain leads to, while each
//           claim keeps the name its article used.
//
// Aliases match whole tokens, case-sensitively ("xAI" -> "SpaceX").
// Thread-safe for concurrent reads once loaded; loading is not.

#ifndef CT_EXTRACT_GAZETTEER_H_
#define CT_EXTRACT_GAZETTEER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace ct::extract {

class SentenceTokens;

class Gazetteer {
 public:
  struct Link {
    std::string relation;          // "owner", "parent" or "merged".
    std::string target;            // A canonical name.
    std::optional<int64_t> since;  // A day number (common/days.h).
  };
  struct Entity {
    std::string name;         // Canonical.
    std::string kind;         // lab, company, cloud, chipmaker, datacenter, ...
    std::string owner;        // Who runs a site, makes a chip or a product now.
    std::vector<Link> links;  // By relation, then oldest first.
  };
  struct Mention {
    size_t first = 0;  // Token span, inclusive.
    size_t last = 0;
    int entity = -1;
  };

  Gazetteer() = default;

  // Adds the entities of a TSV text. `origin` names it in errors:
  // "my.tsv:12: expected 3 TAB-separated fields". Nothing is added when
  // the text has an error.
  Status AddTsv(std::string_view tsv, std::string_view origin);
  Status AddFile(const std::string& path);
  // Adds the list compiled into the binary.
  Status AddBuiltin();

  size_t size() const { return entities_.size(); }
  const Entity& entity(int id) const { return entities_[id]; }
  // The entity with this canonical name, or -1.
  int Find(std::string_view name) const;
  // The entity that this whole name or alias, in any case, names ("msft"
  // for Microsoft), or -1.
  int FindByAlias(std::string_view name) const;

  // Who ran or made entity `id` on `day` (a day number), or now when the
  // day is unknown; empty when no owner is known. Before its first dated
  // owner, an entity had its first one.
  const std::string& OwnerAt(int id, std::optional<int64_t> day) const;
  // The company that owns entity `id`, or empty.
  const std::string& ParentOf(int id) const;
  // What entity `id` is now: the end of its chain of "merged" links, or its
  // own name. The identity figures are grouped by.
  const std::string& IdentityOf(int id) const;
  // Whether this kind of entity can be a party to a figure: places,
  // governments seen as places, people and outlets are not.
  static bool IsPartyKind(std::string_view kind);

  // Mentions in the sentence, left to right, longest match first. With
  // `fold_case`, aliases match in any case: for text that has lost its
  // capitals, such as a headline made from a URL.
  std::vector<Mention> FindMentions(const SentenceTokens& s,
                                    bool fold_case = false) const;

 private:
  struct Alias {
    std::vector<std::string> words;
    int entity;
  };

  // Makes `alias` a name of entity `id`, unless an entity has it already.
  void AddAlias(const std::string& alias, int id);

  std::vector<Entity> entities_;
  std::unordered_map<std::string, int> by_name_;
  // First word of an alias -> aliases, longest first.
  std::unordered_map<std::string, std::vector<Alias>> aliases_;
  // The same in lower case.
  std::unordered_map<std::string, std::vector<Alias>> folded_aliases_;
};

}  // namespace ct::extract

#endif  // CT_EXTRACT_GAZETTEER_H_
