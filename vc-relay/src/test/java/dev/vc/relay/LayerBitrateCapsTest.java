package dev.vc.relay;

import dev.vc.relay.RouterHarness.Peer;
import dev.vc.relay.layers.ForwardedStream;
import dev.vc.relay.layers.LayerCaps;
import dev.vc.relay.layers.LayerSelector;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's layer caps without sockets: receivers' budgets from their estimates and chosen layers, the TMMBRs
 * that go to the sender (a cap, none, a lifting), and the sender's TMMBN ending at the relay. Alice sends two
 * layers (640x480 at up to 1 Mbit/s, 320x240 at up to 500 kbit/s); the others receive.
 */
class LayerBitrateCapsTest {
    private static final long MS = 1_000_000L;
    private static final long LIFTED = 8_000_000;
    private final RouterHarness relay = new RouterHarness();
    private final List<long[]> requests = new ArrayList<>();        // {media SSRC, bit/s}
    private final LayerBitrateCaps caps = new LayerBitrateCaps((data, length, to, receiver) ->
            RtcpReader.read(data, 0, length, new RtcpHandler() {
                @Override
                public void onTmmbr(int sender, int media, long maxBitrateBps, int overhead) {
                    assertEquals(MediaRouter.RELAY_SSRC, sender);
                    assertEquals(to, receiver.mediaAddress);
                    requests.add(new long[] {media, maxBitrateBps});
                }
            }), LIFTED);
    private Peer alice;

    @BeforeEach
    void aliceSendsTwoLayers() {
        alice = relay.join("alice", 45_000, 2);
    }

    @Test
    void shouldAskEverySenderLayerOnceWhetherItFollowsCaps() {
        round(List.of(), new long[0], 0);
        assertEquals(2, requests.size(), "a lifting per layer");
        assertEquals(alice.ssrc(0), (int) requests.get(0)[0]);
        assertEquals(alice.ssrc(1), (int) requests.get(1)[0]);
        assertEquals(LIFTED, requests.get(0)[1], LIFTED >> 17);
        requests.clear();
        round(List.of(), new long[0], 10_000 * MS);
        assertEquals(List.of(), requests, "once");
    }

    @Test
    void shouldCapALayerToTheBudgetOfItsOnlyReceiver() {
        Peer bob = relay.join("bob", 45_001);
        round(List.of(), new long[0], -1_000 * MS);
        requests.clear();
        round(List.of(bob), new long[] {900_000}, 0);
        assertEquals(1, requests.size());
        assertEquals(alice.ssrc(0), (int) requests.get(0)[0], "the request names the layer's SSRC");
        assertEquals(900_000, requests.get(0)[1], 900_000 >> 17, "the whole estimate: bob gets nothing else");
    }

    @Test
    void shouldCapBelowTheEstimateWhileTheReceiversDownlinkQueues() {
        Peer bob = relay.join("bob", 45_001);
        round(List.of(), new long[0], -1_000 * MS);
        requests.clear();
        round(List.of(bob), new long[] {800_000}, 0, true);
        assertEquals(680_000, requests.get(0)[1], 680_000 >> 17, "85 % of the estimate drains the queue");
    }

    @Test
    void shouldShareWhatAReceiverHasLeftAmongItsSenders() {
        Peer bob = relay.join("bob", 45_001, 2);
        Peer carol = relay.join("carol", 45_002);
        round(List.of(), new long[0], -1_000 * MS);
        requests.clear();
        // carol gets alice's and bob's large layers (1 Mbit/s each as stated) with a 1.6 Mbit/s estimate: each is
        // capped to its cost plus half of what is left (here less than nothing: -200 kbit/s each)
        round(List.of(carol), new long[] {1_600_000}, 0);
        assertEquals(2, requests.size());
        for (long[] request : requests) {
            assertEquals(800_000, request[1], 800_000 >> 17);
        }
        assertTrue(requests.stream().anyMatch(r -> r[0] == bob.ssrc(0)));
    }

    @Test
    void shouldNotCapForOneWeakReceiverAmongStrongOnes() {
        Peer bob = relay.join("bob", 45_001);
        Peer carol = relay.join("carol", 45_002);
        Peer dave = relay.join("dave", 45_003);
        round(List.of(), new long[0], -1_000 * MS);
        requests.clear();
        round(List.of(bob, carol, dave), new long[] {450_000, 1_000_000, 5_000_000}, 0);
        assertEquals(List.of(), requests, "the strongest receiver of the layer takes its stated rate");
    }

    @Test
    void shouldLiftTheCapWhenItsReceiverLeaves() {
        Peer bob = relay.join("bob", 45_001);
        round(List.of(), new long[0], -1_000 * MS);
        requests.clear();
        round(List.of(bob), new long[] {700_000}, 0);
        assertEquals(700_000, requests.get(0)[1], 700_000 >> 17);
        requests.clear();
        round(List.of(), new long[0], LayerCaps.RAISE_INTERVAL_NANOS);
        assertEquals(1, requests.size());
        assertEquals(LIFTED, requests.get(0)[1], LIFTED >> 17, "a lifting names the most the relay accepts");
    }

    @Test
    void shouldEndATmmbnAtTheRelayAndTakeItAsTheSenderFollowingCaps() {
        Peer bob = relay.join("bob", 45_001);
        relay.deliveries.clear();
        byte[] tmmbn = new byte[32];
        relay.send(alice, tmmbn, RtcpWriter.tmmbn(tmmbn, 0, alice.ssrc(0), MediaRouter.RELAY_SSRC, 900_000, 28));
        assertEquals(0, relay.delivered(bob), "not forwarded");
        assertEquals(1, relay.router.simulcastStats(0, 0).capNotifications());
        assertTrue(alice.member.caps.isFollowed());
        assertEquals(0, relay.router.simulcastStats(0, 0).capRequests(), "no media yet, so no selection round");
    }

    /**
     * One round as {@link LayerSelection} runs it, with the given receivers' estimates, each receiver
     * getting layer 0 of every sender.
     */
    private void round(List<Peer> receivers, long[] estimates, long now) {
        round(receivers, estimates, now, false);
    }

    private void round(List<Peer> receivers, long[] estimates, long now, boolean queueing) {
        Member[] members = relay.directory.members().toArray(new Member[0]);
        caps.beginRound(members);
        for (int r = 0; r < receivers.size(); r++) {
            Member receiver = receivers.get(r).member;
            LayerSelector.Candidate[] candidates = new LayerSelector.Candidate[members.length];
            Member[] senders = new Member[members.length];
            int count = 0;
            for (Member sender : members) {
                if (sender == receiver || sender.layerCount() < 2 && !receivers.isEmpty() && isReceiver(sender, receivers)) {
                    continue;
                }
                candidates[count] = new LayerSelector.Candidate().layers(sender.layerCount());
                for (int k = 0; k < sender.layerCount(); k++) {
                    candidates[count].layer(k, LayerBitrateCaps.cost(sender, k, ForwardedStream.NO_LAYER),
                            sender.layers.get(k).width(), sender.layers.get(k).height());
                }
                candidates[count].current(0);
                senders[count++] = sender;
            }
            LayerSelector.Candidate[] chosen = java.util.Arrays.copyOf(candidates, count);
            long total = new LayerSelector().select(Long.MAX_VALUE, chosen, count, true);  // every sender's layer 0
            caps.offer(estimates[r], queueing, candidates, senders, count, total);
        }
        caps.endRound(members, now);
    }

    private static boolean isReceiver(Member m, List<Peer> receivers) {
        return receivers.stream().anyMatch(p -> p.member == m);
    }
}
