// Four Keccak-f[1600] permutations at once in AVX2 registers, one state per 64-bit lane of each
// 256-bit register. The fetch checks every transaction against its hash; with OP-sized
// transactions the scalar permutation was a third of the client's time. Swift cannot enable AVX2
// for one function (only for a whole module, which a package that others depend on may not do),
// so these few lines are C with a target attribute and a CPUID check at run time.
#include "CKeccak.h"

// FIPS 202, section 3.2.5 (iota): RC[ir] for rounds 0..23 of Keccak-f[1600].
static const uint64_t round_constants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

const uint64_t *dacost_keccak_round_constants(void) { return round_constants; }

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int dacost_keccak_x4_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    // AVX (bit 28) and OSXSAVE (bit 27): the OS saves YMM registers only if XCR0 says so.
    if ((c & (1u << 27)) == 0 || (c & (1u << 28)) == 0) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0x6) != 0x6) return 0; // XMM and YMM state enabled
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 5)) != 0; // AVX2
}

#define XOR(x, y) _mm256_xor_si256((x), (y))
#define ANDN(x, y) _mm256_andnot_si256((x), (y)) // ~x & y
#define ROL(x, n) _mm256_or_si256(_mm256_slli_epi64((x), (n)), _mm256_srli_epi64((x), 64 - (n)))

__attribute__((target("avx2")))
void dacost_keccak_f1600_x4(uint64_t *state) {
    __m256i *s = (__m256i *)state;
    __m256i a[25];
    for (int i = 0; i < 25; i++) a[i] = _mm256_loadu_si256(s + i);
    for (int round = 0; round < 24; round++) {
        // theta
        __m256i c0 = XOR(XOR(XOR(a[0], a[5]), XOR(a[10], a[15])), a[20]);
        __m256i c1 = XOR(XOR(XOR(a[1], a[6]), XOR(a[11], a[16])), a[21]);
        __m256i c2 = XOR(XOR(XOR(a[2], a[7]), XOR(a[12], a[17])), a[22]);
        __m256i c3 = XOR(XOR(XOR(a[3], a[8]), XOR(a[13], a[18])), a[23]);
        __m256i c4 = XOR(XOR(XOR(a[4], a[9]), XOR(a[14], a[19])), a[24]);
        __m256i d0 = XOR(c4, ROL(c1, 1)), d1 = XOR(c0, ROL(c2, 1)), d2 = XOR(c1, ROL(c3, 1));
        __m256i d3 = XOR(c2, ROL(c4, 1)), d4 = XOR(c3, ROL(c0, 1));
        // rho and pi: b[y][2x+3y] = rotl(a[x][y], r[x][y]), the offsets of FIPS 202 table 2
        __m256i b00 = XOR(a[0], d0);
        __m256i b10 = ROL(XOR(a[1], d1), 1), b20 = ROL(XOR(a[2], d2), 62), b05 = ROL(XOR(a[3], d3), 28);
        __m256i b15 = ROL(XOR(a[4], d4), 27), b16 = ROL(XOR(a[5], d0), 36), b01 = ROL(XOR(a[6], d1), 44);
        __m256i b11 = ROL(XOR(a[7], d2), 6), b21 = ROL(XOR(a[8], d3), 55), b06 = ROL(XOR(a[9], d4), 20);
        __m256i b07 = ROL(XOR(a[10], d0), 3), b17 = ROL(XOR(a[11], d1), 10), b02 = ROL(XOR(a[12], d2), 43);
        __m256i b12 = ROL(XOR(a[13], d3), 25), b22 = ROL(XOR(a[14], d4), 39), b23 = ROL(XOR(a[15], d0), 41);
        __m256i b08 = ROL(XOR(a[16], d1), 45), b18 = ROL(XOR(a[17], d2), 15), b03 = ROL(XOR(a[18], d3), 21);
        __m256i b13 = ROL(XOR(a[19], d4), 8), b14 = ROL(XOR(a[20], d0), 18), b24 = ROL(XOR(a[21], d1), 2);
        __m256i b09 = ROL(XOR(a[22], d2), 61), b19 = ROL(XOR(a[23], d3), 56), b04 = ROL(XOR(a[24], d4), 14);
        // chi, and iota on lane 0
        a[0] = XOR(XOR(b00, ANDN(b01, b02)), _mm256_set1_epi64x((long long)round_constants[round]));
        a[1] = XOR(b01, ANDN(b02, b03)); a[2] = XOR(b02, ANDN(b03, b04));
        a[3] = XOR(b03, ANDN(b04, b00)); a[4] = XOR(b04, ANDN(b00, b01));
        a[5] = XOR(b05, ANDN(b06, b07)); a[6] = XOR(b06, ANDN(b07, b08)); a[7] = XOR(b07, ANDN(b08, b09));
        a[8] = XOR(b08, ANDN(b09, b05)); a[9] = XOR(b09, ANDN(b05, b06));
        a[10] = XOR(b10, ANDN(b11, b12)); a[11] = XOR(b11, ANDN(b12, b13)); a[12] = XOR(b12, ANDN(b13, b14));
        a[13] = XOR(b13, ANDN(b14, b10)); a[14] = XOR(b14, ANDN(b10, b11));
        a[15] = XOR(b15, ANDN(b16, b17)); a[16] = XOR(b16, ANDN(b17, b18)); a[17] = XOR(b17, ANDN(b18, b19));
        a[18] = XOR(b18, ANDN(b19, b15)); a[19] = XOR(b19, ANDN(b15, b16));
        a[20] = XOR(b20, ANDN(b21, b22)); a[21] = XOR(b21, ANDN(b22, b23)); a[22] = XOR(b22, ANDN(b23, b24));
        a[23] = XOR(b23, ANDN(b24, b20)); a[24] = XOR(b24, ANDN(b20, b21));
    }
    for (int i = 0; i < 25; i++) _mm256_storeu_si256(s + i, a[i]);
}

#else
#include <stdlib.h>

int dacost_keccak_x4_available(void) { return 0; }

void dacost_keccak_f1600_x4(uint64_t *state) { (void)state; abort(); } // never called: not available

#endif
