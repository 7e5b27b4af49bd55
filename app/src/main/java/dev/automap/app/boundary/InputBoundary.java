package dev.automap.app.boundary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.app.problems.ProblemDetail.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place input is checked before any controller sees it, for every route (the
 * unauthenticated hooks and tracking paths too): text PostgreSQL cannot store (NUL, a UTF-16
 * surrogate without its pair) in the path, the query or anywhere in a JSON or form body is refused
 * with a 400 naming where; a charset the server does not know is a 415; a number no double holds is
 * a 400; ids, keys and names longer than {@link #MAX_NAME} characters are a 400 with the limit.
 */
@ServerFilter("/**")
public class InputBoundary implements Ordered {
  /** The longest id, key, name, email or phone the API takes. */
  public static final int MAX_NAME = 200;

  /** Properties holding names or identifiers, checked for length where they name the thing. */
  private static final Set<String> NAMES =
      Set.of(
          "id",
          "key",
          "name",
          "email",
          "phone",
          "type",
          "firstName",
          "lastName",
          "timezone",
          "title",
          "assignee",
          "calendar",
          "status",
          "list",
          "hookId",
          "tag");

  /** What a hook's body may carry to name its contact. */
  private static final Set<String> HOOK_NAMES =
      Set.of("email", "phone", "firstName", "lastName", "contactId");

  /** Objects whose keys are the sender's own data, not names the API gives meaning to. */
  private static final Set<String> FREE = Set.of("fields", "data", "body", "vars", "event");

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(1000).maxNumberLength(1000).build())
          .build();

  @Override
  public int getOrder() {
    // after authentication (order 0): an anonymous caller of /v1 gets its 401 first
    return 100;
  }

  /** Null lets the request through; a response refuses it. */
  @RequestFilter
  @Nullable
  public HttpResponse<ProblemDetail> check(
      HttpRequest<?> request, @Nullable RouteMatch<?> route, @Nullable @Body byte[] body) {
    List<FieldError> errors = new ArrayList<>();
    if (route instanceof UriRouteMatch<?, ?> uri) {
      uri.getVariableValues()
          .forEach((name, value) -> text("{" + name + "}", String.valueOf(value), errors));
    } else {
      text("{path}", request.getPath(), errors);
    }
    request
        .getParameters()
        .forEach(
            (name, values) -> {
              text("?" + name, name, errors);
              values.forEach(v -> text("?" + name, v, errors));
            });
    if (!errors.isEmpty()) {
      return refuse(
          new ApiProblem(
              HttpStatus.BAD_REQUEST, "unstorable-text", errors.getFirst().message(), errors));
    }
    Charset charset;
    try {
      charset = charset(request);
    } catch (IllegalArgumentException e) {
      return refuse(
          new ApiProblem(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "unsupported-charset",
              "the charset of the Content-Type is not known; send UTF-8"));
    }
    if (body == null || body.length == 0) {
      return null;
    }
    String contentType =
        String.valueOf(request.getHeaders().get("Content-Type")).toLowerCase(Locale.ROOT).trim();
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      form(new String(body, charset), charset, errors);
    } else if (looksLikeJson(body)) {
      // a hook's body is the sender's own: only what names its contact is held to the limit
      json(body, charset, request.getPath().startsWith("/hooks/") ? HOOK_NAMES : NAMES, errors);
    } else {
      text("", new String(body, charset), errors);
    }
    if (!errors.isEmpty()) {
      String type =
          errors.stream().anyMatch(e -> e.message().startsWith("at most"))
              ? "too-long"
              : errors.stream().anyMatch(e -> e.message().startsWith("a number"))
                  ? "number-out-of-range"
                  : "unstorable-text";
      return refuse(
          new ApiProblem(HttpStatus.BAD_REQUEST, type, errors.getFirst().message(), errors));
    }
    return null;
  }

  private static HttpResponse<ProblemDetail> refuse(ApiProblem problem) {
    return HttpResponse.<ProblemDetail>status(problem.status())
        .contentType(ProblemDetail.CONTENT_TYPE)
        .body(problem.toDetail());
  }

  /** The request's charset: UTF-8 unless the Content-Type names another this JVM knows. */
  static Charset charset(HttpRequest<?> request) {
    String header = request.getHeaders().get("Content-Type");
    if (header == null) {
      return StandardCharsets.UTF_8;
    }
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String name = p.substring(8).trim().replace("\"", "");
        try {
          if (!Charset.isSupported(name)) {
            throw new IllegalArgumentException(name);
          }
          return Charset.forName(name);
        } catch (IllegalCharsetNameException e) {
          throw new IllegalArgumentException(name, e);
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static boolean looksLikeJson(byte[] body) {
    for (byte b : body) {
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        continue;
      }
      return b == '{' || b == '[' || b == '"';
    }
    return false;
  }

  private static void form(String text, Charset charset, List<FieldError> errors) {
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
        text("/" + name, name, errors);
        text("/" + name, value, errors);
      } catch (IllegalArgumentException e) {
        return; // not form data after all: the route's own reading says so
      }
    }
  }

  /**
   * Walks the JSON with a streaming parser, keeping the JSON Pointer of each value. A body that
   * does not parse is left to the route, which says what is wrong with it.
   */
  private static void json(
      byte[] body, Charset charset, Set<String> names, List<FieldError> errors) {
    Deque<Object> path = new ArrayDeque<>(); // String property names and int[] array counters
    try (JsonParser parser =
        charset.equals(StandardCharsets.UTF_8)
            ? JSON.createParser(body)
            : JSON.createParser(new InputStreamReader(new ByteArrayInputStream(body), charset))) {
      JsonToken token;
      while ((token = parser.nextToken()) != null && errors.size() < 20) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> {
            advanceIndex(path);
            path.push(token == JsonToken.START_ARRAY ? new int[] {-1} : "");
          }
          case END_OBJECT, END_ARRAY -> path.pop();
          // the pointer of a value is spelled out only when something is wrong with it
          case FIELD_NAME -> {
            path.pop();
            String name = parser.currentName();
            path.push(name);
            String problem = unstorable(name);
            if (problem != null) {
              errors.add(new FieldError(pointer(path), problem));
            }
          }
          case VALUE_STRING -> {
            advanceIndex(path);
            String value = parser.getText();
            String problem = unstorable(value);
            if (problem != null) {
              errors.add(new FieldError(pointer(path), problem));
            }
            if (value.length() > MAX_NAME && isName(path, names)) {
              errors.add(new FieldError(pointer(path), "at most " + MAX_NAME + " characters"));
            }
          }
          case VALUE_NUMBER_FLOAT -> {
            advanceIndex(path);
            number(path, parser.getDecimalValue(), errors);
          }
          case VALUE_NUMBER_INT -> {
            advanceIndex(path);
            JsonParser.NumberType size = parser.getNumberType();
            if (size == JsonParser.NumberType.BIG_INTEGER
                || (size == JsonParser.NumberType.LONG
                    && parser.getLongValue() == Long.MIN_VALUE)) {
              number(path, new BigDecimal(parser.getBigIntegerValue()), errors);
            } // an int, or a long other than the smallest, is within range
          }
          default -> advanceIndex(path);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON, or JSON beyond the parser's limits: the route answers for it
    }
  }

  private static final BigDecimal LARGEST = new BigDecimal(Double.MAX_VALUE);
  private static final BigDecimal LARGEST_WHOLE = new BigDecimal(BigInteger.TWO.pow(63));

  private static void number(Deque<Object> path, BigDecimal value, List<FieldError> errors) {
    BigDecimal size = value.abs();
    if (size.compareTo(LARGEST) > 0) {
      errors.add(
          new FieldError(
              pointer(path), "a number between -" + Double.MAX_VALUE + " and " + Double.MAX_VALUE));
    } else if (value.scale() <= 0 && size.compareTo(LARGEST_WHOLE) >= 0) {
      errors.add(
          new FieldError(
              pointer(path),
              "a number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + " when whole"));
    }
  }

  /** Array elements count up as they come; an object's property names stand as they are. */
  private static void advanceIndex(Deque<Object> path) {
    if (!path.isEmpty() && path.peek() instanceof int[] index) {
      index[0]++;
    }
  }

  /**
   * A name-like property within the first two levels of objects, outside the sender's own data:
   * {@code /id}, {@code /0/id}, {@code /contact/email}, {@code /tags/3}.
   */
  private static boolean isName(Deque<Object> path, Set<String> names) {
    List<Object> outermostFirst = new ArrayList<>(path).reversed();
    int objects = 0;
    for (Object step : outermostFirst) {
      if (step instanceof String s) {
        objects++;
        if (FREE.contains(s) || objects > 2) {
          return false;
        }
      }
    }
    Object last = path.peek();
    if (last instanceof String name) {
      return names.contains(name) || (names == NAMES && name.endsWith("Id"));
    }
    if (names != NAMES) {
      return false;
    }
    // an element of a list of tags, ids or names
    List<Object> steps = new ArrayList<>(path);
    return steps.size() >= 2
        && steps.get(1) instanceof String list
        && (list.equals("tags") || list.endsWith("Ids") || list.equals("stages"));
  }

  static String pointer(Deque<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object step : new ArrayList<>(path).reversed()) {
      sb.append('/');
      if (step instanceof int[] index) {
        sb.append(index[0]);
      } else {
        sb.append(((String) step).replace("~", "~0").replace("/", "~1"));
      }
    }
    return sb.toString();
  }

  /** Adds a problem when the text holds what PostgreSQL cannot store. */
  static void text(String at, String value, List<FieldError> errors) {
    String problem = unstorable(value);
    if (problem != null) {
      errors.add(new FieldError(at, problem));
    }
  }

  /** Why PostgreSQL could not store this text, or null when it can. */
  public static String unstorable(String value) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return "contains a NUL character (\\u0000), which cannot be stored";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          return "contains an unpaired UTF-16 surrogate, which is not text";
        }
      } else if (Character.isLowSurrogate(c)) {
        return "contains an unpaired UTF-16 surrogate, which is not text";
      }
    }
    return null;
  }
}
