// UTF-8 in responses: the helper, and the requests that fuzzing found answered with
// invalid JSON (tests/fuzz/corpus/api_request_fuzz/regression-*): a path or a query
// value that is not UTF-8, quoted back in the error message.
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "server/api/api_dispatcher.h"
#include "server/api/envelope.h"
#include "server/common/utf8.h"
#include "server/common/json.h"
#include "server/handlers/endpoints.h"

namespace trtc {
namespace {

bool IsJsonObject(const std::string& text) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  return !document.HasParseError() && document.IsObject();
}

TEST(Utf8Test, WellFormedTextIsValidAndKept) {
  for (const std::string text : {"", "ascii", "语言", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf"}) {
    EXPECT_TRUE(IsValidUtf8(text)) << text;
    EXPECT_EQ(ValidUtf8(text), text);
  }
}

TEST(Utf8Test, EachBadByteBecomesOneReplacementCharacter) {
  const std::string kReplacement = "\xef\xbf\xbd";
  const struct {
    std::string in, out;
  } cases[] = {
      {"\xbc", kReplacement},                                  // a lone continuation byte
      {"a\xff" "b", "a" + kReplacement + "b"},                 // never in UTF-8
      {"\xc0\xaf", kReplacement + kReplacement},               // overlong '/'
      {"\xe0\x80\xaf", kReplacement + kReplacement + kReplacement},  // overlong, 3 bytes
      {"\xed\xa0\x80", kReplacement + kReplacement + kReplacement},  // a surrogate
      {"\xf4\x90\x80\x80", kReplacement + kReplacement + kReplacement + kReplacement},
      {"\xe8\xaf", kReplacement + kReplacement},               // cut short
      {"\xe8\xaf\xad\xe8", "\xe8\xaf\xad" + kReplacement},     // a whole one, then a cut one
  };
  for (const auto& c : cases) {
    EXPECT_FALSE(IsValidUtf8(c.in));
    EXPECT_EQ(ValidUtf8(c.in), c.out);
    EXPECT_TRUE(IsValidUtf8(ValidUtf8(c.in)));
  }
}

TEST(Utf8Test, EnvelopesAndJsonStringsStayValidJson) {
  const api::ApiReply reply = api::ApiReply::Fail(api::v4::kInvalidParameter, "bad \xbc\xff");
  EXPECT_TRUE(IsJsonObject(api::WriteV4Envelope(reply, "id")));
  EXPECT_TRUE(IsJsonObject(api::WriteV1Envelope(reply, "id")));
  EXPECT_TRUE(IsJsonObject("{\"a\":" + json::Quote("\xc0\xaf") + "}"));
}

// The requests themselves, through the dispatcher as a connection would send them.
TEST(Utf8Test, RequestsWithBytesThatAreNotUtf8AreAnsweredWithValidJson) {
  api::AppRegistry apps;
  ManualClock clock;
  api::ApiDispatcher dispatcher(handlers::Endpoints(), apps, api::Services{}, clock,
                                api::AuthMode::kOff);
  const std::string targets[] = {
      "/\xbc",                                                      // fuzzing's input
      "/v4/\xff\xfe?sdkappid=1",
      "/v4/call_config/get_callback?sdkappid=%FF%FE&random=1&contenttype=json",
  };
  for (const std::string& target : targets) {
    const http::Response response =
        dispatcher.Begin({boost::beast::http::verb::post, target, ""})->Finish("{}");
    EXPECT_TRUE(IsJsonObject(response.body)) << response.body;
  }
}

}  // namespace
}  // namespace trtc
