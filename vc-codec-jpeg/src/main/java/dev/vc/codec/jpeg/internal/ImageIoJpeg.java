package dev.vc.codec.jpeg.internal;

import dev.vc.api.Availability;
import dev.vc.api.CodecException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;

/** Finds the {@code javax.imageio} JPEG plug-in and tells whether it is installed. */
public final class ImageIoJpeg {
    private static volatile Availability availability;

    private ImageIoJpeg() {
    }

    /** @return whether a JPEG reader and writer are installed; probed once */
    public static Availability availability() {
        Availability known = availability;
        if (known == null) {
            boolean present = ImageIO.getImageWritersByFormatName("jpeg").hasNext()
                    && ImageIO.getImageReadersByFormatName("jpeg").hasNext();
            known = present ? Availability.AVAILABLE
                    : Availability.unavailable("no javax.imageio JPEG plug-in in this Java runtime");
            availability = known;
        }
        return known;
    }

    /**
     * @return a new JPEG writer
     * @throws CodecException if none is installed
     */
    static ImageWriter newWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new CodecException("no javax.imageio JPEG writer in this Java runtime");
        }
        return writers.next();
    }

    /**
     * @return a new JPEG reader
     * @throws CodecException if none is installed
     */
    static ImageReader newReader() {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new CodecException("no javax.imageio JPEG reader in this Java runtime");
        }
        return readers.next();
    }
}
