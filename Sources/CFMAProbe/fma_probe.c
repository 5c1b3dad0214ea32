#include "fma_probe.h"

#include <immintrin.h>

// Twelve accumulators hide the FMA latency (4 cycles) behind two ports' throughput.
#define ACCUMULATORS 12

__attribute__((target("avx512f")))
static uint64_t probe_avx512(uint64_t iterations) {
    __m512 acc[ACCUMULATORS];
    for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm512_set1_ps((float)i * 0.001f);
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (uint64_t n = 0; n < iterations; n++) {
        for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
    }
    __m512 sum = acc[0];
    for (int i = 1; i < ACCUMULATORS; i++) sum = _mm512_add_ps(sum, acc[i]);
    volatile float sink = _mm512_reduce_add_ps(sum);
    (void)sink;
    return iterations * ACCUMULATORS * 16;
}

__attribute__((target("avx2,fma")))
static uint64_t probe_avx2(uint64_t iterations) {
    __m256 acc[ACCUMULATORS];
    for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm256_set1_ps((float)i * 0.001f);
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (uint64_t n = 0; n < iterations; n++) {
        for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
    }
    float out[8];
    __m256 sum = acc[0];
    for (int i = 1; i < ACCUMULATORS; i++) sum = _mm256_add_ps(sum, acc[i]);
    _mm256_storeu_ps(out, sum);
    volatile float sink = out[0];
    (void)sink;
    return iterations * ACCUMULATORS * 8;
}

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
