// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The engine's random draws, built from the generator's bits directly (53 random bits; no library
// distribution, so the stream is the same with every standard library).
#include <cmath>
#include <random>

namespace glassfit::kmc {

inline double uniform01(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }  // [0, 1)
inline double exponential1(std::mt19937_64& rng) { return -std::log1p(-uniform01(rng)); }

}  // namespace glassfit::kmc
