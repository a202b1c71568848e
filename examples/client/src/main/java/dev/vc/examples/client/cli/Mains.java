package dev.vc.examples.client.cli;

import dev.vc.api.VcException;

import java.io.IOException;

/**
 * How the demo's and the measuring mains end: the exit status their work returns, the usage on standard output and
 * status 0 for {@code --help}, or one line on standard error and status 1 for bad options, a refused setup or an
 * I/O failure, or 130 when interrupted. No stack traces for expected failures.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Mains.exit("vc relay load", () -> {
 *         RelayLoadSummary summary = new RelayLoad(RelayLoadOptions.parse(args), System.out).run();
 *         System.out.println(summary.resultLine());
 *         return 0;   // a bad option instead prints "vc relay load: <message>" and exits 1
 *     });
 * }
 * }</pre>
 */
public final class Mains {
    /** A main's work. */
    public interface Work {
        /**
         * @return the exit status
         * @throws IOException          if a socket or a report file fails
         * @throws InterruptedException if interrupted
         */
        int run() throws IOException, InterruptedException;
    }

    private Mains() {
    }

    /**
     * Runs the work and exits the JVM with its status.
     *
     * @param name prefix of the error line, e.g. {@code "vc relay sweep"}
     * @param work what the main does
     */
    public static void exit(String name, Work work) {
        System.exit(status(name, work));
    }

    /** @return the status {@link #exit} would exit with, after printing any error line */
    public static int status(String name, Work work) {
        try {
            return work.run();
        } catch (HelpRequested help) {
            System.out.println(help.getMessage());
            return 0;
        } catch (VcException e) {
            System.err.println(name + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println(name + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
