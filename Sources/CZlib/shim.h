#ifndef SPLITSCOPE_CZLIB_SHIM_H
#define SPLITSCOPE_CZLIB_SHIM_H

#include <zlib.h>

/// `inflateInit2` is a function-like macro, which Swift does not import: this wrapper starts
/// a stream that reads gzip only (window bits 15 + 16), passing the header's ZLIB_VERSION.
static inline int splitscope_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}

#endif
