/// The process's allocator policy for large blocks.
public enum LargeAllocations {
    /// Blocks from 1 MiB up are mapped and unmapped on their own, so that freeing one gives its memory
    /// back at once. glibc's default raises its mmap threshold each time such a block is freed (up to
    /// 32 MiB), after which batches and codec windows of a few MB come from heaps that seldom shrink.
    /// Setting the threshold also stops that adjustment (glibc malloc/malloc.c, M_MMAP_THRESHOLD).
    public static func returnToTheSystemWhenFreed() {
        #if os(Linux)
        _ = glibcMallopt(mmapThresholdParameter, 1 << 20)
        #endif
    }

    /// glibc malloc/malloc.h: `#define M_MMAP_THRESHOLD -3`.
    static let mmapThresholdParameter: Int32 = -3
}

#if os(Linux)
// <malloc.h> is not in the Glibc module: `int mallopt(int param, int value)`.
@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
