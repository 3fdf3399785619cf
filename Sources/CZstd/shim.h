#define ZDICT_STATIC_LINKING_ONLY
#define ZSTD_STATIC_LINKING_ONLY // ZSTD_estimateCStreamSize: what a stream at a level holds in memory
#include <zstd.h>
#include <zstd_errors.h>
#include <zdict.h>
