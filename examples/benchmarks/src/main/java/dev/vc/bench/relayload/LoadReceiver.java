package dev.vc.bench.relayload;

import dev.vc.transport.udp.srtp.SrtpException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One of {@link RelayLoad}'s receiver threads: drains its share of the participant sockets with one selector,
 * counting media and checking where each packet came from (never its own sender, never another room). The others
 * only count SRTP packets; the participant with a checking context ({@link LoadParticipant#checking}) unprotects
 * each media packet it receives (a copy) and counts whether it authenticated, so every run proves that what the
 * relay sends is valid SRTP for its receiver.
 */
final class LoadReceiver implements Runnable {
    private static final String THREAD = "vc-load-recv-";

    final Selector selector;
    final int[] ssrcs;
    final int[] rooms;
    final StopFlag stop;
    /** Poll without sleeping ({@link RelayLoadOptions#busyPoll}). */
    final boolean busyPoll;
    final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    final AtomicLong received = new AtomicLong();
    final AtomicLong misrouted = new AtomicLong();
    final AtomicLong other = new AtomicLong();
    final AtomicLong authenticated = new AtomicLong();
    final AtomicLong authFailed = new AtomicLong();
    private final byte[] check = new byte[2048];
    /** Made once: a method reference passed on each select would be a new object each time. */
    private final java.util.function.Consumer<SelectionKey> drainer = this::drain;
    long receivedCount;
    long misroutedCount;
    long otherCount;
    long authenticatedCount;
    long authFailedCount;
    Thread thread;

    LoadReceiver(Selector selector, int[] ssrcs, int[] rooms, StopFlag stop, boolean busyPoll) {
        this.selector = selector;
        this.busyPoll = busyPoll;
        this.ssrcs = ssrcs;
        this.rooms = rooms;
        this.stop = stop;
    }

    /**
     * Starts {@code --receivers} threads (at most one per participant), each with its share of the sockets,
     * all knowing every participant's SSRC and room.
     *
     * @return the started receivers
     * @throws IOException if a selector cannot be opened
     */
    static LoadReceiver[] startAll(List<LoadParticipant> everyone, RelayLoadOptions options, StopFlag stop)
            throws IOException {
        int[] ssrcs = new int[everyone.size()];
        int[] rooms = new int[everyone.size()];
        LoadParticipant[] sorted = everyone.toArray(new LoadParticipant[0]);
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.ssrc, b.ssrc));
        for (int i = 0; i < sorted.length; i++) {
            ssrcs[i] = sorted[i].ssrc;
            rooms[i] = sorted[i].room;
        }
        LoadReceiver[] receivers = new LoadReceiver[Math.min(options.receivers(), everyone.size())];
        List<List<LoadParticipant>> shares = LoadParticipant.share(everyone, receivers.length);
        for (int t = 0; t < receivers.length; t++) {
            Selector selector = Selector.open();
            for (LoadParticipant p : shares.get(t)) {
                p.channel.register(selector, SelectionKey.OP_READ, p);
            }
            receivers[t] = new LoadReceiver(selector, ssrcs, rooms, stop, options.busyPoll());
            receivers[t].thread = new Thread(receivers[t], THREAD + t);
            receivers[t].thread.setDaemon(true);
            receivers[t].thread.start();
        }
        return receivers;
    }

    @Override
    public void run() {
        try {
            while (!stop.isSet()) {
                if (busyPoll) {
                    selector.selectNow(drainer);
                } else {
                    selector.select(drainer, 100);
                }
                received.setRelease(receivedCount);
                misrouted.setRelease(misroutedCount);
                other.setRelease(otherCount);
                authenticated.setRelease(authenticatedCount);
                authFailed.setRelease(authFailedCount);
            }
        } catch (IOException e) {
            if (!stop.isSet()) {
                System.err.println("receiver stopped: " + e);
            }
        }
    }

    private void drain(SelectionKey key) {
        LoadParticipant p = (LoadParticipant) key.attachment();
        try {
            while (true) {
                buffer.clear();
                int n = p.channel.read(buffer);
                if (n <= 0) {
                    return;
                }
                int type = buffer.get(1) & 0xFF;
                if (n < 12 || (buffer.get(0) & 0xC0) != 0x80 || (type >= 192 && type <= 223)) {
                    otherCount++;  // RTCP (the relay's PLIs), hello answers
                    continue;
                }
                int ssrc = buffer.getInt(8);
                int at = Arrays.binarySearch(ssrcs, ssrc);
                if (at < 0 || ssrc == p.ssrc || rooms[at] != p.room) {
                    misroutedCount++;
                } else {
                    receivedCount++;
                    if (p.checking != null) {
                        authenticate(p, n);
                    }
                }
            }
        } catch (IOException e) {
            otherCount++;
        }
    }

    /** Unprotects a copy of the SRTP packet in {@link #buffer} with the participant's receiving context. */
    private void authenticate(LoadParticipant p, int length) {
        buffer.get(0, check, 0, length);
        try {
            p.checking.unprotectRtp(check, 0, length);
            authenticatedCount++;
        } catch (SrtpException e) {
            authFailedCount++;
        }
    }
}
