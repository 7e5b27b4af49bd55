package dev.automap.definitions.templates;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.automap.definitions.conditions.Facts;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders merge fields ({@code Hi {{contact.firstName}}}) with Handlebars over the same names
 * conditions see: {@code contact}, {@code event}, {@code vars}, {@code account} and {@code now}.
 *
 * <ul>
 *   <li>A missing value renders empty; {@code {{default contact.firstName "there"}}} gives a
 *       fallback for a missing or blank value.
 *   <li>{@link #renderHtml} escapes values for HTML ({@code & < > " ' ` =}; email bodies); {@code
 *       {{{triple}}}} braces insert a value as is. {@link #renderText} inserts values as they are
 *       (SMS, subjects, webhook bodies).
 *   <li>Helpers: {@code default}; {@code upper}, {@code lower}, {@code capitalize} (each word),
 *       {@code trim}; {@code date value "MMM d"} (a java.time pattern in English; an instant is
 *       shown in the contact's {@code timezone}, else UTC, or in {@code tz="Europe/Paris"}; a date
 *       alone as that date); {@code number value "#,##0.00"}; {@code eq}, {@code ne}, {@code and},
 *       {@code or}, {@code not} for {@code {{#if (eq contact.fields.plan "gold")}}}; and the
 *       Handlebars built-ins ({@code if}, {@code unless}, {@code each}, {@code with}, {@code
 *       lookup}).
 *   <li>Values are read from maps only (no getters of Java objects), no partials are loaded and no
 *       clock is read ({@code now} comes in the facts): rendering is deterministic and does no I/O.
 * </ul>
 *
 * Compiled templates are cached (bounded, thread-safe).
 */
public final class TemplateRenderer {
  private static final int DEFAULT_CACHE_SIZE = 10_000;
  private static final TemplateRenderer SHARED = new TemplateRenderer(DEFAULT_CACHE_SIZE);

  private static final Pattern COMMENT =
      Pattern.compile("\\{\\{!--.*?--\\}\\}|\\{\\{![^}]*\\}\\}", Pattern.DOTALL);
  private static final Pattern PARTIAL = Pattern.compile("\\{\\{~?#?>");

  private final Handlebars html =
      configure(new Handlebars(new NoTemplates()).with(EscapingStrategy.HBS4));
  private final Handlebars text =
      configure(new Handlebars(new NoTemplates()).with(EscapingStrategy.NOOP));
  private final Cache<String, Template> htmlTemplates;
  private final Cache<String, Template> textTemplates;

  public TemplateRenderer() {
    this(DEFAULT_CACHE_SIZE);
  }

  /**
   * @param cacheSize how many compiled templates to keep per kind (HTML, text)
   */
  public TemplateRenderer(int cacheSize) {
    htmlTemplates = CacheBuilder.newBuilder().maximumSize(cacheSize).build();
    textTemplates = CacheBuilder.newBuilder().maximumSize(cacheSize).build();
  }

  /** One renderer for the whole process, so its cache is shared. */
  public static TemplateRenderer shared() {
    return SHARED;
  }

  /**
   * The template with values HTML-escaped (email bodies).
   *
   * @throws TemplateException when the template does not parse or a helper fails on its values
   */
  public String renderHtml(String template, Facts facts) {
    return render(html, htmlTemplates, template, facts);
  }

  /**
   * The template with values inserted as they are (SMS, subjects, plain text).
   *
   * @throws TemplateException when the template does not parse or a helper fails on its values
   */
  public String renderText(String template, Facts facts) {
    return render(text, textTemplates, template, facts);
  }

  /**
   * What is wrong with {@code template}, found without rendering it: parse errors (with line and
   * column), unknown helpers, partials.
   */
  public List<String> check(String template) {
    if (template == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    try {
      compile(text, textTemplates, template);
    } catch (TemplateException e) {
      problems.add(e.getMessage());
      return problems;
    }
    String code = COMMENT.matcher(template).replaceAll("");
    if (PARTIAL.matcher(code).find()) {
      problems.add("partials ({{> name}}) are not available");
    }
    return problems;
  }

  /** The names of the helpers templates may call. */
  public Set<String> helpers() {
    Set<String> names = new LinkedHashSet<>();
    text.helpers().forEach(e -> names.add(e.getKey()));
    return names;
  }

  private static String render(
      Handlebars handlebars, Cache<String, Template> cache, String template, Facts facts) {
    if (template == null || template.isEmpty()) {
      return "";
    }
    Template compiled = compile(handlebars, cache, template);
    Context context = Context.newBuilder(facts.roots()).resolver(MapValueResolver.INSTANCE).build();
    try {
      return compiled.apply(context);
    } catch (HandlebarsException e) {
      throw new TemplateException(firstLine(e.getMessage()), e);
    } catch (IOException | RuntimeException e) {
      throw new TemplateException("cannot render: " + e.getMessage(), e);
    } finally {
      context.destroy();
    }
  }

  private static Template compile(
      Handlebars handlebars, Cache<String, Template> cache, String template) {
    Template compiled = cache.getIfPresent(template);
    if (compiled == null) {
      try {
        compiled = handlebars.compileInline(template);
      } catch (HandlebarsException e) {
        throw new TemplateException(parseMessage(e), e);
      } catch (IOException | RuntimeException e) {
        throw new TemplateException("cannot read the template: " + e.getMessage(), e);
      }
      cache.put(template, compiled);
    }
    return compiled;
  }

  /** "inline@1a2b:1:12: found: …" becomes "at 1:12: found: …". */
  private static String parseMessage(HandlebarsException e) {
    var error = e.getError();
    if (error != null && error.reason != null) {
      return "at " + error.line + ":" + error.column + ": " + firstLine(error.reason);
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid template";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  private static Handlebars configure(Handlebars handlebars) {
    TemplateHelpers.all().forEach((name, helper) -> register(handlebars, name, helper));
    return handlebars;
  }

  private static void register(Handlebars handlebars, String name, Helper<?> helper) {
    handlebars.registerHelper(name, helper);
  }

  /** Partials would be read from somewhere: templates stand alone. */
  private static final class NoTemplates extends AbstractTemplateLoader {
    @Override
    public TemplateSource sourceAt(String location) throws IOException {
      throw new FileNotFoundException("partials are not available: " + location);
    }
  }
}
