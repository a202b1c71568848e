package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.jpeg.JpegDepacketizer;
import dev.vc.transport.udp.jpeg.JpegFormatException;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.jpeg.JpegSpec;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.jpeg.TestPackets;
import dev.vc.transport.udp.internal.control.RtcpSession;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever the bytes, every parser parses or throws its typed exception, and the receive chain never throws and
 * accounts for every datagram.
 */
class ParserFuzzPropertyTest {
    private static final byte[] VALID_JPEG = new JpegSpec(48, 32, 1, 90, 0.8f,
            dev.vc.transport.udp.jpeg.TestJpegs.Sampling.YUV420).encode();
    private static final List<byte[]> VALID_PACKETS = TestPackets.packetize(VALID_JPEG, 256, 0L,
            new RtpPacketWriter(3, 26, 0, 0));

    @Provide
    Arbitrary<byte[]> datagrams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> rtpLike = random.map(b -> {
            if (b.length > 1) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F)); // version 2, so parsing goes deeper
                b[1] = (byte) ((b[1] & 0x80) | 26);
            }
            return b;
        });
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, VALID_PACKETS.size() - 1)
                .flatMap(i -> Arbitraries.longs().map(seed -> mutate(VALID_PACKETS.get(i), seed)));
        return Arbitraries.oneOf(random, rtpLike, mutated);
    }

    private static byte[] mutate(byte[] packet, long seed) {
        Random random = new Random(seed);
        byte[] b = Arrays.copyOf(packet, random.nextInt(4) == 0 ? random.nextInt(packet.length + 1) : packet.length);
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && b.length > 0; i++) {
            int at = random.nextInt(Math.min(b.length, 60)); // mostly headers
            b[at] = (byte) random.nextInt(256);
        }
        return b;
    }

    @Property
    void rtpHeaderParsesOrThrowsMalformed(@ForAll("datagrams") byte[] bytes,
                                          @ForAll @IntRange(min = 0, max = 8) int offset) {
        int from = Math.min(offset, bytes.length);
        try {
            RtpHeader rtp = new RtpHeader().parse(bytes, from, bytes.length - from);
            if (rtp.payloadOffset() + rtp.payloadLength() > bytes.length || rtp.payloadLength() < 0) {
                throw new AssertionError("payload outside the packet");
            }
        } catch (MalformedPacketException expected) {
            // fine
        }
    }

    @Property
    void jpegHeaderAndDepacketizerParseOrThrowMalformed(@ForAll("datagrams") byte[] bytes, @ForAll boolean marker) {
        JpegPayloadHeader header = new JpegPayloadHeader();
        JpegDepacketizer depacketizer = new JpegDepacketizer(1 << 16);
        try {
            header.parse(bytes, 0, bytes.length);
            depacketizer.add(header, marker);
            if (depacketizer.isComplete()) {
                byte[] out = new byte[depacketizer.jfifLength()];
                depacketizer.writeJfif(out, 0);
            }
        } catch (MalformedPacketException expected) {
            // fine
        }
        try {
            RtpHeader rtp = new RtpHeader().parse(bytes, 0, bytes.length);
            header.parse(bytes, rtp.payloadOffset(), rtp.payloadLength());
            depacketizer.add(header, rtp.marker());
        } catch (MalformedPacketException expected) {
            // fine
        }
    }

    /**
     * Nothing throws, and every datagram is accounted for: STUN is dropped as unexpected (no relay is bound), RTCP
     * goes to the session (or is counted malformed), and each RTP datagram is either accepted into a frame or
     * dropped under exactly one reason.
     */
    @Property
    void receiveChainAccountsForEveryDatagram(
            @ForAll @Size(max = 20) List<@net.jqwik.api.From("datagrams") byte[]> datagrams) {
        RtcpSession rtcp = new RtcpSession(DispatcherHarness.localStreams(DispatcherHarness.OWN_SSRC), "fuzz", 1200,
                (data, length) -> { }, (stream, frame) -> { }, null);
        DispatcherHarness rx = new DispatcherHarness(new ReceiveLimits(1 << 16, 4, 4, 1_000_000_000L, 150_000_000L),
                rtcp);
        long stun = 0;
        long rtcpDatagrams = 0;
        for (byte[] datagram : datagrams) {
            if (datagram.length > 0 && MediaHello.isStun(datagram[0])) {
                stun++;
            } else if (RtcpReader.isRtcp(datagram, 0, datagram.length)) {
                rtcpDatagrams++;
            }
            rx.feed(datagram);
        }
        ReceiveDrops drops = rx.counters.packetsDropped;
        long rtpDrops = 0;
        long total = 0;
        for (ReceiveDropReason reason : ReceiveDropReason.values()) {
            total += drops.sum(reason);
            if (reason != ReceiveDropReason.UNEXPECTED_STUN && reason != ReceiveDropReason.MALFORMED_RTCP
                    && reason != ReceiveDropReason.FRAME_UNWRITABLE) {   // that one counts a frame, not a datagram
                rtpDrops += drops.sum(reason);
            }
        }
        assertEquals(stun, drops.sum(ReceiveDropReason.UNEXPECTED_STUN));
        assertTrue(drops.sum(ReceiveDropReason.MALFORMED_RTCP) <= rtcpDatagrams);
        assertEquals(datagrams.size() - stun - rtcpDatagrams, rx.counters.packetsReceived.sum() + rtpDrops,
                "each RTP datagram accepted or dropped for exactly one reason: " + drops.byReason());
        assertEquals(total - drops.sum(ReceiveDropReason.PADDING_ONLY), drops.sum(), "padding is not an error");
        assertEquals(rx.frames.size(), rx.counters.framesReceived.sum());
    }

    @Property
    void packetizerAcceptsOrThrowsJpegFormatException(@ForAll @IntRange(min = 0, max = 400) int cut,
                                                      @ForAll long seed) {
        Random random = new Random(seed);
        byte[] jpeg = Arrays.copyOf(VALID_JPEG, Math.min(VALID_JPEG.length, 2 + cut * VALID_JPEG.length / 400));
        for (int i = 0; i < 3; i++) {
            jpeg[random.nextInt(Math.min(jpeg.length, 700))] = (byte) random.nextInt(256); // headers are ~620 bytes
        }
        try {
            new JpegPacketizer(256).packetize(jpeg, 0, jpeg.length, 0L, new RtpPacketWriter(1, 26, 0, 0),
                    (p, o, l) -> { });
        } catch (JpegFormatException expected) {
            // fine
        }
    }
}
