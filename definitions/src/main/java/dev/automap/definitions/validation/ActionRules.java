package dev.automap.definitions.validation;

import static dev.automap.definitions.validation.StepRule.rule;

import dev.automap.definitions.model.AddFollowersStep;
import dev.automap.definitions.model.AddNoteStep;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AddToListStep;
import dev.automap.definitions.model.AdjustScoreStep;
import dev.automap.definitions.model.AiPromptStep;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.ContactLookup;
import dev.automap.definitions.model.CopyContactStep;
import dev.automap.definitions.model.CreateContactStep;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.FindContactStep;
import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.definitions.model.NewContact;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.RemoveFollowersStep;
import dev.automap.definitions.model.RemoveFromListStep;
import dev.automap.definitions.model.RemoveOpportunityStep;
import dev.automap.definitions.model.RemoveTagsStep;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSlackStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.definitions.model.SetCustomValueStep;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.definitions.model.UnassignOwnerStep;
import dev.automap.definitions.model.UpdateAppointmentStatusStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.definitions.model.WebhookStep;
import java.time.Duration;
import java.util.Map;

/**
 * The rule of each action type: what its fields must hold. Adding an action adds one line here; an
 * action whose fields need no check still has one ({@code (s, at, ck) -> {}}).
 */
final class ActionRules {
  private ActionRules() {}

  static final Map<Class<?>, StepRule.Entry<?>> RULES =
      StepRule.byType(
          rule(
              CreateContactStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/contact", s.contact())) {
                  NewContact c = s.contact();
                  if (Checks.blank(c.email()) && Checks.blank(c.phone())) {
                    ck.add(at + "/contact", "needs an email or a phone");
                  }
                  if (c.fields() != null) {
                    ck.size(at + "/contact/fields", c.fields().keySet(), 0, MapValidator.MAX_LIST);
                  }
                }
                ck.varName(at + "/saveAs", s.saveAs(), false);
              }),
          rule(
              FindContactStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/by", s.by())) {
                  ContactLookup by = s.by();
                  int given =
                      (by.email() == null ? 0 : 1)
                          + (by.phone() == null ? 0 : 1)
                          + (by.field() == null ? 0 : 1);
                  if (given != 1) {
                    ck.add(at + "/by", "needs exactly one of email, phone or field");
                  }
                  if (by.field() != null) {
                    if (!FieldPaths.isContact(by.field())) {
                      ck.add(at + "/by/field", "not a contact field: \"" + by.field() + "\"");
                    }
                    ck.required(at + "/by/value", by.value());
                  } else if (by.value() != null) {
                    ck.add(at + "/by/value", "goes with field");
                  }
                }
                ck.varName(at + "/saveAs", s.saveAs(), false);
              }),
          rule(
              UpdateContactStep.class,
              (s, at, ck) -> {
                boolean hasSet = s.set() != null && !s.set().isEmpty();
                boolean hasClear = s.clear() != null && !s.clear().isEmpty();
                if (!hasSet && !hasClear) {
                  ck.add(at, "needs set or clear");
                }
                if (s.set() != null
                    && ck.size(at + "/set", s.set().keySet(), 0, MapValidator.MAX_LIST)) {
                  for (String key : s.set().keySet()) {
                    ck.writable(at + "/set/" + MapWalker.escape(key), key);
                  }
                }
                if (s.clear() != null
                    && ck.size(at + "/clear", s.clear(), 0, MapValidator.MAX_LIST)) {
                  for (int i = 0; i < s.clear().size(); i++) {
                    ck.writable(at + "/clear/" + i, s.clear().get(i));
                  }
                }
              }),
          rule(
              IncrementFieldStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/field", s.field())
                    && !FieldPaths.isContactEitherWay(s.field())) {
                  ck.add(at + "/field", "not a contact field: \"" + s.field() + "\"");
                }
                if (ck.required(at + "/by", s.by()) && s.by().signum() == 0) {
                  ck.add(at + "/by", "must not be 0");
                }
              }),
          rule(AddTagsStep.class, (s, at, ck) -> ck.strings(at + "/tags", s.tags(), 200)),
          rule(RemoveTagsStep.class, (s, at, ck) -> ck.strings(at + "/tags", s.tags(), 200)),
          rule(
              AssignOwnerStep.class,
              (s, at, ck) -> {
                ck.exactlyOne(at, "user", s.user(), "rotate", s.rotate());
                if (s.rotate() != null) {
                  ck.strings(at + "/rotate", s.rotate(), 128);
                }
              }),
          rule(UnassignOwnerStep.class, (s, at, ck) -> {}),
          rule(
              SetDndStep.class,
              (s, at, ck) -> {
                ck.required(at + "/channel", s.channel());
                ck.required(at + "/enabled", s.enabled());
              }),
          rule(AddNoteStep.class, (s, at, ck) -> ck.required(at + "/body", s.body())),
          rule(
              CreateTaskStep.class,
              (s, at, ck) -> {
                ck.required(at + "/title", s.title());
                if (s.assignee() != null && !Checks.TEAM_OR_USER.matcher(s.assignee()).matches()) {
                  ck.add(at + "/assignee", "use owner or a user id");
                }
                if (s.due() != null) {
                  ck.positive(at + "/due", s.due());
                }
              }),
          rule(DeleteContactStep.class, (s, at, ck) -> {}),
          rule(
              AdjustScoreStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/by", s.by()) && s.by() == 0) {
                  ck.add(at + "/by", "must not be 0");
                }
              }),
          rule(AddFollowersStep.class, (s, at, ck) -> ck.strings(at + "/users", s.users(), 128)),
          rule(RemoveFollowersStep.class, (s, at, ck) -> ck.strings(at + "/users", s.users(), 128)),
          rule(CopyContactStep.class, (s, at, ck) -> ck.required(at + "/account", s.account())),
          rule(AddToListStep.class, (s, at, ck) -> ck.required(at + "/list", s.list())),
          rule(RemoveFromListStep.class, (s, at, ck) -> ck.required(at + "/list", s.list())),
          rule(
              SetCustomValueStep.class,
              (s, at, ck) -> {
                ck.varName(at + "/name", s.customValue(), true);
                ck.required(at + "/value", s.value());
              }),
          rule(
              UpsertOpportunityStep.class,
              (s, at, ck) -> {
                ck.required(at + "/pipeline", s.pipeline());
                ck.required(at + "/stage", s.stage());
              }),
          rule(
              RemoveOpportunityStep.class,
              (s, at, ck) -> ck.required(at + "/pipeline", s.pipeline())),
          rule(
              UpdateAppointmentStatusStep.class,
              (s, at, ck) -> {
                ck.required(at + "/appointment", s.appointment());
                ck.required(at + "/status", s.status());
              }),
          rule(
              SendEmailStep.class,
              (s, at, ck) -> {
                ck.required(at + "/subject", s.subject());
                if (Checks.blank(s.body()) && Checks.blank(s.text())) {
                  ck.add(at + "/body", "required (or text)");
                }
              }),
          rule(SendSmsStep.class, (s, at, ck) -> ck.required(at + "/body", s.body())),
          rule(SendWhatsappStep.class, (s, at, ck) -> ck.required(at + "/body", s.body())),
          rule(
              SendSlackStep.class,
              (s, at, ck) -> {
                ck.required(at + "/channel", s.channel());
                ck.required(at + "/text", s.text());
              }),
          rule(
              NotifyStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/to", s.to())
                    && !Checks.TEAM_OR_USER.matcher(s.to()).matches()) {
                  ck.add(at + "/to", "use owner, a user id or team:<name>");
                }
                ck.required(at + "/body", s.body());
              }),
          rule(
              WebhookStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/url", s.url())
                    && !s.url().startsWith("{{")
                    && !s.url().startsWith("https://")
                    && !s.url().startsWith("http://")) {
                  ck.add(at + "/url", "must start with https:// or http://");
                }
                if (s.headers() != null) {
                  ck.size(at + "/headers", s.headers().keySet(), 0, 50);
                }
                if (s.timeout() != null) {
                  ck.positive(at + "/timeout", s.timeout());
                  if (s.timeout().compareTo(Duration.ofMinutes(5)) > 0) {
                    ck.add(at + "/timeout", "at most PT5M");
                  }
                }
                ck.varName(at + "/saveResponseAs", s.saveResponseAs(), false);
              }),
          rule(
              AiPromptStep.class,
              (s, at, ck) -> {
                ck.required(at + "/prompt", s.prompt());
                ck.varName(at + "/saveAs", s.saveAs(), false);
              }));
}
