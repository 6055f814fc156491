// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Truncated Taylor series a_0 + a_1 u + ... + a_M u^M and the arithmetic on them (products,
// reciprocal, exp, log by the usual O(M^2) recurrences; reversion of a series), over any scalar
// with the arithmetic operators (double, or a ceres::Jet to carry derivatives through). The
// coefficients are exact to rounding: what is truncated is only the orders above M.
#include <array>
#include <cmath>
#include <cstddef>

namespace glassfit::taylor {

template <typename S, int M>
using Series = std::array<S, M + 1>;

template <typename S, int M>
Series<S, M> constant(const S& value) {
  Series<S, M> a;
  a.fill(S(0.0));
  a[0] = value;
  return a;
}

template <typename S, std::size_t N, int M = int(N) - 1>
std::array<S, N> multiply(const std::array<S, N>& a, const std::array<S, N>& b) {
  std::array<S, N> c;
  for (int k = 0; k <= M; ++k) {
    S sum = a[0] * b[k];
    for (int i = 1; i <= k; ++i) sum += a[i] * b[k - i];
    c[k] = sum;
  }
  return c;
}

template <typename S, std::size_t N, int M = int(N) - 1>
std::array<S, N> scale(const std::array<S, N>& a, const S& s) {
  std::array<S, N> c;
  for (int k = 0; k <= M; ++k) c[k] = a[k] * s;
  return c;
}

// 1/a, a_0 != 0
template <typename S, std::size_t N, int M = int(N) - 1>
std::array<S, N> reciprocal(const std::array<S, N>& a) {
  std::array<S, N> r;
  r[0] = 1.0 / a[0];
  for (int k = 1; k <= M; ++k) {
    S sum = a[1] * r[k - 1];
    for (int i = 2; i <= k; ++i) sum += a[i] * r[k - i];
    r[k] = -sum * r[0];
  }
  return r;
}

// exp(a) with its constant term given (exp(a_0), or expm1(a_0) for exp(a) - 1): the higher
// coefficients follow from e' = a' e with e_0 = exp(a_0).
template <typename S, std::size_t N, int M = int(N) - 1>
std::array<S, N> exp_with(const std::array<S, N>& a, const S& e0, const S& constant_term) {
  std::array<S, N> e;
  e[0] = e0;
  for (int k = 1; k <= M; ++k) {
    S sum = a[1] * e[k - 1];
    for (int i = 2; i <= k; ++i) sum += double(i) * a[i] * e[k - i];
    e[k] = sum / double(k);
  }
  e[0] = constant_term;
  return e;
}

template <typename S, std::size_t N>
std::array<S, N> exp(const std::array<S, N>& a) {
  using std::exp;
  const S e0 = exp(a[0]);
  return exp_with(a, e0, e0);
}

// log(a), a_0 > 0: from l' = a'/a.
template <typename S, std::size_t N, int M = int(N) - 1>
std::array<S, N> log(const std::array<S, N>& a) {
  using std::log;
  std::array<S, N> l;
  l[0] = log(a[0]);
  const S inv = 1.0 / a[0];
  for (int k = 1; k <= M; ++k) {
    S sum = a[k] * double(k);
    for (int i = 1; i < k; ++i) sum -= double(i) * l[i] * a[k - i];
    l[k] = sum * inv / double(k);
  }
  return l;
}

// a(u) by Horner's rule.
template <typename S, std::size_t N, typename U>
S evaluate(const std::array<S, N>& a, const U& u) {
  constexpr int M = int(N) - 1;
  S sum = a[M];
  for (int k = M - 1; k >= 0; --k) sum = sum * u + a[k];
  return sum;
}

// The inverse series u(w) of w = c(u) = c_1 u + c_2 u^2 + ... (c_0 ignored, c_1 != 0), to order M,
// by Lagrange's inversion: u_k = [u^(k-1)] phi^k / k with phi = u / c(u).
template <typename S, std::size_t N, int M = int(N) - 1>
std::array<S, N> invert(const std::array<S, N>& c) {
  std::array<S, N> shifted;  // c(u) / u
  for (int k = 0; k < M; ++k) shifted[k] = c[k + 1];
  shifted[M] = S(0.0);  // the order M of c(u)/u needs c_(M+1), which u_M does not
  const auto phi = reciprocal(shifted);
  auto u = constant<S, M>(S(0.0));
  auto power = phi;  // phi^k, needed up to order M - 1
  u[1] = phi[0];
  for (int k = 2; k <= M; ++k) {
    std::array<S, N> next;
    next[M] = S(0.0);
    for (int i = 0; i < M; ++i) {
      S sum = power[0] * phi[i];
      for (int j = 1; j <= i; ++j) sum += power[j] * phi[i - j];
      next[i] = sum;
    }
    power = next;
    u[k] = power[k - 1] / double(k);
  }
  return u;
}

}  // namespace glassfit::taylor
