// The blocks of a simulated blob market for eight Monte Carlo paths at once, one per 64-bit lane of
// AVX-512 registers: other rollups' demand drawn from each path's stream, the rollup's channels posted
// in the blocks where they fill, its queue, the market and the shadow market without it. The scalar
// loop (`BlobBlocks.run`, Swift) is a chain of dependent operations per block that no compiler spreads
// across paths; here each lane performs the same IEEE operations in the same order as that loop (and
// as `BackgroundDemand.fill` and `ChannelArrivals.write`), so every path's result is bit-identical to
// it. Swift cannot enable AVX-512 for one function (only for a whole module), so these lines are C with
// a target attribute and a CPUID check at run time, as `CKeccak` does for AVX2. What made it fast, as
// measured: the rule tables in registers read by permutes (a gather's latency sat on the fee chain),
// the demand and arrivals drawn a chunk of blocks ahead (the block loop then holds only the dependent
// chains), and the queue's rare events (a new entry, the head moving on) done lane by lane.
#pragma clang fp contract(off) // a fused multiply-add would round differently from the Swift loop
#include "CBlobLanes.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int dacost_blob_lanes_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if ((c & (1u << 27)) == 0) return 0; // OSXSAVE: XCR0 is readable
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    // The OS saves XMM, YMM, the opmask registers and both halves of the ZMM file.
    if ((lo & 0xE6) != 0xE6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 16)) != 0 && (b & (1u << 17)) != 0; // AVX512F, AVX512DQ
}

#define AVX512 __attribute__((target("avx512f,avx512dq")))
enum { W = DACOST_BLOB_LANES };
_Static_assert(DACOST_BLOB_LANES == 8, "one lane per 64-bit element of a 512-bit register");

#define INLINE AVX512 static inline __attribute__((always_inline))

// A rule table of up to 64 entries held in registers, read by index with in-register permutes: a
// gather would put its long latency on the fee's chain of dependent operations, block after block.
typedef struct { __m512i t[8]; } table64;

// The first 64 entries of a table (the rules hold at least 64, zero past their own).
INLINE table64 load_table(const void *entries) {
    table64 t;
    for (int i = 0; i < 8; i++) t.t[i] = _mm512_loadu_si512((const int64_t *)entries + 8 * i);
    return t;
}

// Entry k of each lane, from `pairs` pairs of registers (16 entries each, k < 16 · pairs): vpermt2q
// picks from a pair by bits 0-3, bits 4 and 5 pick the pair. `pairs` is a constant where this is
// inlined, so that a fork's tables cost only the permutes their size needs.
INLINE __m512i lookup(const table64 *t, __m512i k, const int pairs) {
    const __m512i p0 = _mm512_permutex2var_epi64(t->t[0], k, t->t[1]);
    if (pairs == 1) return p0;
    const __mmask8 b4 = _mm512_test_epi64_mask(k, _mm512_set1_epi64(16));
    const __m512i lo = _mm512_mask_blend_epi64(b4, p0, _mm512_permutex2var_epi64(t->t[2], k, t->t[3]));
    if (pairs == 2) return lo;
    const __mmask8 b5 = _mm512_test_epi64_mask(k, _mm512_set1_epi64(32));
    __m512i hi = _mm512_permutex2var_epi64(t->t[4], k, t->t[5]);
    if (pairs == 4) hi = _mm512_mask_blend_epi64(b4, hi, _mm512_permutex2var_epi64(t->t[6], k, t->t[7]));
    return _mm512_mask_blend_epi64(b5, lo, hi);
}

// The fork's rules in the registers the block loop reads.
typedef struct {
    table64 factors, deltas;   // when `pairs` > 0
    const dacost_blob_rules *r;
    __m512i count, gas, target;
    __m512d one, max_fee;
} rules_in_registers;

// `BlobMarketSimulator.advance` on eight lanes: the rule picked by an index (EIP-4844, or EIP-7918's
// reserve rule while the fee is below the reserve), the fee kept within [1, max_fee], and the excess
// and fee reset below the target. EIP-4844's excess change (n · GAS_PER_BLOB − target, wrapping) is
// the table's entry computed; only the reserve rule's needs its table. `pairs` 0: gathers (tables
// past 64 entries).
INLINE void advance(__m512i *excess, __m512d *fee, __m512i n, __m512d reserve_below, const rules_in_registers *rt,
                    const int pairs) {
    const __m512i sum = _mm512_add_epi64(*excess, _mm512_mul_epu32(n, rt->gas));
    const __mmask8 reserve = _mm512_cmp_pd_mask(*fee, reserve_below, _CMP_LT_OQ);
    const __m512i k = _mm512_mask_add_epi64(n, reserve, n, rt->count);
    __m512i next = _mm512_sub_epi64(sum, rt->target);
    __m512d factor;
    if (pairs > 0) {
        if (reserve) next = _mm512_mask_add_epi64(next, reserve, *excess, lookup(&rt->deltas, k, pairs));
        factor = _mm512_castsi512_pd(lookup(&rt->factors, k, pairs));
    } else {
        if (reserve) next = _mm512_mask_add_epi64(next, reserve, *excess, _mm512_mask_i64gather_epi64(next, reserve, k, (const void *)rt->r->deltas, 8));
        factor = _mm512_i64gather_pd(k, (const void *)rt->r->factors, 8);
    }
    const __m512d scaled = _mm512_mul_pd(*fee, factor);
    // max/min as the Swift loop's `scaled > 1 ? scaled : 1` and `floored < maxFee ? floored : maxFee`.
    const __m512d bounded = _mm512_min_pd(_mm512_max_pd(scaled, rt->one), rt->max_fee);
    const __mmask8 below = _mm512_cmplt_epu64_mask(sum, rt->target);
    *excess = _mm512_maskz_mov_epi64((__mmask8)~below, next);
    *fee = _mm512_mask_blend_pd(below, bounded, rt->one);
}

// Lane i of `v` set to `x`, the others kept (no round trip through memory, which would stall the
// next vector load on a store it cannot forward).
#define SET_LANE(v, i, x) ((v) = _mm512_mask_set1_epi64((v), (__mmask8)(1u << (i)), (x)))

// Blocks whose demand is drawn ahead at a time.
enum { CHUNK = 64 };

// Other rollups' demand (`BackgroundDemand.fill`), each lane its own xoshiro256** stream, five 12-bit
// indices to a word.
typedef struct {
    __m512i s0, s1, s2, s3, word;
    int64_t left;
} demand_streams;

// Other rollups' blobs in the next `blocks` blocks of every lane (`drawn[b * W + lane]`), before the
// fork's max: each lane's next 12-bit index, its normal quantile around the lane's mean, rounded to whole
// blobs within [0, max] (`BackgroundDemand.wholeBlobs`), or the same value from the rounded table when
// every lane has the table's mean. Table entries are read by scalar loads ahead of the blocks: a gather
// in the block loop costs more than all the block's arithmetic.
INLINE void draw_demand(demand_streams *d, const dacost_blob_demand *in, __m512d mean, int64_t blocks, int64_t *drawn) {
    int64_t indices[CHUNK * W];
    const __m512i index_mask = _mm512_set1_epi64(4095);
    for (int64_t b = 0; b < blocks; b++) {
        if (d->left == 0) {
            // `SeededRandom.next`: rotl(s1 · 5, 7) · 9, then the state's xors and rotation.
            const __m512i s1x5 = _mm512_add_epi64(_mm512_slli_epi64(d->s1, 2), d->s1);
            const __m512i rotated = _mm512_rol_epi64(s1x5, 7);
            d->word = _mm512_add_epi64(_mm512_slli_epi64(rotated, 3), rotated);
            const __m512i t = _mm512_slli_epi64(d->s1, 17);
            d->s2 = _mm512_xor_si512(d->s2, d->s0); d->s3 = _mm512_xor_si512(d->s3, d->s1);
            d->s1 = _mm512_xor_si512(d->s1, d->s2); d->s0 = _mm512_xor_si512(d->s0, d->s3);
            d->s2 = _mm512_xor_si512(d->s2, t); d->s3 = _mm512_rol_epi64(d->s3, 45);
            d->left = 5;
        }
        _mm512_storeu_si512(indices + b * W, _mm512_and_si512(d->word, index_mask));
        d->word = _mm512_srli_epi64(d->word, 12);
        d->left -= 1;
    }
    if (in->rounded) {
        // Eight 16-bit entries per gather from a table of 8 KB (the 8 bytes read at entry i end within the
        // table's padding).
        const __m512i low16 = _mm512_set1_epi64(0xFFFF);
        for (int64_t b = 0; b < blocks; b++) {
            const __m512i entries = _mm512_i64gather_epi64(_mm512_loadu_si512(indices + b * W), (const void *)in->rounded, 2);
            _mm512_storeu_si512(drawn + b * W, _mm512_and_si512(entries, low16));
        }
        return;
    }
    double normals[CHUNK * W];
    #pragma clang loop vectorize(disable)
    for (int64_t i = 0; i < blocks * W; i++) normals[i] = in->normals[indices[i]];
    const __m512d noise = _mm512_set1_pd(in->noise), zero = _mm512_setzero_pd();
    const __m512d demand_max = _mm512_set1_pd((double)in->max_blobs), round_bias = _mm512_set1_pd(0x1.8p52);
    const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFF);
    for (int64_t b = 0; b < blocks; b++) {
        // Clamped to [0, max], plus 1.5 · 2^52 leaves the nearest integer in the low 32 bits; max/min in
        // the operand order whose ties and NaN give the Swift result.
        const __m512d z = _mm512_add_pd(mean, _mm512_mul_pd(noise, _mm512_loadu_pd(normals + b * W)));
        const __m512d clamped = _mm512_min_pd(_mm512_max_pd(z, zero), demand_max);
        _mm512_storeu_si512(drawn + b * W, _mm512_and_si512(_mm512_castpd_si512(_mm512_add_pd(clamped, round_bias)), low32));
    }
}

// The step's channels (`ChannelArrivals.write`): channels filled by the end of block j, from what was
// carried in and what arrives per block; the rest of the full ones and the partial one in the last block.
typedef struct {
    __m512d full_channels, per_block, start;
    __m512i full, per_channel, partial, before; // `before`: channels filled before the next block
    __mmask8 has_full;
    int64_t last;
} channel_arrivals;

// The rollup's blobs posted in blocks `j ..< j + blocks` of every lane (`arriving[b * W + lane]`).
INLINE void spread_blocks(channel_arrivals *c, int64_t j, int64_t blocks, int64_t *arriving) {
    for (int64_t b = 0; b < blocks; b++, j++) {
        __m512i a;
        if (j < c->last) {
            const __m512d x = _mm512_add_pd(_mm512_mul_pd(_mm512_set1_pd((double)(j + 1)), c->per_block), c->start);
            const __m512i filled = _mm512_maskz_cvttpd_epi64(c->has_full, _mm512_min_pd(c->full_channels, x));
            a = _mm512_mullo_epi64(_mm512_sub_epi64(filled, c->before), c->per_channel);
            c->before = filled;
        } else {
            a = _mm512_add_epi64(_mm512_maskz_mov_epi64(c->has_full, _mm512_mullo_epi64(_mm512_sub_epi64(c->full, c->before), c->per_channel)),
                                 c->partial);
        }
        _mm512_storeu_si512(arriving + b * W, a);
    }
}

// `dacost_blob_lanes_run` for tables of `pairs` register pairs (0: gathers); `pairs` is a constant
// where this is inlined.
INLINE void run_blocks(dacost_blob_lanes *l, const dacost_blob_rules *r, int64_t first_block, int64_t start, int64_t end,
                       int64_t merging_from, const int pairs) {
    const int lanes = l->lanes < 1 ? 1 : (l->lanes > W ? W : (int)l->lanes);
    const __mmask8 active = (__mmask8)((1u << lanes) - 1);
    const __m512i zero_i = _mm512_setzero_si512(), one_i = _mm512_set1_epi64(1);

    // Each queue in registers: its totals, its ring indices, and its head entry's arrival and closing
    // total. Blobs pushed in a step join the step's entry (`BlobQueue.push`), the ring's newest
    // (`fresh`): its closing total is `pushed` itself (written back at the end), so a push only adds.
    // `joinable`: the newest entry is this step's and waits; `head_fresh`: it is the head, whose
    // closing total is then `pushed`. Both change only when an entry is added or the head moves.
    __m512i pushed = zero_i, taken = zero_i, head = zero_i, tail = zero_i;
    __m512i head_arrival = zero_i, head_bound = _mm512_set1_epi64(INT64_MAX);
    __mmask8 fresh = 0, joinable = 0, head_fresh = 0;
    for (int i = 0; i < lanes; i++) {
        const dacost_blob_queue *q = &l->queue[i];
        SET_LANE(pushed, i, q->pushed); SET_LANE(taken, i, q->taken);
        SET_LANE(head, i, q->head); SET_LANE(tail, i, q->tail);
        // The head's arrival is read even when nothing waits, as `BlobQueue.takeBlocks` does (the ring
        // has one initialised slot to spare).
        SET_LANE(head_arrival, i, q->arrival[q->head]);
        if (q->head < q->tail) {
            SET_LANE(head_bound, i, q->pushed_through[q->head]);
            if (q->arrival[q->tail - 1] >= merging_from) {
                const __mmask8 bit = (__mmask8)(1u << i);
                fresh |= bit; joinable |= bit;
                if (q->head == q->tail - 1) head_fresh |= bit;
            }
        }
    }

    rules_in_registers rt = {
        .r = r, .count = _mm512_set1_epi64(r->count), .gas = _mm512_set1_epi64((int64_t)r->gas_per_blob),
        .target = _mm512_set1_epi64((int64_t)r->target), .one = _mm512_set1_pd(1.0), .max_fee = _mm512_set1_pd(r->max_fee)};
    if (pairs > 0) {
        rt.factors = load_table(r->factors);
        rt.deltas = load_table(r->deltas);
    }
    const __m512i max_blobs = _mm512_set1_epi64(r->max_blobs);
    const __m512d zero = _mm512_setzero_pd();
    const __m512d parity = _mm512_loadu_pd(l->parity), reserve_below = _mm512_loadu_pd(l->reserve_below);
    const __mmask8 posts = r->posts_above_parity ? 0xFF : 0;

    __m512i m_excess = _mm512_loadu_si512(l->market_excess), s_excess = _mm512_loadu_si512(l->shadow_excess);
    __m512d m_fee = _mm512_loadu_pd(l->market_fee), s_fee = _mm512_loadu_pd(l->shadow_fee);
    __m512d spent = _mm512_loadu_pd(l->spent), premium = _mm512_loadu_pd(l->premium);
    __m512d fee_sum = _mm512_loadu_pd(l->fee_sum), fee_max = _mm512_loadu_pd(l->fee_max);
    __m512i own = _mm512_loadu_si512(l->own_blocks), worst = _mm512_loadu_si512(l->worst_wait);

    dacost_blob_demand *d = &l->demand;
    demand_streams streams = {
        .s0 = _mm512_loadu_si512(d->rng), .s1 = _mm512_loadu_si512(d->rng + W), .s2 = _mm512_loadu_si512(d->rng + 2 * W),
        .s3 = _mm512_loadu_si512(d->rng + 3 * W), .word = _mm512_loadu_si512(d->word), .left = d->left};
    const __m512d mean = _mm512_loadu_pd(d->mean);

    const dacost_blob_spread *sp = &l->spread;
    channel_arrivals channels = {
        .full_channels = _mm512_loadu_pd(sp->full_channels), .per_block = _mm512_loadu_pd(sp->per_block), .start = _mm512_loadu_pd(sp->start),
        .full = _mm512_loadu_si512(sp->full), .per_channel = _mm512_loadu_si512(sp->per_channel), .partial = _mm512_loadu_si512(sp->partial),
        .before = zero_i, .last = sp->blocks - 1};
    channels.has_full = _mm512_mask_cmp_pd_mask(active, channels.full_channels, zero, _CMP_GT_OQ);
    // Channels filled before block `start` (none before the step's first block).
    if (start > 0 && start - 1 < channels.last) {
        const __m512d x = _mm512_add_pd(_mm512_mul_pd(_mm512_set1_pd((double)start), channels.per_block), channels.start);
        channels.before = _mm512_maskz_cvttpd_epi64(channels.has_full, _mm512_min_pd(channels.full_channels, x));
    }

    // Demand and arrivals a chunk of blocks ahead, out of the block loop: it then holds only the chains
    // of dependent operations, which the processor overlaps across blocks.
    int64_t drawn[CHUNK * W], arrivals[CHUNK * W];
    for (int64_t j = start; j < end; j++) {
        const int64_t offset = ((j - start) % CHUNK) * W;
        if (offset == 0) {
            const int64_t blocks = end - j < CHUNK ? end - j : CHUNK;
            draw_demand(&streams, d, mean, blocks, drawn);
            spread_blocks(&channels, j, blocks, arrivals);
        }
        const int64_t block = first_block + j;
        const __m512i arriving = _mm512_loadu_si512(arrivals + offset);
        pushed = _mm512_add_epi64(pushed, arriving);
        // A new entry (once per step and path at most): an empty queue starts over at the ring's start.
        __mmask8 append = _mm512_mask_cmpgt_epi64_mask(active & (__mmask8)~joinable, arriving, zero_i);
        if (append) {
            int64_t t[W], h[W], p[W];
            _mm512_storeu_si512(t, tail); _mm512_storeu_si512(h, head); _mm512_storeu_si512(p, pushed);
            while (append) {
                const int i = __builtin_ctz(append);
                const __mmask8 bit = (__mmask8)(1u << i);
                append &= (__mmask8)(append - 1);
                dacost_blob_queue *q = &l->queue[i];
                int64_t ti = t[i];
                if (h[i] == ti) {
                    ti = 0;
                    SET_LANE(head, i, 0);
                    SET_LANE(head_arrival, i, block);
                    head_fresh |= bit;
                }
                q->arrival[ti] = block;
                q->pushed_through[ti] = p[i];
                SET_LANE(tail, i, ti + 1);
                fresh |= bit; joinable |= bit;
            }
        }
        const __m512i n = _mm512_min_epi64(_mm512_loadu_si512(drawn + offset), max_blobs);
        const __mmask8 open = _mm512_cmp_pd_mask(m_fee, parity, _CMP_LE_OQ);
        const __m512i background = _mm512_maskz_mov_epi64(open, n);
        const __m512i room = _mm512_sub_epi64(max_blobs, background);
        const __m512i included = _mm512_maskz_mov_epi64(open | posts, _mm512_min_epi64(_mm512_sub_epi64(pushed, taken), room));
        const __m512d blobs = _mm512_cvtepi64_pd(included);
        spent = _mm512_add_pd(spent, _mm512_mul_pd(blobs, m_fee));
        fee_sum = _mm512_add_pd(fee_sum, m_fee);
        fee_max = _mm512_max_pd(fee_max, m_fee);
        const __m512d raised = _mm512_max_pd(_mm512_sub_pd(m_fee, s_fee), zero);
        premium = _mm512_add_pd(premium, _mm512_mul_pd(blobs, raised));
        const __mmask8 took = _mm512_cmpgt_epi64_mask(included, zero_i);
        own = _mm512_mask_add_epi64(own, took & _mm512_cmp_pd_mask(raised, zero, _CMP_GT_OQ), own, one_i);
        const __m512i waited = _mm512_add_epi64(_mm512_sub_epi64(_mm512_set1_epi64(block), head_arrival), one_i);
        worst = _mm512_mask_max_epi64(worst, took, worst, waited);
        taken = _mm512_add_epi64(taken, included);
        // Takes that reach the head entry's total move the head on (`BlobQueue.takeBlocks`).
        __mmask8 crossed = _mm512_mask_cmpge_epi64_mask(active, taken, _mm512_mask_blend_epi64(head_fresh, head_bound, pushed));
        if (crossed) {
            int64_t t[W], h[W], k[W], p[W];
            _mm512_storeu_si512(t, tail); _mm512_storeu_si512(h, head); _mm512_storeu_si512(k, taken); _mm512_storeu_si512(p, pushed);
            while (crossed) {
                const int i = __builtin_ctz(crossed);
                const __mmask8 bit = (__mmask8)(1u << i);
                crossed &= (__mmask8)(crossed - 1);
                const dacost_blob_queue *q = &l->queue[i];
                const int is_fresh = (fresh & bit) != 0;
                int64_t hi = h[i];
                const int64_t ti = t[i];
                // The newest entry's closing total is `pushed` while it is this step's.
                #define BOUND(x) ((is_fresh && (x) == ti - 1) ? p[i] : q->pushed_through[(x)])
                while (hi < ti && BOUND(hi) <= k[i]) hi += 1;
                SET_LANE(head, i, hi);
                SET_LANE(head_arrival, i, q->arrival[hi]);
                SET_LANE(head_bound, i, hi < ti ? BOUND(hi) : INT64_MAX);
                #undef BOUND
                head_fresh = (__mmask8)(is_fresh && hi == ti - 1 ? head_fresh | bit : head_fresh & ~bit);
                if (hi == ti) joinable &= (__mmask8)~bit;
            }
        }
        const __mmask8 shadow_open = _mm512_cmp_pd_mask(s_fee, parity, _CMP_LE_OQ);
        advance(&s_excess, &s_fee, _mm512_maskz_mov_epi64(shadow_open, n), reserve_below, &rt, pairs);
        advance(&m_excess, &m_fee, _mm512_add_epi64(background, included), reserve_below, &rt, pairs);
    }

    _mm512_storeu_si512(l->market_excess, m_excess); _mm512_storeu_si512(l->shadow_excess, s_excess);
    _mm512_storeu_pd(l->market_fee, m_fee); _mm512_storeu_pd(l->shadow_fee, s_fee);
    _mm512_storeu_pd(l->spent, spent); _mm512_storeu_pd(l->premium, premium);
    _mm512_storeu_pd(l->fee_sum, fee_sum); _mm512_storeu_pd(l->fee_max, fee_max);
    _mm512_storeu_si512(l->own_blocks, own); _mm512_storeu_si512(l->worst_wait, worst);
    _mm512_storeu_si512(d->rng, streams.s0); _mm512_storeu_si512(d->rng + W, streams.s1);
    _mm512_storeu_si512(d->rng + 2 * W, streams.s2); _mm512_storeu_si512(d->rng + 3 * W, streams.s3);
    _mm512_storeu_si512(d->word, streams.word);
    d->left = streams.left;
    int64_t t[W], h[W], p[W], k[W];
    _mm512_storeu_si512(t, tail); _mm512_storeu_si512(h, head); _mm512_storeu_si512(p, pushed); _mm512_storeu_si512(k, taken);
    for (int i = 0; i < lanes; i++) {
        dacost_blob_queue *q = &l->queue[i];
        q->head = h[i]; q->tail = t[i]; q->pushed = p[i]; q->taken = k[i];
        if (((fresh >> i) & 1) && t[i] > 0) q->pushed_through[t[i] - 1] = p[i];
    }
}

AVX512 void dacost_blob_lanes_run(dacost_blob_lanes *l, const dacost_blob_rules *r, int64_t first_block,
                                  int64_t start, int64_t end, int64_t merging_from) {
    // Register pairs for the fork's 2 · count table entries; gathers past 64 entries (max > 31 blobs).
    const int64_t entries = 2 * r->count;
    switch (entries <= 64 ? (entries + 15) / 16 : 0) {
    case 1: run_blocks(l, r, first_block, start, end, merging_from, 1); break;
    case 2: run_blocks(l, r, first_block, start, end, merging_from, 2); break;
    case 3: run_blocks(l, r, first_block, start, end, merging_from, 3); break;
    case 4: run_blocks(l, r, first_block, start, end, merging_from, 4); break;
    default: run_blocks(l, r, first_block, start, end, merging_from, 0); break;
    }
}

#else

int dacost_blob_lanes_available(void) { return 0; }

void dacost_blob_lanes_run(dacost_blob_lanes *l, const dacost_blob_rules *r, int64_t first_block,
                           int64_t start, int64_t end, int64_t merging_from) {
    (void)l; (void)r; (void)first_block; (void)start; (void)end; (void)merging_from;
}

#endif
