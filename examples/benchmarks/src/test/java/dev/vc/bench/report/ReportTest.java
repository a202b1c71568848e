package dev.vc.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    @Test
    void csvQuotesWhatNeedsQuotingAndWritesNumbersWithADot(@TempDir Path dir) throws Exception {
        CsvTable table = new CsvTable("name", "value", "note").row("h264", 1.5, "a, b").row("jpeg", 2.0, "say \"hi\"");
        table.write(dir.resolve("sub/t.csv"));
        assertEquals("name,value,note\r\nh264,1.5,\"a, b\"\r\njpeg,2,\"say \"\"hi\"\"\"\r\n",
                Files.readString(dir.resolve("sub/t.csv")));
        assertEquals(2, table.size());
    }

    @Test
    void csvRejectsARowOfTheWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> new CsvTable("a", "b").row(1));
    }

    @Test
    void chartIsAPngWithSomethingDrawn(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("c/chart.png");
        new Chart("t", "x", "y").add("one", 1, 2).add("one", 2, 3).add("two", 1, 1).logarithmicX().yAxisFitsData()
                .writePng(png);
        assertSomethingDrawn(png);

        ChartImage chart = ChartImage.read(png);
        chart.assertTitledChartWithData();
        Rectangle plot = chart.plot();
        Rectangle one = chart.seriesBounds(0);
        Rectangle two = chart.seriesBounds(1);
        assertNotNull(one, "series one is drawn in its own colour");
        assertNotNull(two, "series two is drawn in its own colour");
        assertTrue(chart.seriesRowAt(0, one.x) > chart.seriesRowAt(0, one.x + one.width - 1),
                "one rises from (1, 2) to (2, 3): " + one);
        // two is one point, at the least x and the least y: with the vertical axis fitted to the data (1..3),
        // not from zero, it sits in the plot's bottom left corner.
        assertTrue(two.getCenterY() > plot.y + plot.height * 0.85, "two at the bottom: " + two + " in " + plot);
        assertTrue(two.getCenterX() < plot.x + plot.width * 0.15, "two at the left: " + two + " in " + plot);
    }

    @Test
    void chartWithWholeNumberTicksIsAPngToo(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("rooms.png");
        new Chart("t", "participants", "% of one core").add("h264", 2, 20).add("h264", 5, 50).integerX().writePng(png);
        assertSomethingDrawn(png);

        ChartImage chart = ChartImage.read(png);
        chart.assertTitledChartWithData();
        Rectangle plot = chart.plot();
        Rectangle h264 = chart.seriesBounds(0);
        double first = chart.seriesRowAt(0, h264.x);
        double last = chart.seriesRowAt(0, h264.x + h264.width - 1);
        assertTrue(first > last, "rises from 20 to 50");
        assertTrue(h264.width > plot.width * 0.8, "x from 2 to 5 spans the plot: " + h264 + " in " + plot);
        // The vertical axis starts at zero: 20 of 50 sits well above the bottom, 50 near the top.
        assertTrue(first < plot.y + plot.height * 0.8, "20 is above the bottom: " + first + " in " + plot);
        assertTrue(last < plot.y + plot.height * 0.15, "50 is near the top: " + last + " in " + plot);
    }

    @Test
    void chartDrawsEachSeriesInItsOwnColourWhereItsPointsAre(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("cross.png");
        new Chart("Rising and falling", "x", "y").add("up", 1, 1).add("up", 3, 3).add("down", 1, 3).add("down", 3, 1)
                .writePng(png);

        ChartImage chart = ChartImage.read(png);
        chart.assertTitledChartWithData();
        Rectangle plot = chart.plot();
        Rectangle up = chart.seriesBounds(0);
        Rectangle down = chart.seriesBounds(1);
        assertTrue(chart.seriesRowAt(0, up.x) > chart.seriesRowAt(0, up.x + up.width - 1), "up rises: " + up);
        assertTrue(chart.seriesRowAt(1, down.x) < chart.seriesRowAt(1, down.x + down.width - 1),
                "down falls: " + down);
        assertEquals(up.x, down.x, 2, "both start at x = 1");
        assertEquals(up.x + up.width, down.x + down.width, 2, "both end at x = 3");
        int quarter = up.x + up.width / 4;
        int threeQuarters = up.x + up.width * 3 / 4;
        assertTrue(chart.seriesRowAt(0, quarter) > chart.seriesRowAt(1, quarter), "up below down before x = 2");
        assertTrue(chart.seriesRowAt(0, threeQuarters) < chart.seriesRowAt(1, threeQuarters),
                "up above down after x = 2");
        assertEquals(chart.titleBounds().getCenterX(), 400, 8, "the title is centred");
        assertTrue(chart.titleBounds().getMaxY() < plot.y, "the title is above the plot");
    }

    @Test
    void logarithmicXPutsEachDecadeTheSameWidthApart(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("log.png");
        new Chart("t", "x", "y").add("decades", 1, 1).add("decades", 10, 2).add("decades", 100, 3).logarithmicX()
                .writePng(png);

        ChartImage chart = ChartImage.read(png);
        chart.assertTitledChartWithData();
        Rectangle decades = chart.seriesBounds(0);
        double first = chart.seriesRowAt(0, decades.x);
        double last = chart.seriesRowAt(0, decades.x + decades.width - 1);
        // On a logarithmic axis 10 is halfway between 1 and 100, so the line is straight: halfway across, it is
        // halfway up. On a linear axis 10 would be a tenth of the way across and the middle row at 2.5, not 2.
        double middle = chart.seriesRowAt(0, decades.x + decades.width / 2);
        assertEquals((first + last) / 2, middle, Math.abs(first - last) * 0.05, "a straight line");
    }

    private static void assertSomethingDrawn(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(480, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, "expected axes, lines and text, saw " + colours.size() + " colours");
    }
}
