/**
 * Feature: operations endpoints: readiness ({@link io.herald.ops.Readiness}) and {@link
 * io.herald.ops.OpsRoutes}, which mounts {@code /health}, {@code /ready} and {@code /metrics}.
 * May depend on {@code engine}, {@code metrics} and {@code transport} (to mount routes).
 */
package io.herald.ops;
