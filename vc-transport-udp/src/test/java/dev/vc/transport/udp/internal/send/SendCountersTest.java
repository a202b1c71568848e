package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.internal.control.SenderReportCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendCountersTest {
    private static final int PAYLOAD = 1000;

    @Test
    @Timeout(60)
    void shouldGiveTheSenderReportAPacketCountAndOctetCountOfOneInstant() throws Exception {
        // The report timer reads while the send thread counts: each packet here carries PAYLOAD octets, so a
        // report whose octets are not PAYLOAD times its packets was torn (one in ~80 was, reading the two apart).
        SendCounters counters = new SendCounters();
        AtomicBoolean done = new AtomicBoolean();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 5_000_000; i++) {
                counters.packetSent(PAYLOAD + 28, PAYLOAD);
            }
            done.set(true);
        });
        sender.start();
        long torn = 0;
        long reads = 0;
        while (!done.get()) {
            long counts = counters.senderReportCounts();
            reads++;
            if (SenderReportCounts.octets(counts) != (SenderReportCounts.packets(counts) * PAYLOAD & 0xFFFF_FFFFL)) {
                torn++;
            }
        }
        sender.join();
        assertEquals(0, torn, "torn reads in " + reads);
        long last = counters.senderReportCounts();
        assertEquals(5_000_000, SenderReportCounts.packets(last));
        assertEquals(5_000_000L * PAYLOAD & 0xFFFF_FFFFL, SenderReportCounts.octets(last), "wraps as the field does");
        assertEquals(5_000_000L * PAYLOAD, counters.payloadBytesSent(), "the stats keep the whole count");
    }

    @Test
    void shouldPackBothCountsAsTheReportsUnsigned32BitFields() {
        long counts = SenderReportCounts.pack(0x1_FFFF_FFFFL, 0x3_8000_0001L);
        assertEquals(0xFFFF_FFFFL, SenderReportCounts.packets(counts));
        assertEquals(0x8000_0001L, SenderReportCounts.octets(counts));
        assertTrue(SenderReportCounts.packets(SenderReportCounts.pack(7, 0xFFFF_FFFFL)) == 7, "octets stay low");
    }
}
