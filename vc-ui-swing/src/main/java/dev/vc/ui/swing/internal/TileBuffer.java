package dev.vc.ui.swing.internal;

import dev.vc.api.PixelConversion;
import dev.vc.api.VideoFrame;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * One stream's pictures: a triple buffer of images between the thread that delivers frames and the event
 * dispatch thread that paints them. The newest frame wins.
 *
 * <p>The writer converts each frame straight into the raster of the image it owns ({@link #write}): BGRX32 (what
 * the {@code h264} decoder delivers with {@code vc.decoder.output=bgrx32}) is one copy into a
 * {@code TYPE_INT_RGB} image, whose pixels a 24-bit screen takes as they are; I420 (the self view) is one pass of
 * {@link PixelConversion#i420ToIntRgb} into one too; BGR24 (the {@code jpeg} decoder) is one array copy into a
 * {@code TYPE_3BYTE_BGR} image, which Java2D converts when it paints. Then, under a lock held only for three reference
 * assignments, swaps it with the "ready" image. The painter takes the ready image in exchange for the one it
 * showed ({@link #acquire}) if a newer frame has arrived. A frame that arrives before the previous one was
 * painted replaces it; the writer never waits for painting and the painter never sees a half-written image.
 * Images are reused and re-created only when the frame size changes.
 *
 * <pre>{@code
 * buffer.write(frame, System.nanoTime());        // any thread, during Renderer.onFrame
 * Picture picture = buffer.acquire();             // EDT, in paintComponent
 * if (picture.image() != null) g.drawImage(picture.image(), x, y, w, h, null);
 * }</pre>
 */
public final class TileBuffer {
    /** One of the three images, with its raster's backing array. */
    public static final class Picture {
        private BufferedImage image;
        private byte[] bytes;
        private int[] ints;
        private long sequence;

        /** @return the image, {@code null} until a frame was written into this slot */
        public BufferedImage image() {
            return image;
        }

        /** @return the sequence number of the frame it holds */
        public long sequence() {
            return sequence;
        }

        private void ensure(int width, int height, int type) {
            if (image == null || image.getWidth() != width || image.getHeight() != height || image.getType() != type) {
                image = new BufferedImage(width, height, type);
                DataBuffer buffer = image.getRaster().getDataBuffer();
                bytes = buffer instanceof DataBufferByte b ? b.getData() : null;
                ints = buffer instanceof DataBufferInt i ? i.getData() : null;
            }
        }
    }

    private final Object writeLock = new Object();   // serialises writers of the same stream
    private final Object swapLock = new Object();    // guards the three references and the counters
    private Picture writing = new Picture();
    private Picture ready = new Picture();
    private Picture showing = new Picture();
    private boolean fresh;
    private long frames;
    private long lastFrameNanos;
    /** Writer only: little-endian int view of the last BGRX32 frame's array (a decoder reuses its array). */
    private byte[] viewed;
    private IntBuffer view;

    // Copies taken by acquire(), read by the painter only.
    private long seenFrames;
    private long seenLastFrameNanos;

    /**
     * @param createdNanos the time the stream appeared; staleness counts from here until the first frame
     */
    public TileBuffer(long createdNanos) {
        this.lastFrameNanos = createdNanos;
        this.seenLastFrameNanos = createdNanos;
    }

    /**
     * Copies a frame in. Called by the thread that delivers frames; does not wait for painting.
     *
     * @param frame    the frame, read only during this call
     * @param nowNanos arrival time
     */
    public void write(VideoFrame frame, long nowNanos) {
        synchronized (writeLock) {
            Picture target = writing;
            int width = frame.width();
            int height = frame.height();
            switch (frame.format()) {
                case BGR24:
                    target.ensure(width, height, BufferedImage.TYPE_3BYTE_BGR);
                    System.arraycopy(frame.data(), 0, target.bytes, 0, width * height * 3);
                    break;
                case BGRX32:
                    target.ensure(width, height, BufferedImage.TYPE_INT_RGB);
                    if (viewed != frame.data()) {
                        viewed = frame.data();
                        view = ByteBuffer.wrap(viewed).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
                    }
                    view.get(0, target.ints, 0, width * height);
                    break;
                case I420:
                    target.ensure(width, height, BufferedImage.TYPE_INT_RGB);
                    PixelConversion.i420ToIntRgb(frame.data(), width, height, target.ints);
                    break;
                default:
                    throw new IllegalArgumentException("unsupported pixel format " + frame.format());
            }
            target.sequence = frame.sequence();
            synchronized (swapLock) {
                writing = ready;
                ready = target;
                fresh = true;
                frames++;
                lastFrameNanos = nowNanos;
            }
        }
    }

    /**
     * Takes the newest complete picture for painting. Event dispatch thread (or one painter thread) only;
     * the result stays valid until the next call.
     *
     * @return the picture to paint; its image is {@code null} before the first frame
     */
    public Picture acquire() {
        synchronized (swapLock) {
            if (fresh) {
                Picture shown = showing;
                showing = ready;
                ready = shown;
                fresh = false;
            }
            seenFrames = frames;
            seenLastFrameNanos = lastFrameNanos;
            return showing;
        }
    }

    /** @return frames written, as of the last {@link #acquire} */
    public long framesSeen() {
        return seenFrames;
    }

    /** @return arrival time of the newest frame (or creation time), as of the last {@link #acquire} */
    public long lastFrameNanosSeen() {
        return seenLastFrameNanos;
    }

    /** @return frames written so far; any thread */
    public long framesWritten() {
        synchronized (swapLock) {
            return frames;
        }
    }

    /** @return arrival time of the newest frame written (or creation time); any thread */
    public long lastFrameNanos() {
        synchronized (swapLock) {
            return lastFrameNanos;
        }
    }
}
