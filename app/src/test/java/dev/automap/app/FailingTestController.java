package dev.automap.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** A route that fails as a bug would, to see what the client is told. */
@Requires(env = "test")
@Controller("/v1/test-failures")
class FailingTestController {
  @Get("/boom")
  String boom() {
    throw new IllegalStateException("select * from secret_table where id = ?");
  }
}
