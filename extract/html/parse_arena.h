// ParseArena: the memory of one Gumbo parse, handed out from large blocks and released at once with
// the parsed document, instead of tens of thousands of malloc/free pairs (one a node, text, vector).
#pragma once

#include <cstddef>
#include <vector>

namespace nianbao {

class ParseArena {
 public:
  ParseArena() = default;
  ~ParseArena();
  ParseArena(const ParseArena&) = delete;
  ParseArena& operator=(const ParseArena&) = delete;

  // `bytes` aligned for any type; nullptr when the system has no memory left (as malloc).
  void* allocate(size_t bytes);

  // GumboOptions::allocator and ::deallocator with the arena as userdata. A block Gumbo frees
  // during the parse (a grown string buffer) is not reused: it goes with the arena. Gumbo's
  // allocations over a parse are about 1.6 times what the finished tree holds.
  static void* gumbo_allocate(void* arena, size_t bytes);
  static void gumbo_deallocate(void* arena, void* pointer);

 private:
  static constexpr size_t kBlockBytes = 64 * 1024;
  std::vector<void*> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

}  // namespace nianbao
