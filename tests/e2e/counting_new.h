// Replaces the global operator new and delete of the test binary whose one
// file includes this header (replacement functions cannot be inline, so
// never include it twice in one binary): every allocation through new is
// reported to on_allocation(size), which that file defines, then served by
// malloc. The allocation tests use it to count allocations during run()
// (no_allocation_test.cc) and to find the largest one while a hostile model
// is imported (limits_test.cc).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

// Called for every operator new of the binary; defined by the including test.
void on_allocation(std::size_t size);

void* operator new(std::size_t size) {
  on_allocation(size);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return operator new(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return operator new(size, std::nothrow); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
