/**
 * Network impairment in Java, for fault runs where {@code tc netem} is not available: {@link
 * dev.vc.examples.impair.ImpairingProxy} stands between participants and the relay and applies, per direction,
 * an {@link dev.vc.examples.impair.Impairer}: a {@link dev.vc.examples.impair.LossModel} (independent {@link
 * dev.vc.examples.impair.BernoulliLoss} or bursty {@link dev.vc.examples.impair.GilbertElliottLoss}), reordering
 * and duplication, all seeded. {@link dev.vc.examples.impair.Impairment} is the value (and the scenario spec,
 * such as {@code random:5}) they are made from.
 */
package dev.vc.examples.impair;
