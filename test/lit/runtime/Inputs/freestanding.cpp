// Freestanding C++ (--target=wasm32 -nostdlib, no libc): libc++'s headers
// from the instrumented runtime, and a contract that brings its own
// allocator for operator new/delete (freestanding-cxx.test).
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#ifdef WITH_ALLOCATOR
// A bump allocator: what a contract without malloc defines for new/delete.
alignas(16) static unsigned char heap[4096];
static std::size_t heap_used;
void *operator new(std::size_t n) {
  void *p = heap + heap_used;
  heap_used += (n + 15) & ~std::size_t(15);
  return p;
}
void operator delete(void *) noexcept {}
void operator delete(void *, std::size_t) noexcept {}
#endif

namespace {
template <typename T> constexpr std::enable_if_t<std::is_integral_v<T>, T> twice(T v) { return v * 2; }

std::optional<std::uint32_t> checked_sum(std::span<const std::uint32_t> xs) {
  std::uint64_t s = 0;
  for (std::uint32_t x : xs)
    s += x;
  if (s > std::numeric_limits<std::uint32_t>::max())
    return std::nullopt;
  return static_cast<std::uint32_t>(s);
}
} // namespace

extern "C" __attribute__((export_name("run"))) int run(int n) {
  std::array<std::uint32_t, 5> a{7, 3, static_cast<std::uint32_t>(n), 1, 9};
  std::sort(a.begin(), a.end()); // an extern template of libc++'s library
  auto [lo, hi] = std::minmax_element(a.begin(), a.end());
  std::pair<int, int> p = std::make_pair(static_cast<int>(*lo), static_cast<int>(*hi));
  int r = p.first * 100 + p.second + twice(std::popcount(static_cast<unsigned>(n)));
#ifdef WITH_ALLOCATOR
  int *boxed = new int(r);
  r = *boxed + 1;
  delete boxed;
#endif
  return r + static_cast<int>(checked_sum(a).value_or(0)) + static_cast<int>(sizeof(std::max_align_t));
}
