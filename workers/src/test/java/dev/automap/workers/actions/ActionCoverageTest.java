package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.StepTypes;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every contact and CRM action type of the map format has a handler and a policy. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionCoverageTest extends ActionTestSupport {
  /** Message actions: each has a handler. */
  static final Set<String> MESSAGES =
      Set.of("send_email", "send_sms", "send_whatsapp", "send_slack", "notify");

  /**
   * Actions whose handler exists only when configured ({@code ai_prompt}: {@code
   * AUTOMAP_AI_API_KEY}), so without configuration, as here, publishing refuses maps that use them
   * (AutomationCatalog); AiPromptActionTest has it configured.
   */
  static final Set<String> NOT_BUILT = Set.of("ai_prompt");

  /** Outside calls with a handler. */
  static final Set<String> INTEGRATIONS = Set.of("webhook");

  static final Set<String> NOT_CRM =
      java.util.stream.Stream.of(MESSAGES, NOT_BUILT, INTEGRATIONS)
          .flatMap(Set::stream)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  static List<String> actionTypes() {
    return StepTypes.all().entrySet().stream()
        .filter(e -> ActionStep.class.isAssignableFrom(e.getKey()))
        .map(java.util.Map.Entry::getValue)
        .toList();
  }

  @Test
  void everyContactAndCrmActionTypeHasAHandlerBean() {
    List<String> crm = actionTypes().stream().filter(t -> !NOT_CRM.contains(t)).toList();
    assertThat(crm)
        .containsExactlyInAnyOrder(
            "create_contact",
            "find_contact",
            "update_contact",
            "increment_field",
            "add_tags",
            "remove_tags",
            "assign_owner",
            "unassign_owner",
            "set_dnd",
            "add_note",
            "create_task",
            "delete_contact",
            "adjust_score",
            "add_followers",
            "remove_followers",
            "copy_contact",
            "add_to_list",
            "remove_from_list",
            "set_custom_value",
            "upsert_opportunity",
            "remove_opportunity",
            "update_appointment_status");
    assertThat(dispatcher.types()).containsAll(crm);
    assertThat(dispatcher.types()).as("message actions").containsAll(MESSAGES);
    assertThat(dispatcher.types()).as("integrations").containsAll(INTEGRATIONS);
    assertThat(dispatcher.types())
        .as("every other action type")
        .doesNotContainAnyElementsOf(NOT_BUILT);
  }

  @Test
  void everyActionTypeHasABoundedPolicyThatNeverRetriesBadInput() {
    for (String type : actionTypes()) {
      ActionPolicy policy = ActionPolicy.forType(type);
      assertThat(policy.startToClose())
          .as(type)
          .isPositive()
          .isLessThanOrEqualTo(Duration.ofMinutes(5));
      assertThat(policy.maxAttempts()).as(type).isBetween(2, 10);
      assertThat(policy.retryOptions().getDoNotRetry())
          .as(type)
          .contains(ActionFailures.BAD_INPUT, "dev.automap.workers.store.ContactNotFound");
      assertThat(policy.activityOptions().getStartToCloseTimeout())
          .isEqualTo(policy.startToClose());
    }
    assertThat(ActionPolicy.forType("find_contact").startToClose())
        .isLessThan(ActionPolicy.forType("webhook").startToClose());
  }
}
