// Internal to extract/: what the files that implement meaning.h share.

#ifndef CT_EXTRACT_MEANING_INTERNAL_H_
#define CT_EXTRACT_MEANING_INTERNAL_H_

#include <cstddef>

#include "extract/quantity_parser.h"

namespace ct::extract {

// How many tokens lie between the figure `q` and the span [first, last]; 0
// when they overlap.
size_t Distance(const Quantity& q, size_t first, size_t last);

}  // namespace ct::extract

#endif  // CT_EXTRACT_MEANING_INTERNAL_H_
