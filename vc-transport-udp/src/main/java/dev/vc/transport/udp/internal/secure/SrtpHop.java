package dev.vc.transport.udp.internal.secure;

import dev.vc.transport.udp.dtls.CertificateFingerprint;
import dev.vc.transport.udp.dtls.DatagramOut;
import dev.vc.transport.udp.dtls.DtlsAssociation;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsLimits;
import dev.vc.transport.udp.dtls.DtlsRole;
import dev.vc.transport.udp.dtls.DtlsSrtpKeys;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.srtp.SrtpContext;
import dev.vc.transport.udp.srtp.SrtpException;
import dev.vc.transport.udp.srtp.SrtpFailure;
import dev.vc.transport.udp.srtp.SrtpProfile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client's encrypted hop to the relay: a DTLS client association ({@link DtlsRole#CLIENT}, RFC 5763
 * {@code a=setup:active}) started once the relay answered the hello ({@link #start}), checked against the relay's
 * fingerprint from {@code JOIN_ACCEPTED}; then the SRTP contexts its keys make: one protects what this side sends,
 * one unprotects what the relay sends.
 *
 * <p>Until the keys exist nothing is sent in clear: {@link #protect} refuses (the caller counts the packet as held
 * back) and the receive chain keeps the first SRTP packets that arrive while the handshake finishes (the relay, DTLS's
 * server, is keyed first and may send at once) and drops the rest ({@code NOT_KEYED}). Protecting copies the packet into this hop's
 * own buffer of MTU plus the profile's overhead, so the caller's buffer (a packetizer's, a history's) stays
 * plaintext; it is serialized (the send thread, the timer thread and the receive thread all send). Unprotecting
 * is the receive thread's alone. A refusal on either side is counted by {@link SrtpFailure}, never thrown further.
 * Handshakes of every transport in the process share one small pool ({@link DtlsLimits#DEFAULTS}).
 */
public final class SrtpHop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SrtpHop.class.getName());
    /** Largest SRTP or SRTCP overhead of any profile: what the transport leaves free below the MTU. */
    public static final int MAX_OVERHEAD = maxOverhead();

    private static volatile DtlsHandshaker shared;

    private final DtlsIdentity identity;
    private final CertificateFingerprint relay;
    private final List<SrtpProfile> profiles;
    private final DatagramOut out;
    private final byte[] protectedPacket;
    private final LongAdder[] sendRefusals = new LongAdder[SrtpFailure.values().length];
    private volatile DtlsAssociation association;
    private volatile SrtpContext sending;
    private volatile SrtpContext receiving;
    private volatile String failure;
    /** When the keys were exported ({@link System#nanoTime()}), or {@code Long.MIN_VALUE} before. */
    private volatile long keyedNanos = Long.MIN_VALUE;
    private volatile Runnable onKeyed = () -> { };

    /**
     * @param identity         this client's certificate, whose fingerprint its join carried
     * @param relayFingerprint the relay's, from {@code JOIN_ACCEPTED} ({@code sha-256 AB:CD:...})
     * @param profiles         the profiles offered, in order of preference
     * @param mtu              the largest datagram the transport sends
     * @param out              sends a DTLS datagram to the relay
     */
    public SrtpHop(DtlsIdentity identity, String relayFingerprint, List<SrtpProfile> profiles, int mtu,
                   DatagramOut out) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.relay = CertificateFingerprint.parse(relayFingerprint);
        this.profiles = List.copyOf(profiles);
        this.out = Objects.requireNonNull(out, "out");
        this.protectedPacket = new byte[mtu + MAX_OVERHEAD];
        for (int i = 0; i < sendRefusals.length; i++) {
            sendRefusals[i] = new LongAdder();
        }
    }

    private static int maxOverhead() {
        int max = 0;
        for (SrtpProfile profile : SrtpProfile.values()) {
            max = Math.max(max, Math.max(profile.srtpOverhead(), profile.srtcpOverhead()));
        }
        return max;
    }

    private static DtlsHandshaker handshaker() {
        DtlsHandshaker h = shared;
        if (h == null) {
            synchronized (SrtpHop.class) {
                h = shared;
                if (h == null) {
                    h = new DtlsHandshaker(DtlsLimits.DEFAULTS);
                    shared = h;
                }
            }
        }
        return h;
    }

    /**
     * Starts the handshake, once: called when the relay first answers the hello (it has then bound this client's
     * address and waits for the ClientHello). Later calls do nothing.
     */
    public synchronized void start() {
        if (association != null) {
            return;
        }
        DtlsAssociation started = handshaker().start(DtlsRole.CLIENT, identity.certificate(), relay, profiles, out);
        association = started;
        started.keys().whenComplete((keys, error) -> {
            if (error != null) {
                Throwable why = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                failure = why.getMessage();
                LOG.log(System.Logger.Level.WARNING, "media handshake with the relay failed: " + failure);
            } else {
                keyed(keys);
            }
        });
    }

    private void keyed(DtlsSrtpKeys keys) {
        SrtpContext in = SrtpContext.forReceiving(keys.remote());
        SrtpContext outgoing = SrtpContext.forSending(keys.local());
        keys.local().destroy();
        keys.remote().destroy();
        keyedNanos = System.nanoTime();
        receiving = in;
        sending = outgoing;  // last: once it is set, both are
        LOG.log(System.Logger.Level.DEBUG, "media to the relay keyed: " + keys.profile());
        onKeyed.run();
    }

    /**
     * Sets what runs once the keys exist, on the handshake thread that exported them (before {@link #start}).
     *
     * @param action called once, after {@link #keyed()} became true
     */
    public void onKeyed(Runnable action) {
        this.onKeyed = Objects.requireNonNull(action, "action");
    }

    /** @return true once the handshake exported keys: media may be sent */
    public boolean keyed() {
        return sending != null;
    }

    /** @return true while the handshake is under way: started, neither keyed nor failed */
    public boolean handshaking() {
        return association != null && sending == null && failure == null;
    }

    /** @return when the handshake exported the keys ({@link System#nanoTime()}), or {@code Long.MIN_VALUE} before */
    public long keyedNanos() {
        return keyedNanos;
    }

    /** @return why the handshake failed (no key in it), or null */
    public String failure() {
        return failure;
    }

    /** @return the negotiated profile, or null before the keys */
    public SrtpProfile profile() {
        SrtpContext context = sending;
        return context == null ? null : context.profile();
    }

    /**
     * Receive thread: a DTLS datagram from the relay (first byte 20..63), for the association; dropped (by it)
     * when none was started.
     *
     * @return false if no association was started yet
     */
    public boolean onDtls(byte[] datagram, int length) {
        DtlsAssociation current = association;
        if (current == null) {
            return false;
        }
        current.receive(datagram, 0, length);
        return true;
    }

    /** Sends a protected datagram. */
    @FunctionalInterface
    public interface ProtectedOut {
        /**
         * @param datagram the SRTP or SRTCP packet, valid during the call only
         * @param length   its length
         */
        void send(byte[] datagram, int length);
    }

    /**
     * Protects an RTP or RTCP packet (told apart as RFC 5761 does) into this hop's buffer and hands it to
     * {@code sink}, under this hop's lock. The caller's bytes are not changed.
     *
     * @param packet the plain packet
     * @param offset where it starts
     * @param length its length, at most the MTU the hop was made with
     * @param sink   where the protected packet goes
     * @return true if sent; false if the hop has no keys yet or the context refused the packet (counted)
     */
    public synchronized boolean protect(byte[] packet, int offset, int length, ProtectedOut sink) {
        SrtpContext context = sending;
        if (context == null) {
            return false;
        }
        System.arraycopy(packet, offset, protectedPacket, 0, length);
        int protectedLength;
        try {
            protectedLength = RtcpReader.isRtcp(protectedPacket, 0, length)
                    ? context.protectRtcp(protectedPacket, 0, length)
                    : context.protectRtp(protectedPacket, 0, length);
        } catch (SrtpException e) {
            sendRefusals[e.reason().ordinal()].increment();
            return false;
        }
        sink.send(protectedPacket, protectedLength);
        return true;
    }

    /**
     * Receive thread: unprotects an SRTP packet in place.
     *
     * @return the RTP packet's length
     * @throws SrtpException when refused (counted by the context)
     * @throws IllegalStateException before the keys exist
     */
    public int unprotectRtp(byte[] packet, int length) {
        return receiving().unprotectRtp(packet, 0, length);
    }

    /**
     * Receive thread: unprotects an SRTCP packet in place.
     *
     * @return the RTCP packet's length
     * @throws SrtpException when refused (counted by the context)
     * @throws IllegalStateException before the keys exist
     */
    public int unprotectRtcp(byte[] packet, int length) {
        return receiving().unprotectRtcp(packet, 0, length);
    }

    private SrtpContext receiving() {
        SrtpContext context = receiving;
        if (context == null) {
            throw new IllegalStateException("no keys yet");
        }
        return context;
    }

    /** @return packets of ours the sending context refused, by reason (REPEATED_INDEX: a plain retransmission) */
    public Map<SrtpFailure, Long> sendRefusals() {
        Map<SrtpFailure, Long> counts = new EnumMap<>(SrtpFailure.class);
        for (SrtpFailure reason : SrtpFailure.values()) {
            long n = sendRefusals[reason.ordinal()].sum();
            if (n > 0) {
                counts.put(reason, n);
            }
        }
        return counts;
    }

    /** Ends the association ({@code close_notify} when established). */
    @Override
    public void close() {
        DtlsAssociation current = association;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        SrtpProfile profile = profile();
        return "SrtpHop[" + (profile != null ? profile : failure != null ? "failed" : "handshaking") + "]";
    }
}
