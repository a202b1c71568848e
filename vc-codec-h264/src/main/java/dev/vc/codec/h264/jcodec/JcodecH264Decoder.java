package dev.vc.codec.h264.jcodec;

import dev.vc.api.CodecException;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.common.model.Rect;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;

/**
 * H.264 in pure Java with jcodec 0.2.5's decoder (Baseline and Main CAVLC/CABAC, progressive 8-bit 4:2:0).
 *
 * <p>Made safe for untrusted input:
 * <ul>
 *   <li><b>Single-threaded.</b> jcodec's decoder creates a thread pool when the machine has more than one CPU;
 *       it is shut down right away and the decoder switched to its single-threaded path (jcodec is an
 *       automatic module, so its fields are open to reflection). Should that fail, the pool's threads are
 *       daemons, only start for multi-slice pictures, and are shut down by {@link #close()}.</li>
 *   <li><b>Input checked first.</b> {@link JcodecInputGuard} rejects parameter sets jcodec would choke on or
 *       allocate without bound, and slice headers that would make it loop forever.</li>
 *   <li><b>Failures contained.</b> Any exception inside jcodec becomes a {@link CodecException}; after an
 *       {@link Error} (stack or heap exhausted by a crafted stream) the decoder is rebuilt and waits for the next
 *       keyframe.</li>
 * </ul>
 * The input is copied into a reused buffer first, since jcodec unescapes NAL units in place.
 */
final class JcodecH264Decoder implements Decoder {
    private static final int MAX_SIDE = 8192;

    private final JcodecInputGuard guard = new JcodecInputGuard();
    private H264Decoder decoder;
    private ExecutorService pool;
    private byte[] input = new byte[64 * 1024];
    private byte[][] planes = new byte[0][];
    private int planeCapacity;
    private boolean closed;

    JcodecH264Decoder() {
        JcodecLogging.install();
        decoder = newDecoder();
    }

    private H264Decoder newDecoder() {
        H264Decoder d = new H264Decoder();
        pool = singleThreaded(d);
        return d;
    }

    /**
     * Turns off jcodec's slice threading and shuts its pool down.
     *
     * @return the pool if it could not be reached (to shut down on close), else null
     */
    private static ExecutorService singleThreaded(H264Decoder d) {
        try {
            Field threaded = H264Decoder.class.getDeclaredField("threaded");
            Field tp = H264Decoder.class.getDeclaredField("tp");
            threaded.setAccessible(true);
            tp.setAccessible(true);
            threaded.setBoolean(d, false);
            ExecutorService service = (ExecutorService) tp.get(d);
            if (service != null) {
                service.shutdownNow();
                tp.set(d, null);
            }
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                Field tp = H264Decoder.class.getDeclaredField("tp");
                tp.setAccessible(true);
                return (ExecutorService) tp.get(d);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                return null;
            }
        }
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.H264;
    }

    @Override
    public boolean decode(EncodedFrame frame, VideoFrame out) {
        if (closed) {
            throw new CodecException("decoder is closed");
        }
        int length = frame.length();
        if (length == 0) {
            return false;
        }
        if (input.length < length) {
            input = new byte[Math.max(length, input.length * 2)];
        }
        System.arraycopy(frame.data(), 0, input, 0, length);
        JcodecInputGuard.Verdict verdict = guard.check(input, length);
        if (verdict != JcodecInputGuard.Verdict.DECODE) {
            return false;
        }
        int mbs = guard.largestMbs();
        if (mbs > planeCapacity) {
            planes = new byte[][] {new byte[mbs * 256], new byte[mbs * 64], new byte[mbs * 64]};
            planeCapacity = mbs;
        }
        Frame picture;
        try {
            picture = decoder.decodeFrame(ByteBuffer.wrap(input, 0, length), planes);
        } catch (RuntimeException e) {
            throw new CodecException("corrupt H.264 access unit (" + length + " B): " + e, e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            shutdownPool();
            decoder = newDecoder();
            guard.reset();
            planeCapacity = 0;
            planes = new byte[0][];
            throw new CodecException("H.264 access unit exhausted the decoder (" + e + "); decoder reset", e);
        }
        if (picture == null) {
            return false;
        }
        copyOut(picture, out);
        out.stamp(frame.captureTimeNanos(), frame.sequence());
        return true;
    }

    private static void copyOut(Frame picture, VideoFrame out) {
        Rect crop = picture.getCrop();
        int x0 = crop == null ? 0 : crop.getX();
        int y0 = crop == null ? 0 : crop.getY();
        int w = crop == null ? picture.getWidth() : crop.getWidth();
        int h = crop == null ? picture.getHeight() : crop.getHeight();
        if (w <= 0 || h <= 0 || ((w | h | x0 | y0) & 1) != 0 || w > MAX_SIDE || h > MAX_SIDE) {
            throw new CodecException("unsupported decoded picture geometry " + w + "x" + h + "+" + x0 + "+" + y0);
        }
        out.reset(w, h, PixelFormat.I420);
        byte[] dst = out.data();
        int cw = w / 2;
        int ch = h / 2;
        fromJcodec(picture.getPlaneData(0), picture.getPlaneWidth(0), x0, y0, dst, 0, w, h);
        fromJcodec(picture.getPlaneData(1), picture.getPlaneWidth(1), x0 / 2, y0 / 2, dst, w * h, cw, ch);
        fromJcodec(picture.getPlaneData(2), picture.getPlaneWidth(2), x0 / 2, y0 / 2, dst, w * h + cw * ch, cw, ch);
    }

    /** Copies a plane out of jcodec's signed samples (value minus 128) into unsigned bytes. */
    private static void fromJcodec(byte[] src, int stride, int x0, int y0, byte[] dst, int offset, int w, int h) {
        for (int y = 0; y < h; y++) {
            int s = (y0 + y) * stride + x0;
            int d = offset + y * w;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) (src[s + x] ^ 0x80);
            }
        }
    }

    /** @return whether jcodec's decoder is on its single-threaded path with no pool (for tests) */
    boolean singleThreaded() {
        try {
            Field threaded = H264Decoder.class.getDeclaredField("threaded");
            Field tp = H264Decoder.class.getDeclaredField("tp");
            threaded.setAccessible(true);
            tp.setAccessible(true);
            return !threaded.getBoolean(decoder) && tp.get(decoder) == null;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private void shutdownPool() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownPool();
        decoder = null;
        planes = new byte[0][];
        input = new byte[0];
    }

    @Override
    public String toString() {
        return "JcodecH264Decoder";
    }
}
