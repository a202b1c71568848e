package dev.vc.capture.internal;

/** Writes the synthetic picture of one frame slot straight into a frame buffer in one pixel format. */
interface FramePainter {
    /**
     * @param tick the frame slot (drives all motion)
     * @param dst  a buffer of at least the format's size for the scene's dimensions
     */
    void paint(long tick, byte[] dst);
}
