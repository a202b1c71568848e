package dev.vc.transport.udp.cc;

import dev.vc.transport.udp.MalformedPacketException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feedback from a confused or hostile peer cannot push the estimator outside its limits or break it. */
class SendSideBandwidthEstimatorRobustnessTest {
    private static final BitrateLimits LIMITS = new BitrateLimits(100_000, 1_000_000, 3_000_000);

    @Property(tries = 300)
    void staysWithinItsLimitsWhateverFeedbackSays(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 65535) Integer> bases,
            @ForAll long seed) {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(LIMITS, 1024);
        Random random = new Random(seed);
        TransportFeedbackWriter writer = new TransportFeedbackWriter(1200);
        byte[] out = new byte[1200];
        long now = 0;
        int sent = random.nextInt(65536);
        for (int base : bases) {
            for (int i = 0; i < 20; i++) {
                estimator.onPacketSent(sent, now, 1200);
                sent = (sent + 1) & 0xFFFF;
                now += 1_000 + random.nextInt(5_000);
            }
            // Feedback about random sequence numbers, with random (even backwards) arrival times.
            long arrival = random.nextLong() >>> 20;
            writer.begin(1, 2, base, arrival, random.nextInt(256));
            int s = base;
            for (int k = 0; k < 1 + random.nextInt(100); k++) {
                s = (s + 1 + random.nextInt(3)) & 0xFFFF;
                arrival += random.nextInt(200_000) - 50_000;
                if (!writer.addReceived(s, arrival)) {
                    break;
                }
            }
            if (writer.statusCount() == 0) {
                continue;
            }
            int length = writer.write(out, 0);
            if (random.nextInt(4) == 0) {
                out[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));   // and some corrupted
            }
            try {
                estimator.onFeedback(out, 0, length, now);
            } catch (MalformedPacketException expected) {
                // counted and dropped by the caller
            }
            long target = estimator.targetBitrateBps();
            assertTrue(target >= LIMITS.minBps() && target <= LIMITS.maxBps(), "target " + target);
        }
    }
}
