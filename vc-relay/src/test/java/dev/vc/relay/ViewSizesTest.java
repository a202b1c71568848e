package dev.vc.relay;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A receiver's view sizes: kept per room-mate, replaced, forgotten, bounded. */
class ViewSizesTest {
    @Test
    void shouldKeepTheLastSizeStatedForEachParticipant() {
        ViewSizes sizes = new ViewSizes(3);
        assertEquals(ViewSizes.UNKNOWN, sizes.get(7));
        assertTrue(sizes.put(7, 640, 480));
        assertTrue(sizes.put(9, 0, 0));
        assertTrue(sizes.put(7, 65_535, 65_535));
        long size = sizes.get(7);
        assertEquals(65_535, ViewSizes.width(size));
        assertEquals(65_535, ViewSizes.height(size));
        assertEquals(0, ViewSizes.width(sizes.get(9)), "0 x 0: not shown");
        assertEquals(2, sizes.size());
        sizes.forget(7);
        assertEquals(ViewSizes.UNKNOWN, sizes.get(7));
        assertEquals(0, sizes.get(9));
    }

    @Test
    void shouldRefuseNewIdsBeyondItsCapacity() {
        ViewSizes sizes = new ViewSizes(2);
        assertTrue(sizes.put(1, 10, 10));
        assertTrue(sizes.put(2, 10, 10));
        assertFalse(sizes.put(3, 10, 10));
        assertTrue(sizes.put(2, 20, 20), "a known id may still change");
        assertEquals(2, sizes.size());
    }
}
