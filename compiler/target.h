// A compilation target: its name and the kernels it has. Passes see it as a
// KernelTable (decompose and fuse ask it what pays); kernel selection asks it
// which kernel each node runs on. Today there is one target, `portable`: the
// reference kernel of every core op. The ISA targets of later issues add
// optimized variants here.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ir/status.h"
#include "passes/kernel_table.h"

namespace ingot {

class Target : public KernelTable {
 public:
  // The known target of that name, or a usage error listing the known ones.
  static Result<std::unique_ptr<Target>> named(const std::string& name);

  const std::string& name() const { return name_; }
  KernelSupport support(OpKind op, const AttrMap& attrs, DType dtype) const override;
  // The kernel a node of `op` runs on ("conv.portable"), or "" when none.
  std::string kernel_for(OpKind op) const;

 private:
  explicit Target(std::string name);
  std::string name_;
  std::set<std::string> kernels_;  // kernel names the runtime build has
};

}  // namespace ingot
