// dacost-fuzz TARGET [libFuzzer options] [CORPUS…]: one binary, one target per run.
// Every target feeds the input to what dacost reads from outside and accepts any thrown error: a
// crash, a trap, a leak or a timeout is what libFuzzer reports.
import CFuzzDriver
import Foundation

let targets: [String: (UnsafeBufferPointer<UInt8>) -> Void] = [
    "trace": FuzzTargets.trace,
    "rlp": FuzzTargets.rlp,
    "json": FuzzTargets.json,
    "scenario": FuzzTargets.scenario,
    "csv": FuzzTargets.csv,
    "baseline": FuzzTargets.baseline,
    "rpc": FuzzTargets.rpc,
]

nonisolated(unsafe) var selected: ((UnsafeBufferPointer<UInt8>) -> Void)?
var arguments = CommandLine.arguments
guard arguments.count >= 2, let chosen = targets[arguments[1]] else {
    FileHandle.standardError.write(Data("usage: dacost-fuzz TARGET [libFuzzer options] [corpus…]; targets: \(targets.keys.sorted().joined(separator: ", "))\n".utf8))
    exit(2)
}
selected = chosen
arguments.remove(at: 1)

// libFuzzer takes argc/argv as C does: copies that live for the whole run.
var argc = Int32(arguments.count)
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = .allocate(capacity: arguments.count + 1)
for (i, a) in arguments.enumerated() { argv?[i] = strdup(a) }
argv?[arguments.count] = nil
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    selected?(UnsafeBufferPointer(start: data, count: size))
    return 0
}
exit(status)
