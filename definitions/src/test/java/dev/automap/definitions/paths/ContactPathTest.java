package dev.automap.definitions.paths;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactPathTest {

  @Test
  void readsPathsWithAndWithoutThePrefix() {
    assertThat(ContactPath.parse("fields.company"))
        .isEqualTo(new ContactPath(ContactPath.Kind.FIELD, "company", false));
    assertThat(ContactPath.parse("contact.fields.company"))
        .isEqualTo(new ContactPath(ContactPath.Kind.FIELD, "company", true));
    assertThat(ContactPath.parse("email").bare()).isEqualTo("email");
    assertThat(ContactPath.parse("contact.email").bare()).isEqualTo("email");
    assertThat(ContactPath.parse("dnd.sms").qualified()).isEqualTo("contact.dnd.sms");
    assertThat(ContactPath.parse("contact.dnd.all").kind()).isEqualTo(ContactPath.Kind.DND);
  }

  @Test
  void refusesWhatAContactDoesNotHave() {
    assertThat(ContactPath.parse(null)).isNull();
    assertThat(ContactPath.parse("fields.")).isNull();
    assertThat(ContactPath.parse("contact.fields.")).isNull();
    assertThat(ContactPath.parse("nickname")).isNull();
    assertThat(ContactPath.parse("dnd.fax")).isNull();
    assertThat(ContactPath.parse("vars.company")).isNull();
    assertThat(ContactPath.parse("event.data.company")).isNull();
  }

  @Test
  void tellsWhatMayBeSet() {
    assertThat(ContactPath.parse("fields.plan").settable()).isTrue();
    assertThat(ContactPath.parse("contact.score").settable()).isTrue();
    assertThat(ContactPath.parse("dnd.email").settable()).isTrue();
    assertThat(ContactPath.parse("contact.id").settable()).isFalse();
    assertThat(ContactPath.parse("tags").settable()).isFalse();
    assertThat(ContactPath.parse("createdAt").settable()).isFalse();
  }
}
