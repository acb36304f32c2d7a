#include "importers/aten/host_tensor.h"

#include <cstring>

#include <fmt/format.h>

namespace ingot::aten {

Result<HostTensor> copy_strided(std::span<const uint8_t> storage, const StridedView& view) {
  const size_t rank = view.sizes.size();
  if (view.strides.size() != rank) {
    return Status::invalid(fmt::format("{} sizes but {} strides", rank, view.strides.size()));
  }
  if (view.offset < 0 || view.offset > kMaxElements) return Status::invalid(fmt::format("storage offset {} is out of range", view.offset));
  for (size_t d = 0; d < rank; ++d) {
    if (view.sizes[d] < 0) return Status::invalid(fmt::format("size {} is negative", view.sizes[d]));
    if (view.strides[d] < 0 || view.strides[d] > kMaxElements) {
      return Status::invalid(fmt::format("stride {} is out of range", view.strides[d]));
    }
  }
  INGOT_ASSIGN_OR_RETURN(int64_t count, checked_num_elements(view.sizes));
  const size_t element = dtype_size(view.dtype);
  const uint64_t storage_elements = storage.size() / element;
  HostTensor tensor{{view.dtype, view.sizes, std::nullopt}, std::vector<uint8_t>(static_cast<size_t>(count) * element)};
  if (count == 0) return tensor;
  // The last element the view touches; each term is below 2^80, so use 128 bits.
  __int128 last = view.offset;
  for (size_t d = 0; d < rank; ++d) last += static_cast<__int128>(view.sizes[d] - 1) * view.strides[d];
  if (last >= static_cast<__int128>(storage_elements)) {
    return Status::invalid(fmt::format("the view [{}] with strides [{}] at offset {} reaches past the storage of {} elements",
                                       shape_to_string(view.sizes), shape_to_string(view.strides), view.offset,
                                       storage_elements));
  }
  // Row-major walk over the view; contiguous rows are copied whole.
  std::vector<int64_t> index(rank, 0);
  const bool inner_contiguous = rank == 0 || view.strides[rank - 1] == 1;
  const int64_t row = rank == 0 ? 1 : view.sizes[rank - 1];
  const size_t outer_rank = rank == 0 ? 0 : rank - 1;
  uint8_t* out = tensor.bytes.data();
  for (int64_t done = 0; done < count;) {
    int64_t base = view.offset;
    for (size_t d = 0; d < outer_rank; ++d) base += index[d] * view.strides[d];
    if (inner_contiguous) {
      std::memcpy(out, storage.data() + base * element, static_cast<size_t>(row) * element);
      out += row * element;
    } else {
      for (int64_t i = 0; i < row; ++i) {
        std::memcpy(out, storage.data() + (base + i * view.strides[rank - 1]) * element, element);
        out += element;
      }
    }
    done += row;
    for (size_t d = outer_rank; d-- > 0;) {
      if (++index[d] < view.sizes[d]) break;
      index[d] = 0;
    }
  }
  return tensor;
}

}  // namespace ingot::aten
