package dev.vc.bench.roomcost;

import dev.vc.bench.report.Chart;
import dev.vc.bench.report.CsvTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@link RoomCostBench}'s output: a console table, {@value #CSV} (one row per codec and room size),
 * {@value #CPU_CHART} (the client's CPU and its decode share against N, one series per codec) and
 * {@value #FPS_CHART} (frames per second per remote stream against N).
 */
final class RoomCostReport {
    /** The CSV file's name. */
    static final String CSV = "room-cost.csv";
    /** The CPU chart's file name. */
    static final String CPU_CHART = "room-cost.png";
    /** The frame-rate chart's file name. */
    static final String FPS_CHART = "room-cost-fps.png";

    private static final String[] COLUMNS = {"codec", "participants", "streams", "client_cpu_pct", "capture_cpu_pct",
            "encode_cpu_pct", "receive_cpu_pct", "decode_cpu_pct", "render_cpu_pct", "control_cpu_pct", "sent_fps",
            "fps_mean", "fps_min", "latency_p50_ms", "latency_p99_ms", "decode_errors", "frames_skipped",
            "frames_incomplete", "jvm_cpu_pct", "harness_cpu_pct", "machine_busy_pct", "client_alloc_mb_s",
            "client_wait_pct", "plis_answered", "late_restarts", "window_s", "received_sizes", "sent_layers"};

    private RoomCostReport() {
    }

    /**
     * @param results the rooms measured
     * @return the CSV table of them
     */
    static CsvTable csv(List<RoomCostResult> results) {
        CsvTable table = new CsvTable(COLUMNS);
        for (RoomCostResult r : results) {
            CpuShares cpu = r.cpu();
            table.row(r.codec(), r.participants(), r.streams(), cpu.client(), cpu.stage(ClientStage.CAPTURE),
                    cpu.stage(ClientStage.ENCODE), cpu.stage(ClientStage.RECEIVE), cpu.stage(ClientStage.DECODE),
                    cpu.stage(ClientStage.RENDER), cpu.stage(ClientStage.CONTROL), r.sentFps(), r.fpsMean(),
                    r.fpsMin(), r.latencyP50(), r.latencyP99(), r.decodeErrors(), r.framesSkipped(),
                    r.framesIncomplete(), cpu.jvm(), cpu.harness(), cpu.machineBusy(), cpu.clientAlloc() / 1e6,
                    cpu.clientWait(), r.plisAnswered(), r.lateRestarts(), cpu.seconds(), r.receivedSizes(),
                    r.sentLayers());
        }
        return table;
    }

    /**
     * @param results the rooms measured
     * @return a fixed-width table for the console, CPU in percent of one core
     */
    static String table(List<RoomCostResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-6s %3s %3s | %6s %6s %6s %6s %6s %6s %6s | %5s %5s %5s | %7s %7s | %4s %5s %5s | %5s %6s %6s %5s%n",
                "codec", "N", "in", "client", "captur", "encode", "recv", "decode", "render", "ctrl", "sent", "fps",
                "min", "p50 ms", "p99 ms", "err", "skip", "incpl", "jvm", "harnes", "machin", "wait"));
        for (RoomCostResult r : results) {
            CpuShares cpu = r.cpu();
            out.append(String.format(Locale.ROOT,
                    "%-6s %3d %3d | %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f | %5.1f %5.1f %5.1f | %7.1f %7.1f | "
                            + "%4d %5d %5d | %5.1f %6.1f %6.1f %5.1f%n",
                    r.codec(), r.participants(), r.streams(), cpu.client(), cpu.stage(ClientStage.CAPTURE),
                    cpu.stage(ClientStage.ENCODE), cpu.stage(ClientStage.RECEIVE), cpu.stage(ClientStage.DECODE),
                    cpu.stage(ClientStage.RENDER), cpu.stage(ClientStage.CONTROL), r.sentFps(), r.fpsMean(),
                    r.fpsMin(), r.latencyP50(), r.latencyP99(), r.decodeErrors(), r.framesSkipped(),
                    r.framesIncomplete(), cpu.jvm(), cpu.harness(), cpu.machineBusy(), cpu.clientWait()));
        }
        return out.toString();
    }

    /**
     * Writes {@value #CSV}, {@value #CPU_CHART} and {@value #FPS_CHART}.
     *
     * @param results the rooms measured
     * @param dir     the directory, created if needed
     * @throws IOException if a file cannot be written
     */
    static void write(List<RoomCostResult> results, Path dir) throws IOException {
        csv(results).write(dir.resolve(CSV));
        Chart cpu = new Chart("What the client's threads use in a room of N", "participants N (client + N-1 received)",
                "% of one core");
        Chart fps = new Chart("Frames rendered per remote stream", "participants N", "frames per second");
        for (RoomCostResult r : results) {
            cpu.add(r.codec() + " client", r.participants(), r.cpu().client());
            cpu.add(r.codec() + " decode", r.participants(), r.cpu().stage(ClientStage.DECODE));
            fps.add(r.codec() + " mean", r.participants(), r.fpsMean());
            fps.add(r.codec() + " slowest stream", r.participants(), r.fpsMin());
        }
        cpu.writePng(dir.resolve(CPU_CHART));
        fps.writePng(dir.resolve(FPS_CHART));
    }
}
