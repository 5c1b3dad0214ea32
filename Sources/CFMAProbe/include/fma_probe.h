#ifndef SPLITSCOPE_FMA_PROBE_H
#define SPLITSCOPE_FMA_PROBE_H

#include <stdint.h>

/// Runs `iterations` rounds of 12 independent fused multiply-adds on the widest vectors this CPU
/// has (AVX-512, else AVX2 with FMA, else SSE multiply and add) and returns the multiply-
/// accumulates done; `lanes_out` receives the floats per vector. Time it to get one core's peak.
uint64_t splitscope_fma_probe(uint64_t iterations, int *lanes_out);

#endif
