package dev.vc.relay.layers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sender's layer caps from its receivers' budgets, and when a cap is sent: no clock, no sockets. */
class LayerCapsTest {
    private static final long S = 1_000_000_000L;
    /** 640x480 up to 2.5 Mbit/s and 320x240 up to 625 kbit/s: floors 400 and 100 kbit/s. */
    private LayerCaps caps;

    @BeforeEach
    void twoLayers() {
        caps = new LayerCaps(new int[] {2_500_000, 625_000}, new int[] {640, 320}, new int[] {480, 240});
    }

    @Test
    void shouldNotCapALayerForOneWeakReceiverAmongStrongOnes() {
        caps.offer(0, 5_000_000);
        caps.offer(0, 450_000);                     // weak: the selector moves it down, the strong keep the layer
        assertEquals(LayerCaps.NO_CAP, caps.cap(0));
        assertEquals(LayerCaps.NO_CAP, caps.due(0, 0), "the first round asks whether the sender follows caps");
        assertEquals(LayerCaps.NOTHING_DUE, caps.due(0, S / 4));
        assertEquals(LayerCaps.NOTHING_DUE, caps.due(0, 10 * S), "never capped: the lifting is not repeated");
    }

    @Test
    void shouldFollowTheBudgetOfTheOnlyReceiverDownToTheFloor() {
        caps.due(0, -S);                            // the first round's lifting
        caps.offer(0, 900_000);
        assertEquals(900_000, caps.cap(0));
        assertEquals(900_000, caps.due(0, 0));
        assertEquals(900_000, caps.inForce(0));
        caps.beginRound();
        caps.offer(0, 120_000);
        assertEquals(400_000, caps.cap(0), "never below the layer's floor (1.3 bit/s per pixel)");
        caps.beginRound();
        caps.offer(0, 1_400_000);
        caps.offer(0, 1_000_000);
        assertEquals(1_400_000, caps.cap(0), "the strongest receiver of the layer sets it");
    }

    @Test
    void shouldLiftTheCapWhenTheReceiversLeaveOrCanTakeTheStatedRate() {
        caps.due(1, -S);
        caps.offer(1, 300_000);
        assertEquals(300_000, caps.due(1, 0));
        caps.beginRound();                          // nobody offers: the only receiver left
        assertEquals(LayerCaps.NO_CAP, caps.cap(1));
        assertEquals(LayerCaps.NOTHING_DUE, caps.due(1, S / 4), "a rise waits two seconds after the last change");
        assertEquals(LayerCaps.NO_CAP, caps.due(1, LayerCaps.RAISE_INTERVAL_NANOS), "lifted");
        caps.beginRound();
        caps.offer(1, 300_000);
        assertEquals(300_000, caps.due(1, 5 * S / 2), "a fall is sent at once");
        caps.beginRound();
        caps.offer(1, 700_000);                     // above the layer's 625 kbit/s
        assertEquals(LayerCaps.NOTHING_DUE, caps.due(1, 3 * S));
        assertEquals(LayerCaps.NO_CAP, caps.due(1, 5 * S / 2 + LayerCaps.RAISE_INTERVAL_NANOS));
    }

    @Test
    void shouldSendAFallAboveTenPercentAtOnceARiseTwoSecondsAfterTheLastChangeAndRefreshTheRest() {
        caps.due(0, -S);
        caps.offer(0, 1_000_000);
        assertEquals(1_000_000, caps.due(0, 0));
        caps.beginRound();
        caps.offer(0, 1_080_000);
        assertEquals(LayerCaps.NOTHING_DUE, caps.due(0, S / 4), "8 %: kept");
        caps.beginRound();
        caps.offer(0, 850_000);
        assertEquals(850_000, caps.due(0, S / 2), "15 % down: sent at once");
        caps.beginRound();
        caps.offer(0, 1_000_000);
        assertEquals(LayerCaps.NOTHING_DUE, caps.due(0, S), "18 % up: held two seconds after the last change");
        assertEquals(850_000, caps.due(0, S / 2 + LayerCaps.REFRESH_NANOS), "meanwhile what holds is repeated");
        assertEquals(1_000_000, caps.due(0, S / 2 + LayerCaps.RAISE_INTERVAL_NANOS), "then raised");
        caps.beginRound();
        assertEquals(LayerCaps.NOTHING_DUE, caps.due(0, 3 * S), "lifted at most two seconds after the raise");
        long lifted = 5 * S / 2 + LayerCaps.RAISE_INTERVAL_NANOS;
        assertEquals(LayerCaps.NO_CAP, caps.due(0, lifted));
        assertEquals(LayerCaps.NOTHING_DUE, caps.due(0, lifted + S / 4));
        assertEquals(LayerCaps.NO_CAP, caps.due(0, lifted + LayerCaps.REFRESH_NANOS), "a lifting is repeated too");
    }

    @Test
    void shouldLetAnExclusiveLayerCostItsFloorOnceTheSenderFollowsCaps() {
        caps.countReceiver(0);                      // one receiver set to get layer 0
        assertTrue(caps.exclusive(0, 0), "only the asking receiver gets it");
        assertFalse(caps.exclusive(0, 1), "another receiver gets it");
        assertEquals(2_300_000, caps.cost(0, 0, 2_300_000), "the sender never answered a cap: measured");
        caps.followed();
        assertEquals(400_000, caps.cost(0, 0, 2_300_000), "capped to this receiver's budget: the floor is its cost");
        assertEquals(2_300_000, caps.cost(0, 1, 2_300_000), "shared with another receiver: measured");
        assertEquals(300_000, caps.cost(0, 0, 300_000), "already below the floor: measured");
        caps.countReceiver(0);
        assertFalse(caps.exclusive(0, 0), "two receivers");
    }

    @Test
    void shouldTakeAnUnstatedLayerAsUncappedAtAnyRate() {
        LayerCaps legacy = new LayerCaps(new int[] {0}, new int[] {0}, new int[] {0});
        legacy.offer(0, 50_000_000);
        assertEquals(50_000_000, legacy.cap(0));
        assertEquals(LayerCaps.MIN_FLOOR_BPS, legacy.floorBps(0));
    }
}
