package dev.vc.examples.client;

import dev.vc.testing.WindowOnScreen;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;

/** Where a window is on the screen, read through a {@link Robot} ({@link WindowOnScreen}). */
final class WindowPlace {
    private WindowPlace() {
    }

    /** @return {@code {x, y, width, height}} of the settled window of that size */
    static int[] of(Robot robot, int width, int height) throws InterruptedException {
        Rectangle all = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        return WindowOnScreen.locate(all.width, all.height,
                () -> robot.createScreenCapture(all).getRGB(0, 0, all.width, all.height, null, 0, all.width),
                width, height, 5_000);
    }
}
