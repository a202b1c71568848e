package dev.vc.codec.jpeg.internal;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} over a range of a caller's {@code byte[]}; one instance
 * is pointed at each frame in turn with {@link #reset(byte[], int)}, so reading allocates nothing. Past the
 * end it reports end of stream, which the JPEG reader turns into a truncation warning.
 */
final class ByteArrayImageInput extends ImageInputStreamImpl {
    private byte[] data = new byte[0];
    private int length;

    /**
     * @param bytes  the data
     * @param count  number of valid bytes from index 0
     */
    void reset(byte[] bytes, int count) {
        data = bytes;
        length = count;
        streamPos = 0;
        flushedPos = 0;
        bitOffset = 0;
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= length) {
            return -1;
        }
        int n = Math.min(len, length - (int) streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }
}
