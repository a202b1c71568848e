/**
 * The demo conference: {@link Demo} starts a {@link LoopbackConference} (a relay on 127.0.0.1 and N
 * participants with the synthetic camera, in this JVM) and prints every participant's figures once a second.
 * {@code mvn -B -Pdemo package} at the root builds everything and runs it; {@code -Ddemo.args="..."} passes
 * {@link DemoOptions}.
 */
package dev.vc.examples.demo;
