package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.app.auth.ApiKeys;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import dev.automap.workers.store.EventRepository;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Teams, tasks and appointments through the API; each account sees only its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleApiTest extends ApiTestSupport {

  @Inject AccountRepository accounts;
  @Inject ApiKeys keys;
  @Inject ContactChanges changes;
  @Inject EventRepository events;

  @BeforeAll
  void rivalAccount() {
    if (!accounts.existsById("rival")) {
      accounts.save(new Account("rival", "Rival", null));
    }
    keys.register("rival", "rival-key", "test");
  }

  Map<String, Object> mine(MutableHttpRequest<?> request, int status) {
    var response = call(request.bearerAuth(EmbeddedStack.API_KEY));
    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(status);
    return response.getBody(JSON).orElseThrow();
  }

  Map<String, Object> rivals(MutableHttpRequest<?> request, int status) {
    var response = call(request.bearerAuth("rival-key"));
    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(status);
    return response.getBody(JSON).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("items");
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  String newUser(String name) {
    return (String) mine(HttpRequest.POST("/v1/users", Map.of("name", name)), 201).get("id");
  }

  String newContact() {
    return (String)
        mine(HttpRequest.POST("/v1/contacts", Map.of("email", unique("p") + "@example.com")), 201)
            .get("id");
  }

  long eventsOf(String contactId, String type) {
    return events.latestOf("default", contactId, 500).stream()
        .filter(e -> e.type().equals(type))
        .count();
  }

  @Test
  @SuppressWarnings("unchecked")
  void teamsAreMadeOfTheAccountsUsersAndListedWithTheirMembers() {
    String anna = newUser("Anna");
    String ben = newUser("Ben");
    String name = unique("Sales ");
    var team =
        mine(
            HttpRequest.POST("/v1/teams", Map.of("name", name, "members", List.of(anna, ben))),
            201);
    assertThat(team).containsEntry("name", name).containsKey("id");
    assertThat((List<Object>) team.get("members")).containsExactlyInAnyOrder(anna, ben);

    assertThat(items(mine(HttpRequest.GET("/v1/teams"), 200)))
        .filteredOn(t -> name.equals(t.get("name")))
        .singleElement()
        .satisfies(
            t -> assertThat((List<Object>) t.get("members")).containsExactlyInAnyOrder(anna, ben));
    assertThat(items(rivals(HttpRequest.GET("/v1/teams"), 200)))
        .noneMatch(t -> name.equals(t.get("name")));

    assertThat(
            mine(HttpRequest.POST("/v1/teams", Map.of("name", name)), 400).get("errors").toString())
        .contains("path=/name");
    assertThat(
            mine(
                    HttpRequest.POST(
                        "/v1/teams", Map.of("name", unique("T"), "members", List.of("u_none"))),
                    400)
                .get("errors")
                .toString())
        .contains("path=/members/0");
    // a rival account's team cannot take this account's users
    assertThat(
            rivals(
                    HttpRequest.POST(
                        "/v1/teams", Map.of("name", unique("R"), "members", List.of(anna))),
                    400)
                .get("errors")
                .toString())
        .contains("path=/members/0");
    assertThat(
            mine(HttpRequest.POST("/v1/teams", Map.of("members", List.of())), 400)
                .get("errors")
                .toString())
        .contains("path=/name");
  }

  @Test
  void tasksAreListedByAssigneeAndStatusAndCompletedOnce() {
    String assignee = newUser("Cleo");
    String contactId = newContact();
    var task =
        changes.createTask(
            "default",
            contactId,
            "Call back",
            "About the quote",
            assignee,
            null,
            EventSource.api());
    String other =
        changes
            .createTask("default", contactId, "Unassigned", null, null, null, EventSource.api())
            .id();

    assertThat(items(mine(HttpRequest.GET("/v1/tasks?assignee=" + assignee), 200)))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t)
                    .containsEntry("id", task.id())
                    .containsEntry("contactId", contactId)
                    .containsEntry("title", "Call back")
                    .containsEntry("body", "About the quote")
                    .containsEntry("assignee", assignee)
                    .containsEntry("status", "open"));
    assertThat(
            items(mine(HttpRequest.GET("/v1/tasks?contactId=" + contactId + "&status=open"), 200)))
        .extracting(t -> t.get("id"))
        .containsExactlyInAnyOrder(task.id(), other);
    assertThat(mine(HttpRequest.GET("/v1/tasks/" + task.id()), 200))
        .containsEntry("status", "open");

    var done =
        mine(HttpRequest.POST("/v1/tasks/" + task.id() + "/complete", Map.of("by", assignee)), 200);
    assertThat(done).containsEntry("changed", true);
    @SuppressWarnings("unchecked")
    var doneTask = (Map<String, Object>) done.get("task");
    assertThat(doneTask).containsEntry("status", "completed");
    assertThat(doneTask.get("completedAt")).isNotNull();
    assertThat(eventsOf(contactId, "task.completed")).isEqualTo(1);
    var stored =
        events.findByAccountIdAndId("default", "evt_task_completed_" + task.id()).orElseThrow();
    assertThat(stored.data())
        .containsEntry("taskId", task.id())
        .containsEntry("completedBy", assignee);

    // completing twice does nothing twice
    var again = mine(HttpRequest.POST("/v1/tasks/" + task.id() + "/complete", ""), 200);
    assertThat(again).containsEntry("changed", false);
    assertThat(eventsOf(contactId, "task.completed")).isEqualTo(1);

    assertThat(
            items(
                mine(
                    HttpRequest.GET("/v1/tasks?contactId=" + contactId + "&status=completed"),
                    200)))
        .extracting(t -> t.get("id"))
        .containsExactly(task.id());
    assertThat(items(mine(HttpRequest.GET("/v1/tasks?contactId=" + contactId + "&limit=1"), 200)))
        .hasSize(1);
    var firstPage = mine(HttpRequest.GET("/v1/tasks?contactId=" + contactId + "&limit=1"), 200);
    var secondPage =
        mine(
            HttpRequest.GET(
                "/v1/tasks?contactId=" + contactId + "&limit=1&cursor=" + firstPage.get("cursor")),
            200);
    assertThat(items(secondPage))
        .extracting(t -> t.get("id"))
        .doesNotContainAnyElementsOf(items(firstPage).stream().map(t -> t.get("id")).toList());

    // another account sees none of it
    rivals(HttpRequest.GET("/v1/tasks/" + task.id()), 404);
    rivals(HttpRequest.POST("/v1/tasks/" + task.id() + "/complete", ""), 404);
    assertThat(items(rivals(HttpRequest.GET("/v1/tasks?contactId=" + contactId), 200))).isEmpty();

    mine(HttpRequest.GET("/v1/tasks/task_none"), 404);
    mine(HttpRequest.POST("/v1/tasks/task_none/complete", ""), 404);
    assertThat(mine(HttpRequest.GET("/v1/tasks?status=closed"), 400).get("errors").toString())
        .contains("path=?status");
    assertThat(mine(HttpRequest.GET("/v1/tasks?limit=0"), 400).get("errors").toString())
        .contains("path=?limit");
    assertThat(mine(HttpRequest.GET("/v1/tasks?cursor=x"), 400).get("errors").toString())
        .contains("path=?cursor");
  }

  @Test
  void bookingRaisesAppointmentBookedAndAStatusChangeItsEvent() {
    String contactId = newContact();
    String id = unique("apt_api_");
    var booked =
        mine(
            HttpRequest.POST(
                "/v1/appointments",
                Map.of(
                    "id", id,
                    "contactId", contactId,
                    "title", "Demo",
                    "startsAt", "2026-12-01T09:00:00Z",
                    "endsAt", "2026-12-01T09:30:00Z",
                    "calendar", "demos")),
            201);
    assertThat(booked)
        .containsEntry("id", id)
        .containsEntry("contactId", contactId)
        .containsEntry("status", "confirmed")
        .containsEntry("calendar", "demos");
    assertThat(Instant.parse((String) booked.get("startsAt"))).isEqualTo("2026-12-01T09:00:00Z");
    assertThat(eventsOf(contactId, "appointment.booked")).isEqualTo(1);

    // the same id again books nothing twice
    assertThat(
            mine(
                HttpRequest.POST(
                    "/v1/appointments",
                    Map.of("id", id, "contactId", contactId, "startsAt", "2026-12-01T09:00:00Z")),
                200))
        .containsEntry("id", id);
    assertThat(eventsOf(contactId, "appointment.booked")).isEqualTo(1);

    assertThat(items(mine(HttpRequest.GET("/v1/appointments?contactId=" + contactId), 200)))
        .extracting(a -> a.get("id"))
        .containsExactly(id);
    assertThat(
            items(mine(HttpRequest.GET("/v1/appointments?calendar=demos&status=confirmed"), 200)))
        .extracting(a -> a.get("id"))
        .contains(id);
    assertThat(mine(HttpRequest.GET("/v1/appointments/" + id), 200)).containsEntry("title", "Demo");

    var moved =
        mine(
            HttpRequest.PATCH(
                "/v1/appointments/" + id,
                Map.of("startsAt", "2026-12-02T09:00:00Z", "endsAt", "2026-12-02T10:00:00Z")),
            200);
    assertThat(Instant.parse((String) moved.get("startsAt"))).isEqualTo("2026-12-02T09:00:00Z");
    assertThat(eventsOf(contactId, "appointment.status_changed")).isZero();

    assertThat(mine(HttpRequest.PATCH("/v1/appointments/" + id, Map.of("status", "showed")), 200))
        .containsEntry("status", "showed");
    assertThat(eventsOf(contactId, "appointment.status_changed")).isEqualTo(1);
    // the same status again changes nothing
    mine(HttpRequest.PATCH("/v1/appointments/" + id, Map.of("status", "showed")), 200);
    assertThat(eventsOf(contactId, "appointment.status_changed")).isEqualTo(1);

    rivals(HttpRequest.GET("/v1/appointments/" + id), 404);
    rivals(HttpRequest.PATCH("/v1/appointments/" + id, Map.of("status", "cancelled")), 404);
    assertThat(items(rivals(HttpRequest.GET("/v1/appointments?contactId=" + contactId), 200)))
        .isEmpty();
    rivals(
        HttpRequest.POST(
            "/v1/appointments", Map.of("contactId", contactId, "startsAt", "2026-12-01T09:00:00Z")),
        404);

    assertThat(
            mine(HttpRequest.PATCH("/v1/appointments/" + id, Map.of("status", "maybe")), 400)
                .get("errors")
                .toString())
        .contains("path=/status");
    assertThat(
            mine(
                    HttpRequest.POST(
                        "/v1/appointments", Map.of("contactId", contactId, "startsAt", "tomorrow")),
                    400)
                .get("errors")
                .toString())
        .contains("path=/startsAt");
    assertThat(
            mine(HttpRequest.POST("/v1/appointments", Map.of("contactId", contactId)), 400)
                .get("errors")
                .toString())
        .contains("path=/startsAt");
    assertThat(
            mine(
                    HttpRequest.POST(
                        "/v1/appointments", Map.of("startsAt", "2026-12-01T09:00:00Z")),
                    400)
                .get("errors")
                .toString())
        .contains("path=/contactId");
    assertThat(
            mine(
                    HttpRequest.POST(
                        "/v1/appointments",
                        Map.of(
                            "contactId", contactId,
                            "startsAt", "2026-12-01T09:00:00Z",
                            "endsAt", "2026-12-01T08:00:00Z")),
                    400)
                .get("errors")
                .toString())
        .contains("path=/endsAt");
    mine(HttpRequest.GET("/v1/appointments/apt_none"), 404);
    assertThat(mine(HttpRequest.GET("/v1/appointments?status=maybe"), 400).get("errors").toString())
        .contains("path=?status");
  }
}
