package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.transport.udp.MediaHello;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * One participant as the relay knows it: identity and credentials (fixed at join), the media address it
 * proved with an authenticated hello (set by the media thread), and its counters.
 */
final class Member {
    final int id;
    final int ssrc;
    final String displayName;
    final VideoCodec codec;
    final Room room;
    final ControlPeer connection;

    /** The address its media comes from and goes to; null until its first authenticated hello. */
    volatile InetSocketAddress mediaAddress;
    /** Its own socket on the media port, connected to {@link #socketPeer}; null if none (media thread only). */
    java.nio.channels.DatagramChannel socket;
    /** The address {@link #socket} is connected to (media thread only). */
    InetSocketAddress socketPeer;
    /** Last hello counter accepted for the current binding (media thread only; see {@link HelloRules}). */
    long lastHelloCounter = -1;
    /** When a datagram of its own last came from {@link #mediaAddress}: liveness of the binding (media thread). */
    long lastSeenNanos;
    /** When its binding last moved to a new address (media thread only; see {@link HelloRules}). */
    long lastRebindNanos = Long.MIN_VALUE / 2;
    /** Whether a socket for a new binding is queued in {@link ParticipantSockets} (media thread only). */
    boolean socketQueued;
    /** When a binding of its was last logged, so a rebinding flood does not flood the log (media thread). */
    long lastBindLogNanos = Long.MIN_VALUE / 2;
    /** When its last media packet arrived (System.nanoTime), 0 if none yet. */
    volatile long lastMediaNanos;
    /** When the relay last asked it for a keyframe for a newcomer (media thread only). */
    long lastPliNanos = Long.MIN_VALUE / 2;
    /** When a member's PLI or FIR was last passed on to it (media thread only). */
    long lastForwardedPliNanos = Long.MIN_VALUE / 2;
    /** When a NACK was last passed on to it (media thread only). */
    long lastNackForwardNanos = Long.MIN_VALUE / 2;
    /** Its recent packets, for answering NACKs; created at its first packet (media thread only). */
    RetransmissionCache cache;
    /** All the RTCP it may send: a twentieth of the bitrate cap, at least 64 kbit/s (media thread only). */
    final BitrateLimiter rtcpBudget;
    /** Retransmissions the relay sends it from caches: a quarter of the cap, at least 256 kbit/s (media thread). */
    final BitrateLimiter retransmitBudget;
    /** Checks its hellos and signs the answers (media thread only). */
    final MediaHello hello;
    /** Whether the room was told its stream is stale (control thread only). */
    boolean reportedStale;
    /** When its last control message arrived (control thread only). */
    long lastControlNanos;

    /** Accepted send rate over the last second, bits/s (written by the control thread each second). */
    volatile long bitrateIn;
    /** bytesIn when {@link #bitrateIn} was last computed (control thread only). */
    long bytesInAtLastSample;

    /**
     * Congestion control of its uplink (the relay records and sends feedback) and downlink (the relay stamps,
     * logs and estimates): media thread only, but {@link MemberCongestion#downlinkEstimateBps()} on any.
     */
    final MemberCongestion congestion;

    final BitrateLimiter limiter;
    final LongAdder packetsIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder packetsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final DropCounters drops = new DropCounters();

    Member(int id, int ssrc, String displayName, VideoCodec codec, Room room, ControlPeer connection,
           byte[] sessionKey, long maxBitrate, long nowNanos, MemberCongestion congestion) {
        this.congestion = congestion;
        this.id = id;
        this.ssrc = ssrc;
        this.displayName = displayName;
        this.codec = codec;
        this.room = room;
        this.connection = connection;
        this.hello = new MediaHello(sessionKey);
        this.limiter = new BitrateLimiter(maxBitrate, nowNanos);
        this.rtcpBudget = new BitrateLimiter(Math.max(64_000, maxBitrate / 20), nowNanos);
        this.retransmitBudget = new BitrateLimiter(Math.max(256_000, maxBitrate / 4), nowNanos);
        this.lastControlNanos = nowNanos;
    }

    ControlMessage.Participant asRosterEntry() {
        return new ControlMessage.Participant(id, ssrc, displayName, codec);
    }

    @Override
    public String toString() {
        return "'" + displayName + "' #" + id + " in '" + room.name + "'";
    }
}
