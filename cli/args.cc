#include "cli/args.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace ct::cli {
namespace {

// Display width in code points, which is close enough for aligned text.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Clip(const std::string& s, size_t max) {
  std::string flat;
  for (char c : s) flat += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
  if (Width(flat) <= max) return flat;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < flat.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(flat[i]);
    if ((c & 0xC0) != 0x80) {
      if (n + 1 >= max) break;
      ++n;
    }
    out += flat[i];
  }
  return out + "…";
}

}  // namespace

std::string FlagsHelp(const std::vector<Flag>& flags) {
  auto left = [](const Flag& f) {
    return "--" + f.name + (f.value.empty() ? "" : " " + f.value);
  };
  size_t width = 0;
  for (const Flag& f : flags) width = std::max(width, Width(left(f)));
  std::string out;
  for (const Flag& f : flags) {
    std::string l = left(f);
    out += "  " + l + std::string(width - Width(l) + 2, ' ') + f.help;
    if (!f.dflt.empty()) out += " (default: " + f.dflt + ")";
    out += "\n";
  }
  return out;
}

Args::Args(std::vector<std::string> argv, const std::vector<Flag>& flags)
    : argv_(std::move(argv)) {
  for (const Flag& f : flags) {
    (f.value.empty() ? bool_flags_ : value_flags_).insert(f.name);
  }
}

Status Args::Parse() {
  bool only_positional = false;
  for (size_t i = 0; i < argv_.size(); ++i) {
    const std::string& a = argv_[i];
    if (only_positional || a.size() < 2 || a.compare(0, 2, "--") != 0) {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name = a.substr(2);
    std::string value;
    bool has_value = false;
    size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    if (bool_flags_.count(name)) {
      if (has_value) {
        return Status::InvalidArgument("flag --" + name + " takes no value");
      }
      seen_.insert(name);
      continue;
    }
    if (!value_flags_.count(name)) {
      if (name == "db" || name == "gazetteer") {
        return Status::InvalidArgument(
            "--" + name +
            " is a global flag: put it before the command (claimtrack --" +
            name + " ... COMMAND)");
      }
      std::vector<std::string> known(value_flags_.begin(), value_flags_.end());
      known.insert(known.end(), bool_flags_.begin(), bool_flags_.end());
      std::string near = Nearest(name, known);
      return Status::InvalidArgument(
          "unknown flag --" + name +
          (near.empty() ? "" : " (did you mean --" + near + "?)"));
    }
    if (!has_value) {
      if (i + 1 >= argv_.size()) {
        return Status::InvalidArgument("flag --" + name + " needs a value");
      }
      value = argv_[++i];
    }
    seen_.insert(name);
    values_[name] = value;
  }
  return Status::Ok();
}

std::string Args::Get(const std::string& flag, const std::string& dflt) const {
  auto it = values_.find(flag);
  return it == values_.end() ? dflt : it->second;
}

std::string Nearest(const std::string& word,
                    const std::vector<std::string>& choices) {
  // Levenshtein distance, one row at a time.
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                           diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  };
  std::string best;
  size_t best_distance = 3;
  for (const std::string& c : choices) {
    size_t d = distance(word, c);
    if (d < best_distance && d * 2 < std::max(word.size(), c.size())) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string ProgressLine(int done, int total, const std::string& name,
                         double elapsed_s, int width) {
  const int bar = std::clamp(width / 5, 5, 30);
  int filled = total > 0 ? done * bar / total : bar;
  std::string line = "[" + std::string(static_cast<size_t>(filled), '#') +
                     std::string(static_cast<size_t>(bar - filled), ' ') +
                     "] " + std::to_string(done) + "/" + std::to_string(total);
  if (elapsed_s >= 2 && done > 0) {
    double rate = done / elapsed_s;
    char buf[64];
    std::snprintf(buf, sizeof buf, " %.1f/s", rate);
    line += buf;
    if (done < total) {
      long left = static_cast<long>((total - done) / rate + 0.5);
      std::snprintf(buf, sizeof buf, " ETA %ldm%02lds", left / 60, left % 60);
      line += buf;
    }
  }
  // The name's end, cut at a character's start, in what is left.
  int room = width - 1 - static_cast<int>(line.size()) - 1;
  if (room >= 8 && !name.empty()) {
    std::string shown = name;
    if (static_cast<int>(shown.size()) > room) {
      size_t cut = shown.size() - static_cast<size_t>(room - 3);
      while (cut < shown.size() &&
             (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) {
        ++cut;
      }
      shown = "..." + shown.substr(cut);
    }
    line += " " + shown;
  }
  if (static_cast<int>(line.size()) > width - 1) {
    line.resize(static_cast<size_t>(std::max(width - 1, 0)));
  }
  return line;
}

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "claimtrack: %s\n", message.c_str());
  return code;
}

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk:
      return kExitOk;
    case Status::Code::kInvalidArgument:
    case Status::Code::kNotFound:
    case Status::Code::kCorruption:
      return kExitUsage;
    default:
      return kExitFailure;
  }
}

int Fail(const Status& s, const std::string& context) {
  return Fail(ExitCodeFor(s),
              context.empty() ? s.message() : context + ": " + s.message());
}

Result<std::unique_ptr<store::ClaimStore>> OpenStore(const Context& ctx,
                                                     Access access) {
  store::OpenOptions options;
  options.create = access == Access::kWrite;
  options.write = access == Access::kWrite;
  options.busy_timeout = ctx.busy_timeout;
  return store::ClaimStore::Open(ctx.db_path, options);
}

Result<std::unique_ptr<extract::ClaimExtractor>> MakeExtractor(
    const Context& ctx) {
  extract::ExtractorOptions options;
  options.gazetteer_files = ctx.gazetteers;
  return extract::ClaimExtractor::Create(options);
}

int64_t DurationSeconds(const std::string& s) {
  if (s.size() < 2) return -1;
  int64_t unit = 0;
  switch (s.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    default:
      return -1;
  }
  int64_t n = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9' || n > 1000000000) return -1;
    n = n * 10 + (s[i] - '0');
  }
  return n > 0 ? n * unit : -1;
}

Result<Format> FormatOf(const Args& args) {
  if (args.Has("json") && args.Has("csv")) {
    return Status::InvalidArgument("--json and --csv exclude each other");
  }
  if (args.Has("json")) return Format::kJson;
  if (args.Has("csv")) return Format::kCsv;
  return Format::kTable;
}

TablePrinter::TablePrinter(std::vector<std::string> header, size_t max_width,
                           std::ostream* out, size_t sample)
    : header_(std::move(header)),
      max_width_(max_width),
      out_(out),
      sample_(sample) {
  struct winsize ws;
  if (out == &std::cout && isatty(STDOUT_FILENO) != 0 &&
      ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    fit_ = ws.ws_col;
  }
}

void TablePrinter::Row(std::vector<std::string> row) {
  if (widths_.empty()) {
    for (std::string& c : row) c = Clip(c, max_width_);
    held_.push_back(std::move(row));
    if (held_.size() >= sample_) Finish();
    return;
  }
  for (size_t i = 0; i < row.size() && i < widths_.size(); ++i) {
    row[i] = Clip(row[i], widths_[i]);
  }
  Print(row);
}

void TablePrinter::Finish() {
  if (!widths_.empty()) return;
  widths_.assign(header_.size(), 0);
  held_.insert(held_.begin(), header_);
  for (const auto& row : held_) {
    for (size_t i = 0; i < row.size() && i < widths_.size(); ++i) {
      widths_[i] = std::max(widths_[i], Width(row[i]));
    }
  }
  // Too wide for the terminal: the widest column gives up a column at a
  // time, down to six.
  if (fit_ > 0) {
    auto total = [&] {
      size_t sum = 2 * (widths_.size() - 1);
      for (size_t w : widths_) sum += w;
      return sum;
    };
    while (total() > fit_) {
      auto widest = std::max_element(widths_.begin(), widths_.end());
      if (*widest <= 6) break;
      --*widest;
    }
    for (auto& row : held_) {
      for (size_t i = 0; i < row.size() && i < widths_.size(); ++i) {
        row[i] = Clip(row[i], widths_[i]);
      }
    }
  }
  for (const auto& row : held_) Print(row);
  held_.clear();
  held_.shrink_to_fit();
}

void TablePrinter::Print(const std::vector<std::string>& row) {
  std::string line;
  for (size_t i = 0; i < row.size() && i < widths_.size(); ++i) {
    line += row[i];
    if (i + 1 < row.size())
      line += std::string(widths_[i] - Width(row[i]) + 2, ' ');
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  *out_ << line << "\n";
}

std::string TextTable(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows,
                      size_t max_width) {
  std::ostringstream out;
  TablePrinter table(header, max_width, &out, rows.size() + 1);
  for (const auto& row : rows) table.Row(row);
  table.Finish();
  return out.str();
}

}  // namespace ct::cli
