/**
 * The control channel's cost: {@link dev.vc.bench.control.ControlJoinBench} joins a relay over TLS and one in
 * plain TCP, interleaved in one run, and reports the join time and the relay control thread's CPU per join.
 */
package dev.vc.bench.control;
