package dev.vc.bench.relayload;

import dev.vc.bench.MachineCounters;
import dev.vc.bench.MediaMode;
import dev.vc.bench.ProcessMemory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One media mode's load, set up and running: its target, the participants joined and bound to it, and the load
 * threads that send to it and drain what it forwards. {@link RelayLoad} measures it with {@link #snapshot()}s, and
 * with {@code --interleave} keeps one per mode and lets only one send at a time ({@link #pause()},
 * {@link #resume()}). {@link #close()} stops the threads, lets the participants leave and stops the target.
 */
final class LoadSession implements AutoCloseable {
    final MediaMode mode;
    final LoadTarget target;
    /** Used heap before the participants joined and after, or 0 when the target is not this process's relay. */
    final long heapBase;
    final long heapJoined;
    private final List<AutoCloseable> open;
    private final StopFlag stop;
    private final java.io.PrintStream out;
    private final LoadReceiver[] receivers;
    private final LoadSender[] senders;
    private final boolean alloc;
    /** The target's threads in this process: those with its prefix that no other session's target had. */
    private final Thread[] targetThreads;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LoadSession(MediaMode mode, LoadTarget target, List<AutoCloseable> open, long heapBase, long heapJoined,
            StopFlag stop, LoadReceiver[] receivers, LoadSender[] senders, boolean alloc, Thread[] targetThreads,
            java.io.PrintStream out) {
        this.mode = mode;
        this.stop = stop;
        this.out = out;
        this.target = target;
        this.open = open;
        this.heapBase = heapBase;
        this.heapJoined = heapJoined;
        this.receivers = receivers;
        this.senders = senders;
        this.alloc = alloc;
        this.targetThreads = targetThreads;
    }

    /**
     * Connects the participants to a started target and starts the load threads.
     *
     * @param others sessions still running, whose target threads are not this one's
     * @return the session, sending
     * @throws IOException if a socket cannot be opened or the relay cannot be reached (the target is then closed)
     */
    static LoadSession open(MediaMode mode, LoadTarget target, RelayLoadOptions options, List<LoadSession> others,
            java.io.PrintStream out) throws IOException, InterruptedException {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            List<LoadParticipant> everyone = LoadParticipant.openAll(options, open);
            boolean measureHeap = target.inProcessRelay() && others.isEmpty();
            long heapBase = measureHeap ? ProcessMemory.heapAfterGcBytes() : 0;
            long setupStart = System.nanoTime();
            target.connect(everyone, open);
            out.printf("vc relay load: %s at %s, %s media, %d room(s) x %d joined and bound in %d ms; %.1f pkt/s "
                            + "each (%.0f kbit/s), %d-byte packets, %d sender / %d receiver thread(s)%s%n",
                    target.name(), target.mediaAddress(), mode, options.rooms(), options.participants(),
                    (System.nanoTime() - setupStart) / 1_000_000, options.pps(), options.bitsPerSecondEach() / 1000,
                    options.packetBytes(), options.senders(), options.receivers(),
                    options.busyPoll() ? ", busy-polling" : "");
            long heapJoined = measureHeap ? ProcessMemory.heapAfterGcBytes() : 0;
            StopFlag stop = new StopFlag();
            LoadReceiver[] receivers = LoadReceiver.startAll(everyone, options, stop);
            LoadSender[] senders = LoadSender.startAll(everyone, options, stop);
            return new LoadSession(mode, target, open, heapBase, heapJoined, stop, receivers, senders,
                    options.alloc(), threadsOf(target, others), out);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(open, out);
            target.close();
            throw e;
        }
    }

    private static Thread[] threadsOf(LoadTarget target, List<LoadSession> others) {
        if (target.threadPrefix() == null) {
            return null;
        }
        Set<Thread> theirs = new HashSet<>();
        for (LoadSession other : others) {
            if (other.targetThreads != null) {
                theirs.addAll(List.of(other.targetThreads));
            }
        }
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(target.threadPrefix()) && !theirs.contains(t))
                .toArray(Thread[]::new);
    }

    /** Stops sending until {@link #resume()} (the receivers keep draining). */
    void pause() {
        for (LoadSender s : senders) {
            s.pause();
        }
    }

    /** Sends again. */
    void resume() {
        for (LoadSender s : senders) {
            s.resume();
        }
    }

    /** @return the counters now */
    LoadSnapshot snapshot() {
        LoadSnapshot s = new LoadSnapshot();
        for (LoadSender sender : senders) {
            s.sent += sender.sent.getAcquire();
            s.skipped += sender.skipped.getAcquire();
            s.loadCpu += Math.max(0, threads.getThreadCpuTime(sender.thread.getId()));
        }
        for (LoadReceiver receiver : receivers) {
            s.received += receiver.received.getAcquire();
            s.misrouted += receiver.misrouted.getAcquire();
            s.authenticated += receiver.authenticated.getAcquire();
            s.authFailed += receiver.authFailed.getAcquire();
            s.loadCpu += Math.max(0, threads.getThreadCpuTime(receiver.thread.getId()));
        }
        s.accepted = target.accepted();
        s.forwarded = target.forwarded();
        s.relayCpu = -1;
        s.forwardingCpu = -1;
        s.forwardingAllocated = -1;
        if (targetThreads != null) {
            s.relayCpu = 0;
            for (Thread t : targetThreads) {
                s.relayCpu += Math.max(0, threads.getThreadCpuTime(t.getId()));
                if (t.getName().equals(target.forwardingThread())) {
                    s.forwardingCpu = threads.getThreadCpuTime(t.getId());
                    if (alloc) {
                        s.forwardingAllocated = threads.getThreadAllocatedBytes(t.getId());
                    }
                }
            }
        }
        s.processCpu = os.getProcessCpuTime();
        s.kernelRcvbufErrors = MachineCounters.udpReceiveBufferErrors();
        s.machineCpuTicks = MachineCounters.cpuTicks();
        s.nanos = System.nanoTime();
        return s;
    }

    /** Stops the load threads, lets the participants leave, then stops the target. */
    @Override
    public void close() throws InterruptedException {
        stop.set();
        for (LoadSender s : senders) {
            s.thread.join(2_000);
        }
        Thread.sleep(200);  // let what is in flight arrive before the receivers stop
        for (LoadReceiver r : receivers) {
            r.selector.wakeup();
            r.thread.join(2_000);
            try {
                r.selector.close();
            } catch (IOException e) {
                // closing a selector of this process's own: nothing to do
            }
        }
        closeAll(open, out);
        target.close();
    }

    private static void closeAll(List<AutoCloseable> open, java.io.PrintStream out) {
        // Participants leave first, then the relay stops.
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                out.println("error closing " + open.get(i) + ": " + e);
            }
        }
    }
}
