package dev.vc.transport.udp.internal.send;

import dev.vc.api.EncodedFrame;
import dev.vc.api.RtxSsrc;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.TransportListener;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.cc.BitrateLimits;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.control.CongestionControl;
import dev.vc.transport.udp.internal.control.RtcpSession;
import dev.vc.transport.udp.internal.receive.ReceiveChain;
import dev.vc.transport.udp.internal.receive.ReceiveCounters;
import dev.vc.transport.udp.internal.receive.ReceiveDropReason;
import dev.vc.transport.udp.internal.receive.ReceiveLimits;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.srtp.SrtpContext;
import dev.vc.transport.udp.srtp.SrtpMasterKey;
import dev.vc.transport.udp.srtp.SrtpProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The uplink loop with probing, in simulated time: a sender's whole send chain (its encoder at a fixed 300 kbit/s,
 * far below the 5 Mbit/s link, wanting up to 4 Mbit/s) and a receiver's whole receive chain, joined by a
 * bottleneck, in plain RTP or through SRTP contexts at both ends; the receiver's transport-cc feedback goes back to
 * the sender. Behaviour, not timing: after the same frames, the estimate of the sender that probes is far above the
 * one of the sender that does not, which stays near 1.5 x what it sends; the probes travel on the RTX SSRC, so
 * under SRTP none is refused on either side.
 */
class ProbingLoopbackTest {
    private static final int SENDER = 0x51;
    private static final int RECEIVER = 0x99;
    private static final long LINK_BPS = 5_000_000;
    private static final long PROPAGATION_NANOS = 20_000_000;
    private static final long FRAME_NANOS = 33_333_333;
    private static final int FRAMES = 30 * 25;
    private static final Random RANDOM = new Random(11);
    private static final byte[] KEYFRAME = H264TestStreams.annexB(List.of(H264TestStreams.SPS_320X240,
            H264TestStreams.PPS, H264TestStreams.nal(5, 3, 4000, RANDOM)));
    private static final byte[] DELTA = H264TestStreams.annexB(List.of(H264TestStreams.nal(1, 2, 1200, RANDOM)));

    /** Both ends and the link between them. */
    private static final class Loop {
        final SteppingClock clock = new SteppingClock(1_000_000_000_000L);
        final CongestionControl uplink;
        final ChainCounters sendCounters = new ChainCounters();
        final SendChain chain;
        final ReceiveCounters received = new ReceiveCounters();
        final RtcpSession receiverRtcp;
        final ReceiveChain receiver;
        final ArrayDeque<Object[]> onLink = new ArrayDeque<>();           // {arrival ns, bytes}
        final ArrayDeque<Object[]> feedback = new ArrayDeque<>();         // {arrival ns, bytes}
        /** Protects what the sender sends and unprotects it at the receiver; null for plain RTP. */
        final SrtpContext protect;
        final SrtpContext unprotect;
        final RtpHeader onWire = new RtpHeader();
        long linkFreeNanos;
        long paddingOnLink;
        long paddingOnRtxSsrc;
        long receiverNow;

        Loop(boolean probing) {
            this(probing, false);
        }

        Loop(boolean probing, boolean srtp) {
            protect = srtp ? SrtpContext.forSending(key()) : null;
            unprotect = srtp ? SrtpContext.forReceiving(key()) : null;
            uplink = new CongestionControl(SENDER, new BitrateLimits(30_000, 300_000, 20_000_000), 4096, 1200,
                    50_000_000, probing);
            uplink.setWantedBitrateBps(4_000_000);
            SendLayers layers = SendLayers.create(new int[] {SENDER}, PayloadTypes.DEFAULTS, 1200, 64, new Random(1));
            SendStage link = new SendStage() {
                @Override
                public void accept(byte[] packet, int offset, int length) {
                    long now = clock.nanoTime();
                    onWire.parse(packet, offset, length);
                    if (onWire.paddingOnly()) {
                        paddingOnLink++;
                        paddingOnRtxSsrc += onWire.ssrc() == RtxSsrc.of(SENDER) && onWire.payloadType() == 97 ? 1 : 0;
                    }
                    byte[] datagram = Arrays.copyOfRange(packet, offset, offset + length + 16);
                    int n = protect == null ? length : protect.protectRtp(datagram, 0, length);
                    linkFreeNanos = Math.max(linkFreeNanos, now) + n * 8_000_000_000L / LINK_BPS;
                    onLink.add(new Object[] {linkFreeNanos + PROPAGATION_NANOS, Arrays.copyOf(datagram, n)});
                }
            };
            Pacer pacer = new Pacer(50_000_000, 4 * 1200, clock.nanoTime());
            chain = new SendChain(layers, sendCounters,
                    new ProbeClusterSender(uplink, layers.primary(), layers.rtx(0), clock, sendCounters, link),
                    new HistoryRecorder(layers), new PacingRateFollower(pacer, uplink), new PacedRelease(pacer, clock),
                    new TransportSequenceStamper(uplink, clock), link);
            CongestionControl downlink = new CongestionControl(RECEIVER, BitrateLimits.DEFAULT, 4096, 1200, 0, false);
            downlink.output((data, length) -> feedback.add(new Object[] {receiverNow + PROPAGATION_NANOS,
                    Arrays.copyOf(data, length)}));
            TransportListener quiet = (stream, frame) -> { };
            receiverRtcp = new RtcpSession(SendLayers.create(new int[] {RECEIVER}, PayloadTypes.DEFAULTS, 1200, 16,
                    new Random(2)), "receiver", 1200, (data, length) -> { }, quiet, downlink);
            receiver = new ReceiveChain(new int[] {RECEIVER}, PayloadTypes.DEFAULTS, ReceiveLimits.DEFAULTS, received,
                    quiet, null, receiverRtcp);
        }

        void run() {
            long start = clock.nanoTime();
            EncodedFrame frame = new EncodedFrame();
            for (int f = 0; f < FRAMES; f++) {
                clock.now = Math.max(clock.now, start + f * FRAME_NANOS);
                byte[] data = f % 300 == 0 ? KEYFRAME : DELTA;
                chain.send(frame.set(data, 0, data.length).describe(VideoCodec.H264, f % 300 == 0, 320, 240,
                        clock.now, f));
                deliver(clock.nanoTime());
            }
        }

        private void deliver(long now) {
            while (!onLink.isEmpty() && (long) onLink.peek()[0] <= now) {
                Object[] packet = onLink.poll();
                byte[] bytes = (byte[]) packet[1];
                receiverNow = (long) packet[0];
                int n = unprotect == null ? bytes.length : unprotect.unprotectRtp(bytes, 0, bytes.length);
                receiver.onDatagram(bytes, n, receiverNow);
            }
            while (!feedback.isEmpty() && (long) feedback.peek()[0] <= now) {
                Object[] message = feedback.poll();
                byte[] bytes = (byte[]) message[1];
                uplink.onFeedback(bytes, 0, bytes.length, (long) message[0]);
            }
        }
    }

    private static long refused(SrtpContext context) {
        return context.failures().values().stream().mapToLong(Long::longValue).sum();
    }

    private static SrtpMasterKey key() {
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        Arrays.fill(key, (byte) 7);
        return new SrtpMasterKey(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, salt);
    }

    @Test
    void shouldFindTheCapacityTheEncoderDoesNotUseOnlyWhenProbing() {
        Loop without = new Loop(false);
        without.run();
        Loop with = new Loop(true);
        with.run();

        long plain = without.uplink.targetBitrateBps();
        long probed = with.uplink.targetBitrateBps();
        assertTrue(plain > 0 && plain < 1_000_000, "without probes the estimate stays near what is sent: " + plain);
        assertTrue(probed >= 3_000_000, "probes found the link's capacity up to what is wanted: " + probed);
        assertTrue(with.uplink.estimator().probeResults() >= 3, "initial and later clusters measured");
        assertEquals(0, without.paddingOnLink);
        assertTrue(with.sendCounters.probeClustersSent() >= 3);
    }

    @Test
    void shouldRecordTheProbesInFeedbackAndDropThemWithoutAStream() {
        Loop loop = new Loop(true);
        loop.run();
        loop.deliver(Long.MAX_VALUE);                            // what is still on the link arrives

        long padding = loop.received.drops().sum(ReceiveDropReason.PADDING_ONLY);
        assertTrue(padding > 0);
        assertEquals(loop.paddingOnLink, padding, "every probe packet crossed and was dropped");
        assertEquals(0, loop.received.drops().sum(), "padding is no error, and nothing else was dropped");
        List<RtpStreamStats> remote = loop.receiverRtcp.remoteStats();
        assertEquals(1, remote.size(), "the padding (same SSRC, own numbers) opened no stream and left no gap");
        assertEquals(SENDER, remote.get(0).ssrc());
        assertEquals(0, remote.get(0).packetsLost());
        assertEquals(0, remote.get(0).nacks(), "the padding's sequence numbers are not the media's");
        assertEquals(loop.paddingOnLink, loop.paddingOnRtxSsrc, "every probe on the RTX SSRC with the RTX type");
    }

    @Test
    void shouldProbeThroughSrtpWithoutAPacketRefusedOnEitherSide() {
        Loop loop = new Loop(true, true);
        loop.run();
        loop.deliver(Long.MAX_VALUE);

        assertEquals(0, refused(loop.protect), "the sender protected every probe: " + loop.protect.failures());
        assertEquals(0, refused(loop.unprotect), "the receiver took every probe: " + loop.unprotect.failures());
        assertTrue(loop.paddingOnLink > 0);
        assertEquals(loop.paddingOnLink, loop.received.drops().sum(ReceiveDropReason.PADDING_ONLY));
        assertEquals(0, loop.received.drops().sum(), "nothing dropped as an error");
        assertTrue(loop.uplink.targetBitrateBps() >= 3_000_000, "probes found the link: "
                + loop.uplink.targetBitrateBps());
    }
}
