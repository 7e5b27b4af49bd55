package dev.automap.app.operations;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.yml}: the OpenAPI 3.1 document the build generates from the controllers'
 * annotations (and {@code src/main/openapi} for the management endpoints). {@code /docs} shows it
 * with Redoc.
 */
@Controller
public class OpenApiController {
  static final String DOCUMENT = "META-INF/swagger/openapi.yml";
  public static final String YAML = "application/yaml";

  private final String document;

  public OpenApiController() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing: the build generates it");
      }
      document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get("/openapi.yml")
  @Produces(YAML)
  @Tag(name = "Operations")
  @Operation(
      summary = "The OpenAPI document",
      description =
          "This API described in OpenAPI 3.1, generated from the controllers when the app is"
              + " built. Needs no API key. `/docs` shows it as a browsable page.")
  @ApiResponse(
      responseCode = "200",
      description = "The document, as YAML",
      content =
          @Content(
              mediaType = YAML,
              examples =
                  @ExampleObject(
                      name = "document",
                      value = "openapi: 3.1.0\ninfo:\n  title: automap\n  version: \"1\"\n")))
  public HttpResponse<String> document() {
    return HttpResponse.ok(document).contentType(YAML);
  }
}
