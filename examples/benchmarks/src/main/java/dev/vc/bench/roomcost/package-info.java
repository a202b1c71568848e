/**
 * What one client pays for a room of N: {@link RoomCostBench} records the senders' video once
 * ({@link Recorder}, {@link Recording}), replays it from N-1 joined senders ({@link ReplayedSenders}) to one
 * real client, and attributes that client's CPU time to its stages ({@link ClientStage}, by thread name) from
 * {@link CpuSnapshot}s ({@link CpuShares}); {@link RoomCostResult} and {@link RoomCostReport} hold and write
 * the figures.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.roomcost.RoomCostBench
 * </pre>
 */
package dev.vc.bench.roomcost;
