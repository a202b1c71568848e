package dev.vc.bench.quality;

import dev.vc.api.PixelConversion;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;

import java.io.IOException;
import java.util.zip.CRC32;

/**
 * One test sequence held in memory in both of vc's pixel layouts, with the same pictures in each: the frames are
 * made in BGR24 and converted to I420 with {@link PixelConversion#bgr24ToI420} (BT.601 full range, what vc
 * converts with everywhere), so an encoder that takes BGR24 (JPEG) and one that takes I420 (H.264) are given the
 * same picture.
 *
 * <pre>{@code
 * TestClip clip = TestClip.make(TestSequences.SYNTHETIC, 300, 640, 480);
 * VideoFrame[] input = clip.frames(encoder.inputFormat());
 * }</pre>
 */
public final class TestClip {
    private final String name;
    private final VideoFrame[] bgr;
    private final VideoFrame[] i420;

    private TestClip(String name, VideoFrame[] bgr, VideoFrame[] i420) {
        this.name = name;
        this.bgr = bgr;
        this.i420 = i420;
    }

    /**
     * @param sequence a {@link TestSequences} name
     * @param count    frames wanted
     * @param width    even width in pixels
     * @param height   even height in pixels
     * @return the clip
     * @throws IOException              if ffmpeg fails to render the sequence
     * @throws IllegalArgumentException if the sequence is unknown
     */
    public static TestClip make(String sequence, int count, int width, int height) throws IOException {
        VideoFrame[] bgr = TestSequences.sequence(sequence, count, width, height, PixelFormat.BGR24);
        VideoFrame[] i420 = new VideoFrame[count];
        for (int i = 0; i < count; i++) {
            i420[i] = new VideoFrame(width, height, PixelFormat.I420)
                    .stamp(bgr[i].captureTimeNanos(), bgr[i].sequence());
            PixelConversion.bgr24ToI420(bgr[i].data(), width, height, i420[i].data());
        }
        return new TestClip(sequence, bgr, i420);
    }

    /** @return the sequence name */
    public String name() {
        return name;
    }

    /** @return the number of frames */
    public int length() {
        return bgr.length;
    }

    /** @return width in pixels */
    public int width() {
        return bgr[0].width();
    }

    /** @return height in pixels */
    public int height() {
        return bgr[0].height();
    }

    /**
     * @param format the layout wanted
     * @return the frames in that layout; shared, not copied: encoders read them, nobody writes them
     */
    public VideoFrame[] frames(PixelFormat format) {
        return format == PixelFormat.I420 ? i420 : bgr;
    }

    /** @return CRC-32 of every BGR24 pixel: equal on two runs when both encoded the same input */
    public long checksum() {
        CRC32 crc = new CRC32();
        for (VideoFrame frame : bgr) {
            crc.update(frame.data(), 0, frame.size());
        }
        return crc.getValue();
    }
}
