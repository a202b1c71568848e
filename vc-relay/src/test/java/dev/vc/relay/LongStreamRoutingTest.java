package dev.vc.relay;

import dev.vc.relay.RouterHarness.Peer;
import dev.vc.transport.udp.rtp.RtpSequence;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A call longer than a stream's 16-bit sequence space: the relay keeps forwarding a sender whose numbers have gone
 * round more than once. It used to stop after 32,768 packets of one layer (about a minute of 640x480 JPEG, a few
 * minutes of H.264), silently, for as long again: the receiver's picture froze.
 */
class LongStreamRoutingTest {
    private static final long MS = 1_000_000L;

    @Test
    void shouldForwardEveryPacketOfAStreamWhoseNumbersWrapTwice() {
        RouterHarness relay = new RouterHarness();
        relay.router.selectLayers(false);
        Peer alice = relay.join("alice", 45_000);
        Peer bob = relay.join("bob", 45_001);
        relay.deliveries.clear();
        int packets = 2 * RtpSequence.MODULUS + 5_000;
        int first = 60_000;                                 // wraps soon after the start, then twice more
        long delivered = 0;
        for (int i = 0; i < packets; i++) {
            relay.now = 1_000 * MS + i * 2 * MS;            // 500 packets a second, a little over four minutes
            relay.rtp(alice, RtpSequence.add(first, i), 200);
            if (i % 10_000 == 9_999 || i == packets - 1) {
                delivered += relay.rtpDelivered(alice, bob);
                relay.deliveries.clear();
                assertEquals(i + 1, delivered, "bob got every packet alice sent, up to packet " + i);
            }
        }
        assertEquals(0, relay.dropped(DropReason.BITRATE_CAP), "the load is far under the cap");
        assertEquals(0, relay.dropped(DropReason.OLDER_THAN_RUN));

        relay.rtp(alice, RtpSequence.add(first, packets - 20_000), 200);   // a duplicate long gone
        assertEquals(0, relay.rtpDelivered(alice, bob), "not forwarded");
        assertEquals(1, bob.member.drops.get(DropReason.OLDER_THAN_RUN), "counted on the receiver");
    }
}
