package dev.vc.codec.jpeg.internal;

import dev.vc.api.PixelConversion;
import dev.vc.api.CodecException;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;

/**
 * A JPEG {@link Encoder} on one reused {@code javax.imageio} writer.
 *
 * <p>BGR24 frames are handed to the writer in place ({@link BgrImageView}); I420 frames are first converted
 * into a reused BGR buffer. The writer writes through {@link FrameImageOutput} straight into the output
 * frame's buffer. Output: baseline JFIF, 4:2:0, standard Huffman tables, quality-scaled 8-bit quantisation
 * tables, no restart interval, no thumbnail. Every frame is a keyframe.
 *
 * <p>The writer is reset before each frame: the JDK's JPEG writer keeps a JNI global reference to each write's
 * scan-line buffer until it is reset (17.0.15 here), so a writer reused without it kept about 1.9 KB per frame for
 * good: about 200 MB an hour for a participant sending 640x480 at 30 fps, 300 MB with its 320x240 layer.
 */
public final class JpegEncoder implements Encoder {
    private final int quality;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final IIOMetadata metadata;
    private final FrameImageOutput output = new FrameImageOutput();
    private final BgrImageView view = new BgrImageView();
    private byte[] converted = new byte[0];
    private BufferedImage lastImage;
    private IIOImage image;
    private boolean closed;

    /**
     * @param quality JPEG quality 1..100 (IJG scale: 50 gives the standard tables, 60 the vc default)
     * @throws CodecException if the quality is out of range or no JPEG writer is installed
     */
    public JpegEncoder(int quality) {
        if (quality < 1 || quality > 100) {
            throw new CodecException("JPEG quality must be in 1..100, got " + quality);
        }
        this.quality = quality;
        this.writer = ImageIoJpeg.newWriter();
        JPEGImageWriteParam jpegParam = new JPEGImageWriteParam(null);
        jpegParam.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        jpegParam.setCompressionQuality(quality / 100f);
        jpegParam.setOptimizeHuffmanTables(false);
        jpegParam.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
        this.param = jpegParam;
        this.metadata = BaselineMetadata.create(writer, param);
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.JPEG;
    }

    @Override
    public PixelFormat inputFormat() {
        return PixelFormat.BGR24;
    }

    /** @return the quality this encoder was created with, 1..100 */
    public int quality() {
        return quality;
    }

    /**
     * Encodes one frame as a complete JPEG image.
     *
     * @param frame a BGR24 frame (encoded in place) or an I420 frame (converted first)
     * @param out   receives the JPEG bytes, marked as a keyframe with the frame's size and stamps
     * @return always true: JPEG never skips a frame
     * @throws CodecException if the encoder is closed or the writer fails
     */
    @Override
    public boolean encode(VideoFrame frame, EncodedFrame out) {
        if (closed) {
            throw new CodecException("JPEG encoder is closed");
        }
        int width = frame.width();
        int height = frame.height();
        if (width == 0 || height == 0) {
            throw new CodecException("JPEG encoder got an empty frame: " + frame);
        }
        output.begin(out);
        try {
            BufferedImage picture = picture(frame);
            if (picture != lastImage) {
                image = new IIOImage(picture, null, metadata);
                lastImage = picture;
            }
            writer.reset();                 // frees what the last write left held; the output goes with it
            writer.setOutput(output);
            writer.write(null, image, param);
        } catch (IOException | RuntimeException e) {
            out.length(0);
            throw new CodecException("JPEG encoding of " + frame + " failed: " + e.getMessage(), e);
        }
        output.finish();
        out.describe(VideoCodec.JPEG, true, width, height, frame.captureTimeNanos(), frame.sequence());
        return true;
    }

    private BufferedImage picture(VideoFrame frame) {
        int width = frame.width();
        int height = frame.height();
        if (frame.format() == PixelFormat.BGR24) {
            return view.wrap(frame.data(), width, height);
        }
        int size = PixelFormat.BGR24.bufferSize(width, height);
        if (converted.length < size) {
            converted = new byte[size];
        }
        PixelConversion.i420ToBgr24(frame.data(), width, height, converted);
        return view.wrap(converted, width, height);
    }

    /** Does nothing: every JPEG frame is already a keyframe. */
    @Override
    public void requestKeyframe() {
        // every frame decodes on its own
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            writer.dispose();
        }
    }
}
