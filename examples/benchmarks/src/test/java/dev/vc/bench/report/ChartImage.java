package dev.vc.bench.report;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link Chart} PNG read back and taken apart by colour, the way a reader of {@code docs/benchmarks.md} sees it:
 * the plot area inside its grey outline, the title above it, and each series' line in its own colour.
 *
 * <pre>{@code
 * ChartImage chart = ChartImage.read(png);
 * chart.assertTitledChartWithData();
 * Rectangle first = chart.seriesBounds(0);   // where series 0 was drawn inside the plot area
 * }</pre>
 */
public final class ChartImage {
    /** JFreeChart's default paints of the first series, in the order series are added. */
    private static final int[] SERIES_COLOURS = {0xFF5555, 0x5555FF, 0x55FF55, 0xFFFF55, 0xFF55FF, 0x55FFFF};
    private static final int WHITE = 0xFFFFFF;
    /** The plot's outline. */
    private static final int GREY = 0x808080;

    private final BufferedImage image;
    private final Rectangle plot;

    private ChartImage(BufferedImage image, Rectangle plot) {
        this.image = image;
        this.plot = plot;
    }

    /**
     * @param png a file {@link Chart#writePng} wrote
     * @return the image, with its plot area found
     * @throws IOException if it cannot be read
     */
    public static ChartImage read(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes as an image");
        return new ChartImage(image, plotArea(image));
    }

    /**
     * The plot's outline is grey; its bottom edge (where the horizontal axis is) is the lowest row that is mostly
     * grey and its right edge the rightmost column that is; the other two edges are where those two end.
     */
    private static Rectangle plotArea(BufferedImage image) {
        int bottom = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            if (greyPixels(image, 0, y, 1, 0, image.getWidth()) > image.getWidth() / 2) {
                bottom = y;
            }
        }
        int right = -1;
        for (int x = 0; x < image.getWidth(); x++) {
            if (greyPixels(image, x, 0, 0, 1, image.getHeight()) > image.getHeight() / 2) {
                right = x;
            }
        }
        assertTrue(bottom >= 0 && right >= 0, "a grey plot outline");
        int top = 0;
        while (rgb(image, right, top) != GREY) {
            top++;
        }
        int left = 0;
        while (rgb(image, left, bottom) != GREY) {
            left++;
        }
        return new Rectangle(left, top, right - left + 1, bottom - top + 1);
    }

    private static int greyPixels(BufferedImage image, int x, int y, int dx, int dy, int steps) {
        int grey = 0;
        for (int i = 0; i < steps; i++) {
            if (rgb(image, x + i * dx, y + i * dy) == GREY) {
                grey++;
            }
        }
        return grey;
    }

    /** @return the plot area, inside the outline */
    public Rectangle plot() {
        return plot;
    }

    /**
     * @param series the series' index, in the order added
     * @return the smallest rectangle holding every pixel of the series' colour inside the plot area, or null
     */
    public Rectangle seriesBounds(int series) {
        Rectangle bounds = null;
        for (int y = plot.y + 1; y < plot.y + plot.height - 1; y++) {
            for (int x = plot.x + 1; x < plot.x + plot.width - 1; x++) {
                if (rgb(image, x, y) == SERIES_COLOURS[series]) {
                    Rectangle pixel = new Rectangle(x, y, 1, 1);
                    bounds = bounds == null ? pixel : bounds.union(pixel);
                }
            }
        }
        return bounds;
    }

    /**
     * @param series the series' index
     * @param column a column of the image
     * @return the mean row of the series' pixels in that column of the plot area, or -1 if there are none
     */
    public double seriesRowAt(int series, int column) {
        long sum = 0;
        int n = 0;
        for (int y = plot.y + 1; y < plot.y + plot.height - 1; y++) {
            if (rgb(image, column, y) == SERIES_COLOURS[series]) {
                sum += y;
                n++;
            }
        }
        return n == 0 ? -1 : (double) sum / n;
    }

    /**
     * @return the smallest rectangle holding the first line of dark (text) pixels from the top, above the plot
     *         area (the axis labels beside the plot's top edge are a few empty rows lower), or null
     */
    public Rectangle titleBounds() {
        Rectangle bounds = null;
        for (int y = 0; y < plot.y; y++) {
            Rectangle row = null;
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = rgb(image, x, y);
                if ((rgb >> 16 & 0xFF) < 0x60 && (rgb >> 8 & 0xFF) < 0x60 && (rgb & 0xFF) < 0x60) {
                    Rectangle pixel = new Rectangle(x, y, 1, 1);
                    row = row == null ? pixel : row.union(pixel);
                }
            }
            if (row == null && bounds != null) {
                return bounds;
            }
            if (row != null) {
                bounds = bounds == null ? row : bounds.union(row);
            }
        }
        return bounds;
    }

    /**
     * Asserts the shape every chart of the benchmarks has: 800x480 on white, a plot area filling most of it, a
     * title centred above it, and at least one series drawn inside the plot area.
     */
    public void assertTitledChartWithData() {
        assertEquals(800, image.getWidth());
        assertEquals(480, image.getHeight());
        assertTrue(rgb(image, 0, 0) == WHITE && rgb(image, image.getWidth() - 1, image.getHeight() - 1) == WHITE,
                "white background");
        assertTrue(plot.width > image.getWidth() * 3 / 4 && plot.height > image.getHeight() / 2,
                "the plot fills most of the image: " + plot);
        Rectangle title = titleBounds();
        assertNotNull(title, "a title above the plot");
        assertEquals(image.getWidth() / 2.0, title.getCenterX(), 8, "the title is centred: " + title);
        boolean drawn = false;
        for (int s = 0; s < SERIES_COLOURS.length && !drawn; s++) {
            drawn = seriesBounds(s) != null;
        }
        assertTrue(drawn, "a series is drawn inside the plot area");
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }
}
