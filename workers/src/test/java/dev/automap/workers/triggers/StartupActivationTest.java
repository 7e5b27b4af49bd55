package dev.automap.workers.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import dev.automap.workers.TestStack;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupActivationTest implements TestPropertyProvider {
  @Inject StartupActivation startup;
  @Inject AccountRepository accounts;
  @Inject AutomationCatalog catalog;
  @Inject EnrollmentRepository enrollments;
  @Inject WorkflowClient client;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.full();
  }

  @Test
  void startingAgainRestartsTriggersAndRecordsRunsTheServiceNoLongerKnowsAsLost() {
    String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    accounts.save(new Account(account, "Startup", null));
    var map = MapJson.parse("""
        key: monday
        triggers: [{schedule: "0 9 * * MON"}]
        start: done
        steps: [{id: done, type: end}]
        """).map();
    catalog.saveDraft(account, map, null);
    catalog.publish(account, "monday"); // straight to the store: nothing started its trigger
    String gone = account + ":vanished:c_1";
    enrollments.save(new Enrollment(gone, "run-1", account, "vanished", 1, "c_1", "running", Instant.now(), null, null));

    startup.onStartup(null);

    var schedule = client.newUntypedWorkflowStub(Triggers.scheduleWorkflowId(account, "monday", 0));
    assertThat(schedule.describe().getWorkflowExecutionInfo().hasCloseTime()).as("the schedule runs").isFalse();
    assertThat(enrollments.findById(gone).orElseThrow().state()).isEqualTo("lost");
  }
}
