package dev.vc.codec.jpeg.internal;

import dev.vc.api.CodecException;
import java.awt.image.BufferedImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * Builds the {@code javax_imageio_jpeg_image_1.0} metadata that makes the JDK writer produce what RFC 2435
 * can carry: a JFIF APP0 without thumbnails, a baseline SOF0 with Y sampled 2x2 and Cb, Cr 1x1 (4:2:0),
 * and no restart interval.
 */
final class BaselineMetadata {
    static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private BaselineMetadata() {
    }

    /**
     * @param writer the JPEG writer the metadata is for
     * @param param  the write parameters that will be used with it
     * @return image metadata for {@code TYPE_3BYTE_BGR} images
     * @throws CodecException if the plug-in rejects the tree
     */
    static IIOMetadata create(ImageWriter writer, ImageWriteParam param) {
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR);
        IIOMetadata metadata = writer.getDefaultImageMetadata(type, param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if ("JPEGvariety".equals(node.getNodeName())) {
                dropThumbnails(node);
            } else if ("markerSequence".equals(node.getNodeName())) {
                configureMarkers(node);
            }
        }
        try {
            metadata.setFromTree(FORMAT, root);
        } catch (IIOInvalidTreeException e) {
            throw new CodecException("the JPEG writer rejected baseline 4:2:0 metadata: " + e.getMessage(), e);
        }
        return metadata;
    }

    /** Empties the JFIF marker node, whose children would add thumbnails (JFXX) or an ICC profile. */
    private static void dropThumbnails(Node variety) {
        for (Node jfif = variety.getFirstChild(); jfif != null; jfif = jfif.getNextSibling()) {
            if ("app0JFIF".equals(jfif.getNodeName())) {
                while (jfif.getFirstChild() != null) {
                    jfif.removeChild(jfif.getFirstChild());
                }
            }
        }
    }

    private static void configureMarkers(Node markers) {
        Node node = markers.getFirstChild();
        while (node != null) {
            Node next = node.getNextSibling();
            switch (node.getNodeName()) {
                case "dri" -> markers.removeChild(node);
                case "sof" -> configureFrame((IIOMetadataNode) node);
                default -> {
                    // dqt, dht, sos and the rest stay as the plug-in made them
                }
            }
            node = next;
        }
    }

    private static void configureFrame(IIOMetadataNode sof) {
        sof.setAttribute("process", "0");
        int index = 0;
        for (Node component = sof.getFirstChild(); component != null; component = component.getNextSibling()) {
            IIOMetadataNode spec = (IIOMetadataNode) component;
            String factor = index == 0 ? "2" : "1";
            spec.setAttribute("HsamplingFactor", factor);
            spec.setAttribute("VsamplingFactor", factor);
            index++;
        }
    }
}
