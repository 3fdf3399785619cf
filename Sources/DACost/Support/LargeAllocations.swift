/// The process's allocator policy for large blocks.
public enum LargeAllocations {
    /// Blocks from 1 MiB up are mapped and unmapped on their own, so that freeing one gives its memory
    /// back at once. glibc's default raises its mmap threshold each time such a block is freed (up to
    /// 32 MiB), after which batches and codec windows of a few MB come from heaps that seldom shrink.
    /// Setting the threshold also stops that adjustment (glibc malloc/malloc.c, M_MMAP_THRESHOLD).
    /// The heaps' free tops are kept up to 32 MiB (the dynamic rule had raised the trim threshold with the
    /// mmap threshold; held at its 128 KiB default, a projection's per-path arrays went back to the system
    /// and faulted in again on every path, a tenth more time).
    public static func returnToTheSystemWhenFreed() {
        #if os(Linux)
        _ = glibcMallopt(mmapThresholdParameter, 1 << 20)
        _ = glibcMallopt(trimThresholdParameter, 32 << 20)
        #endif
    }

    /// glibc malloc/malloc.h: `#define M_MMAP_THRESHOLD -3`, `#define M_TRIM_THRESHOLD -1`.
    static let mmapThresholdParameter: Int32 = -3, trimThresholdParameter: Int32 = -1
}

#if os(Linux)
// <malloc.h> is not in the Glibc module: `int mallopt(int param, int value)`.
@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
