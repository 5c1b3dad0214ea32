#ifndef SPLITSCOPE_CXNNPACK_SHIM_H
#define SPLITSCOPE_CXNNPACK_SHIM_H

// XNNPACK's operator API and the pthreadpool it takes per call (Debian: libxnnpack-dev and
// libpthreadpool-dev; the first includes the second's header without depending on it).
#include <pthreadpool.h>
#include <xnnpack.h>

/// Bytes XNNPACK may read past the end of an input (`XNN_EXTRA_BYTES`), exported so Swift
/// never copies the number by hand.
static inline size_t splitscope_xnn_extra_bytes(void) {
    return XNN_EXTRA_BYTES;
}

#endif
