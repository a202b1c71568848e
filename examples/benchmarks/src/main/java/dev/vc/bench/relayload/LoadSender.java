package dev.vc.bench.relayload;

import dev.vc.transport.udp.srtp.SrtpException;
import dev.vc.transport.udp.srtp.SrtpProfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One of {@link RelayLoad}'s sender threads: paces a share of the participants, each sending one packet per
 * interval; late ones catch up to 100 ms. A participant with SRTP media has each packet copied into this thread's
 * one work buffer, given its sequence number and protected there in place (each packet its own index, as a real
 * sender's), so a sender allocates nothing of its own per packet (the JDK's AES-GCM allocates in
 * {@code Cipher.init}).
 */
final class LoadSender implements Runnable {
    private static final String THREAD = "vc-load-send-";
    /** A sender more than this late on a participant skips the packets it owes rather than bursting them. */
    private static final long MAX_LAG_NANOS = 100_000_000L;

    final LoadParticipant[] mine;
    final long interval;
    final StopFlag stop;
    final int packetBytes;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Set while another media mode's load runs ({@code --interleave}): this sender sends nothing meanwhile. */
    private volatile boolean paused;
    private final byte[] work;
    private final ByteBuffer workBuffer;
    Thread thread;

    LoadSender(LoadParticipant[] mine, long interval, StopFlag stop, int packetBytes) {
        this.mine = mine;
        this.interval = interval;
        this.stop = stop;
        this.packetBytes = packetBytes;
        this.work = new byte[packetBytes + maxOverhead()];
        this.workBuffer = ByteBuffer.wrap(work);
    }

    private static int maxOverhead() {
        int max = 0;
        for (SrtpProfile profile : SrtpProfile.values()) {
            max = Math.max(max, profile.srtpOverhead());
        }
        return max;
    }

    /**
     * Spreads the participants' first packets over one interval, so the offered load is smooth, and starts
     * {@code --senders} threads (at most one per participant) over them.
     *
     * @return the started senders
     */
    static LoadSender[] startAll(List<LoadParticipant> everyone, RelayLoadOptions options, StopFlag stop) {
        long interval = Math.round(1e9 / options.pps());
        long start = System.nanoTime() + 10_000_000L;
        int n = everyone.size();
        LoadSender[] senders = new LoadSender[Math.min(options.senders(), n)];
        List<List<LoadParticipant>> shares = LoadParticipant.share(everyone, senders.length);
        for (int i = 0; i < n; i++) {
            // Spread the participants' phases over one interval, so the offered load is smooth.
            everyone.get(i).nextDueNanos = start + interval * i / n;
        }
        for (int t = 0; t < senders.length; t++) {
            senders[t] = new LoadSender(shares.get(t).toArray(new LoadParticipant[0]), interval, stop,
                    options.packetBytes());
            senders[t].thread = new Thread(senders[t], THREAD + t);
            senders[t].thread.setDaemon(true);
            senders[t].thread.start();
        }
        return senders;
    }

    /** Stops sending until {@link #resume()}; the participants' due times move on by the pause, nothing is owed. */
    void pause() {
        paused = true;
    }

    /** Sends again after {@link #pause()}. */
    void resume() {
        paused = false;
    }

    @Override
    public void run() {
        long sentCount = 0;
        long skippedCount = 0;
        long failedCount = 0;
        long pausedAt = 0;
        while (!stop.isSet()) {
            if (paused) {
                pausedAt = pausedAt == 0 ? System.nanoTime() : pausedAt;
                LockSupport.parkNanos(1_000_000L);
                continue;
            }
            if (pausedAt != 0) {
                long pause = System.nanoTime() - pausedAt;
                for (LoadParticipant p : mine) {
                    p.nextDueNanos += pause;
                }
                pausedAt = 0;
            }
            long now = System.nanoTime();
            long earliest = Long.MAX_VALUE;
            for (LoadParticipant p : mine) {
                long late = now - p.nextDueNanos;
                if (late > MAX_LAG_NANOS) {
                    long owed = late / interval;
                    skippedCount += owed;
                    p.nextDueNanos += owed * interval;
                }
                while (p.nextDueNanos <= now) {
                    try {
                        if (send(p) == packetBytes) {
                            sentCount++;
                        } else {
                            failedCount++;
                        }
                    } catch (IOException | SrtpException e) {
                        failedCount++;
                    }
                    p.nextDueNanos += interval;
                }
                earliest = Math.min(earliest, p.nextDueNanos);
            }
            sent.setRelease(sentCount);
            skipped.setRelease(skippedCount);
            failed.setRelease(failedCount);
            long wait = earliest - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Sends the participant's next packet: plain from its own buffer, or protected in {@link #work}. */
    private int send(LoadParticipant p) throws IOException {
        int sequence = p.sequence++;
        if (p.sending == null) {
            p.packet.putShort(2, (short) sequence);
            p.packet.clear();
            return p.channel.write(p.packet);
        }
        System.arraycopy(p.rtp, 0, work, 0, p.rtpBytes);
        work[2] = (byte) (sequence >>> 8);
        work[3] = (byte) sequence;
        int length = p.sending.protectRtp(work, 0, p.rtpBytes);
        workBuffer.clear().limit(length);
        return p.channel.write(workBuffer);
    }
}
