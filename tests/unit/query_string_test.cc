#include <gtest/gtest.h>

#include "server/api/query_string.h"

namespace trtc::api {
namespace {

TEST(QueryStringTest, SplitsPathAndQuery) {
  std::string_view path, query;
  SplitTarget("/v4/a/b?x=1&y=2", &path, &query);
  EXPECT_EQ(path, "v4/a/b");
  EXPECT_EQ(query, "x=1&y=2");
  SplitTarget("/v4/a/b", &path, &query);
  EXPECT_EQ(path, "v4/a/b");
  EXPECT_EQ(query, "");
}

TEST(QueryStringTest, ReadsTheFiveParametersAndDecodesThem) {
  RestQuery q;
  ASSERT_TRUE(ParseRestQuery(
      "sdkappid=1400000000&identifier=ad%20min&usersig=a*b-c_%2A+&random=7&contenttype=json&x=y", &q));
  EXPECT_EQ(*q.sdkappid, "1400000000");
  EXPECT_EQ(*q.identifier, "ad min");
  EXPECT_EQ(*q.usersig, "a*b-c_*+");  // '+' stays '+' (RFC 3986)
  EXPECT_EQ(*q.random, "7");
  EXPECT_EQ(*q.contenttype, "json");
}

TEST(QueryStringTest, AbsentEmptyAndRepeated) {
  RestQuery q;
  ASSERT_TRUE(ParseRestQuery("usersig=&random&identifier=a&identifier=b", &q));
  EXPECT_FALSE(q.sdkappid.has_value());
  EXPECT_EQ(*q.usersig, "");
  EXPECT_EQ(*q.random, "");
  EXPECT_EQ(*q.identifier, "a");
}

TEST(QueryStringTest, BadPercentEncodingFails) {
  RestQuery q;
  EXPECT_FALSE(ParseRestQuery("identifier=%zz", &q));
  RestQuery r;
  EXPECT_FALSE(ParseRestQuery("identifier=%4", &r));
  RestQuery s;
  EXPECT_FALSE(ParseRestQuery("identifier=%", &s));
}

TEST(QueryStringTest, Uint32) {
  EXPECT_EQ(ParseUint32("0"), 0u);
  EXPECT_EQ(ParseUint32("4294967295"), 4294967295u);
  EXPECT_FALSE(ParseUint32("4294967296"));
  EXPECT_FALSE(ParseUint32("99999999999"));
  EXPECT_FALSE(ParseUint32(""));
  EXPECT_FALSE(ParseUint32("-1"));
  EXPECT_FALSE(ParseUint32("+1"));
  EXPECT_FALSE(ParseUint32(" 1"));
  EXPECT_FALSE(ParseUint32("1e3"));
}

}  // namespace
}  // namespace trtc::api
