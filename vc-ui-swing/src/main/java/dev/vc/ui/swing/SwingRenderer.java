package dev.vc.ui.swing;

import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VcException;
import dev.vc.api.VideoFrame;
import java.awt.EventQueue;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JFrame;
import javax.swing.WindowConstants;

/**
 * The {@code swing} renderer: a window of its own holding a {@link VideoGrid}, which does the work.
 * {@link #close()} disposes the window on the event dispatch thread, directly when called there.
 */
final class SwingRenderer implements Renderer {
    private static final long DISPOSE_WAIT_MILLIS = 2_000;

    private final VideoGrid grid;
    private final JFrame window;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SwingRenderer(VideoGrid grid, JFrame window) {
        this.grid = grid;
        this.window = window;
    }

    /**
     * Opens the window (on the EDT; waits for it unless called there).
     *
     * @param settings title and size
     * @param grid     the grid to show
     * @return the renderer
     */
    static SwingRenderer open(SwingSettings settings, VideoGrid grid) {
        AtomicReference<JFrame> made = new AtomicReference<>();
        Runnable build = () -> {
            JFrame window = new JFrame(settings.title());
            window.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            window.getContentPane().add(grid);
            window.pack();   // the grid's preferred size: vc.ui.width x vc.ui.height
            window.setLocationRelativeTo(null);
            window.setVisible(true);
            made.set(window);
        };
        if (EventQueue.isDispatchThread()) {
            build.run();
        } else {
            try {
                EventQueue.invokeAndWait(build);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VcException("interrupted while opening the swing window", e);
            } catch (InvocationTargetException e) {
                throw new VcException("cannot open the swing window: " + e.getCause(), e.getCause());
            }
        }
        return new SwingRenderer(grid, made.get());
    }

    /** @return the grid inside the window */
    VideoGrid grid() {
        return grid;
    }

    @Override
    public void onFrame(RemoteStream stream, VideoFrame frame) {
        grid.onFrame(stream, frame);
    }

    @Override
    public void onStreamEnded(RemoteStream stream) {
        grid.onStreamEnded(stream);
    }

    @Override
    public void onParticipantPresent(RemoteStream stream) {
        grid.onParticipantPresent(stream);
    }

    @Override
    public void onParticipantGone(RemoteStream stream) {
        grid.onParticipantGone(stream);
    }

    @Override
    public void setViewSizeListener(ViewSizeListener listener) {
        grid.setViewSizeListener(listener);
    }

    /**
     * Empties the grid and disposes the window. On the EDT this happens at once; from another thread the
     * disposal is posted to the EDT and awaited for at most two seconds, so a caller holding a lock the EDT
     * needs cannot deadlock. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        grid.close();
        if (EventQueue.isDispatchThread()) {
            window.dispose();
            return;
        }
        CountDownLatch disposed = new CountDownLatch(1);
        EventQueue.invokeLater(() -> {
            try {
                window.dispose();
            } finally {
                disposed.countDown();
            }
        });
        try {
            disposed.await(DISPOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
