package dev.automap.workers.temporal;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.automap.definitions.model.MapJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;
import java.util.List;

/** The Temporal connection shared by the API and the worker. */
@Factory
public class TemporalFactory {

  /**
   * Payloads use the engine's JSON conventions, so a map reads the same everywhere, and large ones
   * travel compressed ({@link PayloadCompression}): the client, every worker, the preview and the
   * replay of recorded histories all read and write them with this one converter.
   */
  public static DataConverter dataConverter() {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance()
            .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(MapJson.mapper())),
        List.of(new PayloadCompression()));
  }

  /**
   * The SDK's metrics (workflow task latency, activity failures, schedule-to-start...) reported
   * into the app's Micrometer registry every second, so {@code /prometheus} shows them as {@code
   * temporal_*}. With metrics switched off there is no registry and the SDK reports nothing.
   */
  @Singleton
  @Bean(preDestroy = "close")
  Scope temporalMetricsScope(@Nullable MeterRegistry registry) {
    if (registry == null) {
      return new NoopScope();
    }
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
  }

  @Singleton
  @Bean(preDestroy = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalConfig config, Scope metrics) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(config.address())
            .setMetricsScope(metrics)
            .validateAndBuildWithDefaults());
  }

  @Singleton
  @Bean(preDestroy = "shutdown")
  OperatorServiceStubs operatorServiceStubs(TemporalConfig config) {
    return OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder()
            .setTarget(config.address())
            .validateAndBuildWithDefaults());
  }

  @Singleton
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalConfig config) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(config.namespace())
            .setDataConverter(dataConverter())
            .build());
  }
}
