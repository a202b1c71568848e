package dev.vc.bench.relayload;

import java.util.List;

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

    /**
     * @param befores snapshots at the starts of windows
     * @param afters  snapshots at their ends, in the same order
     * @return the windows' differences added up; a counter that was -1 (not measured) in any is -1, and the machine's
     *         ticks are the added differences (busy, total)
     */
    static LoadSnapshot sum(List<LoadSnapshot> befores, List<LoadSnapshot> afters) {
        LoadSnapshot d = new LoadSnapshot();
        d.machineCpuTicks = new long[2];
        for (int i = 0; i < befores.size(); i++) {
            LoadSnapshot b = befores.get(i);
            LoadSnapshot a = afters.get(i);
            d.nanos += a.nanos - b.nanos;
            d.sent += a.sent - b.sent;
            d.skipped += a.skipped - b.skipped;
            d.received += a.received - b.received;
            d.misrouted += a.misrouted - b.misrouted;
            d.authenticated += a.authenticated - b.authenticated;
            d.authFailed += a.authFailed - b.authFailed;
            d.loadCpu += a.loadCpu - b.loadCpu;
            d.processCpu += a.processCpu - b.processCpu;
            d.accepted = add(d.accepted, b.accepted, a.accepted);
            d.forwarded = add(d.forwarded, b.forwarded, a.forwarded);
            d.relayCpu = add(d.relayCpu, b.relayCpu, a.relayCpu);
            d.forwardingCpu = add(d.forwardingCpu, b.forwardingCpu, a.forwardingCpu);
            d.forwardingAllocated = add(d.forwardingAllocated, b.forwardingAllocated, a.forwardingAllocated);
            d.kernelRcvbufErrors = add(d.kernelRcvbufErrors, b.kernelRcvbufErrors, a.kernelRcvbufErrors);
            for (int t = 0; t < 2; t++) {
                d.machineCpuTicks[t] = add(d.machineCpuTicks[t], b.machineCpuTicks[t], a.machineCpuTicks[t]);
            }
        }
        return d;
    }

    private static long add(long sum, long before, long after) {
        return sum < 0 || before < 0 || after < 0 ? -1 : sum + after - before;
    }
}
