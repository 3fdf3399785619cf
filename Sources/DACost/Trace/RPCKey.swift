import Foundation

/// The member names of JSON-RPC transaction objects that the re-encoder reads, numbered, so that
/// one pass over an object's members files every value under its field: looking each of a
/// transaction's dozen fields up by name walked its twenty-odd members a dozen times.
enum RPCKey: Int, CaseIterable {
    case type, chainId, nonce, gasPrice, gas, to, value, input, data, accessList, yParity, v, r, s
    case maxPriorityFeePerGas, maxFeePerGas, maxFeePerBlobGas, blobVersionedHashes, authorizationList
    case sourceHash, from, mint, isSystemTx, hash, address, storageKeys

    /// The member name, as JSON-RPC spells it.
    var name: String { "\(self)" }

    init?(name: String) {
        guard let k = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = k
    }

    /// The key spelled by `u`, nil for a member the encoder does not read. Dispatches on length,
    /// then compares at most three candidates.
    static func of(_ u: UnsafeBufferPointer<UInt8>) -> RPCKey? {
        guard let p = u.baseAddress else { return nil }
        @inline(__always) func eq(_ s: StaticString) -> Bool { memcmp(p, s.utf8Start, u.count) == 0 }
        switch u.count {
        case 1:
            switch p[0] {
            case UInt8(ascii: "v"): return .v
            case UInt8(ascii: "r"): return .r
            case UInt8(ascii: "s"): return .s
            default: return nil
            }
        case 2: return eq("to") ? .to : nil
        case 3: return eq("gas") ? .gas : nil
        case 4:
            switch p[0] {
            case UInt8(ascii: "t"): return eq("type") ? .type : nil
            case UInt8(ascii: "d"): return eq("data") ? .data : nil
            case UInt8(ascii: "f"): return eq("from") ? .from : nil
            case UInt8(ascii: "m"): return eq("mint") ? .mint : nil
            case UInt8(ascii: "h"): return eq("hash") ? .hash : nil
            default: return nil
            }
        case 5:
            switch p[0] {
            case UInt8(ascii: "n"): return eq("nonce") ? .nonce : nil
            case UInt8(ascii: "v"): return eq("value") ? .value : nil
            case UInt8(ascii: "i"): return eq("input") ? .input : nil
            default: return nil
            }
        case 7:
            switch p[0] {
            case UInt8(ascii: "c"): return eq("chainId") ? .chainId : nil
            case UInt8(ascii: "y"): return eq("yParity") ? .yParity : nil
            case UInt8(ascii: "a"): return eq("address") ? .address : nil
            default: return nil
            }
        case 8: return eq("gasPrice") ? .gasPrice : nil
        case 10:
            switch p[0] {
            case UInt8(ascii: "a"): return eq("accessList") ? .accessList : nil
            case UInt8(ascii: "s"): return eq("sourceHash") ? .sourceHash : nil
            case UInt8(ascii: "i"): return eq("isSystemTx") ? .isSystemTx : nil
            default: return nil
            }
        case 11: return eq("storageKeys") ? .storageKeys : nil
        case 12: return eq("maxFeePerGas") ? .maxFeePerGas : nil
        case 16: return eq("maxFeePerBlobGas") ? .maxFeePerBlobGas : nil
        case 17: return eq("authorizationList") ? .authorizationList : nil
        case 19: return eq("blobVersionedHashes") ? .blobVersionedHashes : nil
        case 20: return eq("maxPriorityFeePerGas") ? .maxPriorityFeePerGas : nil
        default: return nil
        }
    }
}

/// An object's members filed by `RPCKey`, read in one pass (the first of repeated names wins, as
/// a lookup by name would find it).
struct RPCMembers {
    private let object: JSONElement
    private let slots: UnsafeMutableBufferPointer<Int32>

    /// Calls `body` with the members of `object` (an object; anything else has none).
    static func with<R>(_ object: JSONElement, _ body: (RPCMembers) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: Int32.self, capacity: RPCKey.allCases.count) { slots in
            slots.initialize(repeating: -1)
            for (key, value) in object.members {
                let id: RPCKey?
                if let u = key.utf8 { id = RPCKey.of(u) } else { id = key.string.flatMap(RPCKey.init(name:)) }
                if let id, slots[id.rawValue] < 0 { slots[id.rawValue] = Int32(truncatingIfNeeded: value.index) }
            }
            return try body(RPCMembers(object: object, slots: slots))
        }
    }

    /// The value of `key` unless it is absent or null.
    func present(_ key: RPCKey) -> JSONElement? {
        let i = Int(slots[key.rawValue])
        guard i >= 0 else { return nil }
        let e = object.element(at: i)
        return e.isNull ? nil : e
    }

    /// Whether `key` is a member at all (null included).
    func has(_ key: RPCKey) -> Bool { slots[key.rawValue] >= 0 }
}
