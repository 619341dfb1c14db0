#include "tests/integration/support/official_usersig.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {

std::vector<std::string> OfficialUserSigs(const std::vector<SigRequest>& requests) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const SigRequest& request : requests) {
    writer.StartObject();
    writer.Key("sdkappid");
    writer.Uint(request.sdkappid);
    writer.Key("key");
    writer.String(request.key.c_str());
    writer.Key("identifier");
    writer.String(request.identifier.c_str());
    writer.Key("expire");
    writer.Int64(request.expire_s);
    if (request.time_s) {
      writer.Key("time");
      writer.Int64(*request.time_s);
    }
    if (!request.tamper_json.empty()) {
      writer.Key("tamper");
      writer.RawValue(request.tamper_json.c_str(), request.tamper_json.size(),
                      rapidjson::kObjectType);
    }
    writer.EndObject();
  }
  writer.EndArray();

  TempDir dir;
  std::ofstream(dir.File("in.json")) << buffer.GetString();
  const std::string command = "node " TRTC_NODE_DIR "/gen_usersig.js < " + dir.File("in.json") +
                              " > " + dir.File("out.json") + " 2> " + dir.File("err.txt");
  if (std::system(command.c_str()) != 0) {
    std::stringstream err;
    err << std::ifstream(dir.File("err.txt")).rdbuf();
    ADD_FAILURE() << "the official generator failed (is node installed and `npm install` run in "
                  << TRTC_NODE_DIR << "?): " << err.str();
    return {};
  }
  std::stringstream out;
  out << std::ifstream(dir.File("out.json")).rdbuf();
  rapidjson::Document sigs;
  sigs.Parse(out.str().c_str());
  std::vector<std::string> result;
  if (sigs.HasParseError() || !sigs.IsArray() || sigs.Size() != requests.size()) {
    ADD_FAILURE() << "unexpected generator output: " << out.str();
    return {};
  }
  for (const auto& sig : sigs.GetArray()) result.emplace_back(sig.GetString());
  return result;
}

}  // namespace trtc::testing
