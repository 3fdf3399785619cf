/// The documented ceiling of every number a scenario (or a baseline's scenario) may hold, by the quantity
/// it names. A key with no tighter range of its own is held to its quantity's ceiling here, so that no
/// value from outside reaches arithmetic that cannot carry it: wei amounts stay below 2^96, USD amounts
/// far inside a Double's exact range, and every report finite. The ceilings are far beyond any market
/// seen (the highest L1 base fee on record is ~700 gwei, in 2021; ETH's highest price ~$4,900).
public enum ValueRanges {
    /// (key, ceiling, what it means): the first key found in a value's key path (from its end) decides.
    public static let ceilings: [(key: String, max: Double, unit: String)] = [
        ("l1_base_fee_gwei", 1e6, "gwei per gas"),
        ("l1_priority_fee_gwei", 1e6, "gwei per gas"),
        ("blob_base_fee_gwei", 1e9, "gwei per blob gas"),
        ("celestia_gas_price_utia", 1e9, "utia per gas"),
        ("gas_price_utia", 1e9, "utia per gas"),
        ("eigenda_price_per_symbol_wei", 1e18, "wei per symbol"),
        ("eth_usd", 1e7, "USD"),
        ("tia_usd", 1e7, "USD"),
        ("avail_usd", 1e7, "USD"),
        ("token_usd", 1e7, "USD"),
        ("revenue_per_tx_usd", 1e6, "USD"),
        ("loss_threshold_usd", 1e12, "USD"),
        ("reservation_usd_per_30_days", 1e12, "USD"),
        ("price_per_byte", 1e9, "token units per byte"),
        ("reservation_symbols_per_second", 1e12, "symbols per second"),
        ("max_bytes_per_second", 1e12, "bytes per second"),
        ("on_demand_symbols_per_second", 1e12, "symbols per second"),
        ("block_seconds", 86_400, "seconds"),
        ("stake_usd", 1e15, "USD"),
        ("background_bytes_per_second", 1e12, "bytes per second"),
        ("tps", 1e7, "transactions per second"),
        ("background_blobs_per_block", 4096, "blobs"),
        ("usd", 1e7, "USD"),
        ("gas_limit", 1.2e12, "gas"),
        ("update_fraction", 1.2e12, "blob gas"),
        ("seed", 1.9e19, "a seed"),
        ("price_per_symbol_wei", 4.7e18, "wei per symbol"),
    ]

    /// Any other number: far above every count and size a scenario names.
    public static let defaultCeiling = 1e12

    /// The ceiling for the value at `keyPath` (`market.l1_base_fee_gwei.start`, `layers[2].token_usd`).
    public static func ceiling(keyPath: String) -> Double {
        let parts = keyPath.split(whereSeparator: { $0 == "." || $0 == "[" }).map(String.init).reversed()
        for part in parts { if let c = ceilings.first(where: { $0.key == part }) { return c.max } }
        return defaultCeiling
    }
}
