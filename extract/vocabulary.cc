#include "extract/vocabulary.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>

namespace ct::extract {

extern const char kBuiltinWords[];

namespace {

struct Lists {
  std::vector<std::string_view> names;
  std::unordered_map<std::string_view, WordSet> sets;
  std::unordered_map<std::string_view, WordValues> values;
  std::unordered_map<std::string_view, WordLabels> labels;
  // Lists with an entry that is not "word=number".
  std::unordered_map<std::string_view, std::string_view> not_numeric;
};

[[noreturn]] void Defect(std::string_view list, std::string_view what) {
  std::fprintf(stderr, "claimtrack: word list [%.*s]: %.*s\n",
               static_cast<int>(list.size()), list.data(),
               static_cast<int>(what.size()), what.data());
  std::abort();
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Reads the embedded file: "[name]" lines start lists, "#" lines are
// comments, the rest are entries separated by white space.
Lists Read() {
  Lists out;
  std::string_view text(kBuiltinWords);
  std::string_view list;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      size_t close = line.find(']');
      if (close == std::string_view::npos) Defect(line, "no closing bracket");
      list = line.substr(1, close - 1);
      if (out.sets.count(list) > 0) Defect(list, "named twice");
      out.names.push_back(list);
      out.sets[list];
      continue;
    }
    if (list.empty()) Defect(line, "an entry before the first list");
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && IsSpace(line[i])) ++i;
      size_t start = i;
      while (i < line.size() && !IsSpace(line[i])) ++i;
      if (i == start) break;
      std::string_view entry = line.substr(start, i - start);
      size_t eq = entry.rfind('=');
      std::string_view word = entry;
      if (eq != std::string_view::npos && eq > 0) {
        word = entry.substr(0, eq);
        std::string_view label = entry.substr(eq + 1);
        out.labels[list][word] = label;
        std::string number(label);
        char* stop = nullptr;
        double v = std::strtod(number.c_str(), &stop);
        if (!number.empty() && *stop == '\0') {
          out.values[list][word] = v;
        } else {
          out.not_numeric.emplace(list, entry);
        }
      } else {
        out.not_numeric.emplace(list, entry);
      }
      out.sets[list].insert(word);
    }
  }
  return out;
}

const Lists& All() {
  static const Lists* lists = new Lists(Read());
  return *lists;
}

}  // namespace

const WordSet& WordList(std::string_view name) {
  auto it = All().sets.find(name);
  if (it == All().sets.end()) Defect(name, "missing from the word file");
  return it->second;
}

const WordValues& WordNumbers(std::string_view name) {
  WordList(name);
  auto bad = All().not_numeric.find(name);
  if (bad != All().not_numeric.end()) {
    Defect(name, "\"" + std::string(bad->second) + "\" is not word=number");
  }
  return All().values.at(name);
}

const WordLabels& WordLabelsOf(std::string_view name) {
  WordList(name);
  static const WordLabels* kEmpty = new WordLabels();
  auto it = All().labels.find(name);
  return it == All().labels.end() ? *kEmpty : it->second;
}

std::vector<std::string_view> WordListNames() { return All().names; }

void WordListDefect(std::string_view list, std::string_view entry) {
  Defect(list, "cannot read \"" + std::string(entry) + "\"");
}

}  // namespace ct::extract
