// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Scalar helpers so that model code can be written once for double and ceres::Jet
// (exact derivatives for fitting). std::complex<Jet> is unspecified by the standard, so
// models use the small Complex<T> below instead.
#include <ceres/jet.h>

#include <boost/math/special_functions/digamma.hpp>
#include <cmath>

namespace glassfit {

inline double value_of(double x) { return x; }
template <typename T, int N>
double value_of(const ceres::Jet<T, N>& x) {
  return value_of(x.a);
}

// Gamma function with its derivative for Jets: d/dx Gamma(x) = Gamma(x) psi(x).
inline double tgamma_s(double x) { return std::tgamma(x); }
template <typename T, int N>
ceres::Jet<T, N> tgamma_s(const ceres::Jet<T, N>& x) {
  const double g = std::tgamma(value_of(x));
  ceres::Jet<T, N> out(g);
  out.v = x.v * (g * boost::math::digamma(value_of(x)));
  return out;
}

template <typename T>
struct Complex {
  T re{0.0};
  T im{0.0};
  Complex() = default;
  Complex(T r) : re(r), im(0.0) {}  // NOLINT: implicit from real, like std::complex
  Complex(T r, T i) : re(r), im(i) {}
  friend Complex operator+(const Complex& a, const Complex& b) { return {a.re + b.re, a.im + b.im}; }
  friend Complex operator-(const Complex& a, const Complex& b) { return {a.re - b.re, a.im - b.im}; }
  friend Complex operator*(const Complex& a, const Complex& b) {
    return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
  }
  friend Complex operator*(const T& s, const Complex& a) { return {s * a.re, s * a.im}; }
  Complex& operator*=(const T& s) {
    re *= s;
    im *= s;
    return *this;
  }
  friend Complex operator/(const Complex& a, const Complex& b) {
    const T d = b.re * b.re + b.im * b.im;
    return {(a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d};
  }
  Complex& operator+=(const Complex& b) {
    re += b.re;
    im += b.im;
    return *this;
  }
};

template <typename T>
Complex<T> cexp(const Complex<T>& z) {
  using std::cos;
  using std::exp;
  using std::sin;
  const T m = exp(z.re);
  return {m * cos(z.im), m * sin(z.im)};
}

// z^p for z = r e^{i phi} with real p: r^p e^{i p phi}.
template <typename T>
Complex<T> cpow_polar(const T& r, const T& phi, const T& p) {
  using std::cos;
  using std::pow;
  using std::sin;
  const T m = pow(r, p);
  return {m * cos(p * phi), m * sin(p * phi)};
}

}  // namespace glassfit
