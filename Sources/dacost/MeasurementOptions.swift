import ArgumentParser

/// How `compare` and `project` measure a trace that has no profile yet.
struct MeasurementOptions: ParsableArguments {
    @Flag(help: "Measure a large trace exactly: every batch at every size of the doubling grid (the default samples a trace above 8 MiB at the sizes the scenario uses, to a 0.1% standard error).")
    var exact = false
}
