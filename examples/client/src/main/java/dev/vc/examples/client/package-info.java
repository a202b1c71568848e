/**
 * The conference client a person uses: {@link Client} reads its command line ({@link ClientOptions}), joins a
 * room on a relay and opens a {@link ClientWindow} (the other participants in a grid, the self view, a toolbar
 * and a status line), or with {@code --headless} prints {@link ClientStatus} lines once a second.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/client/target/modules -m dev.vc.examples.client/dev.vc.examples.client.Client \
 *      --relay 127.0.0.1:5000 --room team --name alice
 * </pre>
 */
package dev.vc.examples.client;
