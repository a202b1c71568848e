package dev.vc.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    }

    @Test
    void chartWithWholeNumberTicksIsAPngToo(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("rooms.png");
        new Chart("t", "participants", "% of one core").add("h264", 2, 20).add("h264", 5, 50).integerX().writePng(png);
        assertSomethingDrawn(png);
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
