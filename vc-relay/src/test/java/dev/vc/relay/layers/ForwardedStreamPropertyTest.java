package dev.vc.relay.layers;

import dev.vc.transport.udp.rtp.RtpSequence;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sender's simulcast layers, each with its own random sequence and timestamp origin and its own keyframes, fed
 * through one receiver's {@link ForwardedStream} while the wanted layer changes at random points: the receiver must
 * see one stream whose numbers never jump or repeat and whose layer only ever changes on a keyframe.
 */
class ForwardedStreamPropertyTest {
    private static final int OUT_SSRC = 0x0B0B_0001;
    private static final long FRAME_NANOS = 33_333_333L;

    /** One packet as the sender sent it. */
    private record Sent(int layer, int frame, int sequence, int timestamp, boolean keyframeStart, boolean endsFrame,
                        long nanos) {
    }

    /**
     * One switch request: from {@code frame} on, the receiver wants {@code layer}; {@code atOnce} stops the current
     * layer there ({@link ForwardedStream#cutTo}) rather than letting it flow until the new layer's keyframe.
     */
    private record Wish(int frame, int layer, boolean atOnce) {
    }

    /** Three layers, 120 frames, 1 to 4 packets each, keyframes every {@code gop} frames per layer. */
    private static List<Sent> senderStream(long seed) {
        Random random = new Random(seed);
        List<Sent> packets = new ArrayList<>();
        int[] sequence = new int[3];
        int[] timestamp = new int[3];
        int[] gop = new int[3];
        int[] phase = new int[3];
        for (int layer = 0; layer < 3; layer++) {
            sequence[layer] = random.nextInt(RtpSequence.MODULUS);
            timestamp[layer] = random.nextInt();
            gop[layer] = 5 + random.nextInt(30);
            phase[layer] = random.nextInt(gop[layer]);
        }
        for (int frame = 0; frame < 120; frame++) {
            long nanos = frame * FRAME_NANOS;
            for (int layer = 0; layer < 3; layer++) {
                boolean key = frame % gop[layer] == phase[layer];
                int count = 1 + random.nextInt(4);
                for (int p = 0; p < count; p++) {
                    boolean last = p == count - 1 && random.nextInt(10) > 0;   // a tenth of frames lose their end
                    packets.add(new Sent(layer, frame, sequence[layer], timestamp[layer], key && p == 0, last, nanos));
                    sequence[layer] = RtpSequence.next(sequence[layer]);
                }
                timestamp[layer] += 3000;
            }
        }
        return packets;
    }

    @Provide
    Arbitrary<List<Wish>> wishes() {
        Arbitrary<Wish> wish = Combinators.combine(Arbitraries.integers().between(0, 119),
                Arbitraries.integers().between(-1, 2), Arbitraries.of(false, true)).as(Wish::new);
        return wish.list().ofMinSize(1).ofMaxSize(8);
    }

    private static byte[] packet(Sent sent) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.put((byte) 0x80).put((byte) (sent.endsFrame() ? 0x80 | 96 : 96)).putShort((short) sent.sequence())
                .putInt(sent.timestamp())
                .putInt(0x5000_0000 + sent.layer());
        return b.array();
    }

    @Property(tries = 300)
    void theReceiverSeesOneStreamThatOnlyChangesLayerOnAKeyframe(@ForAll long seed, @ForAll("wishes") List<Wish> wishes) {
        List<Sent> stream = senderStream(seed);
        List<Wish> sorted = new ArrayList<>(wishes);
        sorted.sort((a, b) -> Integer.compare(a.frame(), b.frame()));
        ForwardedStream forwarded = new ForwardedStream(OUT_SSRC, 1024);
        int wishIndex = 0;
        int lastLayer = ForwardedStream.NO_LAYER;
        Integer lastSequence = null;
        Integer lastTimestamp = null;
        int lastFrame = -1;
        List<int[]> out = new ArrayList<>();
        for (Sent sent : stream) {
            while (wishIndex < sorted.size() && sorted.get(wishIndex).frame() <= sent.frame()) {
                Wish next = sorted.get(wishIndex++);
                if (next.atOnce()) {
                    forwarded.cutTo(next.layer());
                } else {
                    forwarded.target(next.layer());
                }
            }
            byte[] packet = packet(sent);
            int before = forwarded.current();
            boolean went = forwarded.forward(packet, 0, sent.layer(), sent.sequence(), sent.timestamp(),
                    sent.keyframeStart(), sent.nanos());
            if (!went) {
                continue;
            }
            if (forwarded.current() == ForwardedStream.NO_LAYER) {
                assertEquals(before, sent.layer(), "a cut layer's last packet is of the layer being forwarded");
                assertTrue(sent.endsFrame(), "a cut stops at the end of a frame");
                assertEquals(lastFrame, sent.frame(), "and only finishes the frame in progress");
                lastLayer = sent.layer();
                lastSequence = ByteBuffer.wrap(packet).getShort(2) & 0xFFFF;
                lastTimestamp = ByteBuffer.wrap(packet).getInt(4);
                out.add(new int[] {lastSequence, sent.layer(), sent.sequence()});
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(packet);
            int sequence = b.getShort(2) & 0xFFFF;
            int timestamp = b.getInt(4);
            assertEquals(OUT_SSRC, b.getInt(8), "one SSRC whatever the layer");
            assertEquals(forwarded.current(), sent.layer(), "only the current layer goes out");
            assertTrue(forwarded.awaitingKeyframe() || sent.layer() == forwarded.target(),
                    "another layer than the wanted one only while a keyframe of the wanted one is awaited");
            if (sent.layer() != lastLayer) {
                assertTrue(sent.keyframeStart(), "a layer starts on a keyframe");
            }
            if (lastSequence != null) {
                assertEquals(RtpSequence.next(lastSequence), sequence, "no gap, no repeat across switches");
                int step = timestamp - lastTimestamp;
                if (sent.frame() == lastFrame && sent.layer() == lastLayer) {
                    assertEquals(0, step, "one frame, one timestamp");
                } else {
                    assertTrue(step > 0 && step <= 3000 * 120, "time moves on by the frames between: " + step);
                }
            }
            lastLayer = sent.layer();
            lastSequence = sequence;
            lastTimestamp = timestamp;
            lastFrame = sent.frame();
            out.add(new int[] {sequence, sent.layer(), sent.sequence()});
        }
        int from = Math.max(0, out.size() - 1024);
        for (int[] o : out.subList(from, out.size())) {
            assertEquals((long) o[1] << 16 | o[2], forwarded.original(o[0]), "a NACK translates back");
        }
    }

    @Property(tries = 200)
    void reorderedAndRepeatedPacketsKeepTheirNumbersAndNeverCollide(@ForAll long seed) {
        List<Sent> stream = new ArrayList<>(senderStream(seed));
        Random random = new Random(seed);
        for (int i = 0; i + 4 < stream.size(); i += 4) {       // local reordering
            Collections.shuffle(stream.subList(i, i + 4), random);
        }
        for (int i = 0; i < 30; i++) {                         // retransmissions
            Sent again = stream.get(random.nextInt(stream.size()));
            stream.add(Math.min(stream.size(), stream.indexOf(again) + 1 + random.nextInt(20)), again);
        }
        ForwardedStream forwarded = new ForwardedStream(OUT_SSRC, 4096);
        forwarded.target(random.nextInt(3));
        Set<Integer> seenOut = new HashSet<>();
        java.util.Map<Integer, Integer> outByIn = new java.util.HashMap<>();
        int layer = ForwardedStream.NO_LAYER;
        for (Sent sent : stream) {
            byte[] packet = packet(sent);
            if (forwarded.forward(packet, 0, sent.layer(), sent.sequence(), sent.timestamp(), sent.keyframeStart(),
                    sent.nanos())) {
                layer = sent.layer();
                int out = ByteBuffer.wrap(packet).getShort(2) & 0xFFFF;
                Integer before = outByIn.putIfAbsent(sent.sequence(), out);
                if (before != null) {
                    assertEquals(before, out, "a repeated packet maps to the number it had");
                } else {
                    assertTrue(seenOut.add(out), "two packets never share a number");
                }
            }
        }
        assertEquals(forwarded.target(), layer);
    }

    @Test
    void shouldForwardNothingWithoutATargetAndResumeOnlyOnAKeyframe() {
        ForwardedStream forwarded = new ForwardedStream(OUT_SSRC, 16);
        byte[] packet = new byte[12];
        assertFalse(forwarded.forward(packet, 0, 0, 10, 0, true, 0), "no target: nothing");
        forwarded.target(0);
        assertFalse(forwarded.forward(packet, 0, 0, 11, 0, false, 0), "a delta frame cannot start a stream");
        assertTrue(forwarded.forward(packet, 0, 0, 12, 0, true, 0));
        forwarded.target(1);
        assertTrue(forwarded.awaitingKeyframe());
        assertTrue(forwarded.forward(packet, 0, 0, 13, 3000, false, 33_000_000), "the old layer flows until the switch");
        assertFalse(forwarded.forward(packet, 0, 1, 500, 9000, false, 33_000_000));
        assertTrue(forwarded.forward(packet, 0, 1, 501, 12000, true, 66_000_000));
        assertEquals(1, forwarded.current());
        assertEquals(2, forwarded.switches());
        assertFalse(forwarded.forward(packet, 0, 0, 14, 6000, false, 66_000_000), "the old layer stops");
        assertFalse(forwarded.forward(packet, 0, 1, 500, 9000, false, 66_000_000), "older than the switch");
        forwarded.target(ForwardedStream.NO_LAYER);
        assertFalse(forwarded.forward(packet, 0, 1, 502, 12000, false, 70_000_000), "paused at once");
        assertEquals(-1, forwarded.original(9999));
        assertThrows(IllegalArgumentException.class, () -> new ForwardedStream(1, 100));
        assertThrows(IllegalArgumentException.class, () -> forwarded.target(8));
    }

    @Test
    void shouldFinishTheFrameInProgressWhenCutThenStopAndContinueTheNumbersAtTheNewLayersKeyframe() {
        ForwardedStream forwarded = new ForwardedStream(OUT_SSRC, 16);
        forwarded.target(0);
        assertTrue(forwarded.forward(rtp(true), 0, 0, 100, 0, true, 0));
        assertTrue(forwarded.forward(rtp(false), 0, 0, 101, 3000, false, 33_000_000));
        assertTrue(forwarded.cutTo(1), "cut");
        assertFalse(forwarded.cutTo(1), "once");
        assertEquals(1, forwarded.target());
        assertEquals(0, forwarded.current(), "the frame in progress goes on");
        assertTrue(forwarded.forward(rtp(false), 0, 0, 102, 3000, false, 34_000_000));
        byte[] last = rtp(true);
        assertTrue(forwarded.forward(last, 0, 0, 103, 3000, false, 35_000_000), "up to its last packet");
        int lastOut = ByteBuffer.wrap(last).getShort(2) & 0xFFFF;
        assertEquals(ForwardedStream.NO_LAYER, forwarded.current(), "then nothing of the layer");
        assertTrue(forwarded.awaitingKeyframe());
        assertFalse(forwarded.forward(rtp(false), 0, 0, 104, 6000, false, 66_000_000), "the old layer stopped");
        assertFalse(forwarded.forward(rtp(true), 0, 0, 105, 9000, true, 99_000_000), "even on its own keyframe");
        assertFalse(forwarded.forward(rtp(false), 0, 1, 700, 9000, false, 99_000_000), "the new layer from a keyframe");
        byte[] key = rtp(false);
        assertTrue(forwarded.forward(key, 0, 1, 701, 12000, true, 132_000_000));
        assertEquals(RtpSequence.next(lastOut), ByteBuffer.wrap(key).getShort(2) & 0xFFFF, "numbers continue");
        assertEquals(1, forwarded.current());
    }

    @Test
    void shouldCutAtOnceBetweenFramesAndWhereTheCutFramesEndNeverCame() {
        ForwardedStream between = new ForwardedStream(OUT_SSRC, 16);
        between.target(0);
        assertTrue(between.forward(rtp(true), 0, 0, 100, 0, true, 0));
        assertTrue(between.cutTo(1));
        assertEquals(ForwardedStream.NO_LAYER, between.current(), "the last frame was whole: cut at once");
        assertFalse(between.cutTo(1), "nothing left to cut");

        ForwardedStream lostEnd = new ForwardedStream(OUT_SSRC, 16);
        lostEnd.target(0);
        assertTrue(lostEnd.forward(rtp(false), 0, 0, 100, 0, true, 0));
        assertTrue(lostEnd.cutTo(1));
        assertFalse(lostEnd.forward(rtp(false), 0, 0, 102, 3000, false, 33_000_000), "another frame: cut there");
        assertEquals(ForwardedStream.NO_LAYER, lostEnd.current());
    }

    /**
     * A cut waits for the frame in progress to end; a retransmission of an earlier frame (the relay's answer to a
     * NACK, or the sender's RTX), which passes through {@link ForwardedStream#forward} meanwhile, is not the next
     * frame's start: it goes to the receiver as before the cut and the frame in progress still ends whole. Ending the
     * cut there left a keyframe's parameter sets without its picture under continuous numbers, which the receiver's
     * decoder rejected.
     */
    @Test
    void shouldLetARetransmissionOfAnEarlierFrameThroughWithoutEndingAPendingCut() {
        ForwardedStream forwarded = new ForwardedStream(OUT_SSRC, 16);
        forwarded.target(0);
        assertTrue(forwarded.forward(rtp(true), 0, 0, 100, 0, true, 0));
        assertTrue(forwarded.forward(rtp(true), 0, 0, 102, 3000, false, 33_000_000));   // 101 lost on its way
        assertTrue(forwarded.forward(rtp(false), 0, 0, 103, 6000, true, 66_000_000));   // a keyframe's first packet
        assertTrue(forwarded.cutTo(1));
        byte[] retransmission = rtp(false);
        assertTrue(forwarded.forward(retransmission, 0, 0, 101, 3000, false, 67_000_000),
                "the earlier frame's missing packet still reaches the receiver");
        assertEquals(101, ByteBuffer.wrap(retransmission).getShort(2) & 0xFFFF, "by the run's offset (none here)");
        assertEquals(0, forwarded.current(), "the keyframe in progress goes on");
        assertTrue(forwarded.forward(rtp(false), 0, 0, 104, 6000, false, 68_000_000));
        byte[] last = rtp(true);
        assertTrue(forwarded.forward(last, 0, 0, 105, 6000, false, 69_000_000), "up to its last packet");
        assertEquals(ForwardedStream.NO_LAYER, forwarded.current());
        byte[] key = rtp(false);
        assertTrue(forwarded.forward(key, 0, 1, 700, 9000, true, 99_000_000));
        assertEquals(RtpSequence.next(ByteBuffer.wrap(last).getShort(2) & 0xFFFF),
                ByteBuffer.wrap(key).getShort(2) & 0xFFFF, "numbers continue after the whole frame");
    }

    /** The same when the retransmitted packet is the earlier frame's last: its marker bit ends that frame, not the cut one. */
    @Test
    void shouldNotTakeARetransmittedMarkerOfAnEarlierFrameForTheEndOfTheCutFrame() {
        ForwardedStream forwarded = new ForwardedStream(OUT_SSRC, 16);
        forwarded.target(0);
        assertTrue(forwarded.forward(rtp(true), 0, 0, 100, 0, true, 0));
        // 101, the one packet of the frame at 3000 (marker set), lost on its way
        assertTrue(forwarded.forward(rtp(false), 0, 0, 102, 6000, true, 66_000_000));   // a keyframe's first packet
        assertTrue(forwarded.cutTo(1));
        assertTrue(forwarded.forward(rtp(true), 0, 0, 101, 3000, false, 67_000_000), "the retransmission passes");
        assertEquals(0, forwarded.current(), "the keyframe in progress goes on");
        assertTrue(forwarded.forward(rtp(true), 0, 0, 103, 6000, false, 68_000_000), "up to its last packet");
        assertEquals(ForwardedStream.NO_LAYER, forwarded.current());
    }

    /** An RTP header whose marker bit says whether it ends its frame. */
    private static byte[] rtp(boolean endsFrame) {
        byte[] packet = new byte[12];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) (endsFrame ? 0x80 | 96 : 96);
        return packet;
    }

    @Test
    void shouldTranslateANumberTheRelayNeverForwardedWithinTheCurrentLayersRun() {
        ForwardedStream forwarded = new ForwardedStream(OUT_SSRC, 16);
        forwarded.target(1);
        byte[] packet = new byte[12];
        assertTrue(forwarded.forward(packet, 0, 1, 500, 0, true, 0));
        assertTrue(forwarded.forward(packet, 0, 1, 502, 0, false, 0));   // 501 never reached the relay
        assertEquals(1L << 16 | 501, forwarded.original(501), "the gap maps by the run's offset");
        assertEquals(-1, forwarded.original(503), "nothing forwarded there yet");
        assertEquals(-1, forwarded.original(499), "before the run");
        assertEquals(0, forwarded.timestampOffset(), "the first layer keeps its timestamps");
    }

    @Test
    void shouldKeepForwardingOneLayerLongPastHalfItsSequenceSpace() {
        ForwardedStream forwarded = new ForwardedStream(OUT_SSRC, 16);
        forwarded.target(0);
        byte[] packet = new byte[12];
        int first = 65_000;                                // wraps at once, then runs past 2 x 32,768 packets
        int sent = 3 * RtpSequence.MODULUS / 2;
        int previousOut = -1;
        int lostOut = -1;
        int lostSequence = -1;
        for (int i = 0; i < sent; i++) {
            int sequence = RtpSequence.add(first, i);
            if (i % 1000 == 999) {                         // lost before the relay
                lostOut = RtpSequence.next(previousOut);
                lostSequence = sequence;
                continue;
            }
            assertTrue(forwarded.forward(packet, 0, 0, sequence, i * 3000, i == 0, i * 1_000_000L),
                    "packet " + i + " of one layer's run (sequence " + sequence + ") not forwarded");
            int out = (packet[2] & 0xFF) << 8 | packet[3] & 0xFF;
            if (previousOut >= 0) {
                int step = i % 1000 == 0 ? 2 : 1;
                assertEquals(RtpSequence.add(previousOut, step), out, "numbers continue (a gap for each loss), " + i);
            }
            previousOut = out;
        }
        assertEquals(lostSequence, forwarded.original(lostOut), "a packet lost before the relay late in the run is"
                + " still translated for the sender's retransmission (layer 0)");
        int tooOld = RtpSequence.add(first, sent - 1 - ForwardedStream.RUN_WINDOW - 10);
        assertFalse(forwarded.forward(packet, 0, 0, tooOld, 0, false, sent * 1_000_000L),
                "further back than the run's window: from before the run, dropped");
        assertEquals(1, forwarded.olderThanRun(), "and counted");
    }
}
