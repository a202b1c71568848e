package dev.vc.relay.tls;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names and addresses a relay is reached by, for its self-signed certificate: the host it binds, or for a
 * wildcard ({@code 0.0.0.0}, {@code ::}) every address of every interface that is up, plus {@code localhost}
 * and the machine's host name.
 */
final class HostNames {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNames() {
    }

    /** @return whether {@code name} is an IPv4 or IPv6 literal rather than a host name */
    static boolean isAddressLiteral(String name) {
        return IPV4.matcher(name).matches() || name.indexOf(':') >= 0;
    }

    /**
     * @param host the address the relay binds, as configured
     * @return the names and addresses it is reached by, without duplicates, IPv6 scopes dropped
     */
    static List<String> of(String host) {
        Set<String> names = new LinkedHashSet<>();
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
        if (!wildcard) {
            names.add(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            return List.copyOf(names);
        }
        names.add("localhost");
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getCanonicalHostName());
        } catch (UnknownHostException e) {
            // no host name: the addresses are enough
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        String text = a.getHostAddress();
                        int scope = text.indexOf('%');
                        names.add(scope < 0 ? text : text.substring(0, scope));
                    }
                }
            }
        } catch (SocketException e) {
            names.add("127.0.0.1");
        }
        return List.copyOf(names);
    }
}
