// allocationBytes(): what one heap allocation of n bytes really costs with glibc's malloc on a
// 64-bit system (an 8-byte chunk header, 16-byte alignment, 32-byte minimum chunk). Memory
// accounting for rows and the string pool uses it so that "bytes per pod" means what the
// process pays, not just what was asked for; the memory-footprint test cross-checks it against
// mallinfo2(). Other allocators differ by a few bytes per block, which is fine for a budget.
#pragma once

#include <cstddef>

namespace scaledeck::kube::objects {

constexpr std::size_t allocationBytes(std::size_t requested) {
    if (requested == 0)
        return 0;
    constexpr std::size_t kHeader = sizeof(std::size_t);
    constexpr std::size_t kAlign = 16;
    constexpr std::size_t kMinChunk = 32;
    const std::size_t chunk = (requested + kHeader + kAlign - 1) / kAlign * kAlign;
    return chunk < kMinChunk ? kMinChunk : chunk;
}

}  // namespace scaledeck::kube::objects
