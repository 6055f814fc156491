// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Statistical and trend tests that run tens of thousands of kMC events are for release builds:
// under the sanitizers each takes a minute or more, and the short tests run the same code there.
// kSanitizedBuild is for tests that run a smaller case under the sanitizers instead of skipping.
#include <gtest/gtest.h>

#ifdef GLASSFIT_SANITIZED
#define GLASSFIT_RELEASE_ONLY() GTEST_SKIP() << "release builds only (a long statistical test)"
inline constexpr bool kSanitizedBuild = true;
#else
#define GLASSFIT_RELEASE_ONLY() static_cast<void>(0)
inline constexpr bool kSanitizedBuild = false;
#endif
