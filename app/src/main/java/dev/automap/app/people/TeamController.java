package dev.automap.app.people;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.workers.contacts.AccountUsers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The account's teams: {@code notify} sends to {@code team:<name>}. */
@Tag(name = "CRM")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/teams")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TeamController {
  private final AccountUsers users;

  public TeamController(AccountUsers users) {
    this.users = users;
  }

  @Serdeable
  public record NewTeam(@Nullable String name, @Nullable List<String> members) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record TeamBody(String id, String name, List<String> members) {
    static TeamBody of(AccountUsers.TeamView t) {
      return new TeamBody(t.team().id(), t.team().name(), t.members());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record TeamList(List<TeamBody> items) {}

  @Operation(
      summary = "Create a team",
      description =
          "A team of the account's users, by name: a notify step sends to team:<name>. members are user ids of the account; 201 with the team.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"name\": \"sales\", \"members\": [\"u_2k9d7f1m3q8x5c0v4b6n\", \"u_7h3j9k2m5q1x8c4v0b6n\"]}"))))
  @ApiResponse(
      responseCode = "201",
      description = "The team, created",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"team_8f3k2m9q1x7c4v6b0n5z\", \"name\": \"sales\", \"members\": [\"u_2k9d7f1m3q8x5c0v4b6n\", \"u_7h3j9k2m5q1x8c4v0b6n\"]}")))
  @Post
  public HttpResponse<TeamBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body NewTeam body) {
    return HttpResponse.created(
        TeamBody.of(users.createTeam(account, body.name(), body.members())));
  }

  @Operation(
      summary = "List the teams",
      description = "The account's teams, each with the user ids of its members.")
  @ApiResponse(
      responseCode = "200",
      description = "The teams",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"id\": \"team_8f3k2m9q1x7c4v6b0n5z\", \"name\": \"sales\", \"members\": [\"u_2k9d7f1m3q8x5c0v4b6n\", \"u_7h3j9k2m5q1x8c4v0b6n\"]}]}")))
  @Get
  public TeamList list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return new TeamList(users.teams(account).stream().map(TeamBody::of).toList());
  }
}
