/**
 * Public API: the configuration, one immutable tree of records ({@link
 * io.herald.config.HeraldConfig}) loaded once from YAML, {@code HERALD_*} variables and flags,
 * validated with errors that name the key (docs/config.md).
 *
 * <p>Depends on nothing of Herald (Jackson YAML only); every other package may read it.
 */
package io.herald.config;
