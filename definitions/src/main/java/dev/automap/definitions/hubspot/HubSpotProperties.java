package dev.automap.definitions.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.templates.TemplateRenderer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HubSpot contact properties as map paths, and HubSpot texts as templates. */
final class HubSpotProperties {
  /** HubSpot's internal names of the properties a contact has as its own fields. */
  static final Map<String, String> CONTACT_FIELDS =
      Map.of(
          "email", "contact.email",
          "firstname", "contact.firstName",
          "lastname", "contact.lastName",
          "phone", "contact.phone",
          "hubspot_owner_id", "contact.ownerId",
          "hs_timezone", "contact.timezone",
          "hubspotscore", "contact.score",
          "hs_object_id", "contact.id",
          "createdate", "contact.createdAt",
          "lastmodifieddate", "contact.updatedAt");

  private static final Pattern CONTACT_TOKEN =
      Pattern.compile("\\{\\{\\s*contact\\.([A-Za-z0-9_]+)\\s*}}");

  private HubSpotProperties() {}

  /**
   * The map path of a contact property: {@code firstname} → {@code contact.firstName}, else {@code
   * contact.fields.<name>}.
   */
  static String contactPath(String property) {
    String known = CONTACT_FIELDS.get(property.toLowerCase(Locale.ROOT));
    return known != null ? known : "contact.fields." + name(property);
  }

  /**
   * A name as paths and variables spell them: {@code [A-Za-z_][A-Za-z0-9_-]*}, at most 128
   * characters.
   */
  static String name(String raw) {
    String cleaned = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9_-]", "_");
    if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) && cleaned.charAt(0) != '_') {
      cleaned = "_" + cleaned;
    }
    return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
  }

  /** A text node's text, or a number's digits; null for anything else. */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return null;
  }

  /**
   * A HubSpot text as a template: its contact tokens ({@code {{ contact.firstname }}}) become merge
   * fields ({@code {{contact.firstName}}}); any other {@code {{…}}} is kept as literal text, since
   * HubL is not Handlebars.
   */
  static String template(String text, String at, Warnings warnings) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    Matcher m = CONTACT_TOKEN.matcher(text);
    int from = 0;
    boolean literal = false;
    while (m.find()) {
      String before = text.substring(from, m.start());
      literal |= before.contains("{{");
      out.append(escape(before)).append("{{").append(contactPath(m.group(1))).append("}}");
      from = m.end();
    }
    String rest = text.substring(from);
    literal |= rest.contains("{{");
    out.append(escape(rest));
    String template = out.toString();
    if (literal) {
      warnings.add(at, "HubSpot tokens other than {{ contact.<property> }} are kept as plain text");
    }
    if (!TemplateRenderer.shared().check(template).isEmpty()) {
      warnings.add(at, "the text could not be read as a template and is kept as plain text");
      return escape(text);
    }
    return template;
  }

  private static String escape(String text) {
    return text.replace("{{", "\\{{");
  }
}
