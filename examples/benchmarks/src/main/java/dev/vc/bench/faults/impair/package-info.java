/**
 * Network impairment in Java, for fault runs where {@code tc netem} is not available: {@link ImpairingProxy}
 * stands between participants and the relay and applies, per direction, an {@link Impairer}: a
 * {@link LossModel} (independent {@link BernoulliLoss} or bursty {@link GilbertElliottLoss}), reordering and
 * duplication, all seeded. {@link Impairment} is the value (and the scenario spec, such as {@code random:5})
 * they are made from.
 */
package dev.vc.bench.faults.impair;
