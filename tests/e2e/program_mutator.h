// Mutates a compiled program (model.ingot) the way a corrupt or hostile file
// would differ from a good one: bit flips, truncations, swapped offsets, huge
// dims, reshaped tensors, out-of-range or wrong operand indices, another
// kernel or an unknown kernel name, extreme attributes, dtypes, locations and
// sizes. Structural mutations edit fields in place through the schema's
// mutable accessors, so the result still parses and reaches the loader's
// deeper checks (and, when those pass, the kernels).
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "ingot_generated.h"

namespace ingot::testing {

class ProgramMutator {
 public:
  explicit ProgramMutator(uint64_t seed) : rng_(seed) {}

  // Applies 1 to 3 mutations to `bytes` (a valid program) and returns what
  // it did, for the message of a failure.
  std::string mutate(std::vector<uint8_t>& bytes) {
    std::string done;
    const int count = 1 + static_cast<int>(pick(3));
    for (int i = 0; i < count; ++i) {
      // Structural edits need an intact FlatBuffer: they go before byte edits.
      const bool structural = byte_level_done_ ? false : pick(4) != 0;
      done += (done.empty() ? "" : " + ") + (structural ? structural_mutation(bytes) : byte_mutation(bytes));
    }
    byte_level_done_ = false;
    return done;
  }

 private:
  uint64_t pick(uint64_t n) { return n == 0 ? 0 : rng_() % n; }

  int64_t extreme_int() {
    static const int64_t kValues[] = {0, -1, 1, 2, -2, 3, 255, 65536, int64_t{1} << 31, int64_t{1} << 32, int64_t{1} << 40,
                                      int64_t{1} << 62, std::numeric_limits<int64_t>::max(),
                                      std::numeric_limits<int64_t>::min(), std::numeric_limits<int32_t>::max(),
                                      std::numeric_limits<int32_t>::min()};
    return kValues[pick(std::size(kValues))];
  }

  std::string byte_mutation(std::vector<uint8_t>& bytes) {
    byte_level_done_ = true;
    if (bytes.empty()) return "nothing (empty)";
    switch (pick(4)) {
      case 0: {
        const int flips = 1 + static_cast<int>(pick(8));
        for (int i = 0; i < flips; ++i) bytes[pick(bytes.size())] ^= static_cast<uint8_t>(1u << pick(8));
        return std::to_string(flips) + " bit flips";
      }
      case 1: {
        const size_t at = pick(bytes.size());
        static const uint8_t kBytes[] = {0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe};
        bytes[at] = kBytes[pick(std::size(kBytes))];
        return "byte " + std::to_string(at) + " set";
      }
      case 2: {
        const size_t size = pick(bytes.size());
        bytes.resize(size);
        return "truncated to " + std::to_string(size) + " bytes";
      }
      default: {
        // Copy a 4- or 8-byte word over another: offsets and sizes move around.
        const size_t width = pick(2) ? 4 : 8;
        if (bytes.size() < 2 * width) return "nothing (too small)";
        const size_t from = pick(bytes.size() - width), to = pick(bytes.size() - width);
        std::memmove(bytes.data() + to, bytes.data() + from, width);
        return "word copied from " + std::to_string(from) + " to " + std::to_string(to);
      }
    }
  }

  std::string structural_mutation(std::vector<uint8_t>& bytes) {
    fb::Program* program = fb::GetMutableSizePrefixedProgram(bytes.data());
    auto* tensors = program->mutable_tensors();
    auto* instructions = program->mutable_instructions();
    const auto tensor_count = static_cast<int32_t>(tensors->size());
    auto any_tensor = [&] { return tensors->GetMutableObject(static_cast<flatbuffers::uoffset_t>(pick(tensors->size()))); };
    auto any_instruction = [&] {
      return instructions->GetMutableObject(static_cast<flatbuffers::uoffset_t>(pick(instructions->size())));
    };
    switch (pick(12)) {
      case 0: {  // swap two tensors' offsets (only stored fields can change)
        fb::Tensor* a = any_tensor();
        fb::Tensor* b = any_tensor();
        const uint64_t offset_a = a->offset(), offset_b = b->offset();
        const bool changed = a->mutate_offset(offset_b) && b->mutate_offset(offset_a);
        return changed ? "swapped offsets of two tensors" : "offset swap (field absent)";
      }
      case 1: {  // a huge, negative or zero dim
        fb::Tensor* t = any_tensor();
        if (!t->shape() || t->shape()->size() == 0) return "huge dim (scalar)";
        const int64_t value = extreme_int();
        t->mutable_shape()->Mutate(static_cast<flatbuffers::uoffset_t>(pick(t->shape()->size())), value);
        return "dim set to " + std::to_string(value);
      }
      case 2: {  // same element count, another shape: passes the size check
        fb::Tensor* t = any_tensor();
        if (!t->shape() || t->shape()->size() < 2) return "reshape (rank < 2)";
        auto* shape = t->mutable_shape();
        const auto i = static_cast<flatbuffers::uoffset_t>(pick(shape->size()));
        const auto j = static_cast<flatbuffers::uoffset_t>(pick(shape->size()));
        const int64_t di = shape->Get(i), dj = shape->Get(j);
        if (pick(2) && di % 2 == 0 && i != j) {
          shape->Mutate(i, di / 2);
          shape->Mutate(j, static_cast<int64_t>(static_cast<uint64_t>(dj) * 2));  // wraps, like a corrupt file
          return "a factor 2 moved between dims";
        }
        shape->Mutate(i, dj);
        shape->Mutate(j, di);
        return "two dims swapped";
      }
      case 3: {  // an operand index out of range
        fb::Instruction* in = any_instruction();
        auto* ids = pick(2) ? in->mutable_inputs() : in->mutable_outputs();
        if (!ids || ids->size() == 0) return "index (no operands)";
        const int32_t kValues[] = {tensor_count, tensor_count + 1000, -2, -1, std::numeric_limits<int32_t>::max(),
                                   std::numeric_limits<int32_t>::min()};
        const int32_t value = kValues[pick(std::size(kValues))];
        ids->Mutate(static_cast<flatbuffers::uoffset_t>(pick(ids->size())), value);
        return "operand index set to " + std::to_string(value);
      }
      case 4: {  // an operand index in range, but another tensor (wrong shape, dtype or place)
        fb::Instruction* in = any_instruction();
        auto* ids = pick(2) ? in->mutable_inputs() : in->mutable_outputs();
        if (!ids || ids->size() == 0) return "other tensor (no operands)";
        ids->Mutate(static_cast<flatbuffers::uoffset_t>(pick(ids->size())), static_cast<int32_t>(pick(tensor_count)));
        return "operand replaced by another tensor";
      }
      case 5: {  // another kernel of the program, or a name no runtime has
        fb::Instruction* in = any_instruction();
        if (pick(2)) {
          const auto kernel = static_cast<uint32_t>(pick(program->kernels()->size() + 2));
          return in->mutate_kernel(kernel) ? "kernel index set to " + std::to_string(kernel) : "kernel index (absent)";
        }
        if (in->kernel() >= program->kernels()->size()) return "kernel name (index already out of range)";
        auto* name = program->mutable_kernels()->GetMutableObject(in->kernel())->mutable_name();
        if (!name || name->size() == 0) return "kernel name (absent)";
        name->Mutate(static_cast<flatbuffers::uoffset_t>(pick(name->size())), 'X');
        return "kernel name changed to '" + name->str() + "'";
      }
      case 6: {  // an extreme parameter
        fb::Instruction* in = any_instruction();
        if (!in->attrs() || in->attrs()->size() == 0) return "attribute (none)";
        fb::Attr* attr = in->mutable_attrs()->GetMutableObject(static_cast<flatbuffers::uoffset_t>(pick(in->attrs()->size())));
        const std::string name = attr->name() ? attr->name()->str() : "?";
        const int64_t value = extreme_int();
        if (attr->ints() && attr->ints()->size() > 0) {
          attr->mutable_ints()->Mutate(static_cast<flatbuffers::uoffset_t>(pick(attr->ints()->size())), value);
        } else if (attr->floats() && attr->floats()->size() > 0) {
          const double kFloats[] = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                                    -1e300, 0.0, 1e300};
          attr->mutable_floats()->Mutate(static_cast<flatbuffers::uoffset_t>(pick(attr->floats()->size())),
                                         kFloats[pick(std::size(kFloats))]);
        } else if (!attr->mutate_i(value) && !attr->mutate_f(std::numeric_limits<double>::quiet_NaN())) {
          attr->mutate_type(static_cast<fb::AttrType>(pick(5)));
          return "attribute '" + name + "' type changed";
        }
        return "attribute '" + name + "' set to an extreme value";
      }
      case 7: {  // another dtype
        fb::Tensor* t = any_tensor();
        const auto dtype = static_cast<fb::DType>(pick(14));
        return t->mutate_dtype(dtype) ? "dtype changed" : "dtype (absent)";
      }
      case 8: {  // arena <-> constant
        fb::Tensor* t = any_tensor();
        const auto location = t->location() == fb::Location::arena ? fb::Location::constant : fb::Location::arena;
        return t->mutate_location(location) ? "location flipped" : "location (absent)";
      }
      case 9: {  // a size that disagrees with the shape
        fb::Tensor* t = any_tensor();
        const uint64_t size = static_cast<uint64_t>(extreme_int());
        return t->mutate_size(size) ? "tensor size set to " + std::to_string(size) : "size (absent)";
      }
      case 10: {  // program-wide sizes and version
        switch (pick(3)) {
          case 0: return program->mutate_arena_size(program->arena_size() / (1 + pick(4))) ? "arena shrunk" : "arena (absent)";
          case 1:
            return program->mutate_constant_segment_size(static_cast<uint64_t>(extreme_int())) ? "constant segment size changed"
                                                                                                 : "segment (absent)";
          default: return program->mutate_format_version(static_cast<uint32_t>(pick(4000))) ? "format version changed" : "version (absent)";
        }
      }
      default: {  // a graph input or output index
        auto* ids = pick(2) ? program->mutable_inputs() : program->mutable_outputs();
        if (!ids || ids->size() == 0) return "io index (none)";
        const auto value = static_cast<int32_t>(pick(2) ? pick(tensor_count) : extreme_int());
        ids->Mutate(static_cast<flatbuffers::uoffset_t>(pick(ids->size())), value);
        return "graph input/output index set to " + std::to_string(value);
      }
    }
  }

  std::mt19937_64 rng_;
  bool byte_level_done_ = false;
};

}  // namespace ingot::testing
