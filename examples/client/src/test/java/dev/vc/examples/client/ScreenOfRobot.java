package dev.vc.examples.client;

import dev.vc.testing.WindowOnScreen;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;

/** The whole screen, read through a {@link Robot}, as {@link WindowOnScreen} reads it. */
final class ScreenOfRobot implements WindowOnScreen.Screen {
    private final Robot robot;
    private final Rectangle all = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());

    private ScreenOfRobot(Robot robot) {
        this.robot = robot;
    }

    static ScreenOfRobot of(Robot robot) {
        return new ScreenOfRobot(robot);
    }

    @Override
    public int width() {
        return all.width;
    }

    @Override
    public int height() {
        return all.height;
    }

    @Override
    public int[] capture() {
        return robot.createScreenCapture(all).getRGB(0, 0, all.width, all.height, null, 0, all.width);
    }
}
