package dev.vc.relay;

import dev.vc.transport.udp.dtls.DtlsCertificate;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsLimits;
import dev.vc.transport.udp.dtls.DtlsRole;
import dev.vc.transport.udp.srtp.SrtpProfile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a member's hop holds while its handshake finishes (SRTP the client sent the moment it was keyed, before the
 * relay's handshake thread had published its keys): copies, bounded in number and size, nothing without a handshake
 * under way, released once replayed. A real DTLS association (that never completes: nothing answers it).
 */
class MemberSrtpTest {
    @Test
    void shouldHoldABoundedNumberOfCopiesOnlyWhileAHandshakeIsUnderWay() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate();
        MemberSrtp srtp = new MemberSrtp(certificate.fingerprint());
        assertFalse(srtp.holdEarly(new byte[100], 100), "no handshake yet: not held");
        try (DtlsHandshaker handshaker = new DtlsHandshaker(DtlsLimits.DEFAULTS)) {
            srtp.association = handshaker.start(DtlsRole.SERVER, certificate, certificate.fingerprint(),
                    List.of(SrtpProfile.values()), (data, offset, length) -> { });
            for (int i = 0; i < MemberSrtp.EARLY_PACKETS; i++) {
                byte[] packet = new byte[200];
                Arrays.fill(packet, (byte) i);
                assertTrue(srtp.holdEarly(packet, 120 + i), "packet " + i);
                Arrays.fill(packet, (byte) 0x55);                        // the router reuses its buffer
            }
            assertFalse(srtp.holdEarly(new byte[100], 100), "no more than " + MemberSrtp.EARLY_PACKETS);
            assertEquals(MemberSrtp.EARLY_PACKETS, srtp.earlyCount());
            byte[] expected = new byte[125];
            Arrays.fill(expected, (byte) 5);
            java.util.List<byte[]> replayed = new java.util.ArrayList<>();
            srtp.replayEarly((packet, length) -> replayed.add(Arrays.copyOf(packet, length)));
            assertEquals(MemberSrtp.EARLY_PACKETS, replayed.size(), "every copy, in the order it came");
            assertArrayEquals(expected, replayed.get(5), "a copy, as it was");
            assertEquals(0, srtp.earlyCount(), "forgotten once handed over");
            assertFalse(srtp.holdEarly(new byte[MemberSrtp.EARLY_BYTES + 1], MemberSrtp.EARLY_BYTES + 1), "too large");
            srtp.failure = "timed out";
            assertFalse(srtp.holdEarly(new byte[100], 100), "a failed handshake holds nothing");
        }
    }
}
