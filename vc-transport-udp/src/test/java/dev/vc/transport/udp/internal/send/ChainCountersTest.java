package dev.vc.transport.udp.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainCountersTest {
    @Test
    void shouldReportNothingWhileNothingWasHeldBack() {
        assertTrue(new ChainCounters().dropsByReason().isEmpty());
    }

    @Test
    void shouldReportEveryReasonItCountedInItsOrder() {
        ChainCounters counters = new ChainCounters();
        counters.controlNotProtected();
        counters.controlNotProtected();
        counters.frameBeforeKeys();
        counters.packetNotProtected();
        counters.frameBeforeKeys();
        counters.frameBeforeKeys();

        Map<String, Long> drops = counters.dropsByReason();

        assertEquals(List.of("FRAME_BEFORE_KEYS", "MEDIA_NOT_PROTECTED", "CONTROL_NOT_PROTECTED"),
                List.copyOf(drops.keySet()));
        assertEquals(Map.of("FRAME_BEFORE_KEYS", 3L, "MEDIA_NOT_PROTECTED", 1L, "CONTROL_NOT_PROTECTED", 2L), drops);
    }

    @Test
    void shouldCountFramesWithoutALayer() {
        ChainCounters counters = new ChainCounters();
        counters.frameWithoutLayer();

        assertEquals(Map.of("FRAME_WITHOUT_LAYER", 1L), counters.dropsByReason());
    }
}
