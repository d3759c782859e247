/**
 * The command line (picocli): {@code serve}, {@code dev}, {@code genconfig}, {@code checkconfig},
 * {@code token}, {@code version}. Top of the dependency graph: may use every package; none uses
 * it.
 */
package io.herald.cli;
