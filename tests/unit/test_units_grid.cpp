// SPDX-License-Identifier: BSD-3-Clause
#include <gtest/gtest.h>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/core/units.h"

using namespace glassfit;

TEST(Units, ConvertsToInternal) {
  EXPECT_DOUBLE_EQ(find_unit("GPa")->to_internal(33), 33000);
  EXPECT_DOUBLE_EQ(find_unit("Pa")->to_internal(2e6), 2);
  EXPECT_DOUBLE_EQ(find_unit("°C")->to_internal(-5), 268.15);
  EXPECT_DOUBLE_EQ(find_unit("C")->to_internal(0), 273.15);
  EXPECT_DOUBLE_EQ(find_unit("kJ/mol")->to_internal(83.12), 83120);
  EXPECT_DOUBLE_EQ(find_unit("%")->to_internal(0.2), 0.002);
  EXPECT_FALSE(find_unit("furlong").has_value());
  EXPECT_EQ(canonical_quantity("E_stor"), "storage_modulus");
  EXPECT_EQ(canonical_quantity(" T "), "temperature");
}

TEST(Units, ParseQuantity) {
  EXPECT_DOUBLE_EQ(parse_quantity("-5C", Dimension::Temperature, "x"), 268.15);
  EXPECT_DOUBLE_EQ(parse_quantity("268.15 K", Dimension::Temperature, "x"), 268.15);
  EXPECT_DOUBLE_EQ(parse_quantity("300", Dimension::Temperature, "x"), 300);
  EXPECT_DOUBLE_EQ(parse_quantity("10C", Dimension::Temperature, "x", true), 10);  // a difference
  EXPECT_THROW(parse_quantity("5 Hz", Dimension::Temperature, "x"), InputError);
  EXPECT_THROW(parse_quantity("abc", Dimension::Temperature, "x"), InputError);
  EXPECT_THROW(parse_quantity("nan", Dimension::Temperature, "x"), InputError);
}

TEST(Grid, RangesListsAndLogs) {
  auto g = parse_grid("300:310:5", Dimension::Temperature, "t");
  ASSERT_EQ(g.size(), 3u);
  EXPECT_DOUBLE_EQ(g[2], 310);
  g = parse_grid("1e-3:1e3:7log", Dimension::Time, "t");
  ASSERT_EQ(g.size(), 7u);
  EXPECT_NEAR(g[1], 1e-2, 1e-15);
  EXPECT_NEAR(g[6], 1e3, 1e-10);
  g = parse_grid("1,2,4", Dimension::Frequency, "f");
  EXPECT_EQ(g, (std::vector<double>{1, 2, 4}));
  g = parse_grid("0C:20C:10C", Dimension::Temperature, "t");  // step is a difference
  ASSERT_EQ(g.size(), 3u);
  EXPECT_DOUBLE_EQ(g[1], 283.15);
  EXPECT_THROW(parse_grid("310:300:1", Dimension::Temperature, "t"), InputError);
  EXPECT_THROW(parse_grid("300:310:0", Dimension::Temperature, "t"), InputError);
  EXPECT_THROW(parse_grid("0:10:5log", Dimension::Time, "t"), InputError);
  EXPECT_THROW(parse_grid("", Dimension::Time, "t"), InputError);
  EXPECT_THROW(parse_grid("1:2", Dimension::Time, "t"), InputError);
}

TEST(Grid, StressHistory) {
  const auto h = parse_history("50@0,0@330", Dimension::Stress, "s");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_DOUBLE_EQ(h[1].time_s, 330);
  EXPECT_DOUBLE_EQ(parse_history("0.05GPa", Dimension::Stress, "s")[0].value, 50);
  EXPECT_THROW(parse_history("50@10,0@5", Dimension::Stress, "s"), InputError);
  EXPECT_THROW(parse_history("50@-1", Dimension::Stress, "s"), InputError);
}
