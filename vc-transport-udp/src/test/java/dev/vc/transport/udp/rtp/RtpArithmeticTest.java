package dev.vc.transport.udp.rtp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtpArithmeticTest {
    @Test
    void shouldWrapSequenceAt65535() {
        assertEquals(0, RtpSequence.next(65535));
        assertEquals(1, RtpSequence.add(65534, 3));
        assertEquals(65534, RtpSequence.add(1, -3));
        assertEquals(4, RtpSequence.distance(65534, 2));
        assertEquals(-4, RtpSequence.distance(2, 65534));
        assertTrue(RtpSequence.isNewer(2, 65534));
        assertFalse(RtpSequence.isNewer(65534, 2));
        assertFalse(RtpSequence.isNewer(7, 7));
        assertEquals(-32768, RtpSequence.distance(0, 32768));
        assertEquals(32767, RtpSequence.distance(0, 32767));
    }

    @Test
    void shouldCompareTimestampsAcrossTheWrap() {
        int beforeWrap = 0xFFFF_FF00;
        int afterWrap = beforeWrap + 3000;
        assertTrue(Integer.compareUnsigned(afterWrap, beforeWrap) < 0, "the raw value did wrap");
        assertTrue(RtpTimestamp.isNewer(afterWrap, beforeWrap));
        assertFalse(RtpTimestamp.isNewer(beforeWrap, afterWrap));
        assertEquals(3000, RtpTimestamp.distance(beforeWrap, afterWrap));
    }

    @Test
    void shouldTick90000TimesPerSecond() {
        long t = 1_700_000_000_000_000_000L;
        assertEquals(90_000, RtpTimestamp.fromNanos(t + 1_000_000_000L, 0) - RtpTimestamp.fromNanos(t, 0));
        assertEquals(3000, RtpTimestamp.fromNanos(t + 33_333_334L, 0) - RtpTimestamp.fromNanos(t, 0));
        assertEquals(RtpTimestamp.fromNanos(t, 0) + 17, RtpTimestamp.fromNanos(t, 17));
        assertEquals(0, RtpTimestamp.fromNanos(0, 0));
        assertEquals(-9, RtpTimestamp.fromNanos(-100_000L, 0));
    }

    @Test
    void shouldPutTheUnixEpochAt2208988800NtpSeconds() {
        assertEquals(2_208_988_800L << 32, NtpTime.fromEpochNanos(0));
        assertEquals((2_208_988_800L << 32) | 0x8000_0000L, NtpTime.fromEpochNanos(500_000_000L));
        assertEquals(0, NtpTime.toEpochNanos(2_208_988_800L << 32));
    }

    @Test
    void shouldReadNtpTimesAfter2036InTheNextEra() {
        long after2036 = 2_085_978_496_000_000_000L + 1_000_000_000L; // 2036-02-07T06:28:17Z
        long ntp = NtpTime.fromEpochNanos(after2036);
        assertEquals(1L << 32, ntp, "one second into era 1");
        assertEquals(after2036, NtpTime.toEpochNanos(ntp));
    }
}
