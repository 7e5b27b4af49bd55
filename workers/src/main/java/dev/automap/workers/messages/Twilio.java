package dev.automap.workers.messages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.store.Message;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SMS and WhatsApp through Twilio's Messages API: {@code POST
 * {base}/2010-04-01/Accounts/{sid}/Messages.json}, form-encoded {@code To}, {@code From}, {@code
 * Body} and {@code StatusCallback}, with Basic auth {@code sid:token}. Configured by {@code
 * AUTOMAP_TWILIO_BASE_URL} (default {@code https://api.twilio.com}), {@code _ACCOUNT_SID}, {@code
 * _AUTH_TOKEN}, {@code _FROM} (SMS) and {@code _WHATSAPP_FROM}; a channel without its sender is not
 * configured, and its messages stay captured. WhatsApp numbers are sent as {@code whatsapp:+…}. The
 * token signs Twilio's calls to {@code POST /hooks/twilio} ({@link #signs}).
 */
@Singleton
public class Twilio {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final String base;
  private final String accountSid;
  private final String authToken;
  private final String smsFrom;
  private final String whatsappFrom;
  private final String publicUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public Twilio(
      @Value("${automap.twilio.base-url:`https://api.twilio.com`}") String base,
      @Value("${automap.twilio.account-sid:}") @Nullable String accountSid,
      @Value("${automap.twilio.auth-token:}") @Nullable String authToken,
      @Value("${automap.twilio.from:}") @Nullable String smsFrom,
      @Value("${automap.twilio.whatsapp-from:}") @Nullable String whatsappFrom,
      @Value("${automap.public-url:}") @Nullable String publicUrl) {
    this.base = strip(base == null || base.isBlank() ? "https://api.twilio.com" : base);
    this.accountSid = blankToNull(accountSid);
    this.authToken = blankToNull(authToken);
    this.smsFrom = blankToNull(smsFrom);
    this.whatsappFrom = blankToNull(whatsappFrom);
    this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : strip(publicUrl);
  }

  /** Whether messages of the channel ({@code sms} or {@code whatsapp}) leave through Twilio. */
  public boolean delivers(String channel) {
    if (accountSid == null || authToken == null) {
      return false;
    }
    return switch (channel) {
      case "sms" -> smsFrom != null;
      case "whatsapp" -> whatsappFrom != null;
      default -> false;
    };
  }

  /** Whether Twilio is configured at all (its calls to the hook can be checked). */
  public boolean configured() {
    return accountSid != null && authToken != null;
  }

  /** {@code AUTOMAP_PUBLIC_URL}, without a trailing slash; null when unset. */
  public String publicUrl() {
    return publicUrl;
  }

  /**
   * Sends one message; answers Twilio's {@code sid} of it.
   *
   * @throws Refused when Twilio answered that it will not send it (4xx)
   * @throws IOException when Twilio could not be reached or failed (5xx): the message may be sent
   *     on a later attempt
   */
  public String send(Message message) throws IOException, InterruptedException {
    boolean whatsapp = "whatsapp".equals(message.channel());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", whatsapp ? whatsapp(message.toAddress()) : message.toAddress());
    form.put("From", whatsapp ? whatsapp(whatsappFrom) : smsFrom);
    form.put("Body", message.body() == null ? "" : message.body());
    if (publicUrl != null) {
      form.put("StatusCallback", publicUrl + "/hooks/twilio");
    }
    String credentials =
        Base64.getEncoder()
            .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/2010-04-01/Accounts/" + accountSid + "/Messages.json"))
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    int status = response.statusCode();
    if (status / 100 == 2) {
      JsonNode answer = MapJson.mapper().readTree(response.body());
      String sid = answer.path("sid").asText(null);
      if (sid == null) {
        throw new IOException("Twilio answered " + status + " without a message sid");
      }
      return sid;
    }
    String said = said(response.body());
    if (status / 100 == 4 && status != 408 && status != 429) {
      throw new Refused("Twilio refused the message (" + status + "): " + said);
    }
    throw new IOException("Twilio answered " + status + ": " + said);
  }

  /** Twilio refused a message for good: a bad number, a sender not allowed. */
  public static class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  /**
   * Whether {@code signature} is Twilio's {@code X-Twilio-Signature} of a call to {@code url} with
   * these form parameters: base64 of HMAC-SHA1, keyed by the auth token, over the URL followed by
   * each parameter's name and value, sorted by name.
   */
  public boolean signs(String url, Map<String, String> params, String signature) {
    if (authToken == null || signature == null || signature.isBlank()) {
      return false;
    }
    byte[] expected = signature(authToken, url, params).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** Twilio's signature of a call: what a test playing Twilio signs its calls with. */
  public static String signature(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  /** A number as WhatsApp is addressed at Twilio: {@code whatsapp:+…}. */
  static String whatsapp(String number) {
    return number.startsWith("whatsapp:") ? number : "whatsapp:" + number;
  }

  private static String said(String body) {
    try {
      JsonNode answer = MapJson.mapper().readTree(body);
      if (answer.hasNonNull("message")) {
        return answer.get("message").asText()
            + (answer.hasNonNull("code") ? " (code " + answer.get("code").asText() + ")" : "");
      }
    } catch (IOException notJson) {
      // told as it came
    }
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
  }

  private static String encode(Map<String, String> form) {
    StringBuilder out = new StringBuilder();
    form.forEach(
        (name, value) -> {
          if (!out.isEmpty()) {
            out.append('&');
          }
          out.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return out.toString();
  }

  private static String strip(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
