package dev.automap.workers.actions;

import dev.automap.definitions.conditions.Facts;
import dev.automap.definitions.templates.TemplateRenderer;
import dev.automap.workers.contacts.ContactFacts;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Renders a step's templates against the contact as it is now, the run's vars and its event. */
@Singleton
public class ActionTemplates {
  private final ContactFacts facts;

  public ActionTemplates(ContactFacts facts) {
    this.facts = facts;
  }

  /** A renderer for one request; the contact is read once, on first use. */
  public Rendering of(ActionRequest request) {
    return new Rendering(request);
  }

  /** Renders text templates for one request. */
  public final class Rendering {
    private final ActionRequest request;
    private Facts loaded;

    private Rendering(ActionRequest request) {
      this.request = request;
    }

    /** The rendered text; null stays null. */
    public String text(String template) {
      if (template == null) {
        return null;
      }
      if (!template.contains("{{")) {
        return template;
      }
      return TemplateRenderer.shared().renderText(template, facts());
    }

    /** The rendered HTML: values are escaped; null stays null. */
    public String html(String template) {
      if (template == null) {
        return null;
      }
      if (!template.contains("{{")) {
        return template;
      }
      return TemplateRenderer.shared().renderHtml(template, facts());
    }

    private Facts facts() {
      if (loaded == null) {
        Instant now = Instant.now();
        loaded =
            request.contactId() == null
                ? Facts.at(now)
                    .withVars(request.vars())
                    .withEvent(
                        request.event() == null
                            ? java.util.Map.of()
                            : facts.event(request.accountId(), request.event()))
                    .withAccountValues(facts.accountValues(request.accountId()))
                : facts.load(
                    request.accountId(), request.contactId(), request.vars(), request.event(), now);
      }
      return loaded;
    }
  }
}
