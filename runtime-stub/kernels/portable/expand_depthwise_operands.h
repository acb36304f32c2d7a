// The operands of an expand_depthwise node, read and checked alike by the
// reference kernel (expand_depthwise.cc) and the optimized variants
// (kernels/simd/expand_depthwise_f32.h): x [N, C, H, W], w_expand [C, E],
// b_expand [E], w [E, 1, kh, kw], bias [E], y [N, E, oh, ow], one dtype.
#pragma once

#include <cstdint>

#include "ingot/kernel.h"

namespace ingot::rt::portable {

struct ExpandDepthwiseOperands {
  const Tensor *x, *w_expand, *b_expand, *w, *bias, *y;
  int64_t c, e;  // input and expanded channels
};

inline Error read_expand_depthwise(KernelContext& ctx, ExpandDepthwiseOperands* o) {
  *o = {ctx.input(0), ctx.input(1), ctx.input(2), ctx.input(3), ctx.input(4), &ctx.output(0), 0, 0};
  for (const Tensor* t : {o->x, o->w_expand, o->b_expand, o->w, o->bias}) {
    if (t == nullptr) return ctx.fail("expects five operands: x, w_expand, b_expand, w, bias");
    if (t->dtype != o->x->dtype) return ctx.fail("the operands must share one dtype");
  }
  if (o->y->dtype != o->x->dtype) return ctx.fail("the operands must share one dtype");
  if (o->x->rank != 4 || o->w_expand->rank != 2 || o->w->rank != 4 || o->y->rank != 4) {
    return ctx.fail("expects x [N,C,H,W], w_expand [C,E], w [E,1,kh,kw]");
  }
  o->c = o->x->dims[1];
  o->e = o->w_expand->dims[1];
  if (o->w_expand->dims[0] != o->c || o->w->dims[0] != o->e || o->w->dims[1] != 1 || o->b_expand->numel != o->e ||
      o->bias->numel != o->e || o->y->dims[0] != o->x->dims[0] || o->y->dims[1] != o->e) {
    return ctx.fail("channel counts do not match");
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
