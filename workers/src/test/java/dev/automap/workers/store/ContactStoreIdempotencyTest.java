package dev.automap.workers.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.definitions.model.AddTagsStep;
import dev.automap.workers.TestStack;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.contact.AddTagsHandler;
import dev.automap.workers.contacts.ContactDirectory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactStoreIdempotencyTest implements TestPropertyProvider {
  @Inject AddTagsHandler handler;

  ActionResult addTags(ActionRequest request, List<String> tags) {
    return handler.perform(request, new AddTagsStep("tag", null, tags, null, null));
  }

  @Inject ContactDirectory contacts;
  @Inject ContactRepository repository;
  @Inject AccountRepository accounts;
  @Inject ActionLedgerRepository ledger;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.databaseOnly();
  }

  private String newContact() {
    if (!accounts.existsById("acme")) {
      accounts.save(new Account("acme", "Acme", null));
    }
    return contacts
        .create(
            "acme",
            new ContactDirectory.NewContact(
                null, null, "Ada", null, null, null, null, null, null, List.of("lead")))
        .contact()
        .id();
  }

  @Test
  void addTagsWithTheSameKeyTwiceTagsOnce() {
    String id = newContact();
    var request = ActionRequest.of(id + "/run/tag/1", "acme", id);

    assertThat(addTags(request, List.of("vip", "lead"))).isEqualTo(ActionResult.done("added vip"));
    assertThat(addTags(request, List.of("vip", "lead")).outcome()).isEqualTo("unchanged");

    assertThat(repository.findTags(id)).containsExactly("lead", "vip");
    assertThat(ledger.countByKey(id + "/run/tag/1")).isEqualTo(1);
  }

  @Test
  void aRetryAfterTheTagWasRemovedDoesNotPutItBack() {
    String id = newContact();
    var request = ActionRequest.of(id + "/run/tag-2/1", "acme", id);
    addTags(request, List.of("trial"));
    repository.deleteTag(id, "trial");

    addTags(request, List.of("trial"));

    assertThat(repository.findTags(id)).containsExactly("lead");
  }

  @Test
  void aNewVisitIsANewKey() {
    String id = newContact();
    addTags(ActionRequest.of(id + "/run/tag/1", "acme", id), List.of("a"));
    repository.deleteTag(id, "a");
    addTags(ActionRequest.of(id + "/run/tag/2", "acme", id), List.of("a"));
    assertThat(repository.findTags(id)).contains("a");
  }

  @Test
  void aContactOfAnotherAccountIsNotFoundAndNothingIsClaimed() {
    String id = newContact();
    if (!accounts.existsById("other")) {
      accounts.save(new Account("other", "Other", null));
    }
    var request = ActionRequest.of(id + "/run/x/1", "other", id);
    assertThatThrownBy(() -> addTags(request, List.of("x"))).isInstanceOf(ContactNotFound.class);
    assertThat(ledger.countByKey(id + "/run/x/1")).isZero();
    assertThat(repository.findTags(id)).containsExactly("lead");
  }
}
