#include "server/auth/base64.h"

#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace trtc::auth {
namespace {

TEST(Base64Test, EncodesAndDecodesTheRfc4648Vectors) {
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

TEST(Base64Test, RoundTripsEveryByteAtEveryTailLength) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (size_t length : {size_t{253}, size_t{254}, size_t{255}, size_t{256}}) {
    const std::string input = bytes.substr(256 - length);
    std::string decoded;
    ASSERT_TRUE(Base64Decode(Base64Encode(input), &decoded));
    EXPECT_EQ(decoded, input);
    ASSERT_TRUE(TencentBase64Decode(TencentBase64Encode(input), &decoded));
    EXPECT_EQ(decoded, input);
  }
}

TEST(Base64Test, TencentAlphabetReplacesTheThreeSpecialCharacters) {
  const std::string bytes = "\xfb\xff\xbf\x01";
  EXPECT_EQ(Base64Encode(bytes), "+/+/AQ==");
  EXPECT_EQ(TencentBase64Encode(bytes), "*-*-AQ__");
  std::string decoded;
  ASSERT_TRUE(TencentBase64Decode("*-*-AQ__", &decoded));
  EXPECT_EQ(decoded, bytes);
  EXPECT_FALSE(Base64Decode("*-*-AQ__", &decoded));  // standard decoding stays standard
}

// Every official decoder maps only '* - _', so the standard characters pass through.
TEST(Base64Test, TencentDecodingAlsoAcceptsTheStandardAlphabet) {
  const std::string bytes = "\xfb\xff\xbf\x01";
  std::string decoded;
  ASSERT_TRUE(TencentBase64Decode("+/+/AQ==", &decoded));
  EXPECT_EQ(decoded, bytes);
  ASSERT_TRUE(TencentBase64Decode("*/+-AQ_=", &decoded));
  EXPECT_EQ(decoded, bytes);
}

TEST(Base64Test, DecodingIsStrict) {
  const char* bad[] = {
      "Zm9",       // length not a multiple of 4 (unpadded)
      "Zm9vY",     // one character too many
      "Zm=v",      // padding before data
      "=m9v",      // padding first
      "Zg==Zg==",  // padding before the end (EVP_DecodeBlock would read it as zero bits)
      "Z===",      // three pads
      "====",      // nothing but padding
      "Zm9!",      // outside the alphabet
      "Zm9v\x80\x80\x80\x80",  // high bytes
  };
  for (const char* text : bad) {
    std::string out, why;
    EXPECT_FALSE(Base64Decode(text, &out, &why)) << text;
    EXPECT_FALSE(why.empty()) << text;
    EXPECT_FALSE(TencentBase64Decode(text, &out)) << text;
  }
  std::string out;
  EXPECT_FALSE(Base64Decode(" Zm9v", &out));  // the standard decoder skips nothing
  EXPECT_TRUE(Base64Decode("", &out));
  EXPECT_TRUE(out.empty());
}

TEST(Base64Test, ErrorsSayWhatIsWrongAndWhere) {
  std::string out, why;
  EXPECT_FALSE(TencentBase64Decode("Zm9", &out, &why));
  EXPECT_NE(why.find("3 characters"), std::string::npos) << why;
  EXPECT_FALSE(TencentBase64Decode("Zm9v Zm!", &out, &why));  // reported before the length
  EXPECT_NE(why.find("'!' at offset 7"), std::string::npos) << why;  // offset in the input
  EXPECT_FALSE(TencentBase64Decode("Zm9\x01", &out, &why));
  EXPECT_NE(why.find("0x01"), std::string::npos) << why;
  EXPECT_FALSE(TencentBase64Decode("Zg__Zg__", &out, &why));
  EXPECT_NE(why.find("padding"), std::string::npos) << why;
}

// The official C++ checker drops isspace() characters before decoding.
TEST(Base64Test, TencentDecodingSkipsAsciiWhitespace) {
  std::string out;
  ASSERT_TRUE(TencentBase64Decode(" Zm\t9v\r\nYm\vFy\f", &out));
  EXPECT_EQ(out, "foobar");
  ASSERT_TRUE(TencentBase64Decode("Zg_ _", &out));
  EXPECT_EQ(out, "f");
  ASSERT_TRUE(TencentBase64Decode(" \n ", &out));
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(TencentBase64Decode("Zm9v\xa0", &out));  // not ASCII whitespace
}

// A '+' read as a space is skipped, not restored, as in the official checker: the text
// is then a character short.
TEST(Base64Test, ASpaceIsNeverReadAsPlus) {
  std::string out;
  EXPECT_FALSE(TencentBase64Decode(" /+/AQ==", &out));
  EXPECT_FALSE(TencentBase64Decode("+/ /AQ==", &out));
}

}  // namespace
}  // namespace trtc::auth
