#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.h"
#include "web/json_views.h"

namespace ct::cli {

int CmdExtract(const Context& ctx, const Argv& argv) {
  Args args(argv, {}, {"jsonl"});
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "extract");
  if (!args.positional().empty()) {
    return Fail(kExitUsage, "extract: reads standard input; unexpected '" +
                                args.positional().front() + "'");
  }
  auto extractor = MakeExtractor(ctx);
  if (!extractor.ok()) return Fail(extractor.status());
  std::ios::sync_with_stdio(false);

  if (!args.Has("jsonl")) {
    std::string text((std::istreambuf_iterator<char>(std::cin)),
                     std::istreambuf_iterator<char>());
    std::cout << web::ExtractLineJson("\"stdin\"", (*extractor)->Extract(text))
              << "\n";
    return kExitOk;
  }
  int failures = 0;
  std::string line;
  size_t line_no = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string id_json;
    std::string text;
    try {
      Poco::JSON::Parser parser;
      Poco::Dynamic::Var parsed = parser.parse(line);
      auto object = parsed.extract<Poco::JSON::Object::Ptr>();
      if (object.isNull() || !object->has("text")) {
        throw Poco::DataException("no \"text\" field");
      }
      text = object->get("text").convert<std::string>();
      std::ostringstream id;
      Poco::JSON::Stringifier::stringify(object->get("id"), id, 0, -1,
                                         Poco::JSON_WRAP_STRINGS);
      id_json = id.str();
      if (id_json.empty()) id_json = "null";
    } catch (const Poco::Exception& e) {
      Fail(kExitPartial,
           "extract: stdin line " + std::to_string(line_no) +
               ": not a JSON object with \"text\": " + e.displayText());
      ++failures;
      continue;
    } catch (const std::exception& e) {
      Fail(kExitPartial, "extract: stdin line " + std::to_string(line_no) +
                             ": not a JSON object with \"text\"");
      ++failures;
      continue;
    }
    std::cout << web::ExtractLineJson(id_json, (*extractor)->Extract(text))
              << "\n";
  }
  std::cout.flush();
  return failures ? kExitPartial : kExitOk;
}

}  // namespace ct::cli
