// A set of core ops: the ops one source op may become (what its importer
// converter declares), or the kernels a runtime must carry. A bit per
// OpKind, so sets are cheap to join and iterate in ops.def order.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include "ir/op_kind.h"

namespace ingot {

class CoreOpSet {
 public:
  CoreOpSet() = default;
  CoreOpSet(std::initializer_list<OpKind> ops) {
    for (OpKind op : ops) insert(op);
  }

  // Every core op but `unmapped` (which no program holds).
  static CoreOpSet every() {
    CoreOpSet all;
    all.bits_.set();
    all.bits_.reset(static_cast<size_t>(OpKind::unmapped));
    return all;
  }

  void insert(OpKind op) { bits_.set(static_cast<size_t>(op)); }
  bool contains(OpKind op) const { return bits_.test(static_cast<size_t>(op)); }
  bool empty() const { return bits_.none(); }
  size_t size() const { return bits_.count(); }
  // True when every op of this set is in `other`.
  bool is_subset_of(const CoreOpSet& other) const { return (bits_ & ~other.bits_).none(); }

  CoreOpSet& operator|=(const CoreOpSet& other) {
    bits_ |= other.bits_;
    return *this;
  }
  friend CoreOpSet operator|(CoreOpSet a, const CoreOpSet& b) { return a |= b; }
  friend bool operator==(const CoreOpSet& a, const CoreOpSet& b) { return a.bits_ == b.bits_; }

  // The ops in ops.def order.
  std::vector<OpKind> ops() const {
    std::vector<OpKind> out;
    for (size_t i = 0; i < bits_.size(); ++i) {
      if (bits_.test(i)) out.push_back(static_cast<OpKind>(i));
    }
    return out;
  }
  // Their names, sorted (stable text for reports and tests).
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (OpKind op : ops()) out.emplace_back(op_name(op));
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::bitset<kNumOps> bits_;
};

}  // namespace ingot
