// AppendJsonString writes what RapidJSON's Writer writes (the rest of the emulator's JSON
// comes from it), and only valid JSON.
#include "server/common/json.h"

#include <string>

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace trtc {
namespace {

std::string ByRapidJson(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string Ours(std::string_view text) {
  std::string out = "prefix:";
  json::AppendString(&out, text);
  EXPECT_EQ(out.rfind("prefix:", 0), 0u) << "appends, keeps what was there";
  return out.substr(7);
}

TEST(JsonStringTest, EveryAsciiByteIsWrittenAsRapidJsonWritesIt) {
  for (int byte = 0; byte < 0x80; ++byte) {
    const std::string text = std::string("a") + static_cast<char>(byte) + "b";
    EXPECT_EQ(Ours(text), ByRapidJson(text)) << "byte " << byte;
  }
}

TEST(JsonStringTest, TypicalTextsMatchRapidJson) {
  for (const std::string& text :
       {std::string(), std::string("https://app.example/callback?x=1&y=\"2\""),
        std::string("line\nbreak\ttab\\slash/"), std::string("语言 中文 😀"),
        std::string("\x01\x1f\x7f", 3), std::string(1, '\0'), std::string(300, '"'),
        std::string("中\n文\"😀\\\x01" "end")}) {
    EXPECT_EQ(Ours(text), ByRapidJson(text)) << text;
  }
}

TEST(JsonStringTest, InvalidUtf8BecomesReplacementCharactersAndParses) {
  const std::string out = Ours("ok\xbc\xff-\xe4\xb8");
  EXPECT_EQ(out, "\"ok\xef\xbf\xbd\xef\xbf\xbd-\xef\xbf\xbd\xef\xbf\xbd\"");
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(out.data(), out.size());
  ASSERT_FALSE(document.HasParseError());
  EXPECT_STREQ(document.GetString(), "ok\xef\xbf\xbd\xef\xbf\xbd-\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(JsonStringTest, EscapesBeforeAnInvalidByteAreWrittenOnce) {
  // The one-pass writer escapes as it goes and starts again on the first bad sequence:
  // what it had written before must not stay behind.
  EXPECT_EQ(Ours("a\"b\n\xc3\xa9\xff"), "\"a\\\"b\\n\xc3\xa9\xef\xbf\xbd\"");
  EXPECT_EQ(Ours("\xe4\xb8\x01"), "\"\xef\xbf\xbd\xef\xbf\xbd\\u0001\"");
}

}  // namespace
}  // namespace trtc
