// Every runtime test also checks that it leaves no goroutine behind.
#include <gtest/gtest.h>

#include <ctx/leakcheck_gtest.hpp>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ctx::leakcheck::GTestListener::install({.grace = std::chrono::seconds(10), .ignore_current = false});
  return RUN_ALL_TESTS();
}
