#include <zlib.h>

/* deflateInit2/inflateInit2 are macros: Swift cannot call them, so wrap them. */
static inline int dacost_deflateInit2(z_streamp strm, int level, int windowBits, int memLevel) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}
static inline int dacost_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
