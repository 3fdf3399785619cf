import ArgumentParser
import DACost
import DACostRPC
import Foundation

@main
struct DACostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dacost",
        abstract: "What will it cost to publish a rollup's transaction data, on which DA layer?",
        version: DACostVersion.current,
        subcommands: [CompareCommand.self, ProjectCommand.self, BacktestCommand.self, CheckCommand.self, StacksCommand.self, CompressCommand.self, SynthCommand.self, TrainDictCommand.self, FetchCommand.self],
        defaultSubcommand: nil)

    /// Exit codes: 0 success, 1 a check failed, 2 bad usage or input, 3 network or I/O failure.
    static func main() {
        LargeAllocations.returnToTheSystemWhenFreed()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            Self.exit(withStatusFor: error)
        }
    }

    static func exit(withStatusFor error: Error) -> Never {
        switch error {
        case let e as ExitCode:
            Foundation.exit(e.rawValue)
        case let e as FetchError:
            Console.error("\(e)"); Foundation.exit(e.isUsageError ? 2 : 3)
        case let e as IOError:
            Console.error("\(e)"); Foundation.exit(3)
        case let e as CodecError:
            Console.error("\(e)")
            if case .roundTripMismatch = e { Foundation.exit(1) }
            if case .library = e { Foundation.exit(3) }
            Foundation.exit(2)
        case let e as CustomStringConvertible where !(e is ParsableArguments):
            if String(reflecting: type(of: e)).hasPrefix("DACost.") {
                Console.error("\(e)"); Foundation.exit(2)
            }
            fallthrough
        default:
            let code = exitCode(for: error)
            var message = fullMessage(for: error)
            // ArgumentParser's own "Error: " after our "dacost: error: " would say it twice.
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            Console.error(message)
            Foundation.exit(2)
        }
    }
}

/// stderr output, and whether it is a terminal (progress is shown only then).
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("dacost: error: " + message + "\n").utf8))
    }
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
    /// The default for `--jobs`: every core.
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data(("\r\u{1b}[K" + line).utf8))
    }
    static func clearProgress() { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
}

/// Output formats shared by the commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, csv, json
}
