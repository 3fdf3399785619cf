/// The dacost version recorded in every profile and report.
public enum DACostVersion {
    public static let current = "0.1.0"
}
