/**
 * {@code AttackBench}: a relay, three honest participants and one hostile member per attack (NACK and PLI storms,
 * an RTCP flood, a hello flood, idle control connections), measuring what the victims still see (fps, longest
 * gap, send rate against the unattacked baseline) and what the relay holds (threads, heap, RSS). Issue #17's
 * targets are checked against these figures in {@code docs/benchmarks.md}.
 */
package dev.vc.bench.attacks;
