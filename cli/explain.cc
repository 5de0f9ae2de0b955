#include "cli/explain.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace ct::cli {
namespace {

std::string Number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string Bound(const std::optional<double>& v, bool low) {
  if (!v) return low ? "-inf" : "inf";
  return Number(*v);
}

std::string Joined(const std::vector<std::string>& parts,
                   const char* separator) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

// "24-34    \"about 2 GW\"", with " (headline)" for a figure of the title.
std::string Where(size_t start, size_t end, const std::string& surface,
                  bool in_title) {
  char span[48];
  std::snprintf(span, sizeof span, "%-8s",
                (std::to_string(start) + "-" + std::to_string(end)).c_str());
  std::string out = span;
  out += " \"";
  // A figure may run over a line break: show it on one line.
  for (char c : surface) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  out += '"';
  if (in_title) out += " (headline)";
  return out;
}

std::string Fields(const extract::Claim& c) {
  std::string out = "value ";
  out.append(c.value ? Number(*c.value) : std::string("range"));
  out.append(" ").append(c.unit).append(", ");
  out.append(extract::QualifierName(c.qualifier)).append(" ");
  out.append(c.low_inclusive ? "[" : "(").append(Bound(c.low, true));
  out.append(", ").append(Bound(c.high, false));
  out.append(c.high_inclusive ? "]" : ")");
  auto field = [&out](const char* name, const std::string& value) {
    if (!value.empty()) out.append("; ").append(name).append(" ").append(value);
  };
  field("change", c.change);
  field("metric", c.metric);
  field("subject", c.subject);
  field("object", c.object);
  field("parties", Joined(c.parties, ", "));
  field("facet", c.facet);
  field("time", c.time);
  return out;
}

}  // namespace

std::string ExplainText(const extract::Explanation& explanation) {
  struct Line {
    bool in_title;
    size_t start;
    std::string text;
  };
  std::vector<Line> lines;
  for (const extract::Claim& c : explanation.claims) {
    lines.push_back({c.in_title, c.start,
                     "claim    " +
                         Where(c.start, c.end, c.surface, c.in_title) +
                         "  rules: " + Joined(c.rules, " ") + "\n" +
                         "         " + Fields(c) + "\n"});
  }
  for (const extract::DroppedFigure& d : explanation.dropped) {
    lines.push_back({d.in_title, d.start,
                     "dropped  " +
                         Where(d.start, d.end, d.surface, d.in_title) +
                         "  rule: " + d.rule + "\n"});
  }
  // The headline first, then the body, each in text order.
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) {
                     if (a.in_title != b.in_title) return a.in_title;
                     return a.start < b.start;
                   });
  std::string out;
  for (const Line& l : lines) out += l.text;
  if (out.empty()) out = "no numbers\n";
  return out;
}

}  // namespace ct::cli
