package dev.automap.workers.messages;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links of an email that lead back here (channels.md, Tracking): the open pixel {@code
 * /t/o/{token}}, each rewritten link {@code /t/c/{token}} and the unsubscribe link {@code
 * /t/u/{token}}, under {@code AUTOMAP_PUBLIC_URL}. A token is the kind, the message id (and for a
 * click the original URL) signed with HMAC-SHA256 under {@code AUTOMAP_TRACKING_SECRET}, or under a
 * random secret made once and kept in the database when that is not set. Only a token signed here
 * reads back: a forged or altered one reads as nothing.
 */
@Singleton
public class TrackingLinks {
  /** What a link does. */
  public enum Kind {
    OPEN("o"),
    CLICK("c"),
    UNSUBSCRIBE("u");

    private final String path;

    Kind(String path) {
      this.path = path;
    }

    /** The path segment under {@code /t/}. */
    public String path() {
      return path;
    }
  }

  /** What a valid token names. */
  public record Target(Kind kind, String messageId, @Nullable String url) {}

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final Pattern MESSAGE_ID = Pattern.compile("msg_[a-z0-9]{1,64}");
  private static final Pattern HREF =
      Pattern.compile(
          "(<a\\b[^>]*?\\bhref\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

  private final String publicUrl;
  private final String configuredSecret;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private volatile byte[] key;

  public TrackingLinks(
      @Value("${automap.public-url:`http://localhost:8080`}") String publicUrl,
      @Value("${automap.tracking-secret:}") @Nullable String secret,
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions) {
    String base = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl;
    this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.configuredSecret = secret == null || secret.isBlank() ? null : secret;
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** The base of every link in a message ({@code AUTOMAP_PUBLIC_URL}), without a trailing slash. */
  public String publicUrl() {
    return publicUrl;
  }

  public String openUrl(String messageId) {
    return url(Kind.OPEN, messageId, null);
  }

  public String clickUrl(String messageId, String target) {
    return url(Kind.CLICK, messageId, target);
  }

  public String unsubscribeUrl(String messageId) {
    return url(Kind.UNSUBSCRIBE, messageId, null);
  }

  /** The {@code Message-ID} of an email: {@code <messageId@public host>}. */
  public String emailMessageId(String messageId) {
    return "<" + messageId + "@" + host() + ">";
  }

  /**
   * The message a {@code Message-ID} (as an {@code In-Reply-To} names it, with or without angle
   * brackets) was made from here: empty for any other.
   */
  public static Optional<String> messageIdOf(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String id = header.strip();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1);
    }
    int at = id.indexOf('@');
    String local = at < 0 ? id : id.substring(0, at);
    return MESSAGE_ID.matcher(local).matches() ? Optional.of(local) : Optional.empty();
  }

  /** What a token of the kind names; empty when it was not signed here or names another kind. */
  public Optional<Target> read(Kind kind, String token) {
    if (token == null || token.length() > 4096) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = B64D.decode(token.substring(0, dot));
      signature = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(signature, sign(payload))) {
      return Optional.empty();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
    if (parts.length < 2 || !parts[0].equals(kind.path())) {
      return Optional.empty();
    }
    if (kind == Kind.CLICK) {
      return parts.length == 3
          ? Optional.of(new Target(kind, parts[1], parts[2]))
          : Optional.empty();
    }
    return parts.length == 2 ? Optional.of(new Target(kind, parts[1], null)) : Optional.empty();
  }

  /**
   * The HTML of an email as it goes out: with {@code track}, every http(s) link rewritten to its
   * click link and the open pixel added; always, an unsubscribe link at the end.
   */
  public String html(String html, String messageId, boolean track) {
    String body = html == null ? "" : html;
    if (track) {
      Matcher m = HREF.matcher(body);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String raw = m.group(3) != null ? m.group(3) : m.group(4);
        String target = unescape(raw.strip());
        String replacement =
            trackable(target)
                ? m.group(1) + "\"" + escape(clickUrl(messageId, target)) + "\""
                : m.group();
        m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(out);
      body = out.toString();
    }
    StringBuilder footer =
        new StringBuilder()
            .append("<p style=\"font-size:12px;color:#777\"><a href=\"")
            .append(escape(unsubscribeUrl(messageId)))
            .append("\">Unsubscribe</a></p>");
    if (track) {
      footer
          .append("<img src=\"")
          .append(escape(openUrl(messageId)))
          .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">");
    }
    Matcher end = BODY_END.matcher(body);
    if (end.find()) {
      return body.substring(0, end.start()) + footer + body.substring(end.start());
    }
    return body + footer;
  }

  /** The plain-text part as it goes out: with the unsubscribe link at the end. */
  public String text(String text, String messageId) {
    String base = text == null ? "" : text.stripTrailing();
    return (base.isEmpty() ? "" : base + "\n\n") + "Unsubscribe: " + unsubscribeUrl(messageId);
  }

  private static boolean trackable(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return (lower.startsWith("http://") || lower.startsWith("https://")) && !lower.contains("{{");
  }

  private String url(Kind kind, String messageId, String target) {
    String payload = kind.path() + "\n" + messageId + (target == null ? "" : "\n" + target);
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return publicUrl
        + "/t/"
        + kind.path()
        + "/"
        + B64.encodeToString(bytes)
        + "."
        + B64.encodeToString(sign(bytes));
  }

  private String host() {
    try {
      String host = URI.create(publicUrl).getHost();
      return host == null || host.isBlank() ? "automap" : host;
    } catch (IllegalArgumentException e) {
      return "automap";
    }
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      String secret = configuredSecret != null ? configuredSecret : storedSecret();
      k = secret.getBytes(StandardCharsets.UTF_8);
      key = k;
    }
    return k;
  }

  /** The kept secret, made on first use; concurrent first uses agree on the one stored. */
  private String storedSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String fresh = B64.encodeToString(random);
    // a transaction of its own: a secret once used to sign must be kept, whatever the caller does
    return transactions.execute(
        TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
        status -> {
          jdbc.prepareStatement(
              "insert into tracking_secrets (id, secret) values ('default', ?)"
                  + " on conflict (id) do nothing",
              ps -> {
                ps.setString(1, fresh);
                return ps.executeUpdate();
              });
          return jdbc.prepareStatement(
              "select secret from tracking_secrets where id = 'default'",
              ps -> {
                try (var rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getString(1);
                }
              });
        });
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
