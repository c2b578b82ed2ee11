#pragma once

// AVX2 pieces the frame kernels share (gray.cpp, analyses/colorfulness.cpp). Each is compiled for
// AVX2 alone and called only where the processor has it (hasAvx2()); the project itself is
// built for any x86-64.

#if defined(__x86_64__)
#include <immintrin.h>

#include <cstdint>

namespace fp::simd {

inline bool hasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}

// The sum of 8 lanes of 32 bits, read as signed or as unsigned.
__attribute__((target("avx2"))) inline int64_t sumOfLanes(__m256i lanes)
{
    alignas(32) int32_t values[8];
    _mm256_store_si256(reinterpret_cast<__m256i *>(values), lanes);
    int64_t sum = 0;
    for (const int32_t value : values)
        sum += value;
    return sum;
}

__attribute__((target("avx2"))) inline uint64_t sumOfUnsignedLanes(__m256i lanes)
{
    alignas(32) uint32_t values[8];
    _mm256_store_si256(reinterpret_cast<__m256i *>(values), lanes);
    uint64_t sum = 0;
    for (const uint32_t value : values)
        sum += value;
    return sum;
}

struct Channels
{
    __m256i blue, green, red;
};

// One channel's bytes out of a lane's three 16-byte pieces of BGR pixels.
__attribute__((target("avx2"))) inline __m256i pickBytes(__m256i piece0, __m256i piece1, __m256i piece2, __m128i pick0,
                                                         __m128i pick1, __m128i pick2)
{
    return _mm256_or_si256(
        _mm256_or_si256(_mm256_shuffle_epi8(piece0, _mm256_broadcastsi128_si256(pick0)),
                        _mm256_shuffle_epi8(piece1, _mm256_broadcastsi128_si256(pick1))),
        _mm256_shuffle_epi8(piece2, _mm256_broadcastsi128_si256(pick2)));
}

// Bytes [offset, offset + 16) of pixels 0-15 in lane 0, of pixels 16-31 in lane 1.
__attribute__((target("avx2"))) inline __m256i lanePiece(const uint8_t *bgr, int offset)
{
    return _mm256_loadu2_m128i(reinterpret_cast<const __m128i *>(bgr + 48 + offset),
                               reinterpret_cast<const __m128i *>(bgr + offset));
}

// The blue, green and red bytes of 32 BGR pixels (96 bytes at `bgr`): lane 0 holds pixels
// 0-15, lane 1 pixels 16-31, each in order; each lane picks them out of its 48 bytes.
__attribute__((target("avx2"))) inline Channels channels32(const uint8_t *bgr)
{
    const __m256i piece0 = lanePiece(bgr, 0), piece1 = lanePiece(bgr, 16), piece2 = lanePiece(bgr, 32);
    return {
        pickBytes(piece0, piece1, piece2, _mm_setr_epi8(0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1),
                  _mm_setr_epi8(-1, -1, -1, -1, -1, -1, 2, 5, 8, 11, 14, -1, -1, -1, -1, -1),
                  _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 4, 7, 10, 13)),
        pickBytes(piece0, piece1, piece2, _mm_setr_epi8(1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1),
                  _mm_setr_epi8(-1, -1, -1, -1, -1, 0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1),
                  _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 2, 5, 8, 11, 14)),
        pickBytes(piece0, piece1, piece2, _mm_setr_epi8(2, 5, 8, 11, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1),
                  _mm_setr_epi8(-1, -1, -1, -1, -1, 1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1),
                  _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 3, 6, 9, 12, 15)),
    };
}

} // namespace fp::simd
#endif
