package dev.vc.bench.netlab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The schedules and the parsing of the kernel's counters, without a kernel. */
class CapacityScheduleTest {
    @Test
    void shouldScaleRfc8867VariableCapacityToTheRun() {
        CapacitySchedule s = CapacitySchedule.rfc8867VariableCapacity(30);
        assertEquals(List.of(0L, 12_000L, 18_000L, 24_000L), s.steps().stream().map(CapacitySchedule.Step::atMillis).toList());
        assertEquals(1_000_000, s.bitsPerSecondAt(11_999));
        assertEquals(2_500_000, s.bitsPerSecondAt(12_000));
        assertEquals(600_000, s.bitsPerSecondAt(20_000));
        assertEquals(1_000_000, s.bitsPerSecondAt(29_000));
    }

    @Test
    void shouldParseSecondsAndKilobits() {
        CapacitySchedule s = CapacitySchedule.parse("0:1000, 2.5:600");
        assertEquals(600_000, s.bitsPerSecondAt(2_500));
        assertEquals("1000 -> 600 @2.5s kbit/s", s.describe());
        assertThrows(IllegalArgumentException.class, () -> CapacitySchedule.parse("1:1000"));
        assertThrows(IllegalArgumentException.class, () -> CapacitySchedule.parse("0:1000,0:600"));
    }

    @Test
    void shouldReadTheRootQdiscsCountersFromTcJson() throws Exception {
        String json = "[{\"kind\":\"tbf\",\"handle\":\"8002:\",\"root\":true,\"refcnt\":3,\"options\":{\"rate\":250000,"
                + "\"burst\":10240,\"lat\":50000},\"bytes\":123456,\"packets\":100,\"drops\":7,\"overlimits\":9,"
                + "\"requeues\":0,\"backlog\":3028,\"qlen\":2}]";
        assertEquals(new QdiscCounters(123_456, 100, 7, 3_028, 2), QdiscCounters.parse(json));
        assertThrows(java.io.IOException.class, () -> QdiscCounters.parse("[]"));
    }

    @Test
    void shouldGiveQueueingDelayAsBacklogOverRate() {
        TokenBucket bucket = new TokenBucket(2_000_000, 10_240, 300);
        assertEquals(100.0, bucket.queueDelayMillis(25_000), 1e-9);
        assertEquals(List.of("tbf", "rate", "2000000bit", "burst", "10240b", "latency", "300ms"), bucket.tbfArguments());
    }

    @Test
    void shouldRecogniseOnlyLabNames() {
        LabNames names = new LabNames(4242);
        assertEquals(4242, LabNames.ownerOfNamespace(names.edge(1)).getAsLong());
        assertEquals(4242, LabNames.ownerOfDevice("vn4242c1").getAsLong());
        assertEquals(false, LabNames.ownerOfNamespace("other").isPresent());
        assertEquals(false, LabNames.ownerOfDevice("veth0").isPresent());
        assertEquals(true, names.owns("vcnl-4242-core"));
        assertEquals(false, names.owns("vcnl-42420-core"));
    }
}
