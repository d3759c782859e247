package io.herald.clients;

import io.nats.client.AuthHandler;
import io.nats.client.Nats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a NATS connection proves who it is from a {@code credentialsFile}, for the broker and the
 * ingestion sources alike. Three kinds of file are read:
 *
 * <ul>
 *   <li>a {@code .creds} file (a user JWT block and an NKey seed block, as {@code nsc generate
 *       creds} or a NATS service writes it): read again on every connect, so a renewed file is
 *       used from the next reconnect on;
 *   <li>a file with only the NKey seed block, for a server that lists the user's public NKey;
 *   <li>a bare NKey seed (one line starting with {@code SU}, as {@code nsc}'s {@code .nk} files
 *       hold it), read once.
 * </ul>
 */
public final class NatsCredentials {

  private NatsCredentials() {}

  /**
   * The auth handler for {@code file}.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static AuthHandler handler(String file) {
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the NATS credentials file " + file, e);
    }
    if (text.contains("BEGIN NATS USER JWT")) {
      return Nats.credentials(file);
    }
    if (text.contains("BEGIN USER NKEY SEED")) {
      return Nats.credentials(null, file);
    }
    return Nats.staticCredentials(null, text.strip().toCharArray());
  }
}
