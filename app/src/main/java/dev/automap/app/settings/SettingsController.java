package dev.automap.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.Problems;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.settings.AccountSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET/PUT /v1/settings}: the account's {@code frequencyCaps} per channel, default {@code
 * quietHours} and sender {@code from} (see {@link AccountSettings}). {@code PUT} replaces them
 * whole; a field that cannot be kept is a 400 naming it, and nothing is kept.
 */
@Controller("/v1/settings")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SettingsController {
  private final AccountSettings settings;

  public SettingsController(AccountSettings settings) {
    this.settings = settings;
  }

  @Get
  @Produces(MediaType.APPLICATION_JSON)
  public String get(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return MapJson.write(settings.get(account));
  }

  @Put
  @Produces(MediaType.APPLICATION_JSON)
  public String put(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Nullable @Body String body) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : MapJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-settings",
          "the body is not JSON: " + e.getOriginalMessage());
    }
    try {
      return MapJson.write(settings.put(account, node));
    } catch (AccountSettings.InvalidSettings e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-settings",
          "the settings were not kept",
          Problems.fieldErrors(e.problems()));
    }
  }
}
