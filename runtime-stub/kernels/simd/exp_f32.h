// e^x on vectors, for the kernels built on it (softmax, sigmoid, silu), once
// for every ISA: to about 1 ulp for normal results. x = n ln2 + r with
// |r| <= ln2 / 2 (ln2 split in two constants so that n ln2 is exact enough),
// e^r by Cephes' degree-6 polynomial, times 2^n as two powers of two so that
// results below 2^-126 round gradually and above 2^128 give inf. NaN passes;
// -inf gives 0 and +inf gives inf.
//
// Uses, besides the traits of gemm_f32.h: V::mul, V::round (to nearest,
// ties to even), V::fnmadd(a, b, c) = c - a * b, and V::ldexp(p, n) = p * 2^n
// for integral n in [-151, 129] (as (p * 2^(n/2)) * 2^(n - n/2)).
#pragma once

namespace ingot::rt::simd {

template <typename V>
typename V::Vec exp(typename V::Vec x) {
  using Vec = typename V::Vec;
  x = V::clamp(x, V::set1(-104.0f), V::set1(89.0f));
  const Vec n = V::round(V::mul(x, V::set1(1.44269504088896341f)));
  Vec r = V::fnmadd(n, V::set1(0.693359375f), x);
  r = V::fnmadd(n, V::set1(-2.12194440e-4f), r);
  Vec p = V::set1(1.9875691500e-4f);
  p = V::fmadd(p, r, V::set1(1.3981999507e-3f));
  p = V::fmadd(p, r, V::set1(8.3334519073e-3f));
  p = V::fmadd(p, r, V::set1(4.1665795894e-2f));
  p = V::fmadd(p, r, V::set1(1.6666665459e-1f));
  p = V::fmadd(p, r, V::set1(5.0000001201e-1f));
  p = V::fmadd(p, V::mul(r, r), V::add(r, V::set1(1.0f)));
  return V::ldexp(p, n);
}

}  // namespace ingot::rt::simd
