package dev.automap.workers.contacts;

import java.util.List;
import java.util.stream.Collectors;

/** Contact data that cannot be stored: each problem names where (a JSON Pointer) and what. */
public class ContactProblem extends RuntimeException {
  private final transient List<FieldProblem> problems;

  public ContactProblem(List<FieldProblem> problems) {
    super(
        problems.stream()
            .map(p -> p.path() + ": " + p.message())
            .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public ContactProblem(String path, String message) {
    this(List.of(new FieldProblem(path, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  /** One problem: a JSON Pointer such as {@code /fields/plan}, and what is wrong there. */
  public record FieldProblem(String path, String message) {}

  /** Another contact of the account has this email. */
  public static class DuplicateEmail extends ContactProblem {
    private final String existingId;

    public DuplicateEmail(String email, String existingId) {
      super("/email", "another contact has the email " + email);
      this.existingId = existingId;
    }

    public String existingId() {
      return existingId;
    }
  }
}
