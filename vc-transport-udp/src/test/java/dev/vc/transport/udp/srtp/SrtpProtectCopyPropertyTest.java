package dev.vc.transport.udp.srtp;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Protecting a copy into a buffer ({@code protectRtp/protectRtcp(packet, offset, length, out)}, the relay's way out)
 * gives exactly the bytes protecting in place gives under the same key and index, on both profiles and both
 * {@link SrtpCiphers} (OpenSSL's only on Java 22+ with native access), into a direct buffer, a heap buffer and a heap
 * buffer that is a slice of a larger array, whatever position and limit it had; the source packet is left as it came;
 * the buffer's position is 0 and its limit the protected length; the protected copy unprotects to the packet; a
 * buffer without room (or a read-only one) is refused.
 */
class SrtpProtectCopyPropertyTest {
    /** Where the buffer comes from. */
    enum Kind { DIRECT, HEAP, HEAP_SLICE }

    @Property(tries = 400)
    void aProtectedCopyIsTheProtectedPacket(@ForAll SrtpProfile profile, @ForAll SrtpCiphers ciphers,
            @ForAll Kind kind, @ForAll @IntRange(max = 1200) int payload, @ForAll @IntRange(max = 65535) int sequence,
            @ForAll int ssrc, @ForAll boolean extension, @ForAll boolean csrcs, @ForAll long seed) {
        Assume.that(ciphers == SrtpCiphers.JAVA || OpenSsl.unavailable() == null);
        SrtpMasterKey key = SrtpPackets.key(profile, seed);
        byte[] rtp = SrtpPackets.rtp(ssrc, sequence, payload, extension, csrcs, seed);
        int length = rtp.length - 16;
        byte[] inPlace = rtp.clone();
        byte[] source = rtp.clone();
        ByteBuffer out = buffer(kind, length + profile.srtpOverhead());

        int expected = sender(key, ciphers).protectRtp(inPlace, 0, length);
        int protectedLength = sender(key, ciphers).protectRtp(source, 0, length, out);

        assertEquals(expected, protectedLength);
        assertEquals(0, out.position());
        assertEquals(protectedLength, out.limit());
        assertArrayEquals(Arrays.copyOf(inPlace, expected), bytes(out), "the same bytes as protecting in place");
        assertArrayEquals(rtp, source, "the source is left as it came");
        byte[] received = Arrays.copyOf(bytes(out), protectedLength);
        assertEquals(length, receiver(key, ciphers).unprotectRtp(received, 0, protectedLength));
        assertArrayEquals(Arrays.copyOf(rtp, length), Arrays.copyOf(received, length));
    }

    @Property(tries = 300)
    void aProtectedRtcpCopyIsTheProtectedPacket(@ForAll SrtpProfile profile, @ForAll SrtpCiphers ciphers,
            @ForAll Kind kind, @ForAll @IntRange(min = 2, max = 300) int words, @ForAll int ssrc,
            @ForAll @IntRange(min = 1, max = 5) int packets, @ForAll long seed) {
        Assume.that(ciphers == SrtpCiphers.JAVA || OpenSsl.unavailable() == null);
        SrtpMasterKey key = SrtpPackets.key(profile, seed);
        int length = 4 * words;
        byte[] rtcp = SrtpPackets.rtcp(ssrc, length, seed);
        SrtpContext inPlaceSender = sender(key, ciphers);
        SrtpContext copySender = sender(key, ciphers);
        SrtpContext receiver = receiver(key, ciphers);
        ByteBuffer out = buffer(kind, length + profile.srtcpOverhead());
        for (int i = 0; i < packets; i++) {   // each under the next SRTCP index
            byte[] inPlace = rtcp.clone();
            byte[] source = rtcp.clone();
            int expected = inPlaceSender.protectRtcp(inPlace, 0, length);
            int protectedLength = copySender.protectRtcp(source, 0, length, out);

            assertEquals(expected, protectedLength);
            assertEquals(0, out.position());
            assertEquals(protectedLength, out.limit());
            assertArrayEquals(Arrays.copyOf(inPlace, expected), bytes(out), "the same bytes as protecting in place");
            assertArrayEquals(rtcp, source, "the source is left as it came");
            byte[] received = bytes(out);
            assertEquals(length, receiver.unprotectRtcp(received, 0, protectedLength));
            assertArrayEquals(Arrays.copyOf(rtcp, length), Arrays.copyOf(received, length));
        }
    }

    @Property(tries = 20)
    void aBufferWithoutRoomIsRefused(@ForAll SrtpProfile profile, @ForAll Kind kind, @ForAll long seed) {
        SrtpMasterKey key = SrtpPackets.key(profile, seed);
        byte[] rtp = SrtpPackets.rtp(9, 1, 100, true, false, seed);
        int length = rtp.length - 16;
        SrtpContext sender = SrtpContext.forSending(key);
        ByteBuffer small = buffer(kind, length + profile.srtpOverhead() - 1);
        assertThrows(IllegalArgumentException.class, () -> sender.protectRtp(rtp, 0, length, small));
        assertThrows(IllegalArgumentException.class, () -> sender.protectRtcp(rtp, 0, 80,
                buffer(kind, 80 + profile.srtcpOverhead() - 1)));
        assertThrows(IllegalArgumentException.class,
                () -> sender.protectRtp(rtp, 0, length, ByteBuffer.allocate(2048).asReadOnlyBuffer()));
    }

    private static SrtpContext sender(SrtpMasterKey key, SrtpCiphers ciphers) {
        return SrtpContext.of(key, true, SrtpContext.DEFAULT_MAX_SSRCS, SrtpContext.DEFAULT_REPLAY_WINDOW, ciphers);
    }

    private static SrtpContext receiver(SrtpMasterKey key, SrtpCiphers ciphers) {
        return SrtpContext.of(key, false, SrtpContext.DEFAULT_MAX_SSRCS, SrtpContext.DEFAULT_REPLAY_WINDOW, ciphers);
    }

    /**
     * A buffer of exactly {@code capacity} bytes, filled with garbage the protected copy must overwrite, its position
     * and limit as a short earlier datagram left them.
     */
    private static ByteBuffer buffer(Kind kind, int capacity) {
        ByteBuffer buffer = switch (kind) {
            case DIRECT -> ByteBuffer.allocateDirect(capacity);
            case HEAP -> ByteBuffer.allocate(capacity);
            case HEAP_SLICE -> ByteBuffer.allocate(capacity + 40).position(23).slice().limit(capacity).slice();
        };
        for (int i = 0; i < capacity; i++) {
            buffer.put(i, (byte) (0xA5 ^ i));
        }
        return buffer.limit(3).position(1);
    }

    /** @return the buffer's bytes from its position to its limit, leaving both as they are */
    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }
}
