package dev.vc.bench.relayload;

/** {@link RelayLoad}'s counters at one instant; the summary is the difference of two. */
final class LoadSnapshot {
    long nanos;
    long sent;
    long skipped;
    long received;
    long misrouted;
    long authenticated;
    long authFailed;
    long accepted;
    long forwarded;
    long relayCpu;
    long forwardingCpu;
    long forwardingAllocated;
    long loadCpu;
    long processCpu;
    long kernelRcvbufErrors;
    long[] machineCpuTicks;
}
