package dev.vc.examples.client;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The status line names drops as a person reads them, not as enum constants. */
class ClientStatusTest {
    @Test
    void shouldSpellReasonsOutInOrder() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("FRAME_BEFORE_KEYS", 3L);
        counts.put("srtp_replayed", 1L);
        assertEquals("frame before keys 3, srtp replayed 1", ClientStatus.reasons(counts));
        assertEquals("", ClientStatus.reasons(Map.of()));
    }
}
