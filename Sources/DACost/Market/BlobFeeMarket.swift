/// The exact EIP-4844 / EIP-7918 blob fee rules, as pure functions of plain integers.
public enum BlobFeeMarket {
    /// Blob gas per blob.
    public static let gasPerBlob: UInt64 = 1 << 17 // EIP-4844 GAS_PER_BLOB
    /// The lowest blob base fee.
    public static let minBaseFeePerBlobGas: UInt64 = 1 // EIP-4844 MIN_BASE_FEE_PER_BLOB_GAS
    /// Reserve price factor: blobs cost at least about BLOB_BASE_COST × the execution base fee.
    public static let blobBaseCost: UInt64 = 1 << 13 // EIP-7918 BLOB_BASE_COST
    /// Bytes of one blob.
    public static let bytesPerBlob = 4096 * 32 // EIP-4844 FIELD_ELEMENTS_PER_BLOB × BYTES_PER_FIELD_ELEMENT

    /// `fake_exponential(factor, numerator, denominator)` (EIP-4844), in arbitrary precision so that it is
    /// exact wherever the result fits in 128 bits; larger results saturate at `UInt128.max`.
    public static func fakeExponential(factor: UInt64, numerator: UInt64, denominator: UInt64) -> UInt128 {
        precondition(denominator > 0) // allowed: schedules are validated to have update fractions ≥ 1
        var i: UInt64 = 1
        var output = BigUInt(0 as UInt64)
        var accum = BigUInt(factor) * denominator
        // A bound on the terms: past it the result no longer fits 128 bits anyway.
        let limit = BigUInt(UInt128.max) * denominator
        while !accum.isZero {
            output = output + accum
            if limit < output { return .max }
            let (d, o) = denominator.multipliedReportingOverflow(by: i)
            if o { return .max }
            accum = (accum * numerator) / d
            i += 1
        }
        return (output / denominator).uint128 ?? .max
    }

    /// The blob base fee (wei per blob gas) at `excessBlobGas` under `updateFraction`.
    public static func baseFeePerBlobGas(excessBlobGas: UInt64, updateFraction: UInt64) -> UInt128 {
        fakeExponential(factor: minBaseFeePerBlobGas, numerator: excessBlobGas, denominator: updateFraction)
    }

    /// A block's excess blob gas from its parent's, under the child's fork (EIP-4844; EIP-7918 when
    /// the fork has the reserve price). `parentBaseFee` is the parent's execution base fee in wei and
    /// `parentUpdateFraction` prices the parent's own blob base fee.
    public static func excessBlobGas(parentExcess: UInt64, parentBlobGasUsed: UInt64, parentBaseFee: UInt128,
                                     parentUpdateFraction: UInt64, fork: BlobFork) -> UInt64 {
        let target = UInt64(fork.target) * gasPerBlob
        let (sum, overflow) = parentExcess.addingReportingOverflow(parentBlobGasUsed)
        if overflow { return .max }
        if sum < target { return 0 }
        if fork.reservePrice {
            let blobFee = baseFeePerBlobGas(excessBlobGas: parentExcess, updateFraction: parentUpdateFraction)
            // BLOB_BASE_COST × base_fee > GAS_PER_BLOB × blob_base_fee; GAS_PER_BLOB / BLOB_BASE_COST = 16
            // exactly, so the same test without overflow is base_fee > 16 × blob_base_fee.
            let (sixteen, o) = blobFee.multipliedReportingOverflow(by: UInt128(gasPerBlob / blobBaseCost))
            let reserveBinds = !o && parentBaseFee > sixteen
            if reserveBinds {
                // Excess stops falling: it grows by the used gas scaled by (max − target) / max.
                let scaled = UInt64((UInt128(parentBlobGasUsed) * UInt128(fork.max - fork.target)) / UInt128(fork.max))
                let (v, o) = parentExcess.addingReportingOverflow(scaled)
                return o ? .max : v
            }
        }
        return sum - target
    }

    /// The blob base fee at which EIP-7918's reserve stops binding, for an execution base fee (wei).
    public static func reserveBlobBaseFee(executionBaseFee: UInt128) -> UInt128 {
        executionBaseFee * UInt128(blobBaseCost) / UInt128(gasPerBlob)
    }
}
