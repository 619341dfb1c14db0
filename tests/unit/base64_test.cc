#include <gtest/gtest.h>

#include "server/auth/base64.h"

namespace trtc::auth {
namespace {

TEST(Base64Test, RfcVectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},         {"f", "Zg=="},        {"fo", "Zm8="},        {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    std::string decoded;
    ASSERT_TRUE(Base64Decode(encoded, &decoded)) << encoded;
    EXPECT_EQ(decoded, plain);
  }
}

TEST(Base64Test, TencentAlphabetMapsTheThreeSpecialCharacters) {
  const std::string bytes = "\xfb\xff\xbf\x01";
  EXPECT_EQ(Base64Encode(bytes), "+/+/AQ==");
  EXPECT_EQ(TencentBase64Encode(bytes), "*-*-AQ__");
  std::string decoded;
  ASSERT_TRUE(TencentBase64Decode("*-*-AQ__", &decoded));
  EXPECT_EQ(decoded, bytes);
  ASSERT_TRUE(TencentBase64Decode("+/+/AQ==", &decoded));  // the standard alphabet too
  EXPECT_EQ(decoded, bytes);
  EXPECT_FALSE(Base64Decode("*-*-AQ__", &decoded));
}

TEST(Base64Test, StrictDecoding) {
  std::string out;
  EXPECT_FALSE(Base64Decode("Zm9", &out));       // length not a multiple of 4
  EXPECT_FALSE(Base64Decode("Zm=v", &out));      // padding before data
  EXPECT_FALSE(Base64Decode("Zg==Zg==", &out));  // padding before the end
  EXPECT_FALSE(Base64Decode("Z===", &out));      // three pads
  EXPECT_FALSE(Base64Decode("Zm9!", &out));      // outside the alphabet
  EXPECT_FALSE(TencentBase64Decode("Zm9", &out));
  EXPECT_TRUE(TencentBase64Decode(" Zm9v\n", &out));  // whitespace skipped
  EXPECT_EQ(out, "foo");
}

}  // namespace
}  // namespace trtc::auth
