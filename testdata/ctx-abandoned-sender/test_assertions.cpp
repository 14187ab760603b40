// GoogleTest's ASSERT_* macros return from the test body when they fail: a
// bail-out on failure, not a path the code chooses, so it abandons nothing
// (the returns are expanded from a system header's macro). A return the test
// writes itself still counts.
#include <ctx/ctx.hpp>
#include <gtest/gtest.h>

TEST(Abandoned, AssertBeforeReceiveIsNotAnExit) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(1); });
  ASSERT_TRUE(ch.capacity() == 0);
  EXPECT_EQ(ch.recv(), 1);
}

TEST(Abandoned, ExplicitReturnIsAnExit) {
  ctx::Chan<int> ch;
  ctx::go([ch] { ch.send(1); }); // want:18 "goroutine started on line 17 blocks forever sending on 'ch'"
  if (ch.capacity() == 0)
    return; // note:5 "returns here without receiving from 'ch'"
  EXPECT_EQ(ch.recv(), 1);
}
