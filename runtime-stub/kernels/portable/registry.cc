// The table of portable kernels, from the family lists <family>.def. No
// static registration: the table is a constant array.
#include "ingot/kernel.h"

namespace ingot::rt {
namespace portable {
#define INGOT_KERNEL(op) Error kernel_##op(KernelContext& ctx);
#include "kernels/portable/all_kernels.def"
#undef INGOT_KERNEL
}  // namespace portable

KernelSet portable_kernels() {
  static const KernelEntry kEntries[] = {
#define INGOT_KERNEL(op) {#op ".portable", portable::kernel_##op},
#include "kernels/portable/all_kernels.def"
#undef INGOT_KERNEL
  };
  return {kEntries, sizeof(kEntries) / sizeof(kEntries[0])};
}

}  // namespace ingot::rt
