package org.dashdesk.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an address's host is this computer, for the plain-HTTP development rule. Only
 * {@code localhost} and IP literals count, and literals are parsed here without ever asking DNS:
 * a name such as {@code 127.evil.example} must not pass because it starts like a loopback address,
 * and a lookup would let whoever answers DNS decide.
 */
public final class Loopback {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private Loopback() {
    }

    /** @param host as {@link java.net.URI#getHost()} gives it (IPv6 in brackets, or bare) */
    public static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        var v4 = IPV4.matcher(h);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return false;
                }
                bytes[i] = (byte) part;
            }
            return address(bytes).isLoopbackAddress();
        }
        // An IPv6 literal has a colon; InetAddress parses such a string as a literal and never looks it up.
        if (h.indexOf(':') >= 0 && IPV6.matcher(h).matches()) {
            try {
                return InetAddress.getByName("[" + h + "]").isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
