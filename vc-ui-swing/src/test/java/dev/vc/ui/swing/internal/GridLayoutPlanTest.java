package dev.vc.ui.swing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridLayoutPlanTest {
    @ParameterizedTest(name = "{0} tiles -> {1}x{2}")
    @CsvSource({"1,1,1", "2,2,1", "3,2,2", "4,2,2", "5,3,2", "6,3,2", "7,3,3", "8,3,3", "9,3,3",
            "10,4,3", "11,4,3", "12,4,3", "13,4,4", "16,4,4", "17,5,4", "20,5,4", "21,5,5", "64,8,8"})
    void shouldUseTheGridOfTheOriginalSystem(int tiles, int columns, int rows) {
        GridLayoutPlan plan = GridLayoutPlan.of(tiles, 1280, 720);
        assertEquals(columns, plan.columns());
        assertEquals(rows, plan.rows());
        assertEquals(tiles, plan.size());
    }

    @Property
    void tilesLieInsideDoNotOverlapAndKeepFourByThree(@ForAll @IntRange(min = 1, max = 16) int tiles,
            @ForAll @IntRange(min = 64, max = 3840) int width, @ForAll @IntRange(min = 48, max = 2160) int height) {
        GridLayoutPlan plan = GridLayoutPlan.of(tiles, width, height);
        Rectangle container = new Rectangle(0, 0, width, height);
        int columns = (int) Math.ceil(Math.sqrt(tiles));
        assertEquals(columns, plan.columns());
        assertEquals((tiles + columns - 1) / columns, plan.rows());
        assertEquals(tiles, plan.size());
        for (int i = 0; i < tiles; i++) {
            Rectangle video = plan.video(i);
            Rectangle cell = plan.cell(i);
            assertTrue(container.contains(cell), () -> cell + " outside " + container);
            assertTrue(cell.contains(video), () -> video + " outside its cell " + cell);
            assertTrue(video.width > 0 && video.height > 0, () -> "empty tile " + video);
            assertTrue(Math.abs(video.height - video.width * 3.0 / 4) <= 1
                    || Math.abs(video.width - video.height * 4.0 / 3) <= 1, () -> video + " is not 4:3");
            for (int j = i + 1; j < tiles; j++) {
                Rectangle other = plan.cell(j);
                assertFalse(cell.intersects(other), cell + " overlaps " + other);
            }
        }
    }

    @Property
    void aTileFillsItsCellInOneDirection(@ForAll @IntRange(min = 1, max = 16) int tiles,
            @ForAll @IntRange(min = 64, max = 3840) int width, @ForAll @IntRange(min = 48, max = 2160) int height) {
        GridLayoutPlan plan = GridLayoutPlan.of(tiles, width, height);
        for (int i = 0; i < tiles; i++) {
            Rectangle cell = plan.cell(i);
            Rectangle video = plan.video(i);
            int slackX = cell.width - video.width;
            int slackY = cell.height - video.height;
            // Letterboxed, not shrunk: in one direction only the margins (and rounding) are left.
            assertTrue(Math.min(slackX, slackY) <= 2 * GridLayoutPlan.MARGIN + 1, () -> video + " in " + cell);
        }
    }

    @Test
    void shouldCentreAShortLastRow() {
        GridLayoutPlan plan = GridLayoutPlan.of(3, 1280, 720);
        Rectangle last = plan.cell(2);
        assertEquals(320, last.x);
        assertEquals(640, last.width);
    }

    @Test
    void shouldPlanNothingForNoTilesAndRejectNegativeInput() {
        assertEquals(0, GridLayoutPlan.of(0, 100, 100).size());
        assertThrows(IllegalArgumentException.class, () -> GridLayoutPlan.of(-1, 100, 100));
        assertThrows(IllegalArgumentException.class, () -> GridLayoutPlan.of(1, -1, 100));
    }
}
