package dev.vc.codec.h264.jcodec;

import org.jcodec.common.logging.LogSink;
import org.jcodec.common.logging.Logger;
import org.jcodec.common.logging.Message;

/**
 * Routes jcodec's log (which otherwise prints its warnings to {@code System.out}, e.g. for every damaged
 * access unit) to {@link System.Logger} at DEBUG level, under the name {@code dev.vc.codec.h264.jcodec}.
 */
final class JcodecLogging {
    private static final System.Logger LOG = System.getLogger("dev.vc.codec.h264.jcodec");
    private static boolean installed;

    private JcodecLogging() {
    }

    /** Installs the sink once; harmless if jcodec's logger has already started with other sinks. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        LogSink sink = JcodecLogging::post;
        try {
            Logger.addSink(sink);
        } catch (IllegalStateException alreadyStarted) {
            // Someone logged through jcodec before us; its sinks stay as they are.
        }
    }

    private static void post(Message message) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            Object[] args = message.getArgs();
            String text = message.getMessage();
            if (args != null && args.length > 0) {
                text = text + " " + java.util.Arrays.toString(args);
            }
            LOG.log(System.Logger.Level.DEBUG, "jcodec " + message.getLevel() + ": " + text);
        }
    }
}
