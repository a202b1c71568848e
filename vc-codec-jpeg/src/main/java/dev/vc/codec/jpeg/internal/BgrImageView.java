package dev.vc.codec.jpeg.internal;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * A {@link BufferedImage} of type {@code TYPE_3BYTE_BGR} laid over a caller's packed BGR24 {@code byte[]},
 * so {@code javax.imageio} reads or writes the frame buffer itself.
 *
 * <p>The image is built again only when the buffer or the size changes; otherwise {@link #wrap} returns the
 * same instance, so steady-state frames cost nothing here.
 */
final class BgrImageView {
    private static final ColorModel BGR = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    private static final int[] BAND_OFFSETS = {2, 1, 0};

    private byte[] buffer;
    private int width;
    private int height;
    private BufferedImage image;

    /**
     * @param data   packed BGR24 pixels, at least {@code width * height * 3} bytes
     * @param width  width in pixels
     * @param height height in pixels
     * @return an image backed by {@code data}
     */
    BufferedImage wrap(byte[] data, int width, int height) {
        if (data != buffer || width != this.width || height != this.height || image == null) {
            DataBufferByte dataBuffer = new DataBufferByte(data, width * height * 3);
            PixelInterleavedSampleModel layout = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, width, height,
                    3, width * 3, BAND_OFFSETS);
            WritableRaster raster = Raster.createWritableRaster(layout, dataBuffer, null);
            image = new BufferedImage(BGR, raster, false, null);
            buffer = data;
            this.width = width;
            this.height = height;
        }
        return image;
    }
}
