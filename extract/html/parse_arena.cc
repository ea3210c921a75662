// ParseArena (see parse_arena.h): a bump pointer through 64 KiB blocks; a request larger than a
// quarter block gets a block of its own, so the open block is not abandoned for it.
#include "extract/html/parse_arena.h"

#include <cstdlib>

namespace nianbao {

ParseArena::~ParseArena() {
  for (void* block : blocks_) std::free(block);
}

void* ParseArena::allocate(size_t bytes) {
  constexpr size_t kAlign = alignof(std::max_align_t);
  bytes = bytes == 0 ? kAlign : (bytes + kAlign - 1) & ~(kAlign - 1);
  if (bytes > left_) {
    if (bytes > kBlockBytes / 4) {
      void* own = std::malloc(bytes);
      if (own != nullptr) blocks_.push_back(own);
      return own;
    }
    void* block = std::malloc(kBlockBytes);
    if (block == nullptr) return nullptr;
    blocks_.push_back(block);
    next_ = static_cast<char*>(block);
    left_ = kBlockBytes;
  }
  void* out = next_;
  next_ += bytes;
  left_ -= bytes;
  return out;
}

void* ParseArena::gumbo_allocate(void* arena, size_t bytes) { return static_cast<ParseArena*>(arena)->allocate(bytes); }

void ParseArena::gumbo_deallocate(void*, void*) {}

}  // namespace nianbao
