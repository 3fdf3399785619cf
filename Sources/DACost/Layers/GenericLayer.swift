/// Any layer priced as a fixed fee per submission plus a price per byte, in a named token:
/// data-availability committees, NEAR DA, a private store.
public struct GenericLayer: DALayer {
    public var name: String
    public let kind = LayerKind.generic
    public var token: String
    public var fixedPerSubmission: Double
    public var pricePerByte: Double
    public var maxSubmissionBytes: Int
    public var trust: TrustModel
    public var nativeUnit: String { token }

    public init(name: String, token: String, fixedPerSubmission: Double, pricePerByte: Double,
                maxSubmissionBytes: Int = 1 << 20,
                trust: TrustModel = TrustModel(guarantor: "the layer's operators", tradeOff: "Ethereum security; trust in the operators")) {
        self.name = name; self.token = token; self.fixedPerSubmission = fixedPerSubmission
        self.pricePerByte = pricePerByte; self.maxSubmissionBytes = maxSubmissionBytes; self.trust = trust
    }

    public func pack(_ payload: Payload) -> Packing {
        let n = max(1, (payload.bytes + maxSubmissionBytes - 1) / maxSubmissionBytes)
        return Packing(payload: payload, paidCapacityBytes: payload.bytes, transactions: n, units: ["submissions": n])
    }

    public func cost(_ packing: Packing, at market: MarketState) -> Cost {
        let native = fixedPerSubmission * Double(packing.transactions) + pricePerByte * Double(packing.payload.bytes)
        let usd = native * (token == "USD" ? 1 : market.price(token))
        return Cost(native: native, nativeUnit: token, wei: nil, usd: usd, components: [.altDAFee: usd])
    }
}
