package dev.automap.workers.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** Where Temporal is and which task queue automations run on. */
@ConfigurationProperties("temporal")
public record TemporalConfig(
    @Bindable(defaultValue = "localhost:7233") String address,
    @Bindable(defaultValue = "default") String namespace,
    @Bindable(defaultValue = "automations") String taskQueue,
    @Bindable(defaultValue = "false") boolean embedded) {}
