package dev.automap.workers.contacts;

import dev.automap.workers.store.Ids;
import dev.automap.workers.store.Team;
import dev.automap.workers.store.TeamRepository;
import dev.automap.workers.store.User;
import dev.automap.workers.store.UserRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/** An account's users and teams. */
@Singleton
public class AccountUsers {
  private final UserRepository users;
  private final TeamRepository teams;

  public AccountUsers(UserRepository users, TeamRepository teams) {
    this.users = users;
    this.teams = teams;
  }

  /** Adds a user; with a null id one is made up ({@code u_…}). */
  @Transactional
  public User add(String accountId, String id, String name, String email, String phone) {
    if (name == null || name.isBlank()) {
      throw new ContactProblem("/name", "a user needs a name");
    }
    if (email != null && !ContactAddresses.isEmail(email.trim())) {
      throw new ContactProblem("/email", "\"" + email + "\" is not an email address");
    }
    String userId = id == null ? Ids.next("u") : id;
    if (users.existsById(userId)) {
      throw new ContactProblem("/id", "user id " + userId + " is taken");
    }
    return users.save(
        new User(
            userId,
            accountId,
            name.trim(),
            ContactAddresses.email(email),
            ContactAddresses.phone(phone),
            null));
  }

  public List<User> list(String accountId) {
    return users.findByAccountIdOrderByName(accountId);
  }

  /** Adds the users to the team, creating it if the account has none of that name. */
  @Transactional
  public Team addToTeam(String accountId, String teamName, List<String> userIds) {
    Team team =
        teams
            .findByAccountIdAndName(accountId, teamName)
            .orElseGet(() -> teams.save(new Team(Ids.next("team"), accountId, teamName, null)));
    for (String userId : userIds) {
      if (users.findByIdAndAccountId(userId, accountId).isEmpty()) {
        throw new ContactProblem("/users", "no user " + userId + " in this account");
      }
      teams.addMember(team.id(), userId);
    }
    return team;
  }

  /** A team and its members' user ids. */
  public record TeamView(Team team, List<String> members) {}

  /** The account's teams by name, each with its members. */
  public List<TeamView> teams(String accountId) {
    return teams.findByAccountIdOrderByName(accountId).stream()
        .map(t -> new TeamView(t, teams.memberIds(accountId, t.name())))
        .toList();
  }

  /**
   * A new team of these users.
   *
   * @throws ContactProblem without a name, for a user not in the account, or when the account has a
   *     team of that name
   */
  @Transactional
  public TeamView createTeam(String accountId, String name, List<String> userIds) {
    if (name == null || name.isBlank()) {
      throw new ContactProblem("/name", "a team needs a name");
    }
    String teamName = name.trim();
    if (teams.findByAccountIdAndName(accountId, teamName).isPresent()) {
      throw new ContactProblem("/name", "the account has a team named " + teamName);
    }
    List<String> members = userIds == null ? List.of() : userIds;
    for (int i = 0; i < members.size(); i++) {
      String userId = members.get(i);
      if (userId == null || users.findByIdAndAccountId(userId, accountId).isEmpty()) {
        throw new ContactProblem("/members/" + i, "no user " + userId + " in this account");
      }
    }
    Team team = addToTeam(accountId, teamName, members);
    return new TeamView(team, teams.memberIds(accountId, teamName));
  }

  /** The user ids of the account's team of that name (none when there is no such team). */
  public List<String> team(String accountId, String teamName) {
    return teams.memberIds(accountId, teamName);
  }
}
