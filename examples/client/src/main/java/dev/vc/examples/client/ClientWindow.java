package dev.vc.examples.client;

import dev.vc.ui.swing.SwingSettings;
import dev.vc.api.Config;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VcException;
import dev.vc.api.session.Participant;
import dev.vc.ui.swing.VideoGrid;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * The client's window: a toolbar (video on/off, source chooser, Leave), the video grid, an error banner with
 * Retry and Quit, and a status line updated once a second.
 *
 * <p>Turning video off pauses sending ({@link Participant#setVideoEnabled}); choosing another source swaps it
 * in place ({@link Participant#switchSource}), so the session and its tiles stay. Retry, or a source chosen
 * while not joined, rejoins the room; others then see the stream end and
 * a new one start. Joining and leaving run on a worker thread, never on the event dispatch thread. Each session
 * gets a fresh {@link VideoGrid}, since a participant closes its renderer when it closes.
 */
final class ClientWindow {
    private static final Color ERROR_BACKGROUND = new Color(0x5c, 0x1a, 0x1a);
    private static final Color BAR_BACKGROUND = new Color(0x24, 0x24, 0x2a);
    private static final Color TEXT = new Color(0xe8, 0xe8, 0xea);

    private final ClientOptions options;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vc-client-session");
        t.setDaemon(true);
        return t;
    });
    private final JFrame frame;
    private final JPanel center = new JPanel(new BorderLayout());
    private final JToggleButton video = new JToggleButton("Video on", true);
    private final JComboBox<String> sources;
    private final JLabel status = new JLabel(" ");
    private final JPanel banner = new JPanel(new BorderLayout(12, 0));
    private final JLabel bannerText = new JLabel();
    private final ClientStatus meter = new ClientStatus();

    // Written by the worker, read by the EDT's status timer.
    private volatile Participant participant;
    private volatile String sending = "none";
    private volatile String file;
    private volatile boolean leaving;

    private ClientWindow(ClientOptions options) {
        this.options = options;
        this.file = options.file();
        this.frame = new JFrame("vc - " + options.name() + " in " + options.room());
        List<String> names = new ArrayList<>(ProviderRegistry.sources().availableNames());
        names.remove("none");
        if (!names.contains(options.source())) {
            names.add(0, options.source());   // asked for but unavailable: joining will say why
        }
        this.sources = new JComboBox<>(names.toArray(String[]::new));
        sources.setSelectedItem(options.source());
        layout();
    }

    /**
     * Opens the window and joins the room. Returns at once; the window exits the JVM when the user leaves.
     *
     * @param options the command line
     */
    static void open(ClientOptions options) {
        EventQueue.invokeLater(() -> {
            ClientWindow window = new ClientWindow(options);
            window.frame.setVisible(true);
            window.rejoin();
            if (options.seconds() > 0) {
                Timer stop = new Timer(options.seconds() * 1000, e -> window.leave());
                stop.setRepeats(false);
                stop.start();
            }
        });
    }

    private void layout() {
        JToolBar toolbar = new JToolBar();
        toolbar.setFloatable(false);
        video.setToolTipText("Send video, or only watch");
        video.addActionListener(e -> {
            boolean on = video.isSelected();
            video.setText(on ? "Video on" : "Video off");
            Participant p = participant;
            if (p == null) {
                rejoin();
            } else {
                worker.execute(() -> {
                    p.setVideoEnabled(on);
                    EventQueue.invokeLater(() -> showStatus(on ? "video on" : "video off: only watching"));
                });
            }
        });
        sources.setMaximumSize(sources.getPreferredSize());
        sources.setToolTipText("What to send: a camera, a video file, the screen, or the test picture");
        sources.addActionListener(e -> {
            if ("file".equals(sources.getSelectedItem()) && file == null && !chooseFile()) {
                return;
            }
            if (!video.isSelected()) {
                return;
            }
            Participant p = participant;
            if (p == null || "none".equals(sending)) {
                rejoin();
            } else {
                switchSource(p, (String) sources.getSelectedItem());
            }
        });
        JButton leave = new JButton("Leave");
        leave.addActionListener(e -> leave());
        toolbar.add(video);
        toolbar.addSeparator();
        toolbar.add(new JLabel("Source "));
        toolbar.add(sources);
        toolbar.addSeparator();
        toolbar.add(leave);
        toolbar.add(new JLabel("   " + options.name() + " in room " + options.room() + " via " + options.relay()));

        bannerText.setForeground(TEXT);
        bannerText.setFont(bannerText.getFont().deriveFont(Font.BOLD));
        JButton retry = new JButton("Retry");
        retry.addActionListener(e -> rejoin());
        JButton quit = new JButton("Quit");
        quit.addActionListener(e -> leave());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.setOpaque(false);
        buttons.add(retry);
        buttons.add(quit);
        banner.setBackground(ERROR_BACKGROUND);
        banner.setBorder(BorderFactory.createEmptyBorder(8, 10, 8, 10));
        banner.add(bannerText, BorderLayout.CENTER);
        banner.add(buttons, BorderLayout.EAST);
        banner.setVisible(false);

        JPanel north = new JPanel(new BorderLayout());
        north.add(toolbar, BorderLayout.NORTH);
        north.add(banner, BorderLayout.SOUTH);

        status.setOpaque(true);
        status.setBackground(BAR_BACKGROUND);
        status.setForeground(TEXT);
        status.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));

        center.add(new VideoGrid(gridConfig()), BorderLayout.CENTER);
        frame.getContentPane().add(north, BorderLayout.NORTH);
        frame.getContentPane().add(center, BorderLayout.CENTER);
        frame.getContentPane().add(status, BorderLayout.SOUTH);
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                leave();
            }
        });
        frame.pack();
        frame.setLocation(0, 0);
        new Timer(1000, e -> refreshStatus()).start();
    }

    private Config gridConfig() {
        Config config = Client.config(options, sending);
        if (!config.isSet(SwingSettings.WIDTH)) {
            config = config.with(SwingSettings.WIDTH, 960).with(SwingSettings.HEIGHT, 540);
        }
        return config;
    }

    private boolean chooseFile() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Video file to send");
        if (chooser.showOpenDialog(frame) != JFileChooser.APPROVE_OPTION) {
            sources.setSelectedItem(sending.equals("none") ? options.source() : sending);
            return false;
        }
        File chosen = chooser.getSelectedFile();
        file = chosen.getAbsolutePath();
        return true;
    }

    /** Swaps the video source of the running session; on failure the old source keeps going. EDT. */
    private void switchSource(Participant p, String source) {
        String chosenFile = file;
        worker.execute(() -> {
            ClientOptions current = new ClientOptions(options.relayHost(), options.relayPort(), options.room(),
                    options.name(), options.secret(), source, chosenFile, options.device(), options.codec(), false,
                    options.seconds(), options.relayFingerprint());
            try {
                p.switchSource(source, Client.config(current, source));
                sending = source;
                EventQueue.invokeLater(() -> showStatus("now sending " + source));
            } catch (VcException e) {
                String message = ClientStatus.explain(e, current, source);
                EventQueue.invokeLater(() -> showError(message));
            }
        });
    }

    /** Leaves the room (if in it) and joins again with the current choices. EDT. */
    private void rejoin() {
        String source = video.isSelected() ? (String) sources.getSelectedItem() : "none";
        String chosenFile = file;
        showStatus("joining room " + options.room() + " on " + options.relay() + " ...");
        worker.execute(() -> {
            closeParticipant();
            if (leaving) {
                return;
            }
            ClientOptions current = new ClientOptions(options.relayHost(), options.relayPort(), options.room(),
                    options.name(), options.secret(), source, chosenFile, options.device(), options.codec(), false,
                    options.seconds(), options.relayFingerprint());
            Config config = Client.config(current, source);
            VideoGrid grid;
            try {
                grid = onEdt(() -> new VideoGrid(gridConfig()));
            } catch (RuntimeException e) {
                EventQueue.invokeLater(() -> showError("Cannot create the video grid: " + e.getMessage()));
                return;
            }
            try {
                Participant joined = Client.join(current, config, grid);
                joined.start();
                participant = joined;
                sending = source;
                EventQueue.invokeLater(() -> {
                    center.removeAll();
                    center.add(grid, BorderLayout.CENTER);
                    center.revalidate();
                    center.repaint();
                    banner.setVisible(false);
                    showStatus("joined room " + options.room() + " as participant #"
                            + joined.session().participantId() + ", sending " + source);
                });
            } catch (VcException e) {
                String message = ClientStatus.explain(e, current, source);
                EventQueue.invokeLater(() -> showError(message));
            }
        });
    }

    private static <T> T onEdt(java.util.function.Supplier<T> supplier) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            EventQueue.invokeAndWait(() -> result.set(supplier.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        return result.get();
    }

    private void closeParticipant() {
        Participant old = participant;
        participant = null;
        if (old != null) {
            old.close();
        }
    }

    private void refreshStatus() {
        Participant p = participant;
        if (p == null) {
            return;
        }
        if (p.disconnectReason() != null) {
            String reason = p.disconnectReason();
            worker.execute(this::closeParticipant);
            showError("Disconnected from the relay: " + reason);
            return;
        }
        String line = meter.line(p, sending);
        if (!sending.equals("none") && !p.capturing()) {
            String why = p.sourceFailure() != null ? p.sourceFailure().getMessage() : "it ended";
            line = "video source '" + sending + "' stopped: " + why + " (choose another source) | " + line;
        }
        showStatus(line);
    }

    private void showStatus(String text) {
        status.setForeground(TEXT);
        status.setText(text);
    }

    private void showError(String message) {
        bannerText.setText("<html>" + escape(message) + "</html>");
        banner.setVisible(true);
        status.setForeground(new Color(0xff, 0x9a, 0x9a));
        status.setText(message);
        frame.revalidate();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Leaves the room, closes the window and ends the JVM. EDT. */
    private void leave() {
        if (leaving) {
            return;
        }
        leaving = true;
        showStatus("leaving ...");
        worker.execute(this::closeParticipant);
        worker.shutdown();
        Thread exit = new Thread(() -> {
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            EventQueue.invokeLater(frame::dispose);
            System.exit(0);
        }, "vc-client-exit");
        exit.start();
    }
}
