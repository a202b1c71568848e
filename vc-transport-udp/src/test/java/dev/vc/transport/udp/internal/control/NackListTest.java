package dev.vc.transport.udp.internal.control;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NackListTest {
    private static final long RETRY = 20_000_000L;
    private final int[] out = new int[32];

    private int[] due(NackList list, long now) {
        return Arrays.copyOf(out, list.due(now, RETRY, out));
    }

    @Test
    void shouldAskAtOnceThenEveryRetryIntervalThreeTimesInAllThenGiveUp() {
        NackList list = new NackList();
        list.missing(65535);
        list.missing(0);
        assertEquals(List.of(65535, 0), Arrays.stream(due(list, 0)).boxed().toList());
        assertEquals(0, due(list, RETRY - 1).length, "not before the retry interval");
        assertEquals(2, due(list, RETRY).length);
        assertEquals(2, due(list, 2 * RETRY).length);
        assertEquals(0, due(list, 3 * RETRY).length, "three requests were made");
        assertEquals(0, list.size(), "given up");
    }

    @Test
    void shouldStopAskingForAPacketThatArrived() {
        NackList list = new NackList();
        list.missing(7);
        list.missing(8);
        due(list, 0);
        list.arrived(7);
        assertEquals(List.of(8), Arrays.stream(due(list, RETRY)).boxed().toList());
    }

    @Test
    void shouldForgetTheOldestWhenFull() {
        NackList list = new NackList();
        for (int s = 0; s < NackList.CAPACITY + 5; s++) {
            list.missing(s);
        }
        assertEquals(NackList.CAPACITY, list.size());
        int[] first = Arrays.copyOf(out, list.due(0, RETRY, out));
        assertEquals(5, first[0], "0..4 were forgotten");
    }

    /** Operations: 0..63 a sequence goes missing, 64..127 sequence (op - 64) arrives, 128..130 time passes. */
    @Property(tries = 300)
    void asksForEachMissingPacketAtMostThreeTimesNeverAfterItArrivedAndNeverSoonerThanTheRetry(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 130) Integer> operations) {
        NackList list = new NackList();
        long now = 0;
        Set<Integer> arrived = new HashSet<>();
        Map<Integer, Integer> asked = new HashMap<>();
        Map<Integer, Long> lastAsked = new HashMap<>();
        for (int op : operations) {
            if (op < 64) {
                list.missing(op);
                arrived.remove(op);
                asked.remove(op);
                lastAsked.remove(op);
            } else if (op < 128) {
                list.arrived(op - 64);
                arrived.add(op - 64);
            } else {
                now += (op - 127) * RETRY / 2;
            }
            for (int s : due(list, now)) {
                assertTrue(!arrived.contains(s), s + " arrived already");
                int n = asked.merge(s, 1, Integer::sum);
                assertTrue(n <= NackList.MAX_REQUESTS, s + " asked " + n + " times");
                Long last = lastAsked.put(s, now);
                assertTrue(last == null || now - last >= RETRY, "asked again too soon");
            }
            assertTrue(list.size() <= NackList.CAPACITY);
        }
    }
}
