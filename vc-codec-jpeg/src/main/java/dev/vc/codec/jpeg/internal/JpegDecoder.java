package dev.vc.codec.jpeg.internal;

import dev.vc.api.CodecException;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import java.io.IOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * A JPEG {@link Decoder} on one reused {@code javax.imageio} reader that decodes into the output frame's
 * own buffer (a {@link BgrImageView} set as the read destination), producing BGR24.
 *
 * <p>Anything the reader cannot decode cleanly (bad markers, truncated entropy data, which libjpeg reports
 * as a warning and pads with grey, colour spaces the reader cannot turn into RGB, pictures of more than
 * {@value #MAX_PIXELS} pixels) becomes a {@link CodecException}; the output frame's pixels are then
 * unspecified and the decoder is ready for the next frame. Grey-scale JPEGs decode to grey BGR24.
 */
public final class JpegDecoder implements Decoder {
    /**
     * Largest picture decoded (4096x4096), so a corrupt header cannot make the decoder allocate the
     * 200 MB a maximal {@link VideoFrame} would take. RTP/JPEG (RFC 2435) cannot describe more than 2040x2040.
     */
    public static final int MAX_PIXELS = 4096 * 4096;

    private final ImageReader reader;
    private final ImageReadParam param;
    private final ByteArrayImageInput input = new ByteArrayImageInput();
    private final BgrImageView view = new BgrImageView();
    private String warning;
    private boolean closed;

    /**
     * @throws CodecException if no JPEG reader is installed
     */
    public JpegDecoder() {
        reader = ImageIoJpeg.newReader();
        param = reader.getDefaultReadParam();
        IIOReadWarningListener listener = (source, message) -> {
            if (warning == null) {
                warning = message;
            }
        };
        reader.addIIOReadWarningListener(listener);
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.JPEG;
    }

    /**
     * Decodes one JPEG image into {@code out} as BGR24 and copies the frame's stamps.
     *
     * @param frame a complete JPEG image
     * @param out   receives the picture; resized to the image's size
     * @return true: every valid JPEG frame gives a picture
     * @throws CodecException if the data is not a JPEG this decoder can decode cleanly, or the decoder is closed
     */
    @Override
    public boolean decode(EncodedFrame frame, VideoFrame out) {
        if (closed) {
            throw new CodecException("JPEG decoder is closed");
        }
        if (frame.codec() != VideoCodec.JPEG) {
            throw new CodecException("JPEG decoder got a " + frame.codec() + " frame");
        }
        warning = null;
        input.reset(frame.data(), frame.length());
        try {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            VideoFrame.checkSize(width, height, PixelFormat.BGR24);
            if ((long) width * height > MAX_PIXELS) {
                throw new CodecException("JPEG of " + width + "x" + height + " exceeds " + MAX_PIXELS + " pixels");
            }
            out.reset(width, height, PixelFormat.BGR24);
            param.setDestination(view.wrap(out.data(), width, height));
            reader.read(0, param);
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(frame, e.getMessage(), e);
        } finally {
            param.setDestination(null);
            reader.setInput(null);
        }
        if (warning != null) {
            throw corrupt(frame, warning, null);
        }
        out.stamp(frame.captureTimeNanos(), frame.sequence());
        return true;
    }

    private static CodecException corrupt(EncodedFrame frame, String reason, Throwable cause) {
        return new CodecException("corrupt JPEG frame #" + frame.sequence() + " (" + frame.length() + " bytes): "
                + reason, cause);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            reader.dispose();
        }
    }
}
