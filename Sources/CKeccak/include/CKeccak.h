#ifndef DACOST_CKECCAK_H
#define DACOST_CKECCAK_H

#include <stdint.h>

/// Nonzero when this CPU (and its OS) can run `dacost_keccak_f1600_x4`: AVX2 on x86-64.
int dacost_keccak_x4_available(void);

/// Keccak-f[1600] on four states at once. `state` holds 100 lanes interleaved: lane i of state k
/// is `state[4 * i + k]`. Call only when `dacost_keccak_x4_available()` is nonzero.
void dacost_keccak_f1600_x4(uint64_t *state);

/// The 24 iota round constants of Keccak-f[1600] (FIPS 202, section 3.2.5), shared with the
/// scalar permutation so that both read one table.
const uint64_t *dacost_keccak_round_constants(void);

#endif
