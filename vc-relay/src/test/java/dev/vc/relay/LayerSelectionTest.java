package dev.vc.relay;

import dev.vc.relay.RouterHarness.Peer;
import dev.vc.relay.layers.ForwardedStream;
import dev.vc.relay.layers.LayerRates;
import dev.vc.transport.udp.cc.TransportFeedbackRecorder;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay choosing each receiver's layers itself ({@link LayerSelection}), through the whole router without
 * sockets: alice sends two layers (640x480, 320x240, stated at 600 and 300 kbit/s), bob and carol receive. Unless a
 * test sends it, no transport-cc feedback flows, so each downlink is taken to carry the estimator's start rate
 * (1 Mbit/s), which alice's largest layer and the other receiver's stated 100 kbit/s fit, and the views decide
 * ({@code LayerSelectorTest} covers the estimate's part).
 */
class LayerSelectionTest {
    private static final long MS = 1_000_000L;
    /** Frames (33 ms apart) in the least time between two upgrades of a receiver. */
    private static final int UPGRADE_INTERVAL_FRAMES = (int) (LayerSelection.UPGRADE_INTERVAL_NANOS / (33 * MS));
    /** Frames enough for a layer, or a whole sender, sending nothing to count as stopped or silent. */
    private static final int SILENT_FRAMES =
            (int) ((LayerRates.STOPPED_SAMPLES + 2) * LayerRates.SAMPLE_NANOS / (33 * MS));
    private final RouterHarness relay = new RouterHarness();
    private final int[] nextSequence = {1_000, 50_000};
    private int nextTransportSequence;
    private int erinSequence = 7_000;
    private int erinTransportSequence;
    private int frame;
    /** How long the receiver's bottleneck holds a packet beyond the path's 5 ms, in microseconds. */
    private long queueMicros;
    private Peer alice;
    private Peer bob;
    private Peer carol;

    @BeforeEach
    void aliceSendsTwoLayersToBobAndCarol() {
        alice = relay.join("alice", 44_000, 2, 600_000);      // a default client's 600 kbit/s
        bob = relay.join("bob", 44_001, 1, 100_000);          // bob and carol state one 100 kbit/s layer each
        carol = relay.join("carol", 44_002, 1, 100_000);
        relay.now = 1_000 * MS;
        frames(2, true);
        relay.deliveries.clear();
    }

    @Test
    void shouldGiveAReceiverShowingASmallTileTheSmallLayerFromItsNextKeyframe() {
        bob.member.viewSizes.put(alice.member.id, 320, 240);
        frames(10, false);                                      // a selection round passes
        assertEquals(1, target(bob));
        assertEquals(0, target(carol), "no view stated: the largest layer");
        assertEquals(1, plisForLayer1(), "layer 1's keyframe asked for");
        relay.deliveries.clear();
        frames(1, true);
        assertEquals(1, relay.router.stream(bob.member, alice.member).current(), "switched at the keyframe");
        assertEquals(0, relay.router.stream(carol.member, alice.member).current());
        assertEquals(1, relay.router.simulcastStats(0, 0).layerDowngrades());
    }

    /** Issue #12's room where every receiver shows 3x3 tiles: the Swing grid reports 315x236 in 1280x720. */
    @Test
    void shouldGiveReceiversShowing3x3TilesTheSmallLayerAndLetTheSenderPauseTheLargeOne() {
        bob.member.viewSizes.put(alice.member.id, 315, 236);
        carol.member.viewSizes.put(alice.member.id, 315, 236);
        frames(10, false);
        assertEquals(1, target(bob), "320x240 covers a 315x236 tile");
        assertEquals(1, target(carol));
        frames(1, true);
        assertEquals(1, relay.router.stream(bob.member, alice.member).current());
        assertEquals(1, relay.router.stream(carol.member, alice.member).current());
        assertEquals(0b10, alice.member.layersWanted, "nobody receives 640x480: alice may stop encoding it");
    }

    @Test
    void shouldForwardNothingOfASenderAReceiverDoesNotShowAndStopAskingForTheLayer() {
        bob.member.viewSizes.put(alice.member.id, 0, 0);
        carol.member.viewSizes.put(alice.member.id, 320, 240);
        frames(10, false);
        assertEquals(ForwardedStream.NO_LAYER, target(bob));
        assertEquals(1, target(carol));
        frames(1, true);
        assertEquals(0b10, alice.member.layersWanted, "only layer 1 is received by anyone");
    }

    @Test
    void shouldFitAReceiverWithoutFeedbackIntoTheEstimatorsStartRate() {
        for (int i = 0; i < 20; i++, frame++) {                 // layer 0 at 2.3 Mbit/s: 8 packets of 1,200 bytes
            for (int k = 0; k < 8; k++) {
                byte[] packet = java.util.Arrays.copyOf(packet(0, nextSequence[0]++, frame * 3000, false), 1_200);
                relay.send(alice, packet, packet.length);
            }
            byte[] small = packet(1, nextSequence[1]++, frame * 3000, false);
            relay.send(alice, small, small.length);
            relay.now += 33 * MS;
        }
        assertEquals(-1, bob.member.congestion.downlinkEstimateBps(), "no feedback from bob yet");
        assertEquals(1, target(bob), "the small layer: 2.3 Mbit/s is more than a link is taken to carry unseen");
        assertEquals(1, target(carol));
        assertTrue(plisForLayer1() > 0, "layer 1's keyframe asked for");
    }

    @Test
    void shouldGiveTheOthersTheRoomOfASenderWhoseCameraIsOff() {
        Peer erin = relay.join("erin", 44_003, 1, 900_000);
        int frames = UPGRADE_INTERVAL_FRAMES + 10;
        for (int i = 0; i < frames; i++) {
            frameWithErin(erin, true);
        }
        assertEquals(1, target(bob), "erin's 730 kbit/s and alice's 280-390 are more than the 1 Mbit/s start rate");
        for (int i = 0; i < frames + SILENT_FRAMES; i++) {
            frameWithErin(erin, false);                         // erin turned her camera off
        }
        assertTrue(erin.member.rates.silent());
        assertEquals(0, target(bob), "erin costs nothing while she sends nothing: alice's large layer fits");
    }

    @Test
    void shouldNotMoveAReceiverUpToALargerLayerOfASilentSender() {
        Peer erin = relay.join("erin", 44_003, 1, 900_000);
        bob.member.viewSizes.put(alice.member.id, 320, 240);
        int frames = UPGRADE_INTERVAL_FRAMES + 10;
        for (int i = 0; i < frames; i++) {
            frameWithErin(erin, true);
        }
        assertEquals(1, target(bob), "the small tile");
        for (int i = 0; i < SILENT_FRAMES; i++) {               // alice's camera is off, erin goes on
            erinFrame(erin);
        }
        assertTrue(alice.member.rates.silent());
        bob.member.viewSizes.put(alice.member.id, 640, 480);
        for (int i = 0; i < frames; i++) {
            erinFrame(erin);
        }
        assertEquals(1, target(bob), "alice's large layer (280 kbit/s when last measured) next to erin's 730 is over"
                + " the 85 % an upgrade needs: not moved up for a sender that sends nothing");
    }

    /** One frame: alice's layer 0 at 390 kbit/s (2 x 800 bytes), her layer 1 small, erin's if she sends. */
    private void frameWithErin(Peer erin, boolean erinSends) {
        for (int k = 0; k < 2; k++) {
            byte[] large = java.util.Arrays.copyOf(packet(0, nextSequence[0]++, frame * 3000, false), 800);
            relay.send(alice, large, large.length);
        }
        byte[] small = packet(1, nextSequence[1]++, frame * 3000, false);
        relay.send(alice, small, small.length);
        if (erinSends) {
            erinPackets(erin);
        }
        nextFrame();
    }

    /** One frame of erin's alone. */
    private void erinFrame(Peer erin) {
        erinPackets(erin);
        nextFrame();
    }

    /** Erin's packets of this frame: 3 x 1,000 bytes (730 kbit/s). */
    private void erinPackets(Peer erin) {
        for (int k = 0; k < 3; k++) {
            byte[] packet = java.util.Arrays.copyOf(RouterHarness.h264(erin, 0, erinSequence++, frame * 3000, false,
                    erinTransportSequence++), 1_000);
            relay.send(erin, packet, packet.length);
        }
    }

    private void nextFrame() {
        relay.now += 33 * MS;
        frame++;
    }

    @Test
    void shouldMoveAReceiverDownAtOnceButUpAtMostEveryTwoSeconds() {
        bob.member.viewSizes.put(alice.member.id, 800, 600);
        bob.member.viewSizes.put(alice.member.id, 320, 240);
        frames(10, false);
        assertEquals(1, target(bob), "down at once");
        bob.member.viewSizes.put(alice.member.id, 640, 480);
        frames(10, false);
        assertEquals(0, target(bob), "up: the first upgrade is free");
        bob.member.viewSizes.put(alice.member.id, 320, 240);
        frames(10, false);
        assertEquals(1, target(bob), "down again at once");
        bob.member.viewSizes.put(alice.member.id, 640, 480);
        frames(10, false);
        assertEquals(1, target(bob), "not up again within two seconds");
        frames(UPGRADE_INTERVAL_FRAMES, false);
        assertEquals(0, target(bob), "up once two seconds passed");
        RelayStats.SimulcastStats stats = relay.router.simulcastStats(0, 0);
        assertEquals(2, stats.layerUpgrades());
        assertEquals(2, stats.layerDowngrades());
    }

    @Test
    void shouldMoveReceiversOffALayerTheSenderStoppedAndBackWhenItFlowsAgain() {
        frames(10, false);
        assertEquals(0, target(bob), "no view stated: the largest layer");
        framesOfLayer1(SILENT_FRAMES);                        // alice's uplink cannot carry layer 0 any more
        assertEquals(1, target(bob), "moved to the layer that flows");
        assertEquals(1, target(carol));
        assertEquals(1, plisForLayer1(), "one keyframe of layer 1 asked for");
        framesOfLayer1(1);
        assertEquals(1, relay.router.stream(bob.member, alice.member).current());
        framesOfLayer1(UPGRADE_INTERVAL_FRAMES + 10);
        assertEquals(0, target(bob), "asked for again once it may have come back");
        frames(10, true);                                     // it did: both layers flow
        assertEquals(0, relay.router.stream(bob.member, alice.member).current(), "back at its keyframe");
    }

    @Test
    void shouldGiveAReceiverWhoseDownlinkOverflowsTheSmallLayerAtOnceAndKeepItThereTwoSecondsAfter() {
        frames(10, false);
        assertEquals(0, target(bob), "no view stated: the largest layer");
        TransportFeedbackRecorder bobsEnd = new TransportFeedbackRecorder(bob.ssrc(), 1024, 1200, 50_000);
        for (int i = 0; i < 60 && !bob.member.congestion.downlinkOverflowing(); i++) {
            framesReceivedBy(bob, bobsEnd, 1, 2);               // every other packet lost at bob's bottleneck
        }
        assertTrue(bob.member.congestion.downlinkOverflowing(), "half lost: overflowing");
        frames(1, false);                                       // a round at the room's next media packet
        assertEquals(1, target(bob), "the small layer at once, whatever the estimate");
        assertEquals(0, target(carol), "carol's downlink is not bob's");
        assertEquals(0, relay.router.stream(bob.member, alice.member).current(),
                "lost packets but no queue (a lossy link): the large layer flows until the small one's keyframe");
        assertEquals(0, relay.router.simulcastStats(0, 0).layerCuts());
        int clean = UPGRADE_INTERVAL_FRAMES - 10;
        framesReceivedBy(bob, bobsEnd, clean, 1);               // nothing lost any more
        assertTrue(!bob.member.congestion.downlinkOverflowing(), "clean again");
        assertEquals(1, target(bob), "no way back up within two seconds of the loss");
        framesReceivedBy(bob, bobsEnd, 40, 1);
        assertEquals(0, target(bob), "back up once two clean seconds passed");
    }

    @Test
    void shouldStopTheLargeLayerAtOnceForAReceiverWhoseBottleneckQueueIsFull() {
        frames(10, false);
        assertEquals(0, target(bob), "no view stated: the largest layer");
        TransportFeedbackRecorder bobsEnd = new TransportFeedbackRecorder(bob.ssrc(), 1024, 1200, 50_000);
        for (int i = 0; i < 60 && !(bob.member.congestion.downlinkOverflowing()
                && bob.member.congestion.downlinkQueueing()); i++) {
            framesReceivedBy(bob, bobsEnd, 1, 2, 4_000);        // half lost, the rest ever later: a full queue
        }
        assertTrue(bob.member.congestion.downlinkOverflowing(), "half lost: overflowing");
        assertTrue(bob.member.congestion.downlinkQueueing(), "a growing delay: queueing");
        relay.deliveries.clear();
        frames(1, false);                                       // a round at the room's next media packet
        assertEquals(1, target(bob), "the small layer");
        assertEquals(ForwardedStream.NO_LAYER, relay.router.stream(bob.member, alice.member).current(),
                "the large layer stopped at once");
        assertEquals(1, relay.router.simulcastStats(0, 0).layerCuts());
        assertEquals(0, relay.router.stream(carol.member, alice.member).current(), "carol keeps hers");
        relay.deliveries.clear();
        frames(3, false);
        assertTrue(relay.deliveries.stream().noneMatch(d -> d.receiver() == bob.member
                        && !RtcpReader.isRtcp(d.data(), 0, d.data().length)),
                "nothing of alice reaches bob until layer 1's keyframe");
        frames(1, true);
        assertEquals(1, relay.router.stream(bob.member, alice.member).current(), "layer 1 from its keyframe");
        assertEquals(1, relay.router.simulcastStats(0, 0).layerCuts(), "cut once");
    }

    @Test
    void shouldStopTheLargeLayerAtOnceWhenTheQueueSurgesBeforeAnythingIsLost() {
        frames(10, false);
        TransportFeedbackRecorder bobsEnd = new TransportFeedbackRecorder(bob.ssrc(), 1024, 1200, 50_000);
        framesReceivedBy(bob, bobsEnd, 30, 1);                  // a second at the path's own delay
        assertEquals(0, target(bob), "no view stated: the largest layer");
        for (int i = 0; i < 30 && !bob.member.congestion.downlinkSurging(); i++) {
            framesReceivedBy(bob, bobsEnd, 1, 1, 40_000);       // each frame 40 ms later: the link narrowed
        }
        assertTrue(bob.member.congestion.downlinkSurging(), "a queue over 200 ms, growing faster than time");
        assertTrue(!bob.member.congestion.downlinkOverflowing(), "nothing lost yet");
        frames(1, false);
        assertEquals(1, target(bob), "the small layer");
        assertEquals(ForwardedStream.NO_LAYER, relay.router.stream(bob.member, alice.member).current(),
                "the large layer stopped at once");
        assertEquals(1, relay.router.simulcastStats(0, 0).layerCuts());
        assertEquals(0, target(carol), "carol's downlink is not bob's");
    }

    @Test
    void shouldAskForTheSmallLayersKeyframeOnlyOnceTheCutQueueHadTimeToDrain() {
        frames(10, false);
        TransportFeedbackRecorder bobsEnd = new TransportFeedbackRecorder(bob.ssrc(), 1024, 1200, 50_000);
        framesReceivedBy(bob, bobsEnd, 30, 1);
        relay.deliveries.clear();
        for (int i = 0; i < 30 && relay.router.simulcastStats(0, 0).layerCuts() == 0; i++) {
            framesReceivedBy(bob, bobsEnd, 1, 1, 40_000);       // the link narrowed: cut when the queue surges
        }
        assertEquals(1, relay.router.simulcastStats(0, 0).layerCuts());
        long queueMillis = bob.member.congestion.downlinkEstimator().queueingDelayMicros() / 1000;
        assertTrue(queueMillis >= 200, "cut at a queue of " + queueMillis + " ms");
        long cutAt = relay.now;
        int plis = 0;
        long firstPliAt = -1;
        for (int i = 0; i < 30 && firstPliAt < 0; i++) {
            relay.deliveries.clear();
            frames(1, false);
            plis += plisForLayer1();
            if (plis > 0) {
                firstPliAt = relay.now;
            }
        }
        assertTrue(firstPliAt > 0, "layer 1's keyframe is asked for");
        long waitedMillis = (firstPliAt - cutAt) / 1_000_000;
        long drainMillis = Math.min(queueMillis, LayerForwarding.MAX_KEYFRAME_DEFERRAL_MILLIS);
        // the queue read here is the one the cut saw or a feedback message later: within a frame or two
        assertTrue(waitedMillis >= drainMillis - LayerForwarding.KEYFRAME_LEAD_MILLIS - 70,
                "not before the queue had time to drain, less the keyframe's way: " + waitedMillis
                        + " ms after the cut, queue " + queueMillis);
        assertTrue(waitedMillis <= drainMillis - LayerForwarding.KEYFRAME_LEAD_MILLIS + 70,
                "but just so long: " + waitedMillis + " ms");
    }

    @Test
    void shouldNotTakeAKeyframesBurstForASurge() {
        frames(10, false);
        TransportFeedbackRecorder bobsEnd = new TransportFeedbackRecorder(bob.ssrc(), 1024, 1200, 50_000);
        framesReceivedBy(bob, bobsEnd, 30, 1);
        framesReceivedBy(bob, bobsEnd, 1, 1, 150_000);          // one frame's burst holds the queue 150 ms
        framesReceivedBy(bob, bobsEnd, 5, 1, -30_000);          // and drains
        framesReceivedBy(bob, bobsEnd, 5, 1);
        assertEquals(0, target(bob), "still the largest layer");
        assertEquals(0, relay.router.simulcastStats(0, 0).layerCuts());
    }

    /**
     * {@code n} frames of both layers; {@code receiver} gets one of every {@code keepOneIn} packets delivered to it
     * (5 ms after they left) and its feedback goes back to the relay when due.
     */
    private void framesReceivedBy(Peer receiver, TransportFeedbackRecorder end, int n, int keepOneIn) {
        framesReceivedBy(receiver, end, n, keepOneIn, 0);
    }

    /** As above, each frame's packets arriving {@code growthMicros} later than the frame before's. */
    private void framesReceivedBy(Peer receiver, TransportFeedbackRecorder end, int n, int keepOneIn,
                                  long growthMicros) {
        for (int i = 0; i < n; i++) {
            queueMicros += growthMicros;
            relay.deliveries.clear();
            frames(1, false);
            int delivered = 0;
            for (RouterHarness.Delivery d : relay.deliveries) {
                int sequence = d.receiver() == receiver.member && !RtcpReader.isRtcp(d.data(), 0, d.data().length)
                        ? TransportSequenceNumber.find(d.data(), 0, d.data().length, TransportSequenceNumber.DEFAULT_ID)
                        : -1;
                if (sequence >= 0 && delivered++ % keepOneIn == 0) {
                    end.onPacket(sequence, receiver.ssrc(), relay.now / 1000 + 5_000 + queueMicros);
                }
            }
            long at = relay.now / 1000 + 5_000 + queueMicros;
            if (end.isFeedbackDue(at)) {
                byte[] feedback = new byte[1200];
                int length = end.writeFeedback(feedback, 0, at);
                relay.send(receiver, feedback, length);
            }
        }
    }

    private int target(Peer receiver) {
        return relay.router.stream(receiver.member, alice.member).target();
    }

    /** PLIs the relay sent alice naming her layer 1. */
    private int plisForLayer1() {
        int[] count = {0};
        for (RouterHarness.Delivery d : relay.deliveries) {
            if (d.receiver() == alice.member && RtcpReader.isRtcp(d.data(), 0, d.data().length)) {
                RtcpReader.read(d.data(), 0, d.data().length, new RtcpHandler() {
                    @Override
                    public void onPictureLossIndication(int sender, int media) {
                        count[0] += media == alice.ssrc(1) ? 1 : 0;
                    }
                });
            }
        }
        return count[0];
    }

    /** {@code n} frames of both layers, 33 ms apart; the first of them keyframes in both layers if asked. */
    private void frames(int n, boolean keyframes) {
        for (int i = 0; i < n; i++, frame++) {
            for (int layer = 0; layer < 2; layer++) {
                byte[] packet = packet(layer, nextSequence[layer]++, frame * 3000, keyframes && i == 0);
                relay.send(alice, packet, packet.length);
            }
            relay.now += 33 * MS;
        }
    }

    /** {@code n} frames of layer 1 alone, 33 ms apart; the first a keyframe. */
    private void framesOfLayer1(int n) {
        for (int i = 0; i < n; i++, frame++) {
            byte[] packet = packet(1, nextSequence[1]++, frame * 3000, i == 0);
            relay.send(alice, packet, packet.length);
            relay.now += 33 * MS;
        }
    }

    private byte[] packet(int layer, int sequence, int timestamp, boolean keyframe) {
        return RouterHarness.h264(alice, layer, sequence, timestamp, keyframe, nextTransportSequence++);
    }
}
