// Go's errors package: wrap (fmt.Errorf's %w), Join, Is and Unwrap, ported
// from errors/wrap_test.go and errors/join_test.go.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <ctx/ctx.hpp>

namespace ctxtest {
namespace {

using ctx::Error;

TEST(ErrorTest, MakeIsALeaf) {
  const Error e = Error::make("leaf");
  EXPECT_TRUE(e.unwrap().empty());
  EXPECT_TRUE(Error{}.unwrap().empty());
}

TEST(ErrorTest, IdentityIsKept) {
  const Error a = Error::make("x");
  const Error b = Error::make("x");
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(a == Error(a));
  EXPECT_FALSE(ctx::wrap(a, "w") == ctx::wrap(a, "w"));
}

// wrap_test.go TestIs, with fmt.Errorf("wrap 2: %w", err1) for the wrapper.
TEST(ErrorTest, IsWalksWraps) {
  const Error err1 = Error::make("1");
  const Error erra = ctx::wrap(err1, "wrap 2");
  const Error errb = ctx::wrap(erra, "wrap 3");
  const Error err3 = Error::make("3");

  struct Case {
    Error err, target;
    bool match;
  };
  const std::vector<Case> cases = {
      {Error{}, Error{}, true},
      {err1, Error{}, false},
      {err1, err1, true},
      {erra, err1, true},
      {errb, err1, true},
      {errb, erra, true},
      {err1, err3, false},
      {erra, err3, false},
      {errb, err3, false},
      {Error{}, err1, false},
      {err1, erra, false},  // not upwards
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(ctx::is(cases[i].err, cases[i].target), cases[i].match) << "case " << i;
  }
}

TEST(ErrorTest, WrapMessageAndUnwrap) {
  const Error inner = Error::make("file not found");
  const Error outer = ctx::wrap(inner, "open config");
  EXPECT_EQ(outer.message(), "open config: file not found");
  ASSERT_EQ(outer.unwrap().size(), 1u);
  EXPECT_EQ(outer.unwrap()[0], inner);
  const Error twice = ctx::wrap(outer, "start");
  EXPECT_EQ(twice.message(), "start: open config: file not found");
  EXPECT_EQ(twice.unwrap()[0], outer);
  EXPECT_EQ(ctx::wrap(ctx::canceled, "fetch").message(), "fetch: context canceled");
  EXPECT_TRUE(ctx::is(ctx::wrap(ctx::canceled, "fetch"), ctx::canceled));
}

// fmt.Errorf("x: %w", nil) is a non-nil error "x: %!w(<nil>)" with nothing
// to unwrap.
TEST(ErrorTest, WrapOfNoErrorIsAnErrorAsInGo) {
  const Error e = ctx::wrap(Error{}, "x");
  EXPECT_TRUE(e);
  EXPECT_EQ(e.message(), "x: %!w(<nil>)");
  EXPECT_TRUE(e.unwrap().empty());
  EXPECT_FALSE(ctx::is(e, Error{}));
  EXPECT_TRUE(ctx::is(e, e));
}

// join_test.go TestJoinReturnsNil.
TEST(ErrorTest, JoinReturnsNil) {
  EXPECT_FALSE(ctx::join({}));
  EXPECT_FALSE(ctx::join({Error{}}));
  EXPECT_FALSE(ctx::join({Error{}, Error{}}));
}

// join_test.go TestJoin: Unwrap gives the non-nil errors, in order.
TEST(ErrorTest, JoinUnwrapsToTheNonNilErrors) {
  const Error err1 = Error::make("err1");
  const Error err2 = Error::make("err2");
  struct Case {
    std::vector<Error> errs, want;
  };
  const std::vector<Case> cases = {
      {{err1}, {err1}},
      {{err1, err2}, {err1, err2}},
      {{err1, Error{}, err2}, {err1, err2}},
  };
  for (const Case& c : cases) {
    const Error joined = ctx::join(c.errs);
    ASSERT_TRUE(joined);
    EXPECT_EQ(joined.unwrap(), c.want);
  }
  EXPECT_FALSE(ctx::join({err1}) == err1);  // a new error, as Go's
}

// join_test.go TestJoinErrorMethod.
TEST(ErrorTest, JoinMessage) {
  const Error err1 = Error::make("err1");
  const Error err2 = Error::make("err2");
  EXPECT_EQ(ctx::join({err1}).message(), "err1");
  EXPECT_EQ(ctx::join({err1, err2}).message(), "err1\nerr2");
  EXPECT_EQ(ctx::join({err1, Error{}, err2}).message(), "err1\nerr2");
  EXPECT_EQ(ctx::join({ctx::join({err1, err2}), err1}).message(), "err1\nerr2\nerr1");
}

// wrap_test.go's multiError cases: Is searches every branch, depth first.
TEST(ErrorTest, IsThroughJoinsAndJoinsOfJoins) {
  const Error err1 = Error::make("1");
  const Error err2 = Error::make("2");
  const Error err3 = Error::make("3");
  const Error other = Error::make("other");
  const Error joined = ctx::join({err1, ctx::wrap(err2, "wrapped")});
  EXPECT_TRUE(ctx::is(joined, err1));
  EXPECT_TRUE(ctx::is(joined, err2));
  EXPECT_FALSE(ctx::is(joined, err3));
  const Error nested = ctx::wrap(ctx::join({other, ctx::join({Error{}, ctx::wrap(joined, "deep")}), err3}), "top");
  EXPECT_TRUE(ctx::is(nested, err1));
  EXPECT_TRUE(ctx::is(nested, err2));
  EXPECT_TRUE(ctx::is(nested, err3));
  EXPECT_TRUE(ctx::is(nested, other));
  EXPECT_TRUE(ctx::is(nested, joined));
  EXPECT_FALSE(ctx::is(nested, Error::make("1")));  // same message, other error
  EXPECT_FALSE(ctx::is(nested, Error{}));
  EXPECT_FALSE(ctx::is(Error{}, nested));
}

TEST(ErrorTest, UnwrapReturnsTheTreeOneLevelAtATime) {
  const Error leaf = Error::make("leaf");
  const Error a = ctx::wrap(leaf, "a");
  const Error j = ctx::join({a, leaf});
  const Error top = ctx::wrap(j, "top");
  ASSERT_EQ(top.unwrap().size(), 1u);
  const std::vector<Error> level1 = top.unwrap()[0].unwrap();
  ASSERT_EQ(level1.size(), 2u);
  EXPECT_EQ(level1[0], a);
  EXPECT_EQ(level1[1], leaf);
  EXPECT_EQ(level1[0].unwrap(), std::vector<Error>{leaf});
  EXPECT_EQ(top.message(), "top: a: leaf\nleaf");
}

TEST(ErrorTest, DeepWrapChains) {
  const Error root = Error::make("root");
  Error e = root;
  for (int i = 0; i < 1000; ++i) e = ctx::wrap(e, "w");
  EXPECT_TRUE(ctx::is(e, root));
  EXPECT_FALSE(ctx::is(e, Error::make("root")));
  EXPECT_EQ(e.message().size(), std::string("root").size() + 1000 * std::string("w: ").size());
}

TEST(ErrorTest, PrintsLikeGo) {
  std::ostringstream out;
  out << ctx::wrap(Error::make("b"), "a") << "|" << ctx::join({}) << "|" << ctx::join({Error::make("x")});
  EXPECT_EQ(out.str(), "a: b|<nil>|x");
}

}  // namespace
}  // namespace ctxtest
