/**
 * Internal: small helpers every layer may use ({@link io.herald.util.Completions}). Depends on
 * the JDK only.
 */
package io.herald.util;
