package dev.vc.ui.swing;

import dev.vc.api.Config;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoFrame;
import dev.vc.ui.swing.internal.FpsMeter;
import dev.vc.ui.swing.internal.GridLayoutPlan;
import dev.vc.ui.swing.internal.RepaintThrottle;
import dev.vc.ui.swing.internal.TileBuffer;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.event.WindowListener;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * A Swing component that shows remote video streams in an adaptive grid, and the {@link Renderer} that feeds
 * it: put it in any window and hand it to a participant.
 *
 * <pre>{@code
 * VideoGrid grid = new VideoGrid(config);
 * SwingUtilities.invokeLater(() -> {
 *     JFrame window = new JFrame("My conference");
 *     window.add(grid);                 // or any container of the application's own layout
 *     window.pack();
 *     window.setVisible(true);
 * });
 * Participant me = Participant.builder().config(config).renderer(grid).build();   // frames go to the grid
 * me.start();
 * }</pre>
 *
 * <p>Each stream gets a tile when its first frame arrives and loses it at {@link #onStreamEnded}; a participant
 * announced with {@link #onParticipantPresent} (every room member, with video or not) has a tile from then until
 * {@link #onParticipantGone}: a placeholder with its name and "video off" while no picture comes (its video is
 * off, or its stream went stale and ended), its picture when one does. Tiles are
 * laid out 1x1, 2x1, 2x2, 3x2, 3x3, 4x3... in order of arrival; each picture keeps 4:3 inside its cell and
 * carries the stream's {@link RemoteStream#label() label}. With {@code vc.ui.overlay} (default {@code true})
 * a tile shows its measured frame rate and size; a tile with no frame for {@code vc.stale.timeout.ms}
 * (3000) is greyed and marked "stale" until its stream ends.
 *
 * <p>Threads: {@link #onFrame} may be called from any thread (normally a receive or decode thread). It copies
 * the picture into the stream's back buffer (BGRX32 or BGR24: one array copy; I420: one conversion pass; no
 * allocation once the size is steady) and requests a coalesced repaint; it never waits for the event dispatch thread.
 * A picture at most {@value #CROP_PIXELS} pixels larger than its tile each way (the 320x240 layer the relay sends
 * for a 315x236 tile) is drawn unscaled, its centre cropped: a copy to the screen rather than a scaled draw.
 * If frames arrive faster than the screen repaints (capped at {@code vc.ui.max.fps}, 30), the newest wins.
 * Painting happens on the EDT. {@link #close()} (which a participant calls when it closes) empties the grid.
 *
 * <p><b>View sizes.</b> The grid tells its {@link #setViewSizeListener view size listener} (the participant, which
 * tells the relay, which then forwards the smallest simulcast layer that fills the tile) the device pixels of each
 * tile's 4:3 picture area: the letterboxed video rectangle of {@link #tileBounds()}, times the desktop's scale
 * factor (1 on most Linux desktops, 2 on a 200% one), not the whole cell. For example a 3x3 grid filling 1280x720
 * has cells of 426x240 (427 wide for some) and pictures of 315x236: 315x236 is what is reported, so the relay
 * sends 320x240. A stream is reported at {@code 0 x 0} while the window is minimised or the grid not showing.
 * The sizes are checked twice a second on the event dispatch thread (the same timer that keeps the "stale"
 * marks current): a stream is reported when it gets its tile, and again when a resize, another stream arriving
 * or ending, or minimising or restoring the window changed its size by more than
 * {@link Renderer.ViewSizeListener#SLACK_PIXELS}; unchanged sizes cost no allocation. A stream that ended while
 * reported at {@code 0 x 0} (the relay stopped it, so it went stale) is reported again, at the size a new tile
 * would get, once the grid shows again, so that its frames flow and its tile comes back.
 */
public final class VideoGrid extends JComponent implements Renderer {
    private static final Color BACKGROUND = new Color(0x18, 0x18, 0x1c);
    private static final Color NO_PICTURE = new Color(0x30, 0x30, 0x36);
    private static final Color STRIP = new Color(0, 0, 0, 150);
    private static final Color STALE_VEIL = new Color(0x80, 0x80, 0x80, 190);
    private static final Color TEXT = new Color(0xf0, 0xf0, 0xf0);
    private static final Color DIM_TEXT = new Color(0x90, 0x90, 0x98);
    private static final int REFRESH_MS = 500;
    /**
     * A picture at most this many pixels wider or taller than its tile is drawn unscaled, its centre cropped to
     * the tile (a 320x240 layer in a 315x236 tile): a plain copy to the screen instead of a scaled one.
     */
    static final int CROP_PIXELS = 8;

    /** One stream's tile: its identity, its pictures and its frame-rate meter. */
    private static final class Tile {
        final int ssrc;
        volatile String label;
        volatile RemoteStream stream;
        final TileBuffer buffer;
        final FpsMeter fps = new FpsMeter();   // EDT only
        String overlay = "";                    // EDT only: the overlay text, made again only when it changes
        long overlayKey = Long.MIN_VALUE;
        int reportedWidth = -1;                 // EDT only; -1: not reported yet
        int reportedHeight = -1;
        volatile boolean reportedHidden;
        volatile boolean present;               // a room member: stays, as a placeholder, when its stream ends

        Tile(RemoteStream stream, long nowNanos) {
            this.ssrc = stream.ssrc();
            this.label = stream.label();
            this.stream = stream;
            this.buffer = new TileBuffer(nowNanos);
        }
    }

    private final SwingSettings settings;
    private final LongSupplier clock;
    private final long staleNanos;
    private final Map<Integer, Tile> bySsrc = new ConcurrentHashMap<>();
    private final Object membership = new Object();
    private volatile Tile[] tiles = new Tile[0];   // join order; replaced, never mutated
    private volatile boolean closed;
    private final AtomicLong ignoredFrames = new AtomicLong();
    private final RepaintThrottle throttle;
    private final Timer refresh;   // keeps "stale" marks and frame rates current when frames stop; view sizes
    private volatile Renderer.ViewSizeListener viewSizes;
    private volatile boolean viewSizesReset;
    private final ArrayDeque<RemoteStream> parked = new ArrayDeque<>();   // guarded by membership
    private final WindowListener iconify = new WindowAdapter() {
        @Override
        public void windowIconified(WindowEvent e) {
            iconified(true);
        }

        @Override
        public void windowDeiconified(WindowEvent e) {
            iconified(false);
        }
    };
    private Window window;   // EDT only: the window the iconify listener is on
    private boolean iconified;   // EDT only
    private final Insets reportInsets = new Insets(0, 0, 0, 0);   // EDT only, reused
    private GraphicsConfiguration scaleOf;   // EDT only: the configuration deviceScale was read from
    private double deviceScale = 1;

    // Layout cache, EDT only.
    private GridLayoutPlan plan = GridLayoutPlan.of(0, 0, 0);
    private int planWidth = -1;
    private int planHeight = -1;

    /** Creates a grid with the default settings. */
    public VideoGrid() {
        this(Config.empty());
    }

    /**
     * Creates a grid configured by {@code vc.ui.overlay}, {@code vc.ui.scaling}, {@code vc.ui.max.fps},
     * {@code vc.stale.timeout.ms} and {@code vc.max.streams} (see the package documentation), and with a
     * preferred size of {@code vc.ui.width} x {@code vc.ui.height}.
     *
     * @param config the configuration
     * @throws dev.vc.api.ConfigException if a value is malformed
     */
    public VideoGrid(Config config) {
        this(SwingSettings.from(config), System::nanoTime);
    }

    VideoGrid(SwingSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.staleNanos = TimeUnit.MILLISECONDS.toNanos(settings.staleTimeoutMs());
        this.throttle = new RepaintThrottle(this::repaint, settings.maxFps(), clock);
        this.refresh = new Timer(REFRESH_MS, e -> {
            if (tiles.length > 0) {
                repaint();
            }
            reportViewSizes();
        });
        setOpaque(true);
        setBackground(BACKGROUND);
        setForeground(TEXT);
        setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        setPreferredSize(new Dimension(settings.width(), settings.height()));
    }

    /**
     * Copies the frame into its stream's tile and asks for a repaint. Callable from any thread; returns
     * without waiting for the event dispatch thread.
     */
    @Override
    public void onFrame(RemoteStream stream, VideoFrame frame) {
        if (closed) {
            return;
        }
        Tile tile = bySsrc.get(stream.ssrc());
        if (tile == null) {
            tile = join(stream);
            if (tile == null) {
                ignoredFrames.incrementAndGet();
                return;
            }
        } else if (!tile.label.equals(stream.label())) {
            tile.label = stream.label();
            tile.stream = stream;
        }
        tile.buffer.write(frame, clock.getAsLong());
        throttle.request();
    }

    private Tile join(RemoteStream stream) {
        synchronized (membership) {
            Tile existing = bySsrc.get(stream.ssrc());
            if (existing != null || closed) {
                return existing;
            }
            if (bySsrc.size() >= settings.maxStreams()) {
                return null;
            }
            Tile tile = new Tile(stream, clock.getAsLong());
            bySsrc.put(stream.ssrc(), tile);
            parked.removeIf(p -> p.ssrc() == stream.ssrc());
            Tile[] grown = Arrays.copyOf(tiles, tiles.length + 1);
            grown[grown.length - 1] = tile;
            tiles = grown;
            return tile;
        }
    }

    /**
     * Gives a room member a tile, a placeholder until its pictures come, kept until {@link #onParticipantGone}.
     * Callable from any thread.
     */
    @Override
    public void onParticipantPresent(RemoteStream stream) {
        if (closed) {
            return;
        }
        Tile tile = join(stream);
        if (tile != null) {
            tile.label = stream.label();
            tile.stream = stream;
            tile.present = true;
        }
        throttle.request();
    }

    /** Removes a member's tile, picture or placeholder; the others move up. Callable from any thread. */
    @Override
    public void onParticipantGone(RemoteStream stream) {
        synchronized (membership) {
            Tile gone = bySsrc.remove(stream.ssrc());
            if (gone == null) {
                return;
            }
            tiles = Arrays.stream(tiles).filter(t -> t != gone).toArray(Tile[]::new);
        }
        throttle.request();
    }

    /**
     * Removes the stream's tile, the others moving up; a room member's tile becomes its placeholder instead.
     * Callable from any thread.
     */
    @Override
    public void onStreamEnded(RemoteStream stream) {
        synchronized (membership) {
            Tile ended = bySsrc.get(stream.ssrc());
            if (ended != null && ended.present) {
                Tile placeholder = new Tile(ended.stream, clock.getAsLong());
                placeholder.present = true;
                placeholder.reportedWidth = ended.reportedWidth;
                placeholder.reportedHeight = ended.reportedHeight;
                placeholder.reportedHidden = ended.reportedHidden;
                bySsrc.put(stream.ssrc(), placeholder);
                Tile[] replaced = tiles.clone();
                for (int i = 0; i < replaced.length; i++) {
                    if (replaced[i] == ended) {
                        replaced[i] = placeholder;
                    }
                }
                tiles = replaced;
                throttle.request();
                return;
            }
            Tile gone = bySsrc.remove(stream.ssrc());
            if (gone == null) {
                return;
            }
            tiles = Arrays.stream(tiles).filter(t -> t != gone).toArray(Tile[]::new);
            if (gone.reportedHidden) {   // it went stale because it was hidden: ask for it again when shown
                if (parked.size() >= settings.maxStreams()) {
                    parked.removeFirst();
                }
                parked.addLast(gone.stream);
            }
        }
        throttle.request();
    }

    /** Removes every tile and stops accepting frames; the component stays usable as an empty grid. Idempotent. */
    @Override
    public void close() {
        synchronized (membership) {
            closed = true;
            bySsrc.clear();
            tiles = new Tile[0];
            parked.clear();
        }
        refresh.stop();
        throttle.request();
    }

    /** @return the number of tiles (streams with a picture or waiting for one) */
    public int tileCount() {
        return tiles.length;
    }

    /**
     * @return the labels of the tiles showing a placeholder now (a room member with no live picture: video off or
     *         stale), in grid order
     */
    public List<String> placeholders() {
        long now = clock.getAsLong();
        List<String> labels = new ArrayList<>();
        for (Tile tile : tiles) {
            if (tile.present && (tile.buffer.framesWritten() == 0 || now - tile.buffer.lastFrameNanos() > staleNanos)) {
                labels.add(tile.label);
            }
        }
        return labels;
    }

    /** @return the labels of every tile, in grid order */
    public List<String> tileLabels() {
        List<String> labels = new ArrayList<>();
        for (Tile tile : tiles) {
            labels.add(tile.label);
        }
        return labels;
    }

    private boolean showsPlaceholder(Tile tile, long now) {
        return tile.buffer.framesSeen() == 0 || now - tile.buffer.lastFrameNanosSeen() > staleNanos;
    }

    /** @return frames ignored because {@code vc.max.streams} tiles were already shown */
    public long ignoredFrames() {
        return ignoredFrames.get();
    }

    /**
     * Registers who is told each stream's view size (see the class documentation); a participant registers
     * itself. Every stream's size is reported to the new listener at the next check.
     */
    @Override
    public void setViewSizeListener(Renderer.ViewSizeListener listener) {
        this.viewSizes = listener;
        this.viewSizesReset = true;
    }

    @Override
    public void addNotify() {
        super.addNotify();
        window = SwingUtilities.getWindowAncestor(this);
        if (window != null) {
            window.addWindowListener(iconify);
        }
        if (!closed) {
            refresh.start();
        }
    }

    @Override
    public void removeNotify() {
        refresh.stop();
        throttle.cancel();
        if (window != null) {
            window.removeWindowListener(iconify);
            window = null;
        }
        iconified = false;
        super.removeNotify();
    }

    /**
     * Event dispatch thread: the grid's window was minimised or restored (its window listener's events).
     *
     * @param minimised true when minimised
     */
    void iconified(boolean minimised) {
        iconified = minimised;
    }

    /**
     * Event dispatch thread, twice a second (and from tests): reports each tile's view size that changed enough
     * since it was last reported, and asks again for streams that ended while hidden once the grid shows.
     * Allocates nothing unless something is reported.
     */
    void reportViewSizes() {
        Renderer.ViewSizeListener listener = viewSizes;
        if (listener == null || closed) {
            return;
        }
        Tile[] current = tiles;
        if (viewSizesReset) {
            viewSizesReset = false;
            for (Tile tile : current) {
                tile.reportedWidth = -1;
                tile.reportedHeight = -1;
            }
        }
        boolean hidden = iconified || (isDisplayable() && !isShowing());
        Insets in = getInsets(reportInsets);
        int width = Math.max(0, getWidth() - in.left - in.right);
        int height = Math.max(0, getHeight() - in.top - in.bottom);
        if (!hidden && (width == 0 || height == 0)) {
            return;   // not laid out yet: nothing to tell
        }
        double scale = deviceScale();
        GridLayoutPlan layout = plan(current.length, width, height);
        for (int i = 0; i < current.length; i++) {
            Tile tile = current[i];
            int w = hidden ? 0 : (int) Math.round(layout.videoWidth(i) * scale);
            int h = hidden ? 0 : (int) Math.round(layout.videoHeight(i) * scale);
            if (w == 0 || h == 0) {
                w = 0;
                h = 0;
            }
            if (tile.reportedWidth < 0
                    || Renderer.ViewSizeListener.changed(tile.reportedWidth, tile.reportedHeight, w, h)) {
                tile.reportedWidth = w;
                tile.reportedHeight = h;
                tile.reportedHidden = w == 0;
                listener.onViewSize(tile.stream, w, h);
            }
        }
        if (!hidden) {
            unpark(listener, current.length, width, height, scale);
        }
    }

    /** Reports the streams that ended while hidden at the size of a tile added to the current grid. */
    private void unpark(Renderer.ViewSizeListener listener, int tileCount, int width, int height, double scale) {
        RemoteStream[] again;
        synchronized (membership) {
            if (parked.isEmpty()) {
                return;
            }
            again = parked.toArray(RemoteStream[]::new);
            parked.clear();
        }
        GridLayoutPlan grown = GridLayoutPlan.of(tileCount + again.length, width, height);
        for (int i = 0; i < again.length; i++) {
            int w = Math.max(1, (int) Math.round(grown.videoWidth(tileCount + i) * scale));
            int h = Math.max(1, (int) Math.round(grown.videoHeight(tileCount + i) * scale));
            listener.onViewSize(again[i], w, h);
        }
    }

    /** @return device pixels per layout pixel of the screen the grid is on, read again only when it moves */
    private double deviceScale() {
        GraphicsConfiguration gc = getGraphicsConfiguration();
        if (gc != scaleOf) {
            scaleOf = gc;
            deviceScale = gc == null ? 1 : gc.getDefaultTransform().getScaleX();
        }
        return deviceScale;
    }

    /** EDT: the layout for this many tiles in this area, recomputed only when one of them changed. */
    private GridLayoutPlan plan(int tileCount, int width, int height) {
        if (plan.size() != tileCount || planWidth != width || planHeight != height) {
            plan = GridLayoutPlan.of(tileCount, width, height);
            planWidth = width;
            planHeight = height;
        }
        return plan;
    }

    /**
     * The tile areas for the current size and tile count, in component coordinates; what a test or an
     * application overlay needs to find a stream's picture.
     *
     * @return the 4:3 video rectangles, in join order
     */
    public Rectangle[] tileBounds() {
        Tile[] current = tiles;
        Insets in = getInsets();
        GridLayoutPlan p = GridLayoutPlan.of(current.length,
                Math.max(0, getWidth() - in.left - in.right), Math.max(0, getHeight() - in.top - in.bottom));
        Rectangle[] out = new Rectangle[p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.video(i);
            out[i].translate(in.left, in.top);
        }
        return out;
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            Insets in = getInsets();
            int width = Math.max(0, getWidth() - in.left - in.right);
            int height = Math.max(0, getHeight() - in.top - in.bottom);
            g.setColor(getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
            g.translate(in.left, in.top);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, settings.scaling().hint());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(getFont());
            Tile[] current = tiles;
            if (current.length == 0) {
                centred(g, closed ? "" : "waiting for participants", new Rectangle(0, 0, width, height), DIM_TEXT);
                return;
            }
            GridLayoutPlan layout = plan(current.length, width, height);
            long now = clock.getAsLong();
            for (int i = 0; i < current.length; i++) {
                paintTile(g, current[i], layout.video(i), now);
            }
        } finally {
            g.dispose();
        }
    }

    private void paintTile(Graphics2D g, Tile tile, Rectangle r, long now) {
        if (r.width <= 0 || r.height <= 0) {
            return;
        }
        TileBuffer.Picture picture = tile.buffer.acquire();
        tile.fps.sample(tile.buffer.framesSeen(), now);
        BufferedImage image = picture.image();
        if (tile.present && (image == null || showsPlaceholder(tile, now))) {
            paintPlaceholder(g, tile, r);
            return;
        }
        if (image == null) {
            g.setColor(NO_PICTURE);
            g.fillRect(r.x, r.y, r.width, r.height);
        } else {
            drawPicture(g, image, r);
        }
        Graphics2D t = (Graphics2D) g.create(r.x, r.y, r.width, r.height);
        try {
            Rectangle local = new Rectangle(0, 0, r.width, r.height);
            boolean stale = now - tile.buffer.lastFrameNanosSeen() > staleNanos;
            if (stale) {
                t.setColor(STALE_VEIL);
                t.fillRect(0, 0, r.width, r.height);
                centred(t, "stale", local, TEXT);
            }
            FontMetrics fm = t.getFontMetrics();
            int strip = fm.getHeight() + 4;
            if (r.height >= 2 * strip) {
                t.setColor(STRIP);
                t.fillRect(0, r.height - strip, r.width, strip);
                t.setColor(TEXT);
                t.drawString(tile.label, 6, r.height - strip + 2 + fm.getAscent());
                if (settings.overlay() && !stale && image != null) {
                    String figures = overlayText(tile, image);
                    int w = fm.stringWidth(figures) + 12;
                    t.setColor(STRIP);
                    t.fillRect(0, 0, Math.min(w, r.width), strip);
                    t.setColor(TEXT);
                    t.drawString(figures, 6, 2 + fm.getAscent());
                }
            }
        } finally {
            t.dispose();
        }
    }

    /** A room member without a live picture: its name large in the middle, "video off" under it. */
    private void paintPlaceholder(Graphics2D g, Tile tile, Rectangle r) {
        g.setColor(NO_PICTURE);
        g.fillRect(r.x, r.y, r.width, r.height);
        Graphics2D t = (Graphics2D) g.create(r.x, r.y, r.width, r.height);
        try {
            Font base = t.getFont();
            t.setFont(base.deriveFont(Font.BOLD, Math.max(base.getSize2D(), Math.min(28f, r.height / 8f))));
            FontMetrics big = t.getFontMetrics();
            Rectangle upper = new Rectangle(0, 0, r.width, r.height - big.getHeight());
            centred(t, tile.label, upper, TEXT);
            t.setFont(base);
            Rectangle lower = new Rectangle(0, r.height / 2 + big.getHeight() / 2, r.width, t.getFontMetrics().getHeight());
            centred(t, "video off", lower, DIM_TEXT);
        } finally {
            t.dispose();
        }
    }

    /**
     * Draws the picture into its tile: unscaled with its centre cropped when it is at most {@link #CROP_PIXELS}
     * larger than the tile each way, else scaled to fill it.
     */
    static void drawPicture(Graphics2D g, BufferedImage image, Rectangle r) {
        int extraWidth = image.getWidth() - r.width;
        int extraHeight = image.getHeight() - r.height;
        if (extraWidth >= 0 && extraHeight >= 0 && extraWidth <= CROP_PIXELS && extraHeight <= CROP_PIXELS) {
            int sx = extraWidth / 2;
            int sy = extraHeight / 2;
            g.drawImage(image, r.x, r.y, r.x + r.width, r.y + r.height, sx, sy, sx + r.width, sy + r.height, null);
        } else {
            g.drawImage(image, r.x, r.y, r.width, r.height, null);
        }
    }

    /** EDT: the tile's frame rate and picture size, formatted again only when one of them changed. */
    private static String overlayText(Tile tile, BufferedImage image) {
        double fps = tile.fps.fps();
        long tenths = Double.isNaN(fps) ? -1 : Math.round(fps * 10);
        long key = tenths << 32 | (long) image.getWidth() << 16 | image.getHeight();
        if (key != tile.overlayKey) {
            tile.overlayKey = key;
            String rate = tenths < 0 ? "-- fps" : String.format(Locale.ROOT, "%.1f fps", tenths / 10.0);
            tile.overlay = rate + "  " + image.getWidth() + "x" + image.getHeight();
        }
        return tile.overlay;
    }

    private static void centred(Graphics2D g, String text, Rectangle r, Color colour) {
        if (text.isEmpty()) {
            return;
        }
        FontMetrics fm = g.getFontMetrics();
        g.setColor(colour);
        g.drawString(text, r.x + (r.width - fm.stringWidth(text)) / 2,
                r.y + (r.height - fm.getHeight()) / 2 + fm.getAscent());
    }
}
