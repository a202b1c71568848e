/**
 * The relay under load: {@link RelayLoad} opens rooms x participants sockets ({@link LoadParticipant}), makes
 * them known to a {@link LoadTarget} (the relay, {@link RelayTarget}, or the raw NIO forwarder
 * {@link UdpEchoCeiling} as the ceiling, {@link CeilingTarget}), paces replayed RTP from a few
 * {@link LoadSender} threads, drains and checks what comes back on a few {@link LoadReceiver} threads, and
 * reports the difference of two {@link LoadSnapshot}s as a {@link RelayLoadSummary}. {@link RelaySweep} adds
 * rooms run after run until the loss passes a limit, and charts forwarded streams against loss. With several
 * {@link dev.vc.bench.MediaMode}s ({@code --compare-srtp}) the same load runs in plain RTP and in SRTP (every
 * participant keyed by its own DTLS-SRTP handshake) back to back, and {@link MediaComparison} sets the relay's
 * CPU and allocation per forwarded packet in each against plain.
 *
 * <pre>
 * java -XX:AutoBoxCacheMax=65536 -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.relayload.RelayLoad --rooms 4
 * </pre>
 */
package dev.vc.bench.relayload;
