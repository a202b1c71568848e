package dev.vc.examples.client;

import dev.vc.ui.swing.SwingSettings;
import dev.vc.api.Config;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VcException;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.session.ConnectionState;
import dev.vc.api.session.Participant;
import dev.vc.api.session.PresenceListener;
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
import javax.swing.DefaultListModel;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JScrollPane;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * The client's window: a toolbar (Stop/Start video, source chooser, Leave, the latest "X joined"/"X left"
 * notice), the video grid (a tile for everyone in the room, a placeholder for those without video), the list of
 * participants beside it, an error banner with Retry and Quit, and a status line updated once a second.
 *
 * <p>Stopping video pauses sending ({@link Participant#setVideoEnabled}): the others keep this participant's
 * tile as a placeholder. Choosing another source swaps it in place ({@link Participant#switchSource}), so the
 * session and its tiles stay. A lost relay is reconnected by the participant itself (the status line says
 * "reconnecting", the grid and the self view stay); only when it gives up does the banner offer Retry, which, like a
 * source chosen while not joined, joins the room anew. Joining and leaving run on a worker thread, never on the event dispatch thread. Each session
 * gets a fresh {@link VideoGrid}, since a participant closes its renderer when it closes.
 */
final class ClientWindow {
    private static final Color ERROR_BACKGROUND = new Color(0x5c, 0x1a, 0x1a);
    private static final Color BAR_BACKGROUND = new Color(0x24, 0x24, 0x2a);
    private static final Color TEXT = new Color(0xe8, 0xe8, 0xea);
    /** The video button's text while video is sent: what pressing it does. */
    static final String VIDEO_STOP = "Stop video";
    /** The video button's text while video is off. */
    static final String VIDEO_START = "Start video";
    /** How long a join or leave notice stays. */
    private static final int NOTICE_MILLIS = 5_000;

    private final ClientOptions options;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vc-client-session");
        t.setDaemon(true);
        return t;
    });
    private final JFrame frame;
    private final JPanel center = new JPanel(new BorderLayout());
    private final JToggleButton video = new JToggleButton(VIDEO_STOP, true);
    private final DefaultListModel<String> people = new DefaultListModel<>();
    private final JLabel peopleTitle = new JLabel();
    private final JLabel notice = new JLabel(" ");
    private final Timer noticeExpiry = new Timer(NOTICE_MILLIS, e -> notice.setText(" "));
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
        video.setToolTipText("Stop sending video (the others keep your tile with your name), or start again");
        video.addActionListener(e -> {
            boolean on = video.isSelected();
            video.setText(on ? VIDEO_STOP : VIDEO_START);
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
        toolbar.add(javax.swing.Box.createHorizontalGlue());
        notice.setFont(notice.getFont().deriveFont(Font.BOLD));
        toolbar.add(notice);
        toolbar.add(javax.swing.Box.createHorizontalStrut(8));
        noticeExpiry.setRepeats(false);

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
        JList<String> list = new JList<>(people);
        list.setFocusable(false);
        list.setBackground(BAR_BACKGROUND);
        list.setForeground(TEXT);
        JPanel side = new JPanel(new BorderLayout());
        side.setBackground(BAR_BACKGROUND);
        peopleTitle.setForeground(TEXT);
        peopleTitle.setFont(peopleTitle.getFont().deriveFont(Font.BOLD));
        peopleTitle.setBorder(BorderFactory.createEmptyBorder(6, 8, 4, 8));
        side.add(peopleTitle, BorderLayout.NORTH);
        JScrollPane scroll = new JScrollPane(list);
        scroll.setBorder(BorderFactory.createEmptyBorder(0, 8, 8, 8));
        scroll.setOpaque(false);   // the side panel's colour all the way down, not the look and feel's
        scroll.getViewport().setOpaque(false);
        list.setOpaque(false);
        side.add(scroll, BorderLayout.CENTER);
        side.setPreferredSize(new java.awt.Dimension(180, 0));
        showPeople(null);
        frame.getContentPane().add(north, BorderLayout.NORTH);
        frame.getContentPane().add(center, BorderLayout.CENTER);
        frame.getContentPane().add(side, BorderLayout.EAST);
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
            ClientOptions current = new ClientOptions(options.relays(), options.room(),
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
            ClientOptions current = new ClientOptions(options.relays(), options.room(),
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
                joined.addPresenceListener(new Notices());
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
        showPeople(p);
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

    /** EDT: the participant list, "you" first, then the others in the order they came, each saying if its video is off. */
    private void showPeople(Participant p) {
        List<String> names = new ArrayList<>();
        names.add(options.name() + " (you)" + (video.isSelected() ? "" : ", video off"));
        if (p != null) {
            java.util.Set<Integer> sending = new java.util.HashSet<>();
            p.stats().streams().forEach(s -> sending.add(s.stream().ssrc()));
            p.roster().stream().sorted(java.util.Comparator.comparingInt(ControlMessage.Participant::participantId))
                    .forEach(m -> names.add(m.displayName() + (sending.contains(m.ssrc()) ? "" : ", video off")));
        }
        if (!names.equals(java.util.Collections.list(people.elements()))) {
            people.clear();
            names.forEach(people::addElement);
        }
        peopleTitle.setText("In the room (" + names.size() + ")");
    }

    /** EDT: a short-lived notice in the toolbar. */
    private void showNotice(String text) {
        notice.setForeground(TEXT);
        notice.setText(text);
        noticeExpiry.restart();
    }

    /** Arrivals, departures and the connection's state, shown on the event dispatch thread. */
    private final class Notices implements PresenceListener {
        @Override
        public void memberJoined(ControlMessage.Participant member) {
            EventQueue.invokeLater(() -> showNotice(member.displayName() + " joined"));
        }

        @Override
        public void memberLeft(ControlMessage.Participant member, String reason) {
            String why = "left".equals(reason) ? "" : " (" + reason + ")";
            EventQueue.invokeLater(() -> showNotice(member.displayName() + " left" + why));
        }

        @Override
        public void connectionChanged(ConnectionState state, String detail) {
            EventQueue.invokeLater(() -> {
                if (state == ConnectionState.RECONNECTING) {
                    showStatus("reconnecting to the relay\u2026 " + detail);
                } else if (state == ConnectionState.CONNECTED) {
                    showNotice("reconnected");
                }
            });
        }
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
