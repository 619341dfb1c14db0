// EventStream (the event stream's bounded queue) and EventFeed (who gets which event):
// queueing and taking, one wake per batch, the cut-off of a reader that falls behind,
// and the feed forgetting ended streams.
#include <string>

#include <gtest/gtest.h>

#include "server/control/event_feed.h"
#include "server/http/event_stream.h"

namespace trtc {
namespace {

TEST(EventStreamTest, QueuesEventsUntilTakenAndWakesOncePerBatch) {
  http::EventStream stream(10);
  int wakes = 0;
  ASSERT_TRUE(stream.Push("a\n\n"));  // before the session attaches: kept
  stream.Attach([&] { ++wakes; });
  EXPECT_EQ(wakes, 1);  // something was waiting
  ASSERT_TRUE(stream.Push("b\n\n"));
  EXPECT_EQ(wakes, 1);  // not twice before a Take
  std::string out;
  EXPECT_TRUE(stream.Take(&out));
  EXPECT_EQ(out, "a\n\nb\n\n");
  ASSERT_TRUE(stream.Push("c\n\n"));
  EXPECT_EQ(wakes, 2);
  out.clear();
  EXPECT_TRUE(stream.Take(&out));
  EXPECT_EQ(out, "c\n\n");
}

TEST(EventStreamTest, AReaderTooFarBehindIsCutOffAndItsQueueDropped) {
  http::EventStream stream(3);
  int wakes = 0;
  stream.Attach([&] { ++wakes; });
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(stream.Push("e\n\n"));
  EXPECT_FALSE(stream.Push("one too many\n\n"));
  EXPECT_TRUE(stream.ended());
  std::string out;
  EXPECT_FALSE(stream.Take(&out));
  EXPECT_EQ(out, "");  // what was queued went with it
  EXPECT_FALSE(stream.Push("later\n\n"));
  // Taking in time keeps it going: the bound is on what waits, not on what was sent.
  http::EventStream kept(3);
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(kept.Push("e\n\n"));
    out.clear();
    ASSERT_TRUE(kept.Take(&out));
  }
}

TEST(EventStreamTest, NoWakeAfterDetach) {
  http::EventStream stream(10);
  int wakes = 0;
  stream.Attach([&] { ++wakes; });
  stream.Detach();
  EXPECT_FALSE(stream.Push("x\n\n"));
  stream.End();
  EXPECT_EQ(wakes, 0);
}

TEST(EventFeedTest, PublishesToOpenStreamsAndForgetsEndedOnes) {
  control::EventFeed feed;
  control::JournalEntry entry;
  entry.seq = 7;
  entry.time_ms = 1700000000123;
  entry.api = "v4/call_config/get_callback";
  entry.sdkappid = 1400000000;
  entry.error_code = 70003;
  entry.request_body = "{\"secret\":1}";  // not in the event
  feed.EntryAdded(entry);                   // nobody listens: nothing happens

  auto first = feed.Subscribe();
  auto second = feed.Subscribe();
  EXPECT_EQ(feed.subscribers(), 2u);
  feed.EntryAdded(entry);
  std::string out;
  ASSERT_TRUE(first->Take(&out));
  EXPECT_EQ(out,
            "event: journal\ndata: {\"seq\":7,\"time_ms\":1700000000123,"
            "\"api\":\"v4/call_config/get_callback\",\"sdkappid\":1400000000,"
            "\"error_code\":70003}\n\n");

  second->End();
  storage::CallbackDelivery delivery;
  delivery.id = 12;
  delivery.sdkappid = 1400000000;
  delivery.room_id = "live-1";
  delivery.command = "Live.CallbackAfterCreateRoom";
  delivery.state = storage::DeliveryState::kFailed;
  delivery.attempts.resize(2);
  delivery.body = "{\"not\":\"sent\"}";
  feed.DeliveryChanged(delivery);
  EXPECT_EQ(feed.subscribers(), 1u);
  out.clear();
  ASSERT_TRUE(first->Take(&out));
  EXPECT_EQ(out.substr(out.find("event: outbox")),
            "event: outbox\ndata: {\"id\":\"12\",\"room_id\":\"live-1\",\"sdkappid\":1400000000,"
            "\"command\":\"Live.CallbackAfterCreateRoom\",\"state\":\"failed\",\"attempts\":2}\n\n");
}

}  // namespace
}  // namespace trtc
