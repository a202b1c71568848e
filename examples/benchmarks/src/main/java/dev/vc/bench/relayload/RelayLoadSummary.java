package dev.vc.bench.relayload;

import dev.vc.bench.MediaMode;

import java.util.Locale;

/**
 * What one {@link RelayLoad} run measured over its window, and the rates and ratios derived from it. A
 * figure the run could not measure (the forwarded count of an external relay, the heap of a forwarder that
 * is not the relay) is -1 and printed as {@code n/a}.
 *
 * @param target              {@code relay}, {@code external} or {@code ceiling}
 * @param media               how media was carried: plain RTP or SRTP with one profile
 * @param rooms               rooms
 * @param participants        participants per room
 * @param windowNanos         length of the measured window
 * @param offered             datagrams the senders put on the wire in the window
 * @param senderSkipped       datagrams the senders owed but skipped because they fell more than 100 ms behind
 * @param accepted            datagrams the relay accepted from senders, or -1
 * @param forwarded           datagrams the relay sent to receivers, or -1
 * @param received            media datagrams the receivers read
 * @param misrouted           datagrams a receiver got from itself or from another room (must be 0)
 * @param forwardingCpuNanos  CPU time of the forwarding thread ({@code vc-relay-media} or the ceiling's), or -1
 * @param relayCpuNanos       CPU time of every relay thread ({@code vc-relay-*}), or -1
 * @param loadCpuNanos        CPU time of the load generator's sender and receiver threads
 * @param processCpuNanos     CPU time of the whole process
 * @param cpus                processors available
 * @param forwardingAllocated bytes the forwarding thread allocated in the window, or -1 when not sampled
 * @param heapPerParticipant  used heap after a GC, growth per participant once all joined, or -1
 * @param heapPerParticipantAfterRun the same, after the run (before anyone left), or -1
 * @param kernelRcvbufErrors  datagrams the kernel dropped in the window because a UDP receive buffer was
 *                            full (the relay's or a participant's: the whole machine's counter), or -1
 * @param machineBusyPercent  how busy the whole machine was in the window (all cores, every process and the
 *                            kernel), percent, or -1; well above {@link #processCpuPercentOfMachine()} means
 *                            something else competed for the CPU and the run should be repeated
 * @param authenticated       SRTP packets the checking receiver unprotected and found authentic in the window,
 *                            or -1 with plain media
 * @param authFailed          SRTP packets the checking receiver refused (bad tag, replay; must be 0), or -1
 */
public record RelayLoadSummary(String target, MediaMode media, int rooms, int participants, long windowNanos,
                               long offered, long senderSkipped, long accepted, long forwarded, long received,
                               long misrouted, long forwardingCpuNanos, long relayCpuNanos, long loadCpuNanos,
                               long processCpuNanos, int cpus, long forwardingAllocated, long heapPerParticipant,
                               long heapPerParticipantAfterRun, long kernelRcvbufErrors,
                               double machineBusyPercent, long authenticated, long authFailed) {

    /** @return the window in seconds */
    public double seconds() {
        return windowNanos / 1e9;
    }

    /** @return each packet's receivers: everyone else in the room */
    public int fanout() {
        return participants - 1;
    }

    /** @return datagrams per second offered to the relay */
    public double offeredPps() {
        return offered / seconds();
    }

    /** @return datagrams per second the relay sent, or -1 */
    public double forwardedPps() {
        return forwarded < 0 ? -1 : forwarded / seconds();
    }

    /** @return media datagrams per second the receivers read */
    public double receivedPps() {
        return received / seconds();
    }

    /** @return datagrams per second that should have arrived: every offered one times the fan-out */
    public double expectedPps() {
        return offeredPps() * fanout();
    }

    /**
     * @return end-to-end loss in percent: the share of (offered x fan-out) that no receiver read; 0 when more
     *         arrived than expected (packets in flight at the window's edges)
     */
    public double lossPercent() {
        long expected = offered * fanout();
        if (expected == 0) {
            return 0;
        }
        return Math.max(0, 100.0 * (expected - received) / expected);
    }

    /** @return percent of one core the forwarding thread used, or -1 */
    public double forwardingCpuPercent() {
        return percentOfCore(forwardingCpuNanos);
    }

    /** @return percent of one core all relay threads used, or -1 */
    public double relayCpuPercent() {
        return percentOfCore(relayCpuNanos);
    }

    /** @return percent of one core the load generator's threads used */
    public double loadCpuPercent() {
        return percentOfCore(loadCpuNanos);
    }

    /** @return percent of the whole machine (all cores) the process used */
    public double processCpuPercentOfMachine() {
        return processCpuNanos < 0 ? -1 : 100.0 * processCpuNanos / windowNanos / cpus;
    }

    /**
     * @return percent of the machine busy outside this process in the window (other processes, kernel threads),
     *         or -1
     */
    public double othersCpuPercentOfMachine() {
        return machineBusyPercent < 0 ? -1 : Math.max(0, machineBusyPercent - processCpuPercentOfMachine());
    }

    /** @return forwarding-thread nanoseconds of CPU per forwarded datagram, or -1 */
    public double cpuNanosPerForwarded() {
        return forwardingCpuNanos < 0 || forwarded <= 0 ? -1 : (double) forwardingCpuNanos / forwarded;
    }

    /** @return bytes the forwarding thread allocated per forwarded datagram, or -1 */
    public double bytesPerForwarded() {
        return forwardingAllocated < 0 || forwarded <= 0 ? -1 : (double) forwardingAllocated / forwarded;
    }

    /** @return bytes the forwarding thread allocated per datagram it accepted, or -1 */
    public double bytesPerAccepted() {
        return forwardingAllocated < 0 || accepted <= 0 ? -1 : (double) forwardingAllocated / accepted;
    }

    private double percentOfCore(long nanos) {
        return nanos < 0 ? -1 : 100.0 * nanos / windowNanos;
    }

    /** @return a human-readable report, several lines */
    public String report() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s, %s media: %d room(s) x %d, %.1f s measured%n", target, media, rooms,
                participants, seconds()));
        s.append(String.format(Locale.ROOT, "  offered     %10.0f pkt/s (%d skipped by late senders)%n", offeredPps(),
                senderSkipped));
        s.append(String.format(Locale.ROOT, "  accepted    %10s pkt/s%n", rate(accepted)));
        s.append(String.format(Locale.ROOT, "  forwarded   %10s pkt/s (expected %.0f)%n", rate(forwarded),
                expectedPps()));
        s.append(String.format(Locale.ROOT, "  received    %10.0f pkt/s, loss %.2f %%, misrouted %d%n", receivedPps(),
                lossPercent(), misrouted));
        if (authenticated >= 0) {
            s.append(String.format(Locale.ROOT, "  srtp        %d packets from the relay authenticated at the checking "
                    + "receiver, %d refused%n", authenticated, authFailed));
        }
        if (kernelRcvbufErrors >= 0) {
            s.append(String.format(Locale.ROOT, "  kernel      %d datagrams dropped on full UDP receive buffers (all "
                    + "sockets)%n", kernelRcvbufErrors));
        }
        s.append(String.format(Locale.ROOT, "  cpu         forwarding thread %s %% of a core (%s ns/forwarded pkt), "
                        + "relay %s %%, load generator %.0f %%, process %.0f %% of %d cpus%n",
                num(forwardingCpuPercent(), 0), num(cpuNanosPerForwarded(), 0), num(relayCpuPercent(), 0),
                loadCpuPercent(), processCpuPercentOfMachine(), cpus));
        if (machineBusyPercent >= 0) {
            s.append(String.format(Locale.ROOT, "  machine     %.0f %% busy, %.0f %% of it outside this process%s%n",
                    machineBusyPercent, othersCpuPercentOfMachine(),
                    othersCpuPercentOfMachine() > 10 ? " (something else competed: repeat the run)" : ""));
        }
        if (forwardingAllocated >= 0) {
            s.append(String.format(Locale.ROOT, "  allocation  %s B per forwarded pkt, %s B per accepted pkt "
                    + "(forwarding thread)%n", num(bytesPerForwarded(), 2), num(bytesPerAccepted(), 1)));
        }
        if (heapPerParticipant >= 0) {
            s.append(String.format(Locale.ROOT, "  heap        %d B per participant after join, %d B after the run "
                    + "(relay and its control clients)%n", heapPerParticipant, heapPerParticipantAfterRun));
        }
        return s.toString();
    }

    /** @return one {@code key=value} line for scripts, starting with {@code RESULT} */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT target=%s media=%s rooms=%d participants=%d offered_pps=%.0f "
                        + "forwarded_pps=%s received_pps=%.0f loss_pct=%.3f misrouted=%d fwd_cpu_pct=%s relay_cpu_pct=%s "
                        + "load_cpu_pct=%.0f process_cpu_pct=%.0f fwd_ns_per_pkt=%s alloc_b_per_fwd=%s "
                        + "heap_b_per_participant=%d heap_b_per_participant_after_run=%d kernel_rcvbuf_drops=%d "
                        + "machine_busy_pct=%s others_cpu_pct=%s srtp_authenticated=%d srtp_refused=%d",
                target, media, rooms, participants, offeredPps(), num(forwardedPps(), 0), receivedPps(), lossPercent(),
                misrouted, num(forwardingCpuPercent(), 0), num(relayCpuPercent(), 0), loadCpuPercent(),
                processCpuPercentOfMachine(), num(cpuNanosPerForwarded(), 0), num(bytesPerForwarded(), 2),
                heapPerParticipant, heapPerParticipantAfterRun, kernelRcvbufErrors, num(machineBusyPercent, 0),
                num(othersCpuPercentOfMachine(), 0), authenticated, authFailed);
    }

    private String rate(long count) {
        return count < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", count / seconds());
    }

    private static String num(double value, int decimals) {
        return value < 0 ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
