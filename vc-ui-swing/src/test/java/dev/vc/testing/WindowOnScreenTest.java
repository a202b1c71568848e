package dev.vc.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WindowOnScreenTest {
    private static final int W = 40;
    private static final int H = 30;

    @Test
    void shouldBoxEveryPixelThatIsNotBlack() {
        int[] screen = new int[W * H];
        screen[5 * W + 7] = 0x18181c;
        screen[20 * W + 31] = 0xff000001;   // alpha ignored, blue 1 is not black
        assertArrayEquals(new int[] {7, 5, 25, 16}, WindowOnScreen.boxAroundNonBlack(screen, W, H));
        assertNull(WindowOnScreen.boxAroundNonBlack(new int[W * H], W, H));
        int[] alphaOnly = {0xff000000};
        assertNull(WindowOnScreen.boxAroundNonBlack(alphaOnly, 1, 1));
    }

    @Test
    void shouldReturnThePlaceTwoCapturesAgreeOn() throws InterruptedException {
        AtomicInteger captures = new AtomicInteger();
        // Read first at (0, 0), then at (10, 8) after a late move; 4x3 window.
        Supplier<int[]> moving = () -> captures.incrementAndGet() == 1 ? window(0, 0) : window(10, 8);
        assertArrayEquals(new int[] {10, 8, 4, 3}, WindowOnScreen.locate(W, H, moving, 4, 3, 5_000));
        assertEquals(3, captures.get(), "settled when two captures agreed");
    }

    @Test
    void shouldFailWithTheLastBoxWhenNoWindowOfThatSizeSettles() {
        Supplier<int[]> wrongSize = () -> window(1, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WindowOnScreen.locate(W, H, wrongSize, 5, 3, 500));
        assertTrue(e.getMessage().contains("[1, 1, 4, 3]"), e.getMessage());
    }

    private static int[] window(int x, int y) {
        int[] screen = new int[W * H];
        for (int row = y; row < y + 3; row++) {
            for (int col = x; col < x + 4; col++) {
                screen[row * W + col] = 0xeeeeee;
            }
        }
        return screen;
    }
}
