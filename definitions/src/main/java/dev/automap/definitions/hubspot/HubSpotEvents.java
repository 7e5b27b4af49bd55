package dev.automap.definitions.hubspot;

import java.util.Map;

/** HubSpot's event type ids (enrollment triggers, delays until an event) as map event types. */
final class HubSpotEvents {
  /**
   * One HubSpot event: what HubSpot calls it, the map's event type, and whether that type is a
   * standard one.
   */
  record Event(String label, String type, boolean standard) {}

  private static final Map<String, Event> EVENTS =
      Map.ofEntries(
          standard("4-1639801", "Form submission", "form.submitted"),
          standard("4-666288", "Clicked link in email", "email.clicked"),
          standard("4-5470331", "Email bounced", "email.bounced"),
          standard("4-665536", "Email delivered", "email.delivered"),
          standard("4-667638", "Email sent", "email.sent"),
          standard("4-666440", "Opened email", "email.opened"),
          standard("4-665538", "Replied to email", "email.replied"),
          standard("4-666289", "Updated email subscription status", "email.unsubscribed"),
          standard("4-1720599", "Meeting booked", "appointment.booked"),
          standard("4-1724222", "Meeting outcome change", "appointment.status_changed"),
          standard("4-1722276", "Link in SMS clicked", "sms.clicked"),
          standard("4-1721168", "SMS delivered", "sms.delivered"),
          standard("4-1719453", "SMS sent", "sms.sent"),
          standard("4-655002", "Property value changed", "contact.updated"),
          standard("4-1463224", "CRM Object created", "contact.created"),
          standard("4-1753168", "Achieved workflow goal", "automation.goal_met"),
          standard("4-1466013", "Enrolled in workflow", "automation.enrolled"),
          standard("4-1466014", "Unenrolled from workflow", "automation.exited"),
          custom("4-1553675", "Ad interaction", "ad.interacted"),
          custom("4-1741072", "Call ended", "call.ended"),
          custom("4-1733817", "Call started", "call.started"),
          custom("4-1814177", "Playbook log", "playbook.logged"),
          custom("6-2117363", "Custom event occurs", "hubspot.custom_event"),
          custom("4-1639799", "Form interaction", "form.interacted"),
          custom("4-1639797", "Form view", "form.viewed"),
          custom("4-1522438", "Contact finished viewing a document", "document.finished"),
          custom("4-1522436", "Contact viewed a document", "document.viewed"),
          custom("4-1522437", "Document shared with contact", "document.shared"),
          custom(
              "4-675773", "Contact booked a meeting through a sequence", "sequence.meeting_booked"),
          custom("4-675777", "Contact enrolled in a sequence", "sequence.enrolled"),
          custom("4-675778", "Contact finished sequence", "sequence.finished"),
          custom("4-675776", "Contact unenrolled from sequence", "sequence.unenrolled"),
          custom(
              "4-1497402",
              "Contact unenrolled from sequence via workflow",
              "sequence.unenrolled_by_workflow"),
          custom(
              "4-675775",
              "Contact unenrolled from sequence manually",
              "sequence.unenrolled_manually"),
          custom("4-1752910", "Delivering SMS failed", "sms.delivery_failed"),
          custom("4-1752904", "Sending SMS failed", "sms.send_failed"),
          custom("4-1725149", "SMS dropped", "sms.dropped"),
          custom("4-1555805", "CTA click", "cta.clicked"),
          custom("4-1555804", "CTA viewed", "cta.viewed"),
          custom("4-100216", "CTA click (legacy)", "cta.clicked_legacy"),
          custom("4-100215", "CTA view (legacy)", "cta.viewed_legacy"),
          custom("4-96000", "Page visited", "page.visited"),
          custom("4-675783", "Website or Email Media Play", "media.played"));

  private HubSpotEvents() {}

  private static Map.Entry<String, Event> standard(String id, String label, String type) {
    return Map.entry(id, new Event(label, type, true));
  }

  private static Map.Entry<String, Event> custom(String id, String label, String type) {
    return Map.entry(id, new Event(label, type, false));
  }

  /**
   * The event for a HubSpot event type id; an unknown id becomes the custom type {@code
   * hubspot.<id>}.
   */
  static Event of(String eventTypeId) {
    Event known = EVENTS.get(eventTypeId);
    if (known != null) {
      return known;
    }
    String id = eventTypeId.replaceAll("[^A-Za-z0-9_-]", "_");
    return new Event(
        "event " + eventTypeId, "hubspot." + (id.length() > 64 ? id.substring(0, 64) : id), false);
  }

  /**
   * The event type for {@code eventTypeId}, warning at {@code at} when the map has no standard
   * event of that kind and listens for a custom one instead.
   */
  static String type(String eventTypeId, String at, Warnings warnings) {
    Event event = of(eventTypeId);
    if (!event.standard()) {
      warnings.add(
          at,
          "HubSpot's \""
              + event.label()
              + "\" ("
              + eventTypeId
              + ") has no standard event here: "
              + "this waits for the custom event \""
              + event.type()
              + "\", which must be sent through POST /v1/events");
    } else if (eventTypeId.equals("4-666289")) {
      warnings.add(
          at,
          "HubSpot's \"Updated email subscription status\" is read as email.unsubscribed: "
              + "subscribing again does not match");
    }
    return event.type();
  }
}
