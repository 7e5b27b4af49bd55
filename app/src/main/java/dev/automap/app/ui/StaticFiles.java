package dev.automap.app.ui;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import java.io.InputStream;
import java.util.Map;

/**
 * The operator page's script, style and the Mermaid library it draws with (vendored from its npm
 * package, with its licence beside it). Only the files named here are served.
 */
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
