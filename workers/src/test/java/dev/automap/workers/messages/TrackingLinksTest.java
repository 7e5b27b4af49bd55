package dev.automap.workers.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.workers.messages.TrackingLinks.Kind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The signed links of an email, and the HTML and text that carry them. */
class TrackingLinksTest {
  static final TrackingLinks LINKS =
      new TrackingLinks("https://mail.acme.test/", "a-secret", null, null);
  static final TrackingLinks OTHER_SECRET =
      new TrackingLinks("https://mail.acme.test", "another-secret", null, null);

  static String token(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Test
  void aTokenReadsBackOnlyAsTheKindItWasSignedFor() {
    String open = token(LINKS.openUrl("msg_abc"));
    String click = token(LINKS.clickUrl("msg_abc", "https://acme.test/a?b=1&c=2"));

    assertThat(LINKS.openUrl("msg_abc")).startsWith("https://mail.acme.test/t/o/");
    assertThat(LINKS.read(Kind.OPEN, open))
        .contains(new TrackingLinks.Target(Kind.OPEN, "msg_abc", null));
    assertThat(LINKS.read(Kind.CLICK, click))
        .contains(new TrackingLinks.Target(Kind.CLICK, "msg_abc", "https://acme.test/a?b=1&c=2"));
    assertThat(LINKS.read(Kind.CLICK, open)).isEmpty();
    assertThat(LINKS.read(Kind.UNSUBSCRIBE, open)).isEmpty();
    assertThat(OTHER_SECRET.read(Kind.OPEN, open)).as("signed under another secret").isEmpty();
  }

  @Test
  void anAlteredOrForgedTokenReadsAsNothing() {
    String open = token(LINKS.openUrl("msg_abc"));
    String payload = open.substring(0, open.indexOf('.'));
    String otherPayload = token(LINKS.openUrl("msg_xyz")).substring(0, open.indexOf('.'));
    String signature = open.substring(open.indexOf('.') + 1);

    assertThat(LINKS.read(Kind.OPEN, otherPayload + "." + signature)).isEmpty();
    assertThat(LINKS.read(Kind.OPEN, payload + "." + signature.substring(1))).isEmpty();
    assertThat(LINKS.read(Kind.OPEN, payload + ".")).isEmpty();
    assertThat(LINKS.read(Kind.OPEN, payload)).isEmpty();
    assertThat(LINKS.read(Kind.OPEN, "%%%.***")).isEmpty();
    assertThat(LINKS.read(Kind.OPEN, open + "." + signature)).isEmpty();
    assertThat(LINKS.read(Kind.OPEN, null)).isEmpty();
  }

  @Test
  void trackedHtmlRewritesEveryWebLinkAndAddsThePixelAndTheUnsubscribeLink() {
    String html =
        LINKS.html(
            "<html><body><p><a href=\"https://acme.test/a?b=1&amp;c=2\">A</a>"
                + " <A class='x' HREF='http://acme.test/b'>B</A>"
                + " <a href=\"mailto:help@acme.test\">mail</a></p></body></html>",
            "msg_abc",
            true);

    Matcher clicks =
        Pattern.compile(
                "href=\"https://mail\\.acme\\.test/t/c/([^\"]+)\"", Pattern.CASE_INSENSITIVE)
            .matcher(html);
    assertThat(clicks.find()).isTrue();
    assertThat(LINKS.read(Kind.CLICK, clicks.group(1)).orElseThrow().url())
        .isEqualTo("https://acme.test/a?b=1&c=2");
    assertThat(clicks.find()).isTrue();
    assertThat(LINKS.read(Kind.CLICK, clicks.group(1)).orElseThrow().url())
        .isEqualTo("http://acme.test/b");
    assertThat(html)
        .doesNotContain("https://acme.test/a")
        .contains("<a href=\"mailto:help@acme.test\">mail</a>")
        .contains("<img src=\"" + LINKS.openUrl("msg_abc") + "\"")
        .contains("<a href=\"" + LINKS.unsubscribeUrl("msg_abc") + "\">Unsubscribe</a>")
        .endsWith("</body></html>");
  }

  @Test
  void untrackedHtmlKeepsItsLinksAndGetsOnlyTheUnsubscribeLink() {
    String html = LINKS.html("<p><a href=\"https://acme.test/a\">A</a></p>", "msg_abc", false);
    assertThat(html)
        .startsWith("<p><a href=\"https://acme.test/a\">A</a></p>")
        .contains(LINKS.unsubscribeUrl("msg_abc"))
        .doesNotContain("/t/o/")
        .doesNotContain("/t/c/");
    assertThat(LINKS.text("Hi Ada\n", "msg_abc"))
        .isEqualTo("Hi Ada\n\nUnsubscribe: " + LINKS.unsubscribeUrl("msg_abc"));
  }

  @Test
  void theMessageIdHeaderNamesTheMessageAndReadsBack() {
    assertThat(LINKS.emailMessageId("msg_abc")).isEqualTo("<msg_abc@mail.acme.test>");
    assertThat(TrackingLinks.messageIdOf("<msg_abc@mail.acme.test>")).contains("msg_abc");
    assertThat(TrackingLinks.messageIdOf(" msg_abc@elsewhere ")).contains("msg_abc");
    assertThat(TrackingLinks.messageIdOf("<CAF=x@mail.gmail.com>")).isEmpty();
    assertThat(TrackingLinks.messageIdOf(null)).isEmpty();
  }
}
