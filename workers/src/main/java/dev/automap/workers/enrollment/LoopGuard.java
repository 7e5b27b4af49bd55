package dev.automap.workers.enrollment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The limit on enrollments of one contact in one automation within a window: a map that re-triggers
 * itself is stopped there, and the stop is raised as {@code automation.loop_stopped}.
 */
@ConfigurationProperties("automap.loop-guard")
public record LoopGuard(
    @Bindable(defaultValue = "5") int maxEnrollments,
    @Bindable(defaultValue = "PT1H") Duration window) {}
