#include "extract/claim.h"

#include <array>
#include <utility>

namespace ct::extract {
namespace {

constexpr std::array<std::pair<Qualifier, std::string_view>, 8> kNames = {{
    {Qualifier::kExact, "exact"},
    {Qualifier::kApprox, "approx"},
    {Qualifier::kAtLeast, "at_least"},
    {Qualifier::kMoreThan, "more_than"},
    {Qualifier::kAtMost, "at_most"},
    {Qualifier::kLessThan, "less_than"},
    {Qualifier::kUpTo, "up_to"},
    {Qualifier::kRange, "range"},
}};

}  // namespace

std::string_view QualifierName(Qualifier q) {
  for (const auto& [value, name] : kNames) {
    if (value == q) return name;
  }
  return "exact";
}

bool ParseQualifier(std::string_view name, Qualifier* q) {
  for (const auto& [value, written] : kNames) {
    if (written == name) {
      *q = value;
      return true;
    }
  }
  return false;
}

}  // namespace ct::extract
