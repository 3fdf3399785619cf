#ifndef DACOST_CBLOBLANES_H
#define DACOST_CBLOBLANES_H

#include <stdint.h>

/// Paths stepped together, one per 64-bit lane of a 512-bit register.
#define DACOST_BLOB_LANES 8

/// One path's queue of blobs waiting for space (`BlobQueue`): a ring of one entry per market step,
/// the block of its first arrival and the running total of blobs pushed up to its end.
typedef struct dacost_blob_queue {
    int64_t *arrival;        // capacity + 1 entries: the head's arrival is read even when nothing waits
    int64_t *pushed_through; // capacity entries
    int64_t head, tail, pushed, taken;
} dacost_blob_queue;

/// The fork's rules shared by every lane (`BlobMarketSimulator.Rules`): entry n of the tables is
/// EIP-4844's rule for n blobs, entry `count + n` the EIP-7918 reserve rule. Each table holds at least
/// 64 entries, zero past its 2 · count.
typedef struct dacost_blob_rules {
    const double *factors;
    const uint64_t *deltas;
    int64_t count;
    uint64_t target;          // blob gas per block
    int64_t max_blobs;
    uint64_t gas_per_blob;
    double max_fee;
    int64_t posts_above_parity; // 0 with `da: auto` (no blobs while they cost more than calldata), else 1
} dacost_blob_rules;

/// Other rollups' demand for one path (`BackgroundDemand`): its xoshiro256** stream, the word whose
/// 12-bit indices are being used, and the step's mean. Every lane has drawn as many indices, so `left`
/// (indices left in `word`) is shared.
typedef struct dacost_blob_demand {
    uint64_t *rng;            // 4 * DACOST_BLOB_LANES: s0 of every lane, then s1, s2, s3
    uint64_t *word;
    int64_t left;
    const double *mean;
    const double *normals;    // 4096 standard normal quantiles (`NormalTable`)
    const uint16_t *rounded;  // NULL, or the 4096 rounded draws at the mean every lane has this step (then 3 entries of padding)
    double noise;
    int64_t max_blobs;        // a draw's bound before the fork's max (`BlobSchedule.maxBlobsPerBlock`)
} dacost_blob_demand;

/// Where one path's blobs of the step enter the market (`ChannelArrivals`): `full` channels of
/// `per_channel` blobs, the n-th in the block where n channels' bytes have arrived, and `partial` blobs
/// in the step's last block.
typedef struct dacost_blob_spread {
    const double *full_channels, *per_block, *start;
    const int64_t *full, *per_channel, *partial;
    int64_t blocks;           // blocks in the step
} dacost_blob_spread;

/// The state of `lanes` paths' markets through the blocks of one market step. Every pointer addresses
/// DACOST_BLOB_LANES entries, one per lane. The step's sums (spent ... worst_wait) start at zero for
/// each step and carry across the step's fork boundaries, exactly as `BlobBlocks.run` sums them.
typedef struct dacost_blob_lanes {
    int64_t lanes;            // 1 ... DACOST_BLOB_LANES active lanes; the others post nothing
    dacost_blob_demand demand;
    dacost_blob_spread spread;
    const double *parity;     // the blob fee above which blobs cost more than calldata (wei per blob gas)
    const double *reserve_below;
    uint64_t *market_excess, *shadow_excess;
    double *market_fee, *shadow_fee;
    dacost_blob_queue *queue;
    double *spent, *premium, *fee_sum, *fee_max;
    int64_t *own_blocks, *worst_wait;
} dacost_blob_lanes;

/// Nonzero when this CPU (and its OS) can run `dacost_blob_lanes_run`: AVX-512 F and DQ on x86-64.
int dacost_blob_lanes_available(void);

/// Blocks `start ..< end` of the step whose first block is `first_block`, for every lane at once;
/// lane by lane the same operations, in the same order, as `BlobBlocks.run` (bit-identical results).
/// Pushes merge into a queue entry that arrived at or after `merging_from`. Call only when
/// `dacost_blob_lanes_available()` is nonzero.
void dacost_blob_lanes_run(dacost_blob_lanes *l, const dacost_blob_rules *r, int64_t first_block,
                           int64_t start, int64_t end, int64_t merging_from);

/// Asks the CPU to bring the cache line holding `p` into its caches ahead of use; no effect on results.
static inline void dacost_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

#endif
