package dev.vc.transport.udp.jpeg;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;

/** Real JPEGs for tests, written and read by javax.imageio. */
public final class TestJpegs {
    /** Chroma subsampling of a generated JPEG. */
    public enum Sampling {
        /** Y 2x2: RFC 2435 type 1. */
        YUV420,
        /** Y 2x1: RFC 2435 type 0. */
        YUV422
    }

    /** What a JPEG carries that RFC 2435 must reproduce. */
    public record Parts(int width, int height, int type, byte[] lumaTable, byte[] chromaTable, byte[] scan) {
    }

    private TestJpegs() {
    }

    /**
     * @param width  pixels
     * @param height pixels
     * @param seed   content seed
     * @param noise  0..255, how busy the picture is (busier pictures make bigger JPEGs)
     * @return a picture: gradient, a few rectangles, noise
     */
    public static BufferedImage picture(int width, int height, long seed, int noise) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int rx = random.nextInt(Math.max(1, width));
        int ry = random.nextInt(Math.max(1, height));
        int phase = random.nextInt(256);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = noise == 0 ? 0 : random.nextInt(noise + 1) - noise / 2;
                int r = clamp(x * 255 / Math.max(1, width) + n);
                int g = clamp(y * 255 / Math.max(1, height) + n);
                int b = clamp(phase + ((x - rx) * (x - rx) + (y - ry) * (y - ry) < 400 ? 120 : 0) + n);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /**
     * @param image    the picture
     * @param quality  0..1
     * @param sampling chroma subsampling
     * @return a baseline JFIF with the standard Huffman tables
     */
    public static byte[] encode(BufferedImage image, float quality, Sampling sampling) {
        return encode(image, quality, sampling, 0, false, false);
    }

    /**
     * @param image           the picture
     * @param quality         0..1
     * @param sampling        chroma subsampling
     * @param restartInterval MCUs between restart markers, 0 for none
     * @param progressive     write a progressive JPEG
     * @param optimizeHuffman write custom Huffman tables
     * @return the JFIF
     */
    public static byte[] encode(BufferedImage image, float quality, Sampling sampling, int restartInterval,
                                boolean progressive, boolean optimizeHuffman) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            JPEGImageWriteParam param = (JPEGImageWriteParam) writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            param.setOptimizeHuffmanTables(optimizeHuffman);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            Element tree = (Element) metadata.getAsTree(format);
            if (sampling == Sampling.YUV422 && image.getRaster().getNumBands() == 3) {
                NodeList components = tree.getElementsByTagName("componentSpec");
                Element luma = (Element) components.item(0);
                luma.setAttribute("HsamplingFactor", "2");
                luma.setAttribute("VsamplingFactor", "1");
            }
            if (restartInterval > 0) {
                Element markers = (Element) tree.getElementsByTagName("markerSequence").item(0);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                markers.insertBefore(dri, markers.getFirstChild());
            }
            metadata.setFromTree(format, tree);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * @param jfif a JPEG
     * @return the decoded picture
     * @throws UncheckedIOException if imageio cannot decode it
     */
    public static BufferedImage decode(byte[] jfif) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jfif));
            if (image == null) {
                throw new IOException("imageio found no reader");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param jfif a JPEG RFC 2435 can carry
     * @return its size, type, tables and scan
     */
    public static Parts parts(byte[] jfif) {
        JfifReader reader = new JfifReader();
        reader.parse(jfif, 0, jfif.length);
        return new Parts(reader.width, reader.height, reader.type, Arrays.copyOfRange(reader.tables, 0, 64),
                Arrays.copyOfRange(reader.tables, 64, 128),
                Arrays.copyOfRange(jfif, reader.scanOffset, reader.scanOffset + reader.scanLength));
    }

    /**
     * @param a one picture
     * @param b another of the same size
     * @return the largest difference of one colour channel between them
     */
    public static int maxDifference(BufferedImage a, BufferedImage b) {
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    max = Math.max(max, Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)));
                }
            }
        }
        return max;
    }
}
