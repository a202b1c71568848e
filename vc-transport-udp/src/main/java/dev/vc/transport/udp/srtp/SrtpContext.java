package dev.vc.transport.udp.srtp;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for one direction of one hop: the session keys derived from that direction's
 * {@link SrtpMasterKey}, and per SSRC the packet index (rollover counter and highest sequence number), the replay
 * windows and the SRTCP index. The sender of the direction makes it with {@link #forSending} and calls
 * {@code protect*}; the receiver makes it with {@link #forReceiving} and calls {@code unprotect*}.
 *
 * <p>Everything happens in the caller's array: {@code protect*} encrypts the payload in place and appends the tag
 * (and the SRTCP index), so the array must have {@link SrtpProfile#srtpOverhead()} (RTP) or
 * {@link SrtpProfile#srtcpOverhead()} (RTCP) bytes free after the packet; {@code unprotect*} authenticates, checks
 * the replay window and decrypts in place. Both return the new length. {@code protectRtp} and {@code protectRtcp}
 * also protect a copy into a {@link ByteBuffer} and leave the caller's packet plain (for a sender with several
 * receivers, the relay; into a direct buffer, on OpenSSL's ciphers, the copy is encrypted where it lies). The RTP
 * header, its CSRCs and header extensions stay in clear (and authenticated); the RTCP header's first 8 bytes stay in clear.
 *
 * <p>A refused packet throws the shared {@link SrtpException} of its {@link SrtpFailure} and is counted
 * ({@link #failures(SrtpFailure)}); the packet's bytes are then unspecified. Receiving, an index is checked
 * against the window before authentication (a replay costs no cryptography, as in RFC 3711 section 3.3) and the
 * window moves only after authentication succeeds, so forged packets cannot move it; a new SSRC gets its state
 * only once its first packet authenticates, so only a holder of the key can fill the {@code maxSsrcs} slots.
 * Sending, an index is never protected twice ({@link SrtpFailure#REPEATED_INDEX}).
 *
 * <p>Steady state allocates nothing under either profile, refusals included. The ciphers are the process's choice
 * ({@code SrtpCiphers}, {@code vc.srtp.ciphers}): on Java 22 and later with native access for this module,
 * AEAD_AES_128_GCM runs on OpenSSL's libcrypto (two {@code EVP_CIPHER_CTX}, a few KB of native memory freed once
 * the context is unreachable), else on vc's Java GCM (about 19 KB: 4 KB of GHASH tables per key, SRTP and SRTCP);
 * AES128_CM_HMAC_SHA1_80 holds about 10 KB. Both give the same bytes. One thread at a time per context (the relay's
 * media thread); the failure counters may be read from any thread.
 */
public final class SrtpContext {
    /**
     * Replay window, in packets: twice the 512-packet retransmission history a vc sender answers NACKs from, so a
     * retransmission that arrives as late as the sender can make one is still inside the window.
     */
    public static final int DEFAULT_REPLAY_WINDOW = 1024;
    /** SSRCs per context: a hop carries every member's simulcast layers, the relay's own SSRCs, with room to spare. */
    public static final int DEFAULT_MAX_SSRCS = 256;

    private static final int RTP_HEADER = 12;
    private static final int MAX_REPLAY_WINDOW = 1 << 15;

    private final SrtpProfile profile;
    private final boolean sending;
    private final SrtpTransform rtp;
    private final SrtpTransform rtcp;
    private final SsrcTable ssrcs;
    private final int replayWindow;
    private final LongAdder[] failures = new LongAdder[SrtpFailure.values().length];

    private SrtpContext(SrtpProfile profile, boolean sending, SessionKeys rtpKeys, SessionKeys rtcpKeys,
            int maxSsrcs, int replayWindow, SrtpCiphers ciphers) {
        if (maxSsrcs < 1) {
            throw new IllegalArgumentException("maxSsrcs must be at least 1, got " + maxSsrcs);
        }
        if (replayWindow < Long.SIZE || replayWindow > MAX_REPLAY_WINDOW || Integer.bitCount(replayWindow) != 1) {
            throw new IllegalArgumentException("the replay window must be a power of two in 64.." + MAX_REPLAY_WINDOW
                    + ", got " + replayWindow);
        }
        this.profile = profile;
        this.sending = sending;
        this.rtp = ciphers.transform(profile, rtpKeys);
        this.rtcp = ciphers.transform(profile, rtcpKeys);
        rtpKeys.destroy();
        rtcpKeys.destroy();
        this.ssrcs = new SsrcTable(maxSsrcs, replayWindow, !sending);
        this.replayWindow = replayWindow;
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new LongAdder();
        }
    }

    /**
     * @param key the master key of the direction this side sends (DTLS-SRTP: the client's or the server's write
     *            key); not destroyed here
     * @return a context that protects, with {@link #DEFAULT_MAX_SSRCS} and {@link #DEFAULT_REPLAY_WINDOW}
     */
    public static SrtpContext forSending(SrtpMasterKey key) {
        return forSending(key, DEFAULT_MAX_SSRCS, DEFAULT_REPLAY_WINDOW);
    }

    /**
     * @param key          the master key of the direction this side sends
     * @param maxSsrcs     the most SSRCs it protects for, at least 1
     * @param replayWindow how far back it remembers the indices it used, a power of two in 64..32768
     * @return a context that protects
     */
    public static SrtpContext forSending(SrtpMasterKey key, int maxSsrcs, int replayWindow) {
        return of(key, true, maxSsrcs, replayWindow);
    }

    /**
     * @param key the master key of the direction this side receives; not destroyed here
     * @return a context that unprotects, with {@link #DEFAULT_MAX_SSRCS} and {@link #DEFAULT_REPLAY_WINDOW}
     */
    public static SrtpContext forReceiving(SrtpMasterKey key) {
        return forReceiving(key, DEFAULT_MAX_SSRCS, DEFAULT_REPLAY_WINDOW);
    }

    /**
     * @param key          the master key of the direction this side receives
     * @param maxSsrcs     the most SSRCs it accepts, at least 1
     * @param replayWindow the replay window in packets, a power of two in 64..32768
     * @return a context that unprotects
     */
    public static SrtpContext forReceiving(SrtpMasterKey key, int maxSsrcs, int replayWindow) {
        return of(key, false, maxSsrcs, replayWindow);
    }

    private static SrtpContext of(SrtpMasterKey key, boolean sending, int maxSsrcs, int replayWindow) {
        return of(key, sending, maxSsrcs, replayWindow, SrtpCiphers.chosen());
    }

    /**
     * Makes the process's choice of ciphers now, if no context made it yet: OpenSSL's AES-GCM on Java 22 and later
     * with native access for this module and libcrypto 3, vc's Java ciphers otherwise ({@code vc.srtp.ciphers}),
     * logged once. The first context would make it anyway; a relay or client calls this as it starts, so that its
     * first handshake does not wait for libcrypto to be loaded and linked (about 0.2 s).
     */
    public static void chooseCiphers() {
        SrtpCiphers.chosen();
    }

    /** With the given ciphers rather than the process's choice: the tests hold the implementations to each other. */
    static SrtpContext of(SrtpMasterKey key, boolean sending, int maxSsrcs, int replayWindow, SrtpCiphers ciphers) {
        Objects.requireNonNull(key, "key");
        return new SrtpContext(key.profile(), sending, SessionKeys.derive(key, false), SessionKeys.derive(key, true),
                maxSsrcs, replayWindow, ciphers);
    }

    /** For the RFC 7714 test vectors, which give session keys rather than a master key. */
    static SrtpContext ofSessionKeys(SrtpProfile profile, boolean sending, SessionKeys rtpKeys, SessionKeys rtcpKeys,
            SrtpCiphers ciphers) {
        return new SrtpContext(profile, sending, rtpKeys, rtcpKeys, DEFAULT_MAX_SSRCS, DEFAULT_REPLAY_WINDOW, ciphers);
    }

    /** @return the profile */
    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Protects an RTP packet in place: encrypts its payload (header, CSRCs and header extensions stay in clear) and
     * appends the authentication tag.
     *
     * @param packet holds the RTP packet and at least {@link SrtpProfile#srtpOverhead()} free bytes after it
     * @param offset where the packet starts
     * @param length the RTP packet's length
     * @return the SRTP packet's length
     * @throws SrtpException            {@link SrtpFailure#TOO_SHORT}, {@link SrtpFailure#NOT_VERSION_2},
     *                                  {@link SrtpFailure#REPEATED_INDEX}, {@link SrtpFailure#TOO_OLD} (an index
     *                                  too far back to know it unused), {@link SrtpFailure#UNKNOWN_SSRC_LIMIT} or
     *                                  {@link SrtpFailure#KEY_EXHAUSTED}
     * @throws IllegalArgumentException when the array has no room for the tag
     * @throws IllegalStateException    on a receiving context
     */
    public int protectRtp(byte[] packet, int offset, int length) {
        requireRole(true);
        requireRoom(packet, offset, length, profile.srtpOverhead());
        int headerLength = rtpHeaderLength(packet, offset, length);
        int ssrc = SrtpTransform.getInt(packet, offset + 8);
        return rtp.protectRtp(packet, offset, length, headerLength, ssrc, nextRtpIndex(ssrc, packet, offset));
    }

    /**
     * Protects a copy of an RTP packet into {@code out}, leaving {@code packet} as it was: the SRTP packet is written
     * at {@code out}'s index 0, and {@code out}'s position is set to 0 and its limit to the SRTP packet's length,
     * ready for a channel's {@code write}. With a direct buffer the packet is copied once and, on OpenSSL's ciphers,
     * encrypted where it lies, so a sender that keeps its plain packet (the relay, for its next receiver) pays one
     * copy, and the channel none. {@code out}'s position and limit before the call do not matter. Refusals are those
     * of {@link #protectRtp(byte[], int, int)}; {@code out} is then unspecified.
     *
     * @param packet holds the RTP packet
     * @param offset where the packet starts
     * @param length the RTP packet's length
     * @param out    has a capacity of at least {@code length + } {@link SrtpProfile#srtpOverhead()}
     * @return the SRTP packet's length
     * @throws SrtpException            as {@link #protectRtp(byte[], int, int)}
     * @throws IllegalArgumentException when {@code out} has no room for the SRTP packet
     * @throws IllegalStateException    on a receiving context
     */
    public int protectRtp(byte[] packet, int offset, int length, ByteBuffer out) {
        requireRole(true);
        requireRoom(packet, offset, length, out, profile.srtpOverhead());
        int headerLength = rtpHeaderLength(packet, offset, length);
        int ssrc = SrtpTransform.getInt(packet, offset + 8);
        long index = nextRtpIndex(ssrc, packet, offset);
        out.clear();
        return ready(out, rtp.protectRtpCopy(packet, offset, length, headerLength, ssrc, index, out));
    }

    /** Claims the packet's index for its SSRC: never one protected before, never one too far back to know. */
    private long nextRtpIndex(int ssrc, byte[] packet, int offset) {
        int window = SsrcTable.rtpWindow(recordForSending(ssrc));
        long[] records = ssrcs.records();
        long index = PacketIndex.estimate(ReplayWindow.highest(records, window), sequence(packet, offset));
        if (index > PacketIndex.MAX_SRTP_INDEX) {
            throw refuse(SrtpFailure.KEY_EXHAUSTED);
        }
        SrtpFailure used = index < 0 ? SrtpFailure.TOO_OLD : ReplayWindow.check(records, window, replayWindow, index);
        if (used != null) {
            throw refuse(used == SrtpFailure.REPLAYED ? SrtpFailure.REPEATED_INDEX : used);
        }
        ReplayWindow.accept(records, window, replayWindow, index);
        return index;
    }

    /**
     * Unprotects an SRTP packet in place: estimates its index, checks the replay window, authenticates, decrypts
     * and moves the window.
     *
     * @param packet holds the SRTP packet
     * @param offset where it starts
     * @param length its length, tag included
     * @return the RTP packet's length
     * @throws SrtpException {@link SrtpFailure#TOO_SHORT}, {@link SrtpFailure#NOT_VERSION_2},
     *                       {@link SrtpFailure#REPLAYED}, {@link SrtpFailure#TOO_OLD},
     *                       {@link SrtpFailure#UNKNOWN_SSRC_LIMIT} or {@link SrtpFailure#AUTHENTICATION_FAILED}
     * @throws IllegalStateException on a sending context
     */
    public int unprotectRtp(byte[] packet, int offset, int length) {
        requireRole(false);
        Objects.checkFromIndexSize(offset, length, packet.length);
        if (length < RTP_HEADER + rtp.tagLength()) {
            throw refuse(SrtpFailure.TOO_SHORT);
        }
        int headerLength = rtpHeaderLength(packet, offset, length - rtp.tagLength());
        int ssrc = SrtpTransform.getInt(packet, offset + 8);
        int record = ssrcs.find(ssrc);
        if (record < 0 && ssrcs.full()) {
            throw refuse(SrtpFailure.UNKNOWN_SSRC_LIMIT);
        }
        int window = SsrcTable.rtpWindow(record);
        long index = PacketIndex.estimate(record < 0 ? -1 : ReplayWindow.highest(ssrcs.records(), window),
                sequence(packet, offset));
        if (index < 0) {
            throw refuse(SrtpFailure.TOO_OLD);
        }
        if (index > PacketIndex.MAX_SRTP_INDEX) {
            throw refuse(SrtpFailure.KEY_EXHAUSTED);
        }
        if (record >= 0) {
            SrtpFailure replay = ReplayWindow.check(ssrcs.records(), window, replayWindow, index);
            if (replay != null) {
                throw refuse(replay);
            }
        }
        if (!rtp.unprotectRtp(packet, offset, length, headerLength, ssrc, index)) {
            throw refuse(SrtpFailure.AUTHENTICATION_FAILED);
        }
        if (record < 0) {
            window = SsrcTable.rtpWindow(ssrcs.add(ssrc));
        }
        ReplayWindow.accept(ssrcs.records(), window, replayWindow, index);
        return length - rtp.tagLength();
    }

    /**
     * Protects an RTCP packet (a compound packet as a whole) in place: encrypts all but its first 8 bytes under the
     * next SRTCP index of the first packet's sender SSRC, sets the E flag, and appends the index and the tag.
     *
     * @param packet holds the RTCP packet and at least {@link SrtpProfile#srtcpOverhead()} free bytes after it
     * @param offset where it starts
     * @param length its length
     * @return the SRTCP packet's length
     * @throws SrtpException            {@link SrtpFailure#TOO_SHORT}, {@link SrtpFailure#NOT_VERSION_2},
     *                                  {@link SrtpFailure#UNKNOWN_SSRC_LIMIT} or {@link SrtpFailure#KEY_EXHAUSTED}
     * @throws IllegalArgumentException when the array has no room for the index and tag
     * @throws IllegalStateException    on a receiving context
     */
    public int protectRtcp(byte[] packet, int offset, int length) {
        requireRole(true);
        requireRoom(packet, offset, length, profile.srtcpOverhead());
        checkRtcpHeader(packet, offset, length);
        int ssrc = SrtpTransform.getInt(packet, offset + 4);
        return rtcp.protectRtcp(packet, offset, length, ssrc, nextRtcpIndex(ssrc));
    }

    /**
     * Protects a copy of an RTCP packet into {@code out}, leaving {@code packet} as it was, as
     * {@link #protectRtp(byte[], int, int, ByteBuffer)} does for RTP: the SRTCP packet at {@code out}'s index 0, its
     * position 0 and its limit the SRTCP packet's length.
     *
     * @param packet holds the RTCP packet
     * @param offset where it starts
     * @param length its length
     * @param out    has a capacity of at least {@code length + } {@link SrtpProfile#srtcpOverhead()}
     * @return the SRTCP packet's length
     * @throws SrtpException            as {@link #protectRtcp(byte[], int, int)}
     * @throws IllegalArgumentException when {@code out} has no room for the SRTCP packet
     * @throws IllegalStateException    on a receiving context
     */
    public int protectRtcp(byte[] packet, int offset, int length, ByteBuffer out) {
        requireRole(true);
        requireRoom(packet, offset, length, out, profile.srtcpOverhead());
        checkRtcpHeader(packet, offset, length);
        int ssrc = SrtpTransform.getInt(packet, offset + 4);
        int index = nextRtcpIndex(ssrc);
        out.clear();
        return ready(out, rtcp.protectRtcpCopy(packet, offset, length, ssrc, index, out));
    }

    /** @return the SSRC's next SRTCP index, now used; the first is 1 (as libsrtp counts) */
    private int nextRtcpIndex(int ssrc) {
        int sent = ssrcs.rtcp(recordForSending(ssrc));
        long[] records = ssrcs.records();
        if (records[sent] == PacketIndex.MAX_SRTCP_INDEX) {
            throw refuse(SrtpFailure.KEY_EXHAUSTED);
        }
        return (int) ++records[sent];
    }

    private static int ready(ByteBuffer out, int length) {
        out.limit(length).position(0);
        return length;
    }

    /**
     * Unprotects an SRTCP packet in place: reads its E flag and index, checks the SSRC's SRTCP replay window,
     * authenticates, decrypts (when E is set) and moves the window.
     *
     * @param packet holds the SRTCP packet
     * @param offset where it starts
     * @param length its length, index and tag included
     * @return the RTCP packet's length
     * @throws SrtpException {@link SrtpFailure#TOO_SHORT}, {@link SrtpFailure#NOT_VERSION_2},
     *                       {@link SrtpFailure#REPLAYED}, {@link SrtpFailure#TOO_OLD},
     *                       {@link SrtpFailure#UNKNOWN_SSRC_LIMIT} or {@link SrtpFailure#AUTHENTICATION_FAILED}
     * @throws IllegalStateException on a sending context
     */
    public int unprotectRtcp(byte[] packet, int offset, int length) {
        requireRole(false);
        Objects.checkFromIndexSize(offset, length, packet.length);
        int overhead = profile.srtcpOverhead();
        if (length < SrtpTransform.RTCP_HEADER + overhead) {
            throw refuse(SrtpFailure.TOO_SHORT);
        }
        checkRtcpHeader(packet, offset, length - overhead);
        int ssrc = SrtpTransform.getInt(packet, offset + 4);
        int record = ssrcs.find(ssrc);
        if (record < 0 && ssrcs.full()) {
            throw refuse(SrtpFailure.UNKNOWN_SSRC_LIMIT);
        }
        int flagAndIndex = SrtpTransform.getInt(packet, offset + rtcp.srtcpTrailerOffset(length));
        long index = flagAndIndex & PacketIndex.MAX_SRTCP_INDEX;
        if (record >= 0) {
            SrtpFailure replay = ReplayWindow.check(ssrcs.records(), ssrcs.rtcp(record), replayWindow, index);
            if (replay != null) {
                throw refuse(replay);
            }
        }
        if (!rtcp.unprotectRtcp(packet, offset, length, ssrc, flagAndIndex)) {
            throw refuse(SrtpFailure.AUTHENTICATION_FAILED);
        }
        if (record < 0) {
            record = ssrcs.add(ssrc);
        }
        ReplayWindow.accept(ssrcs.records(), ssrcs.rtcp(record), replayWindow, index);
        return length - overhead;
    }

    /**
     * @param reason a failure
     * @return how many packets this context refused for it
     */
    public long failures(SrtpFailure reason) {
        return failures[reason.ordinal()].sum();
    }

    /** @return every failure count, by reason */
    public Map<SrtpFailure, Long> failures() {
        Map<SrtpFailure, Long> counts = new EnumMap<>(SrtpFailure.class);
        for (SrtpFailure reason : SrtpFailure.values()) {
            counts.put(reason, failures(reason));
        }
        return counts;
    }

    /** @return how many SSRCs this context holds state for */
    public int ssrcCount() {
        return ssrcs.size();
    }

    @Override
    public String toString() {
        return "SrtpContext[" + profile + (sending ? ", sending" : ", receiving") + ", " + ssrcs.size()
                + " SSRCs, keys not shown]";
    }

    /** @return the offset of the SSRC's record, added if it had none */
    private int recordForSending(int ssrc) {
        int record = ssrcs.find(ssrc);
        if (record < 0) {
            if (ssrcs.full()) {
                throw refuse(SrtpFailure.UNKNOWN_SSRC_LIMIT);
            }
            record = ssrcs.add(ssrc);
        }
        return record;
    }

    /** The RTP header's length with its CSRCs and header extension (RFC 3550 section 5.3.1). */
    private int rtpHeaderLength(byte[] packet, int offset, int length) {
        if (length < RTP_HEADER) {
            throw refuse(SrtpFailure.TOO_SHORT);
        }
        int first = packet[offset] & 0xFF;
        if (first >>> 6 != 2) {
            throw refuse(SrtpFailure.NOT_VERSION_2);
        }
        int headerLength = RTP_HEADER + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (headerLength + 4 > length) {
                throw refuse(SrtpFailure.TOO_SHORT);
            }
            int words = (packet[offset + headerLength + 2] & 0xFF) << 8 | packet[offset + headerLength + 3] & 0xFF;
            headerLength += 4 + 4 * words;
        }
        if (headerLength > length) {
            throw refuse(SrtpFailure.TOO_SHORT);
        }
        return headerLength;
    }

    private void checkRtcpHeader(byte[] packet, int offset, int length) {
        if (length < SrtpTransform.RTCP_HEADER) {
            throw refuse(SrtpFailure.TOO_SHORT);
        }
        if ((packet[offset] & 0xFF) >>> 6 != 2) {
            throw refuse(SrtpFailure.NOT_VERSION_2);
        }
    }

    private static int sequence(byte[] packet, int offset) {
        return (packet[offset + 2] & 0xFF) << 8 | packet[offset + 3] & 0xFF;
    }

    private SrtpException refuse(SrtpFailure reason) {
        failures[reason.ordinal()].increment();
        return SrtpException.of(reason);
    }

    private void requireRole(boolean protecting) {
        if (protecting != sending) {
            throw new IllegalStateException(sending ? "a sending SrtpContext only protects"
                    : "a receiving SrtpContext only unprotects");
        }
    }

    private static void requireRoom(byte[] packet, int offset, int length, ByteBuffer out, int overhead) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        if (out.capacity() - length < overhead) {
            throw new IllegalArgumentException("protecting needs a buffer of " + (length + overhead) + " bytes, got "
                    + out.capacity());
        }
        if (out.isReadOnly()) {
            throw new IllegalArgumentException("protecting needs a writable buffer");
        }
    }

    private static void requireRoom(byte[] packet, int offset, int length, int overhead) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        if (packet.length - offset - length < overhead) {
            throw new IllegalArgumentException("protecting needs " + overhead + " free bytes after the packet, "
                    + (packet.length - offset - length) + " left");
        }
    }
}
