package dev.automap.workers.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.automap.definitions.model.HttpMethod;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.WebhookStep;
import dev.automap.workers.TestStack;
import dev.automap.workers.actions.integration.WebhookGuard;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code webhook} guarded against internal addresses and signed: here only {@code localhost} is
 * allowed, so the same receiver reached as {@code 127.0.0.1} is refused, directly or by a redirect.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookGuardTest extends ActionTestSupport {
  static final String SECRET = "whsec-test-secret";
  static WireMockServer receiver;

  @Override
  public Map<String, String> getProperties() {
    if (receiver == null) {
      receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
      receiver.start();
    }
    Map<String, String> props = new HashMap<>(TestStack.databaseOnly());
    props.put("automap.webhook.allowed-hosts", "localhost");
    props.put("automap.webhook.secret", SECRET);
    return props;
  }

  @AfterAll
  void stopReceiver() {
    receiver.stop();
  }

  @BeforeEach
  void reset() {
    receiver.resetAll();
    receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
  }

  static WebhookStep hook(String url) throws Exception {
    return new WebhookStep(
        "hook",
        null,
        HttpMethod.POST,
        url,
        null,
        MapJson.mapper().readTree("{\"contact\": \"{{contact.id}}\"}"),
        null,
        null,
        null,
        null);
  }

  List<LoggedRequest> calls(String path) {
    return receiver.getAllServeEvents().stream()
        .map(e -> e.getRequest())
        .filter(r -> r.getUrl().equals(path))
        .map(LoggedRequest.class::cast)
        .toList();
  }

  @Test
  void anAllowedHostIsCalledSignedWithItsIdempotencyKey() throws Exception {
    String contact = newContact("Ada");
    var request = request(contact, "hook");
    long before = System.currentTimeMillis() / 1000;
    ActionResult result = perform(request, hook("http://localhost:" + receiver.port() + "/in"));
    assertThat(result.outcome()).isEqualTo("done");

    List<LoggedRequest> calls = calls("/in");
    assertThat(calls).hasSize(1);
    LoggedRequest call = calls.getFirst();
    assertThat(call.getHeader("Idempotency-Key")).isEqualTo(request.idempotencyKey());
    String body = call.getBodyAsString();
    assertThat(body).isEqualTo("{\"contact\":\"" + contact + "\"}");
    String signature = call.getHeader("X-Automap-Signature");
    assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
    long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
    assertThat(t).isBetween(before, before + 60);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    assertThat(signature).isEqualTo("t=" + t + ",v1=" + expected);
  }

  @Test
  void aLoopbackAddressIsRefusedForGoodAndNothingIsCalled() throws Exception {
    String contact = newContact("Bo");
    assertBadInput(
        () ->
            perform(request(contact, "hook"), hook("http://127.0.0.1:" + receiver.port() + "/in")),
        "127.0.0.1 is a loopback address: refused (allow it with AUTOMAP_WEBHOOK_ALLOWED_HOSTS)");
    assertThat(receiver.getAllServeEvents()).isEmpty();
  }

  @Test
  void aRedirectToAnInternalAddressIsRefusedBeforeItIsFollowed() throws Exception {
    receiver.stubFor(
        post(urlEqualTo("/jump"))
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader("Location", "http://127.0.0.1:" + receiver.port() + "/inside")));
    receiver.stubFor(
        post(urlEqualTo("/hop"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/landing")));
    receiver.stubFor(WireMock.get(urlEqualTo("/landing")).willReturn(aResponse().withStatus(204)));
    String contact = newContact("Cy");
    assertBadInput(
        () ->
            perform(
                request(contact, "hook"), hook("http://localhost:" + receiver.port() + "/jump")),
        "redirected to http://127.0.0.1:" + receiver.port() + "/inside: 127.0.0.1 is a loopback");
    assertThat(calls("/inside")).isEmpty();

    ActionResult followed =
        perform(request(contact, "hop"), hook("http://localhost:" + receiver.port() + "/hop"));
    assertThat(followed.detail()).contains("answered 204 (at http://localhost:");
    assertThat(calls("/landing")).hasSize(1);
  }

  @Test
  void internalAddressesAreKnownAndCidrRangesAllowThem() throws Exception {
    for (String internal :
        List.of(
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "::1",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1")) {
      assertThat(
              new WebhookGuard(null)
                  .refusal(
                      URI.create(
                          "http://"
                              + (internal.contains(":") ? "[" + internal + "]" : internal)
                              + "/")))
          .as(internal)
          .isPresent();
    }
    for (String outside : List.of("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111")) {
      assertThat(
              new WebhookGuard(null)
                  .refusal(
                      URI.create(
                          "http://"
                              + (outside.contains(":") ? "[" + outside + "]" : outside)
                              + "/")))
          .as(outside)
          .isEmpty();
    }
    WebhookGuard ranges = new WebhookGuard("10.0.0.0/8, 192.168.1.7, crm.internal");
    assertThat(ranges.refusal(URI.create("http://10.200.0.9/"))).isEmpty();
    assertThat(ranges.refusal(URI.create("http://192.168.1.7/"))).isEmpty();
    assertThat(ranges.refusal(URI.create("http://192.168.1.8/"))).isPresent();
    assertThat(ranges.refusal(URI.create("http://crm.internal/"))).isEmpty();
    assertThat(InetAddress.getByName("127.0.0.1").isLoopbackAddress()).isTrue();
  }
}
