// slice: a strided slice, y[i] = x[start + i * step] along each axis. The
// parameters are attributes already clamped by the compiler, or run-time
// operands (starts, ends, optional axes and steps) with ONNX Slice's
// meaning: negative axes and bounds count from the end and bounds clamp to
// [0, dim] going forward, [-1, dim - 1] going backward.
#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {
namespace {

// Each axis of x: the first index picked, the step and the number picked.
struct SliceAxes {
  int64_t start[kMaxRank];
  int64_t step[kMaxRank];
  int64_t count[kMaxRank];
};

int64_t clamp(int64_t value, int64_t lo, int64_t hi) { return value < lo ? lo : (value > hi ? hi : value); }

// For a > 0, b > 0; never overflows.
int64_t ceil_div(int64_t a, int64_t b) { return (a - 1) / b + 1; }

int64_t slice_count(int64_t start, int64_t end, int64_t step) {
  if (step > 0) return end > start ? ceil_div(end - start, step) : 0;
  return start > end ? ceil_div(start - end, -step) : 0;
}

// One entry of the parameters: axis, clamped bounds and step. `axis` is
// already non-negative; `seen` marks the axes set so far.
Error set_axis(KernelContext& ctx, const Tensor& x, int64_t axis, int64_t start, int64_t end, int64_t step,
               bool* seen, SliceAxes* out) {
  if (axis < 0 || axis >= x.rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x.rank);
  if (seen[axis]) return ctx.fail("axis %lld repeats", (long long)axis);
  if (step == 0 || step == INT64_MIN) return ctx.fail("slice steps must be non-zero and above INT64_MIN");
  seen[axis] = true;
  out->start[axis] = start;
  out->step[axis] = step;
  out->count[axis] = slice_count(start, end, step);
  return Error::ok;
}

// The attribute form: bounds must already be clamped.
Error from_attrs(KernelContext& ctx, const Tensor& x, bool* seen, SliceAxes* out) {
  List<int64_t> starts = ctx.attr_ints("starts"), ends = ctx.attr_ints("ends");
  List<int64_t> axes = ctx.attr_ints("axes"), steps = ctx.attr_ints("steps");
  if (ends.size != starts.size || axes.size != starts.size || steps.size != starts.size) {
    return ctx.fail("starts, ends, axes and steps must have the same length");
  }
  for (size_t i = 0; i < starts.size; ++i) {
    const int64_t axis = axes[i], step = steps[i];
    if (axis < 0 || axis >= x.rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x.rank);
    const int64_t dim = x.dims[axis];
    const int64_t lo = step > 0 ? 0 : -1, hi = step > 0 ? dim : dim - 1;
    if (starts[i] < lo || starts[i] > hi || ends[i] < lo || ends[i] > hi) return ctx.fail("slice bounds are not clamped");
    if (Error e = set_axis(ctx, x, axis, starts[i], ends[i], step, seen, out); e != Error::ok) return e;
  }
  return Error::ok;
}

// Element i of a 1-D integer parameter operand.
Error operand_int(KernelContext& ctx, size_t input, int64_t i, int64_t* out) {
  if (!read_int(*ctx.input(input), i, out)) return ctx.fail("slice operand %zu must hold integers", input);
  return Error::ok;
}

// The run-time form, as ONNX Slice.
Error from_operands(KernelContext& ctx, const Tensor& x, bool* seen, SliceAxes* out) {
  const Tensor* starts = ctx.input(1);
  if (starts == nullptr || ctx.input(2) == nullptr) return ctx.fail("the starts and ends operands are required");
  const int64_t n = starts->numel;
  for (size_t k = 1; k <= 4; ++k) {
    const Tensor* param = ctx.input(k);
    if (param != nullptr && (param->rank != 1 || param->numel != n)) {
      return ctx.fail("slice operand %zu must be 1-D with %lld entries", k, (long long)n);
    }
  }
  for (int64_t i = 0; i < n; ++i) {
    int64_t start = 0, end = 0, axis = i, step = 1;
    if (Error e = operand_int(ctx, 1, i, &start); e != Error::ok) return e;
    if (Error e = operand_int(ctx, 2, i, &end); e != Error::ok) return e;
    if (ctx.input(3) != nullptr) {
      if (Error e = operand_int(ctx, 3, i, &axis); e != Error::ok) return e;
      if (axis < 0) axis += x.rank;
    }
    if (ctx.input(4) != nullptr) {
      if (Error e = operand_int(ctx, 4, i, &step); e != Error::ok) return e;
    }
    if (axis < 0 || axis >= x.rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x.rank);
    const int64_t dim = x.dims[axis];
    if (start < 0) start += dim;
    if (end < 0) end += dim;
    start = step > 0 ? clamp(start, 0, dim) : clamp(start, 0, dim - 1);
    end = step > 0 ? clamp(end, 0, dim) : clamp(end, -1, dim - 1);
    if (Error e = set_axis(ctx, x, axis, start, end, step, seen, out); e != Error::ok) return e;
  }
  return Error::ok;
}

}  // namespace

Error kernel_slice(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->rank > kMaxRank) return ctx.fail("rank %d is above the supported %d", x->rank, kMaxRank);
  if (x->dtype != y.dtype || x->rank != y.rank) return ctx.fail("the output must have the operand's dtype and rank");
  // Axes not named keep every element.
  SliceAxes axes;
  bool seen[kMaxRank] = {};
  for (int32_t d = 0; d < x->rank; ++d) {
    axes.start[d] = 0;
    axes.step[d] = 1;
    axes.count[d] = x->dims[d];
  }
  const bool has_operands = ctx.input(1) != nullptr || ctx.input(2) != nullptr;
  Error e = has_operands ? from_operands(ctx, *x, seen, &axes) : from_attrs(ctx, *x, seen, &axes);
  if (e != Error::ok) return e;

  int64_t x_strides[kMaxRank], strides[kMaxRank];
  row_major_strides(x->dims, x->rank, x_strides);
  int64_t base = 0;
  for (int32_t d = 0; d < x->rank; ++d) {
    if (y.dims[d] != axes.count[d]) return ctx.fail("output dim %d must be %lld", d, (long long)axes.count[d]);
    base += axes.start[d] * x_strides[d];
    // A huge step picks at most one element; never multiply it then.
    strides[d] = axes.count[d] > 1 ? axes.step[d] * x_strides[d] : 0;
  }
  const size_t size = dtype_size(x->dtype);
  int64_t o = 0;
  for_each_index(y.dims, y.rank, [&](const int64_t* index) {
    copy_element(x->data, base + dot(index, strides, y.rank), y.data, o++, size);
  });
  return Error::ok;
}

}  // namespace ingot::rt::portable
