#include <zstd.h>
// For ZDICT_trainFromBuffer_fastCover: one training pass with chosen parameters.
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
