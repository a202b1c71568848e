package dev.vc.api.session;

import dev.vc.api.EncodedFrame;
import dev.vc.api.MediaMilestones;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.Transport;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportStats;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The participant's transport across reconnections: the send pipeline and the statistics keep one transport
 * while each new session with the relay (a new media binding: SSRCs, key, relay fingerprint) gets a transport of
 * its own underneath. Frames sent while the delegate is being replaced go to whichever is current.
 */
final class SwitchingTransport implements Transport {
    private volatile Transport current;
    private volatile TransportListener listener;
    private volatile long wantedBps = -1;
    private volatile boolean closed;

    SwitchingTransport(Transport first) {
        this.current = first;
    }

    /**
     * Starts {@code next} with the listener the first was started with, makes it current and closes the old one.
     * No frame is being sent meanwhile.
     *
     * @param next     a transport for the new session, not started
     * @param continues true when the session resumed the same participant (the same SSRCs): the new transport
     *                 continues the old one's streams ({@link Transport#continueStreams})
     */
    void replace(Transport next, boolean continues) {
        Transport old;
        synchronized (this) {
            if (closed) {
                next.close();
                return;
            }
            if (wantedBps >= 0) {
                next.setWantedBitrateBps(wantedBps);
            }
            old = current;
            if (continues) {
                next.continueStreams(old);
            }
            TransportListener l = listener;
            if (l != null) {
                next.start(l);
            }
            current = next;
        }
        old.close();   // outside the lock: the send thread goes on with the new one meanwhile
    }

    @Override
    public void start(TransportListener listener) {
        this.listener = listener;
        current.start(listener);
    }

    @Override
    public synchronized void send(EncodedFrame frame) {   // uncontended but during a replacement
        current.send(frame);
    }

    @Override
    public void requestKeyframe(int ssrc) {
        current.requestKeyframe(ssrc);
    }

    @Override
    public long targetBitrateBps() {
        return current.targetBitrateBps();
    }

    @Override
    public long layerBitrateCapBps(int layer) {
        return current.layerBitrateCapBps(layer);
    }

    @Override
    public void setWantedBitrateBps(long bps) {
        wantedBps = bps;
        current.setWantedBitrateBps(bps);
    }

    @Override
    public InetSocketAddress localAddress() {
        return current.localAddress();
    }

    @Override
    public int ssrc() {
        return current.ssrc();
    }

    @Override
    public TransportStats stats() {
        return current.stats();
    }

    @Override
    public MediaMilestones milestones() {
        return current.milestones();
    }

    @Override
    public List<RtpStreamStats> rtpStats() {
        return current.rtpStats();
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
    }
}
