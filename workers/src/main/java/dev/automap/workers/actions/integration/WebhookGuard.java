package dev.automap.workers.actions.integration;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a map's {@code webhook} may not go: loopback, link-local (cloud metadata services among
 * them, {@code 169.254.169.254}), private, carrier-grade NAT ({@code 100.64.0.0/10}, where some
 * clouds keep theirs), unique-local and unspecified addresses, checked on the addresses the host
 * resolves to, and again on every redirect. A host named in {@code AUTOMAP_WEBHOOK_ALLOWED_HOSTS}
 * (comma-separated host names, addresses or CIDR ranges such as {@code 10.0.0.0/8}) is let through.
 */
@Singleton
public class WebhookGuard {
  private final List<String> hosts = new ArrayList<>();
  private final List<Range> ranges = new ArrayList<>();

  public WebhookGuard(@Value("${automap.webhook.allowed-hosts:}") @Nullable String allowed) {
    if (allowed == null) {
      return;
    }
    for (String entry : allowed.split(",")) {
      String e = entry.strip().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      Range range = Range.parse(e);
      if (range != null) {
        ranges.add(range);
      } else {
        hosts.add(e.startsWith("[") && e.endsWith("]") ? e.substring(1, e.length() - 1) : e);
      }
    }
  }

  /** Why a call to the URL is refused, or empty when it may be made. */
  public Optional<String> refusal(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return Optional.of("the URL has no host");
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (hosts.contains(bare.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      return Optional.empty(); // the call itself will say it cannot be reached
    }
    for (InetAddress address : addresses) {
      String kind = forbidden(address);
      if (kind != null && ranges.stream().noneMatch(r -> r.contains(address))) {
        return Optional.of(
            host
                + " is "
                + (bare.equals(address.getHostAddress())
                    ? ""
                    : "at " + address.getHostAddress() + ", ")
                + "a "
                + kind
                + " address: refused (allow it with AUTOMAP_WEBHOOK_ALLOWED_HOSTS)");
      }
    }
    return Optional.empty();
  }

  /** What makes the address one a webhook may not reach, or null. */
  static String forbidden(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return forbidden(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException impossible) {
          return "IPv4-mapped";
        }
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return "unique-local (private)";
      }
    }
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (address.isLinkLocalAddress()) {
      return "link-local (cloud metadata)";
    }
    if (address.isSiteLocalAddress()) {
      return "private";
    }
    if (address.isMulticastAddress()) {
      return "multicast";
    }
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 100 && second >= 64 && second < 128) {
        return "shared (carrier-grade NAT, cloud metadata)";
      }
      if (first == 0) {
        return "unspecified";
      }
      if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
        return "reserved (cloud metadata)";
      }
    }
    return null;
  }

  /** A CIDR range, or one address. */
  record Range(byte[] network, int bits) {
    static Range parse(String text) {
      String[] parts = text.split("/", 2);
      if (!parts[0].matches("[0-9.]+|[0-9a-f:.\\[\\]]*:[0-9a-f:.\\[\\]]*")) {
        return null;
      }
      try {
        byte[] network =
            InetAddress.getByName(parts[0].replace("[", "").replace("]", "")).getAddress();
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
        if (bits < 0 || bits > network.length * 8) {
          throw new IllegalArgumentException(
              "AUTOMAP_WEBHOOK_ALLOWED_HOSTS: " + text + " is not a CIDR range");
        }
        return new Range(network, bits);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException(
            "AUTOMAP_WEBHOOK_ALLOWED_HOSTS: " + text + " is not a host, address or CIDR range", e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int shift = a.length * 8 - bits;
      return new BigInteger(1, a)
          .shiftRight(shift)
          .equals(new BigInteger(1, network).shiftRight(shift));
    }
  }
}
