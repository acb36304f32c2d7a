// A minimal, bounded unpickler for the data.pkl of torch.save archives.
//
// It accepts only what rebuilding a dict of tensors needs: the opcodes of
// pickle protocols 2-5 that build ints, floats, strings, tuples, lists and
// dicts, memo access, persistent ids for storages, and REDUCE / BUILD on a
// short list of globals:
//   torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter,
//   torch._utils._rebuild_parameter_with_state, collections.OrderedDict,
//   torch.<Type>Storage (FloatStorage, LongStorage, ...).
// Anything else (another global, an opcode that runs code or builds
// arbitrary objects) is refused with the opcode or global named, before
// anything is called. Objects live in an arena addressed by index, so a
// pickle that makes cycles cannot leak or loop; every object costs at least
// one opcode, so memory is linear in the input.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ir/dtype.h"
#include "ir/status.h"

namespace ingot::aten {

inline constexpr size_t kMaxPickleBytes = size_t{256} << 20;

struct PickleObject {
  enum class Kind { none, boolean, integer, real, string, tuple, list, dict, global, storage, tensor };
  Kind kind = Kind::none;
  int64_t integer = 0;       // boolean, integer; storage: element count; tensor: storage offset
  double real = 0;           // real
  std::string text;          // string; global: "module.name"; storage: its key (data/<key>)
  std::vector<int32_t> items;  // tuple, list; dict: key, value, key, value...
  DType dtype = DType::f32;  // storage
  int32_t storage = -1;      // tensor: the storage object
  std::vector<int64_t> sizes, strides;  // tensor
};

struct Pickle {
  std::vector<PickleObject> objects;
  int32_t root = -1;
  const PickleObject& at(int32_t id) const { return objects.at(static_cast<size_t>(id)); }
  const PickleObject& root_object() const { return at(root); }
};

// Parses a pickle; messages are prefixed by the caller with the file.
Result<Pickle> read_pickle(std::span<const uint8_t> data);

// The DType of a torch storage class name ("FloatStorage"), if ingot has one.
std::optional<DType> storage_dtype(std::string_view storage_class);

}  // namespace ingot::aten
