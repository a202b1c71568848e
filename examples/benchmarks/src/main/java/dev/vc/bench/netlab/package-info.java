/**
 * A network lab for the benchmarks and tests (issue #12 item 6): real kernel bottlenecks between a relay and its
 * participants. {@link dev.vc.bench.netlab.Lab} makes network namespaces ({@link dev.vc.bench.netlab.Namespace})
 * joined by veth pairs ({@link dev.vc.bench.netlab.VethLink}) and removes them again, also after a crash;
 * {@link dev.vc.bench.netlab.Shaper} puts a token bucket ({@link dev.vc.bench.netlab.TokenBucket}) on one
 * direction ({@link dev.vc.bench.netlab.Egress}) and changes its rate on a
 * {@link dev.vc.bench.netlab.CapacitySchedule}; {@link dev.vc.bench.netlab.QdiscCounters} reads the kernel's
 * counters (bytes, drops, backlog: the queueing delay is backlog / rate). Relay and participants run as child
 * JVMs inside the namespaces ({@link dev.vc.bench.netlab.LabProcess} starting
 * {@link dev.vc.bench.netlab.LabMember}), which print one {@link dev.vc.bench.netlab.LabLine} per participant,
 * stream and second. {@link dev.vc.bench.netlab.NetLabBench} runs the scenarios ({@link dev.vc.bench.netlab.Scenario},
 * after RFC 8867) through {@link dev.vc.bench.netlab.NetLabRun} and writes them with
 * {@link dev.vc.bench.netlab.NetLabReport}. Delay and random loss are not the kernel's ({@code netem} is missing
 * from the kernel this was built on): with {@code --path}, the impairing proxy of {@code dev.vc.bench.faults.impair}
 * adds them in user space on the edge participants' media path, inside the edge namespace.
 *
 * <pre>
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.netlab.NetLabBench --scenarios weak-receiver
 * </pre>
 */
package dev.vc.bench.netlab;
