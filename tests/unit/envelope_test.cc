// The two envelope writers, byte for byte, and the RequestId formats.
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "server/api/envelope.h"
#include "server/api/request_id.h"

namespace trtc::api {
namespace {

TEST(V4EnvelopeTest, SuccessWithoutPayload) {
  EXPECT_EQ(WriteV4Envelope(ApiReply::Ok(), "Id-x"),
            R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-x"})");
}

TEST(V4EnvelopeTest, SuccessWithResponse) {
  EXPECT_EQ(WriteV4Envelope(ApiReply::Ok(R"({"Url":"u"})"), "Id-x"),
            R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-x","Response":{"Url":"u"}})");
}

TEST(V4EnvelopeTest, FailureUsesTheDetailOrTheDocumentedMessage) {
  EXPECT_EQ(WriteV4Envelope(ApiReply::Fail(v4::kInvalidParameter, "Url is \"required\""), "Id-x"),
            R"({"ActionStatus":"FAIL","ErrorCode":100002,"ErrorInfo":"Url is \"required\"","RequestId":"Id-x"})");
  EXPECT_EQ(WriteV4Envelope(ApiReply::Fail(v4::kCallbackNotConfigured), "Id-x"),
            R"({"ActionStatus":"FAIL","ErrorCode":100301,"ErrorInfo":"The callback configuration does not exist","RequestId":"Id-x"})");
}

TEST(V1EnvelopeTest, SuccessWithStringObjectAndNoData) {
  EXPECT_EQ(WriteV1Envelope(ApiReply::Ok(R"("http://a")"), "ab"),
            R"({"errorCode":0,"errorMessage":"Success","requestId":"ab","data":"http://a"})");
  EXPECT_EQ(WriteV1Envelope(ApiReply::Ok(R"({"actions":[]})"), "ab"),
            R"({"errorCode":0,"errorMessage":"Success","requestId":"ab","data":{"actions":[]}})");
  EXPECT_EQ(WriteV1Envelope(ApiReply::Ok(), "ab"),
            R"({"errorCode":0,"errorMessage":"Success","requestId":"ab","data":""})");
}

TEST(V1EnvelopeTest, FailureHasEmptyData) {
  EXPECT_EQ(WriteV1Envelope(ApiReply::Fail(v1::kNoConfiguration), "ab"),
            R"({"errorCode":999,"errorMessage":"No configuration information","requestId":"ab","data":""})");
}

TEST(ErrorTableTest, CommonRejectionsMapToEachFamilysCode) {
  EXPECT_EQ(ErrorFor(Family::kV4, Rejection::kMissingSdkappid).code, 60012);
  EXPECT_EQ(ErrorFor(Family::kV1, Rejection::kMissingSdkappid).code, 70001);
  EXPECT_EQ(ErrorFor(Family::kV4, Rejection::kRateLimited).code, 60007);
  EXPECT_EQ(ErrorFor(Family::kV1, Rejection::kRateLimited).code, 70005);
  EXPECT_EQ(ErrorFor(Family::kV4, Rejection::kNotAdmin).code, 60010);
  EXPECT_EQ(ErrorFor(Family::kV1, Rejection::kNotAdmin).code, 70004);
  EXPECT_EQ(ErrorFor(Family::kV4, Rejection::kInvalidJson).code, 60003);
  EXPECT_EQ(ErrorFor(Family::kV1, Rejection::kInvalidJson).code, 70009);
  EXPECT_EQ(ErrorFor(Family::kV4, Rejection::kAppNotFound).code, 70020);
  EXPECT_EQ(ErrorFor(Family::kV1, Rejection::kAppNotFound).code, 70002);
}

TEST(ErrorTableTest, UserSigOutcomesMapToEachFamilysCode) {
  using auth::UserSigOutcome;
  struct Row {
    UserSigOutcome outcome;
    int v4;
    int v1;
  } rows[] = {{UserSigOutcome::kEmpty, 70002, 70002},
              {UserSigOutcome::kUndecodable, 70003, 70002},
              {UserSigOutcome::kMalformed, 70005, 70002},
              {UserSigOutcome::kBadSignature, 70009, 70002},
              {UserSigOutcome::kIdentifierMismatch, 70013, 70002},
              {UserSigOutcome::kSdkappidMismatch, 70014, 70002},
              {UserSigOutcome::kExpired, 70001, 70003}};
  for (const Row& row : rows) {
    EXPECT_EQ(ErrorFor(Family::kV4, row.outcome).code, row.v4);
    EXPECT_EQ(ErrorFor(Family::kV1, row.outcome).code, row.v1);
  }
}

TEST(RequestIdTest, FormatsAndUniqueness) {
  const std::regex v4("Id-[0-9a-f]{32}-O-Seq-[0-9]+");
  const std::regex v1("[0-9a-f]{32}");
  std::set<std::string> seen;
  RequestIds ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string a = ids.Next(Family::kV4);
    const std::string b = ids.Next(Family::kV1);
    EXPECT_TRUE(std::regex_match(a, v4)) << a;
    EXPECT_TRUE(std::regex_match(b, v1)) << b;
    seen.insert(a.substr(3, 32));
    seen.insert(b);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(RequestIdTest, ASeedMakesTheSameIdsInTheSameOrder) {
  RequestIds first(42), second(42), other(43), unseeded, unseeded_too;
  for (int i = 0; i < 100; ++i) {
    const Family family = i % 2 ? Family::kV1 : Family::kV4;
    const std::string id = first.Next(family);
    EXPECT_EQ(second.Next(family), id);
    EXPECT_NE(other.Next(family), id);
    EXPECT_NE(unseeded.Next(family), unseeded_too.Next(family));
  }
  EXPECT_EQ(RequestIds(7).Next(Family::kV4).substr(35), "-O-Seq-1");
}

}  // namespace
}  // namespace trtc::api
