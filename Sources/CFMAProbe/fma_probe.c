#include "fma_probe.h"

#include <immintrin.h>

// Twelve accumulators hide the FMA latency (4 cycles) behind two ports' throughput.
#define ACCUMULATORS 12

// The AVX-512 and AVX2 loops are written in assembly, twelve accumulators in registers, so the
// peak does not depend on how the C compiler optimises: compiled at -O0 (a debug build) the C
// loop kept its accumulators in memory and ran at 1.6 GMAC/s, at -Os at 23, at -O2 at 58 on the
// same core, and `bench engine` then printed convolutions at up to 683 % "of peak".
#define FMA12(reg) \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "0\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "1\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "2\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "3\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "4\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "5\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "6\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "7\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "8\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "9\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "10\n\t" \
    "vfmadd213ps %%" reg "13, %%" reg "12, %%" reg "11\n\t"

#define ZERO12(reg) \
    "vxorps %%" reg "0, %%" reg "0, %%" reg "0\n\t" "vxorps %%" reg "1, %%" reg "1, %%" reg "1\n\t" \
    "vxorps %%" reg "2, %%" reg "2, %%" reg "2\n\t" "vxorps %%" reg "3, %%" reg "3, %%" reg "3\n\t" \
    "vxorps %%" reg "4, %%" reg "4, %%" reg "4\n\t" "vxorps %%" reg "5, %%" reg "5, %%" reg "5\n\t" \
    "vxorps %%" reg "6, %%" reg "6, %%" reg "6\n\t" "vxorps %%" reg "7, %%" reg "7, %%" reg "7\n\t" \
    "vxorps %%" reg "8, %%" reg "8, %%" reg "8\n\t" "vxorps %%" reg "9, %%" reg "9, %%" reg "9\n\t" \
    "vxorps %%" reg "10, %%" reg "10, %%" reg "10\n\t" "vxorps %%" reg "11, %%" reg "11, %%" reg "11\n\t"

#define CLOBBERS "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", \
    "xmm11", "xmm12", "xmm13", "cc"

__attribute__((target("avx512f")))
static uint64_t probe_avx512(uint64_t iterations) {
    if (iterations == 0) return 0;
    const float a = 0.999999f, b = 1e-7f;
    uint64_t n = iterations;
    __asm__ volatile(
        "vbroadcastss %[a], %%zmm12\n\t"
        "vbroadcastss %[b], %%zmm13\n\t"
        ZERO12("zmm")
        "1:\n\t"
        FMA12("zmm")
        "dec %[n]\n\t"
        "jnz 1b\n\t"
        "vzeroupper\n\t"
        : [n] "+r"(n)
        : [a] "m"(a), [b] "m"(b)
        : CLOBBERS);
    return iterations * ACCUMULATORS * 16;
}

__attribute__((target("avx2,fma")))
static uint64_t probe_avx2(uint64_t iterations) {
    if (iterations == 0) return 0;
    const float a = 0.999999f, b = 1e-7f;
    uint64_t n = iterations;
    __asm__ volatile(
        "vbroadcastss %[a], %%ymm12\n\t"
        "vbroadcastss %[b], %%ymm13\n\t"
        ZERO12("ymm")
        "1:\n\t"
        FMA12("ymm")
        "dec %[n]\n\t"
        "jnz 1b\n\t"
        "vzeroupper\n\t"
        : [n] "+r"(n)
        : [a] "m"(a), [b] "m"(b)
        : CLOBBERS);
    return iterations * ACCUMULATORS * 8;
}

// Without AVX2 the C loop stands (the compiler's optimisation level matters here: release builds
// compile it at -O2).
static uint64_t probe_sse(uint64_t iterations) {
    __m128 acc[ACCUMULATORS];
    for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm_set1_ps((float)i * 0.001f);
    const __m128 a = _mm_set1_ps(0.999999f), b = _mm_set1_ps(1e-7f);
    for (uint64_t n = 0; n < iterations; n++) {
        for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm_add_ps(_mm_mul_ps(acc[i], a), b);
    }
    float out[4];
    __m128 sum = acc[0];
    for (int i = 1; i < ACCUMULATORS; i++) sum = _mm_add_ps(sum, acc[i]);
    _mm_storeu_ps(out, sum);
    volatile float sink = out[0];
    (void)sink;
    return iterations * ACCUMULATORS * 4;
}

uint64_t splitscope_fma_probe(uint64_t iterations, int *lanes_out) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        if (lanes_out) *lanes_out = 16;
        return probe_avx512(iterations);
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        if (lanes_out) *lanes_out = 8;
        return probe_avx2(iterations);
    }
    if (lanes_out) *lanes_out = 4;
    return probe_sse(iterations);
}
