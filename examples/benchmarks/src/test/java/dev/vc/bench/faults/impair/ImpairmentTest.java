package dev.vc.bench.faults.impair;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scenario specs. */
class ImpairmentTest {
    @Test
    void shouldParseEachTermAndTheirCombinations() {
        assertTrue(Impairment.parse("none").isNone());
        assertEquals(new Impairment(5, 1, 0, 3, 0, 0, 0), Impairment.parse("random:5"));
        assertEquals(new Impairment(5, 3, 0, 3, 0, 0, 0), Impairment.parse("bursty:5"));
        assertEquals(new Impairment(5, 4, 0, 3, 0, 0, 0), Impairment.parse("bursty:5:4"));
        assertEquals(new Impairment(0, 1, 5, 3, 0, 0, 0), Impairment.parse("reorder:5"));
        assertEquals(new Impairment(0, 1, 5, 2, 0, 0, 0), Impairment.parse("reorder:5:2"));
        assertEquals(new Impairment(0, 1, 0, 3, 1.5, 0, 0), Impairment.parse("duplicate:1.5"));
        assertEquals(new Impairment(2, 1, 5, 3, 1, 0, 0), Impairment.parse(" Random:2 + reorder:5+duplicate:1 "));
        assertEquals(new Impairment(0, 1, 0, 3, 0, 50, 0), Impairment.parse("delay:50"));
        assertEquals(new Impairment(0, 1, 0, 3, 0, 50, 10), Impairment.parse("delay:50:10"));
        assertEquals(new Impairment(1, 1, 0, 3, 0, 50, 0), Impairment.parse("delay:50+random:1"));
        assertFalse(Impairment.parse("delay:1").isNone());
    }

    @Test
    void shouldMakeTheLossModelTheSpecNames() {
        SplittableRandom random = new SplittableRandom(1);
        assertSame(LossModel.NONE, Impairment.parse("none").newLossModel(random));
        assertInstanceOf(BernoulliLoss.class, Impairment.parse("random:5").newLossModel(random));
        assertInstanceOf(GilbertElliottLoss.class, Impairment.parse("bursty:5").newLossModel(random));
    }

    @Test
    void shouldWriteASpecThatParsesBackToTheSameImpairment() {
        for (String spec : new String[] {"none", "random:5", "bursty:5:4", "reorder:5:2", "duplicate:1.5", "delay:50",
                "delay:50:10", "random:1+delay:50", "bursty:2.5:3+reorder:5:3+duplicate:1+delay:20:5"}) {
            Impairment impairment = Impairment.parse(spec);
            assertEquals(impairment, Impairment.parse(impairment.spec()), spec);
        }
        assertEquals("random:1+delay:50", Impairment.parse("delay:50+random:1").spec());
        assertEquals("none", Impairment.NONE.spec());
    }

    @Test
    void shouldSizeTheDelayLineFromTheDelayAndTheHighestRate() {
        assertEquals(0, Impairment.parse("random:5").delayLinePackets());
        assertEquals(50 * Impairment.DELAY_LINE_PACKETS_PER_SECOND / 1000, Impairment.parse("delay:50").delayLinePackets());
        assertEquals(60 * Impairment.DELAY_LINE_PACKETS_PER_SECOND / 1000,
                Impairment.parse("delay:50:10").delayLinePackets());
    }

    @Test
    void shouldRejectWhatItCannotDo() {
        for (String bad : new String[] {"random", "random:x", "jitter:5", "random:100", "random:-1", "reorder:5:0",
                "reorder:5:65", "duplicate:101", "bursty:90:2", "random:5:2", "none:1", "delay:-1",
                "delay:5:-1", "delay:900:200", "delay:1001", "delay:5:1:1", "delay", ""}) {
            assertThrows(ConfigException.class, () -> Impairment.parse(bad), bad);
        }
    }
}
