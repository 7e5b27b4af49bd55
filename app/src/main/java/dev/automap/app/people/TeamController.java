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
import java.util.List;

/** The account's teams: {@code notify} sends to {@code team:<name>}. */
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

  @Post
  public HttpResponse<TeamBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body NewTeam body) {
    return HttpResponse.created(
        TeamBody.of(users.createTeam(account, body.name(), body.members())));
  }

  @Get
  public TeamList list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return new TeamList(users.teams(account).stream().map(TeamBody::of).toList());
  }
}
