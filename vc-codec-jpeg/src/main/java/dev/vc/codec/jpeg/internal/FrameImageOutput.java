package dev.vc.codec.jpeg.internal;

import dev.vc.api.EncodedFrame;
import javax.imageio.stream.ImageOutputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageOutputStream} that writes straight into an {@link EncodedFrame}'s
 * buffer, growing it through {@link EncodedFrame#ensureCapacity}. One instance serves every frame:
 * {@link #begin} rewinds it onto a frame, {@link #finish} sets the frame's length.
 */
final class FrameImageOutput extends ImageOutputStreamImpl {
    private EncodedFrame target;
    private byte[] buffer = new byte[0];
    private int length;

    /**
     * Rewinds the stream onto {@code frame}, discarding whatever it held.
     *
     * @param frame the frame to fill
     */
    void begin(EncodedFrame frame) {
        target = frame;
        buffer = frame.data();
        length = 0;
        streamPos = 0;
        flushedPos = 0;
        bitOffset = 0;
    }

    /**
     * Sets the frame's length to the bytes written since {@link #begin}.
     *
     * @return the number of bytes written
     */
    int finish() {
        target.length(length);
        target = null;
        return length;
    }

    private void ensure(long end) {
        if (end > Integer.MAX_VALUE - 16) {
            throw new IndexOutOfBoundsException("JPEG output larger than 2 GiB");
        }
        if (end > buffer.length) {
            buffer = target.ensureCapacity((int) end);
        }
    }

    @Override
    public void write(int b) {
        flushBitsQuietly();
        ensure(streamPos + 1);
        buffer[(int) streamPos++] = (byte) b;
        length = Math.max(length, (int) streamPos);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        flushBitsQuietly();
        ensure(streamPos + len);
        System.arraycopy(b, off, buffer, (int) streamPos, len);
        streamPos += len;
        length = Math.max(length, (int) streamPos);
    }

    private void flushBitsQuietly() {
        if (bitOffset != 0) {
            try {
                flushBits();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        return buffer[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        int n = Math.min(len, length - (int) streamPos);
        System.arraycopy(buffer, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }
}
