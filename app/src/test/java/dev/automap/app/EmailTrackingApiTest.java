package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The way back of an email, over HTTP (no SMTP server: the message is captured, and its links are
 * read from it as a reader's mail client would follow them): the open pixel, a click, the
 * unsubscribe page and its one-click POST, replies at {@code /hooks/email/inbound} and events sent
 * in with {@code data.messageId}, each reaching the run waiting on the step that sent the email;
 * forged or altered tokens are 404s that change nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class EmailTrackingApiTest extends ApiTestSupport {
  static final Pattern LINK = Pattern.compile("https?://[^/\"\\s]+(/t/([ocu])/[A-Za-z0-9_\\-.]+)");

  static final String MAP =
      """
      {"key": "%s", "start": "mail", "steps": [
        {"id": "mail", "type": "send_email", "subject": "Hi {{contact.firstName}}",
         "body": "<p>Hi {{contact.firstName}}, read <a href=\\"https://acme.test/offer?x=1&amp;y=2\\">the offer</a>.</p>",
         "next": "heard?"},
        {"id": "heard?", "type": "wait_for", "event": {"event": "%s", "fromStep": "mail"},
         "timeout": "P2D", "next": "yes", "onTimeout": "no"},
        {"id": "yes", "type": "add_tags", "tags": ["heard"], "next": "done"},
        {"id": "no", "type": "add_tags", "tags": ["silent"], "next": "done"},
        {"id": "done", "type": "end"}]}""";

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(super.getProperties());
    props.put("micronaut.http.client.follow-redirects", "false");
    return props;
  }

  @BeforeAll
  void maps() {
    for (String event :
        List.of("email.opened", "email.clicked", "email.replied", "email.unsubscribed")) {
      String key = "waits-" + event.replace('.', '-');
      var saved =
          call(
              auth(
                  HttpRequest.POST("/v1/automations", MAP.formatted(key, event))
                      .contentType(MediaType.APPLICATION_JSON)));
      assertThat(saved.code()).as(String.valueOf(saved.getBody(JSON))).isEqualTo(201);
      var published = call(auth(HttpRequest.POST("/v1/automations/" + key + "/publish", "")));
      assertThat(published.code()).as(String.valueOf(published.getBody(JSON))).isEqualTo(200);
    }
  }

  /** A contact enrolled in the map waiting for {@code event}; its captured email, once recorded. */
  record Run(String contactId, String workflowId, Map<String, Object> message) {
    String link(String kind) {
      Matcher m = LINK.matcher((String) message.get("body"));
      while (m.find()) {
        if (m.group(2).equals(kind)) {
          return m.group(1);
        }
      }
      throw new AssertionError("no /t/" + kind + "/ link in " + message.get("body"));
    }

    String messageId() {
      return (String) message.get("id");
    }
  }

  Run enrolled(String event) throws InterruptedException {
    String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    var created =
        call(auth(HttpRequest.POST("/v1/contacts", Map.of("email", email, "firstName", "Ada"))));
    String contactId = (String) body(created).get("id");
    String key = "waits-" + event.replace('.', '-');
    var enrolled =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/automations/" + key + "/enrollments", Map.of("contactId", contactId))));
    assertThat(enrolled.code()).isEqualTo(201);
    String workflowId = (String) body(enrolled).get("enrollmentId");
    Map<String, Object> message =
        await("the email is captured", () -> messages(contactId), list -> !list.isEmpty())
            .getFirst();
    await(
        "the run waits",
        () -> List.of(status(workflowId)),
        s -> s.getFirst() != null && List.of("heard?").equals(s.getFirst().get("steps")));
    return new Run(contactId, workflowId, message);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> messages(String contactId) {
    return (List<Map<String, Object>>)
        body(call(auth(HttpRequest.GET("/v1/messages?contactId=" + contactId)))).get("items");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> status(String workflowId) {
    return (Map<String, Object>)
        body(call(auth(HttpRequest.GET("/v1/enrollments/" + workflowId)))).get("status");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> dnd(String contactId) {
    Object dnd = contact(contactId).get("dnd");
    return dnd == null ? Map.of() : (Map<String, Object>) dnd;
  }

  Map<String, Object> contact(String contactId) {
    return body(call(auth(HttpRequest.GET("/v1/contacts/" + contactId))));
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> events(String contactId, String type) {
    var items =
        (List<Map<String, Object>>)
            body(call(auth(HttpRequest.GET("/v1/contacts/" + contactId + "/timeline?limit=200"))))
                .get("items");
    return items.stream()
        .filter(i -> "event".equals(i.get("kind")) && type.equals(i.get("type")))
        .toList();
  }

  @SuppressWarnings("unchecked")
  void awaitTag(String contactId, String tag) throws InterruptedException {
    await(
        "the run moves on and tags " + tag,
        () -> {
          Object tags = contact(contactId).get("tags");
          return tags == null ? List.<Object>of() : (List<Object>) tags;
        },
        tags -> tags.contains(tag));
  }

  static <T> List<T> await(
      String what, java.util.function.Supplier<List<T>> read, Predicate<List<T>> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<T> value;
    while (!done.test(value = read.get())) {
      if (Instant.now().isAfter(deadline)) {
        fail(what + ": not after 30 s (" + value + ")");
      }
      Thread.sleep(150);
    }
    return value;
  }

  /** An unauthenticated request, as a mail client or a browser makes it. */
  HttpResponse<String> visit(HttpRequest<?> request) {
    try {
      return http.toBlocking().exchange(request, String.class);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      var failed = (HttpResponse<String>) e.getResponse();
      return failed;
    }
  }

  HttpResponse<byte[]> pixel(String path) {
    try {
      return http.toBlocking().exchange(HttpRequest.GET(path), byte[].class);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      var failed = (HttpResponse<byte[]>) e.getResponse();
      return failed;
    }
  }

  @Test
  void anOpenRaisesEmailOpenedOnceAMinuteAndTheWaitingRunMovesOn() throws Exception {
    Run run = enrolled("email.opened");
    String pixel = run.link("o");

    var first = pixel(pixel);
    var again = pixel(pixel);

    assertThat(first.code()).isEqualTo(200);
    assertThat(first.getContentType())
        .hasValueSatisfying(t -> assertThat(t.getName()).isEqualTo("image/gif"));
    assertThat(first.body()).startsWith("GIF89a".getBytes());
    assertThat(again.code()).isEqualTo(200);
    awaitTag(run.contactId(), "heard");
    assertThat(events(run.contactId(), "email.opened"))
        .as("two opens within a minute raise one event")
        .singleElement()
        .satisfies(
            e -> {
              @SuppressWarnings("unchecked")
              var data = (Map<String, Object>) e.get("data");
              assertThat(data).containsEntry("messageId", run.messageId());
              assertThat((Map<String, Object>) data.get("source"))
                  .containsEntry("workflowId", run.workflowId())
                  .containsEntry("stepId", "mail");
            });
  }

  @Test
  void aClickRedirectsToTheOriginalLinkAndRaisesEmailClickedWithItsUrl() throws Exception {
    Run run = enrolled("email.clicked");
    assertThat((String) run.message().get("body")).doesNotContain("acme.test/offer");

    var click = visit(HttpRequest.GET(run.link("c")));

    assertThat(click.code()).isEqualTo(HttpStatus.FOUND.getCode());
    assertThat(click.getHeaders().get("Location")).isEqualTo("https://acme.test/offer?x=1&y=2");
    awaitTag(run.contactId(), "heard");
    assertThat(events(run.contactId(), "email.clicked"))
        .singleElement()
        .satisfies(
            e ->
                assertThat((Map<String, Object>) e.get("data"))
                    .containsEntry("messageId", run.messageId())
                    .containsEntry("url", "https://acme.test/offer?x=1&y=2"));
  }

  @Test
  void theUnsubscribePageAsksAndItsOneClickPostSetsDndOnce() throws Exception {
    Run run = enrolled("email.unsubscribed");
    String link = run.link("u");

    var page = visit(HttpRequest.GET(link));
    assertThat(page.code()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\"").contains("Unsubscribe");
    assertThat(events(run.contactId(), "email.unsubscribed"))
        .as("a look changes nothing")
        .isEmpty();
    assertThat(dnd(run.contactId())).doesNotContainKey("email");

    var oneClick =
        visit(
            HttpRequest.POST(link, "List-Unsubscribe=One-Click")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
    var twice =
        visit(
            HttpRequest.POST(link, "List-Unsubscribe=One-Click")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));

    assertThat(oneClick.code()).isEqualTo(200);
    assertThat(oneClick.body()).contains("unsubscribed");
    assertThat(twice.code()).isEqualTo(200);
    assertThat(dnd(run.contactId())).containsEntry("email", true);
    awaitTag(run.contactId(), "heard");
    assertThat(events(run.contactId(), "email.unsubscribed"))
        .as("on the timeline, once")
        .singleElement()
        .satisfies(
            e ->
                assertThat((String) e.get("summary"))
                    .isEqualTo(
                        "unsubscribed from email (link in "
                            + run.messageId()
                            + "): DND on for email"));
  }

  @Test
  void forgedOrAlteredTokensAre404sThatRaiseNothing() throws Exception {
    Run run = enrolled("email.opened");
    String open = run.link("o");
    String token = open.substring("/t/o/".length());
    String payload = token.substring(0, token.indexOf('.'));
    String signature = token.substring(token.indexOf('.') + 1);
    char last = signature.charAt(signature.length() - 2);
    String altered =
        payload
            + "."
            + signature.substring(0, signature.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + signature.charAt(signature.length() - 1);
    String unsubscribe = run.link("u").substring("/t/u/".length());

    List<String> refused =
        List.of(
            "/t/o/" + altered,
            "/t/o/" + payload + ".",
            "/t/o/" + payload,
            "/t/o/not-a-token",
            "/t/c/" + token, // an open token is no click token
            "/t/u/" + token,
            "/t/o/" + unsubscribe);
    for (String path : refused) {
      assertThat(visit(HttpRequest.GET(path)).code()).as(path).isEqualTo(404);
    }
    assertThat(
            visit(
                    HttpRequest.POST("/t/u/" + token, "List-Unsubscribe=One-Click")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED))
                .code())
        .isEqualTo(404);
    Thread.sleep(300);
    assertThat(events(run.contactId(), "email.opened")).isEmpty();
    assertThat(events(run.contactId(), "email.unsubscribed")).isEmpty();
    assertThat(dnd(run.contactId())).doesNotContainKey("email");
    assertThat(status(run.workflowId()).get("steps")).isEqualTo(List.of("heard?"));
  }

  @Test
  void aReplyNamingTheMessageIdTakesTheReplyBranch() throws Exception {
    Run run = enrolled("email.replied");
    String inReplyTo = "<" + run.messageId() + "@localhost>";
    Map<String, Object> reply =
        Map.of(
            "from", "ada@example.com",
            "to", "news@acme.test",
            "subject", "Re: Hi Ada",
            "text", "Yes please",
            "inReplyTo", inReplyTo);

    var first = call(HttpRequest.POST("/hooks/email/inbound", reply));
    var again = call(HttpRequest.POST("/hooks/email/inbound", reply));

    assertThat(first.code()).as(String.valueOf(first.getBody(JSON))).isEqualTo(202);
    assertThat(body(first))
        .containsEntry("accepted", true)
        .containsEntry("duplicate", false)
        .containsEntry("signaled", List.of(run.workflowId()));
    assertThat(body(again)).containsEntry("duplicate", true);
    awaitTag(run.contactId(), "heard");
    assertThat(events(run.contactId(), "email.replied"))
        .singleElement()
        .satisfies(
            e ->
                assertThat((Map<String, Object>) e.get("data"))
                    .containsEntry("messageId", run.messageId())
                    .containsEntry("text", "Yes please"));
  }

  @Test
  void anInboundReplyNamingNoMessageOrMissingItsMessageIdIsRefused() {
    var unknown =
        call(
            HttpRequest.POST(
                "/hooks/email/inbound",
                Map.of(
                    "from", "x@example.com", "inReplyTo", "<msg_nosuchmessage0000000@localhost>")));
    var foreign =
        call(
            HttpRequest.POST(
                "/hooks/email/inbound", Map.of("inReplyTo", "<CAF=abc123@mail.gmail.com>")));
    var missing = call(HttpRequest.POST("/hooks/email/inbound", Map.of("text", "hello")));
    var wrongType =
        call(HttpRequest.POST("/hooks/email/inbound", Map.of("inReplyTo", List.of("x"))));
    var notAnObject =
        call(
            HttpRequest.POST("/hooks/email/inbound", "[1]")
                .contentType(MediaType.APPLICATION_JSON));

    assertThat(unknown.code()).isEqualTo(404);
    assertThat(foreign.code()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo(400);
    assertThat(body(missing).toString()).contains("/inReplyTo");
    assertThat(wrongType.code()).isEqualTo(400);
    assertThat(body(wrongType).toString()).contains("must be text");
    assertThat(notAnObject.code()).isEqualTo(400);
  }

  @Test
  void anEventSentInWithTheMessageIdIsAttributedToTheStepThatSentIt() throws Exception {
    Run run = enrolled("email.replied");
    Run other = enrolled("email.replied");

    // without a contact: the message names it
    var sent =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/events?wait=true",
                    Map.of(
                        "id",
                        "reply-" + run.messageId(),
                        "type",
                        "email.replied",
                        "data",
                        Map.of("messageId", run.messageId())))));
    // naming another contact than the message's: refused, naming the place
    var mismatched =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/events",
                    Map.of(
                        "type", "email.replied",
                        "contactId", other.contactId(),
                        "data", Map.of("messageId", run.messageId())))));

    assertThat(sent.code()).as(String.valueOf(sent.getBody(JSON))).isEqualTo(202);
    awaitTag(run.contactId(), "heard");
    assertThat(mismatched.code()).isEqualTo(400);
    assertThat(body(mismatched).toString())
        .contains("/data/messageId")
        .contains("was not sent to this event's contact");
    Thread.sleep(300);
    assertThat(status(other.workflowId()).get("steps")).isEqualTo(List.of("heard?"));
  }
}
