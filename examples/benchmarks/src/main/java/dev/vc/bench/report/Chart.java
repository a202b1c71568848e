package dev.vc.bench.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A line chart of named series, written as a PNG for {@code docs/benchmarks.md}. Series keep the order in
 * which they are added; points within a series are drawn in x order.
 *
 * <pre>
 * Chart chart = new Chart("Client CPU by room size", "participants", "% of one core");
 * chart.add("h264", 2, 11.5);
 * chart.add("h264", 10, 41.0);
 * chart.writePng(Path.of("target/bench/client-cpu.png"));
 * </pre>
 */
public final class Chart {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final XYSeriesCollection series = new XYSeriesCollection();
    private boolean logarithmicX;
    private boolean integerX;
    private boolean shapes = true;
    private boolean yFromZero = true;

    /**
     * @param title  shown above the plot
     * @param xLabel the horizontal axis
     * @param yLabel the vertical axis
     */
    public Chart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * Adds a point to a series, creating the series on first use.
     *
     * @param seriesName the legend entry
     * @param x          horizontal value
     * @param y          vertical value
     * @return this chart
     */
    public Chart add(String seriesName, double x, double y) {
        int index = series.getSeriesIndex(seriesName);
        XYSeries target = index >= 0 ? series.getSeries(index) : new XYSeries(seriesName, true, true);
        if (index < 0) {
            series.addSeries(target);
        }
        target.add(x, y);
        return this;
    }

    /** @return this chart, with a logarithmic horizontal axis (for percentiles spread over decades) */
    public Chart logarithmicX() {
        this.logarithmicX = true;
        return this;
    }

    /** @return this chart, with a vertical axis spanning the data only, not from zero (for values such as dB) */
    public Chart yAxisFitsData() {
        this.yFromZero = false;
        return this;
    }

    /** @return this chart, with ticks only at whole numbers on the horizontal axis (for counts such as room sizes) */
    public Chart integerX() {
        this.integerX = true;
        return this;
    }

    /** @return this chart, drawing lines only (for series with many points, such as a distribution) */
    public Chart linesOnly() {
        this.shapes = false;
        return this;
    }

    /**
     * Writes the chart, creating the parent directory if needed.
     *
     * @param file the PNG to write
     * @throws IOException if it cannot be written
     */
    public void writePng(Path file) throws IOException {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, series, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < series.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(yFromZero);
        if (logarithmicX) {
            LogarithmicAxis axis = new LogarithmicAxis(xLabel);
            axis.setAllowNegativesFlag(false);
            plot.setDomainAxis(axis);
        } else if (integerX) {
            plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
