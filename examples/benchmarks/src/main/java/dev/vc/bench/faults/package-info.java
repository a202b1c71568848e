/**
 * Conferences through bad networks: {@link FaultBench} puts every participant of an in-process conference
 * behind its own impairing link ({@code impair}, a UDP proxy with seeded loss, reordering and duplication),
 * once per scenario ({@link FaultRun}), and reports what reached the screen, freezes and recovery
 * ({@link FaultResult}).
 *
 * <pre>
 * java -p examples/benchmarks/target/modules --add-modules ALL-MODULE-PATH -m dev.vc.bench/dev.vc.bench.faults.FaultBench
 * </pre>
 */
package dev.vc.bench.faults;
