package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.RemoteStream;
import dev.vc.api.TransportListener;
import dev.vc.transport.udp.dtls.CertificateFingerprint;
import dev.vc.transport.udp.dtls.DtlsAssociation;
import dev.vc.transport.udp.dtls.DtlsCertificate;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsLimits;
import dev.vc.transport.udp.dtls.DtlsRole;
import dev.vc.transport.udp.dtls.DtlsSrtpKeys;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.secure.DtlsIdentity;
import dev.vc.transport.udp.internal.secure.SrtpHop;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.srtp.SrtpContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static dev.vc.transport.udp.h264.H264TestStreams.annexB;
import static dev.vc.transport.udp.h264.H264TestStreams.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The race at an encrypted hop's start: the relay, DTLS's server, is keyed once it has sent its last flight and
 * forwards a keyframe at once; this client is keyed only when its handshake thread has read that flight. The
 * keyframe's packets that come in between are kept and handed on once the keys are in, so the receiver's first
 * picture has its SPS and PPS. A real DTLS handshake, the relay's last flight held back until the keyframe is in.
 */
class EarlySrtpTest {
    private static final int SSRC = 0x5EC0_0001;

    /** The frames handed on, copied. */
    private final List<EncodedFrame> frames = new ArrayList<>();
    private final ReceiveCounters counters = new ReceiveCounters();
    private final byte[] buffer = new byte[65536];

    @Test
    void shouldHandOnWhatTheRelaySentBeforeThisSidesKeysOnceTheyAreIn() throws Exception {
        DtlsIdentity client = DtlsIdentity.generate();
        DtlsCertificate relayCertificate = DtlsCertificate.generate();
        ConcurrentLinkedQueue<byte[]> lastFlight = new ConcurrentLinkedQueue<>();
        DtlsAssociation[] relay = new DtlsAssociation[1];
        SrtpHop[] hop = new SrtpHop[1];
        try (DtlsHandshaker relaySide = new DtlsHandshaker(DtlsLimits.DEFAULTS)) {
            relay[0] = relaySide.start(DtlsRole.SERVER, relayCertificate, CertificateFingerprint.parse(client.fingerprint()),
                    DtlsHandshaker.DEFAULT_PROFILES, (datagram, offset, length) -> {
                        byte[] copy = Arrays.copyOfRange(datagram, offset, offset + length);
                        boolean lastFlightRecord = copy[0] == 20 || (copy[3] | copy[4]) != 0;  // CCS, or epoch 1
                        if (lastFlightRecord || !lastFlight.isEmpty()) {
                            lastFlight.add(copy);
                        } else {
                            hop[0].onDtls(copy, copy.length);
                        }
                    });
            hop[0] = new SrtpHop(client, relayCertificate.fingerprint().toSdpValue(), DtlsHandshaker.DEFAULT_PROFILES,
                    1200, (datagram, offset, length) -> relay[0].receive(datagram, offset, length));
            ReceiveChain chain = new ReceiveChain(new int[] {0x0BADF00D}, PayloadTypes.DEFAULTS, ReceiveLimits.DEFAULTS,
                    counters, listener(), null, null, hop[0]);
            hop[0].start();
            DtlsSrtpKeys relayKeys = relay[0].keys().get(10, TimeUnit.SECONDS);
            assertFalse(hop[0].keyed(), "the relay's last flight is held back");
            SrtpContext relaySending = SrtpContext.forSending(relayKeys.local());

            RtpPacketWriter writer = new RtpPacketWriter(SSRC, 96, 7000, 0);
            Random random = new Random(1);
            byte[] keyframe = annexB(List.of(H264TestStreams.SPS_320X240, H264TestStreams.PPS,
                    slice(5, 3, 2000, true, random)));
            List<byte[]> keyframePackets = H264TestStreams.packetize(keyframe, 1100, 1_000_000_000L, writer);
            for (byte[] packet : keyframePackets) {
                feed(chain, relaySending, packet);
            }
            assertEquals(0, counters.packetsDropped.sum(ReceiveDropReason.NOT_KEYED), "kept, not dropped");
            assertTrue(frames.isEmpty(), "nothing handed on before the keys");

            for (byte[] datagram = lastFlight.poll(); datagram != null; datagram = lastFlight.poll()) {
                hop[0].onDtls(datagram, datagram.length);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!hop[0].keyed() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(hop[0].keyed(), "the relay's last flight keyed this side");
            byte[] delta = annexB(List.of(slice(1, 2, 500, true, random)));
            for (byte[] packet : H264TestStreams.packetize(delta, 1100, 1_033_333_333L, writer)) {
                feed(chain, relaySending, packet);
            }
            assertEquals(2, frames.size(), "the keyframe kept, then the delta frame");
            assertTrue(frames.get(0).keyframe());
            assertArrayEquals(keyframe, Arrays.copyOf(frames.get(0).data(), frames.get(0).length()),
                    "the keyframe whole, its SPS and PPS first");
            assertEquals(0, counters.packetsDropped.sum(ReceiveDropReason.NOT_KEYED));
        } finally {
            if (hop[0] != null) {
                hop[0].close();
            }
        }
    }

    private void feed(ReceiveChain chain, SrtpContext sending, byte[] packet) {
        System.arraycopy(packet, 0, buffer, 0, packet.length);
        int length = sending.protectRtp(buffer, 0, packet.length);
        chain.onDatagram(buffer, length, System.nanoTime());
    }

    private TransportListener listener() {
        return new TransportListener() {
            @Override
            public void onFrame(RemoteStream stream, EncodedFrame frame) {
                EncodedFrame copy = new EncodedFrame(frame.length());
                copy.set(frame.data(), 0, frame.length()).describe(frame.codec(), frame.keyframe(), frame.width(),
                        frame.height(), frame.captureTimeNanos(), frame.sequence());
                frames.add(copy);
            }

            @Override
            public void onFrameLost(RemoteStream stream) {
            }
        };
    }
}
