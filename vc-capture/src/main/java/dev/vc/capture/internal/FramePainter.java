package dev.vc.capture.internal;

/**
 * Writes the synthetic picture of one frame slot straight into a frame buffer in one pixel format. The layering
 * (background, checker patch, then each shape) is the same for every format; subclasses paint each layer in
 * their own layout.
 */
abstract class FramePainter {
    final Scene scene;

    FramePainter(Scene scene) {
        this.scene = scene;
    }

    /**
     * @param tick the frame slot (drives all motion)
     * @param dst  a buffer of at least the format's size for the scene's dimensions
     */
    final void paint(long tick, byte[] dst) {
        paintBackground(tick, dst);
        paintChecker(tick, dst);
        for (MovingShape shape : scene.shapes) {
            if (shape.disc) {
                paintDisc(shape, tick, dst);
            } else {
                paintRectangle(shape, tick, dst);
            }
        }
    }

    abstract void paintBackground(long tick, byte[] dst);

    abstract void paintChecker(long tick, byte[] dst);

    abstract void paintRectangle(MovingShape shape, long tick, byte[] dst);

    abstract void paintDisc(MovingShape shape, long tick, byte[] dst);
}
