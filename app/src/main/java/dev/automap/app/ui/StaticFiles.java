package dev.automap.app.ui;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.Map;

/**
 * The operator page's script, style and the Mermaid library it draws with (vendored from its npm
 * package, with its licence beside it). Only the files named here are served.
 */
@Tag(name = "Operator page")
@Controller("/ui/static")
public class StaticFiles {
  static final String MERMAID = "mermaid-11.17.2.min.js";
  private static final Map<String, MediaType> FILES =
      Map.of(
          MERMAID,
          MediaType.of("text/javascript"),
          "mermaid-LICENSE.txt",
          MediaType.TEXT_PLAIN_TYPE,
          "page.js",
          MediaType.of("text/javascript"),
          "page.css",
          MediaType.of("text/css"));

  @Operation(
      summary = "Operator page: static file",
      description =
          "A file the operator page loads: page.js, page.css, the vendored Mermaid library (mermaid-11.17.2.min.js) or its licence (mermaid-LICENSE.txt); any other name is a 404. Cached for an hour; needs no API key.")
  @io.swagger.v3.oas.annotations.Parameter(
      name = "name",
      description = "The file's name",
      example = "page.css",
      schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
  @ApiResponse(
      responseCode = "200",
      description = "The file, as text/javascript, text/css or text/plain",
      content =
          @Content(
              mediaType = "text/css",
              examples =
                  @ExampleObject(name = "response", value = "body { font-family: sans-serif; }")))
  @Get("/{name}")
  public HttpResponse<StreamedFile> file(@PathVariable String name) {
    MediaType type = FILES.get(name);
    InputStream in = type == null ? null : getClass().getResourceAsStream("/ui/" + name);
    if (in == null) {
      return HttpResponse.notFound();
    }
    return HttpResponse.ok(new StreamedFile(in, type)).header("Cache-Control", "max-age=3600");
  }
}
