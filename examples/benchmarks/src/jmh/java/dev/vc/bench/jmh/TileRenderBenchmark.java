package dev.vc.bench.jmh;

import dev.vc.ui.swing.SwingSettings;
import dev.vc.api.CoreSettings;
import dev.vc.api.Config;
import dev.vc.api.PixelFormat;
import dev.vc.api.RemoteStream;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.bench.quality.TestSequences;
import dev.vc.ui.swing.VideoGrid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import javax.swing.RepaintManager;

/**
 * The Swing renderer's cost, headless ({@code -Djava.awt.headless=true}), through the public
 * {@link VideoGrid}: 10 remote streams of 640x480 frames from vc's synthetic camera, the grid sized 1280x720 with
 * {@code setSize} (its default window), painted into an offscreen {@code TYPE_INT_RGB} image.
 *
 * <ul>
 *   <li>{@code onFrameI420}, {@code onFrameBgr24}: {@link VideoGrid#onFrame} of one 640x480 frame (what a decode
 *       thread pays per frame: I420 is converted to BGR, BGR24 is one array copy, then a coalesced repaint
 *       request), us/op.</li>
 *   <li>{@code paint10}: {@code grid.paint(g)} of the 10-tile grid (layout 4x3, each 640x480 picture scaled into a
 *       4:3 cell of about 320x240, with the name strip and the frame-rate overlay), us/op.</li>
 *   <li>{@code frameAndPaint10}: 10 {@code onFrame} calls (one new I420 frame per tile) then one paint: one
 *       screen refresh of a room of 10 at full rate.</li>
 * </ul>
 * {@code scaling} is {@code vc.ui.scaling}: {@code nearest} (the default) or {@code bilinear}. The stale timeout
 * is raised to 10 minutes so that no tile turns "stale" while {@code paint10} runs without new frames.
 *
 * <p>Painting offscreen in software is an approximation of the screen: on a desktop Swing paints into its back
 * buffer (a VolatileImage, possibly accelerated by the X server's XRender or by Direct3D/Metal), then blits.
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar TileRenderBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djava.awt.headless=true"})
@State(Scope.Thread)
public class TileRenderBenchmark {
    private static final int TILES = 10;

    /** {@code vc.ui.scaling}. */
    @Param({"nearest", "bilinear"})
    public String scaling;

    private VideoGrid grid;
    private RemoteStream[] streams;
    private VideoFrame[] i420;
    private VideoFrame[] bgr;
    private BufferedImage screen;
    private Graphics2D g;
    private int next;

    /** Builds the grid with 10 tiles that each have a picture, and the offscreen target. */
    @Setup(Level.Trial)
    public void setUp() {
        i420 = TestSequences.synthetic(TILES, 640, 480, PixelFormat.I420);
        bgr = TestSequences.synthetic(TILES, 640, 480, PixelFormat.BGR24);
        // A tile with no frame for vc.stale.timeout.ms gets a translucent "stale" veil; paint10 sends no frames, so
        // the timeout is raised past the run (the default 3 s would turn every tile stale after 3 s of measuring).
        grid = new VideoGrid(Config.empty().with(SwingSettings.SCALING, scaling).with(CoreSettings.STALE_TIMEOUT_MS, 600_000));
        grid.setSize(1280, 720);
        // Painting straight into the image given, not through the RepaintManager's back buffer.
        RepaintManager.currentManager(grid).setDoubleBufferingEnabled(false);
        streams = new RemoteStream[TILES];
        for (int i = 0; i < TILES; i++) {
            streams[i] = new RemoteStream(0x100 + i, VideoCodec.H264, "participant " + (i + 1));
            grid.onFrame(streams[i], i420[i]);
        }
        screen = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        g = screen.createGraphics();
        grid.paint(g);
        if (grid.tileCount() != TILES) {
            throw new IllegalStateException(grid.tileCount() + " tiles");
        }
        System.out.printf("%ngrid 1280x720, %d tiles of %s, scaling %s%n", TILES, grid.tileBounds()[0].getSize(),
                scaling);
    }

    /** Releases the graphics and the grid. */
    @TearDown(Level.Trial)
    public void tearDown() {
        g.dispose();
        grid.close();
    }

    /**
     * @return a tile count, so the call is not dead code
     */
    @Benchmark
    public int onFrameI420() {
        int i = next;
        next = i + 1 == TILES ? 0 : i + 1;
        grid.onFrame(streams[i], i420[i]);
        return grid.tileCount();
    }

    /**
     * @return a tile count, so the call is not dead code
     */
    @Benchmark
    public int onFrameBgr24() {
        int i = next;
        next = i + 1 == TILES ? 0 : i + 1;
        grid.onFrame(streams[i], bgr[i]);
        return grid.tileCount();
    }

    /**
     * @return a pixel of the result, so the painting is not dead code
     */
    @Benchmark
    public int paint10() {
        grid.paint(g);
        return screen.getRGB(640, 360);
    }

    /**
     * @return a pixel of the result, so the painting is not dead code
     */
    @Benchmark
    public int frameAndPaint10() {
        for (int i = 0; i < TILES; i++) {
            grid.onFrame(streams[i], i420[(i + next) % TILES]);
        }
        next = next + 1 == TILES ? 0 : next + 1;
        grid.paint(g);
        return screen.getRGB(640, 360);
    }
}
