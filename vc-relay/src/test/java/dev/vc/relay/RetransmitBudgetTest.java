package dev.vc.relay;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retransmission budget follows the receiver's downlink estimate, with a floor (issue #17). */
class RetransmitBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldBeAShareOfTheEstimateAndNeverBelowTheFloor() {
        RetransmitBudget budget = new RetransmitBudget(20, 64_000, 0);
        assertEquals(200_000, budget.rateBps(), "before any estimate: a share of the estimator's start");
        assertEquals(2_000_000, budget.rateFor(10_000_000));
        assertEquals(64_000, budget.rateFor(100_000), "the floor");
    }

    @Test
    void shouldResendNoMoreThanItsShareOfAWeakDownlinkOverTime() {
        RetransmitBudget budget = new RetransmitBudget(20, 64_000, 0);
        long estimate = 500_000;                                 // a weak receiver: 100 kbit/s of retransmissions
        long sentBits = 0;
        for (long t = 0; t < 10 * SECOND; t += SECOND / 100) {   // it asks for 1,200-byte packets 100 times a second
            if (budget.tryConsume(1_200, estimate, t)) {
                sentBits += 1_200 * 8;
            }
        }
        assertEquals(100_000, budget.rateBps());
        assertTrue(sentBits <= 100_000 * 10 + 200_000 / 2, "within the rate plus the first burst: " + sentBits);
        assertTrue(sentBits >= 100_000 * 9, "and it gets that much: " + sentBits);
    }

    @Test
    void shouldFollowTheEstimateWhenItDrops() {
        RetransmitBudget budget = new RetransmitBudget(25, 64_000, 0);
        assertTrue(budget.tryConsume(1_000, 8_000_000, SECOND));    // 2 Mbit/s: a full burst of 1 Mbit
        long later = 2 * SECOND;
        int granted = 0;
        for (int i = 0; i < 100; i++) {
            if (budget.tryConsume(1_000, 256_000, later)) {         // the estimate fell to 256 kbit/s: 64 kbit/s
                granted++;
            }
        }
        assertEquals(64_000, budget.rateBps());
        assertEquals(4, granted, "the burst shrank with the rate: 32 kbit, four 8-kbit packets");
        assertFalse(budget.tryConsume(1_000, 256_000, later));
    }
}
