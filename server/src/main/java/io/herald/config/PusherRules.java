package io.herald.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of {@code pusher}: every app complete, ids and keys unique, limits in range. */
final class PusherRules {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  /** Shortest app secret accepted (Pusher's own are 20 characters). */
  static final int MIN_SECRET_LENGTH = 16;

  /** Largest {@code maxEventDataSize} accepted: 1 MiB. */
  static final int MAX_EVENT_DATA_SIZE = 1024 * 1024;

  private PusherRules() {}

  static void check(PusherConfig pusher) {
    List<PusherApp> apps = ConfigValidator.required(pusher.apps(), "pusher.apps");
    Set<String> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < apps.size(); i++) {
      String at = "pusher.apps[" + i + "]";
      PusherApp app = ConfigValidator.required(apps.get(i), at);
      name(at + ".id", app.id(), ID, "1-32 letters, digits, _ or -", ids);
      name(at + ".key", app.key(), KEY, "1-128 letters, digits, _ - or .", keys);
      if (app.secret() == null || app.secret().isEmpty()) {
        ConfigValidator.fail(at + ".secret", "missing; every app needs a secret of at least "
            + MIN_SECRET_LENGTH + " characters (e.g. openssl rand -hex 16)");
      }
      if (app.secret().length() < MIN_SECRET_LENGTH) {
        ConfigValidator.fail(at + ".secret", "is " + app.secret().length()
            + " characters long; use at least " + MIN_SECRET_LENGTH
            + " (e.g. openssl rand -hex 16)");
      }
      if (app.webhookUrl() != null && !KeyFiles.isHttpUrl(app.webhookUrl())) {
        ConfigValidator.fail(at + ".webhookUrl", Scalars.quote(app.webhookUrl())
            + " is not an http(s) URL; use e.g. https://backend.example.com/pusher/webhooks");
      }
      int size = app.maxEventDataSize();
      if (size < 1 || size > MAX_EVENT_DATA_SIZE) {
        ConfigValidator.fail(at + ".maxEventDataSize",
            size + " is out of range; allowed 1-" + MAX_EVENT_DATA_SIZE);
      }
      int channels = app.maxChannelsPerTrigger();
      if (channels < 1 || channels > 1000) {
        ConfigValidator.fail(at + ".maxChannelsPerTrigger",
            channels + " is out of range; allowed 1-1000");
      }
      ConfigValidator.atLeast(at + ".clientEventRate", app.clientEventRate(), 1);
      ConfigValidator.atLeast(at + ".activityTimeout", app.activityTimeout(), Duration.ofSeconds(1));
      ConfigValidator.atLeast(at + ".maxConnections", app.maxConnections(), 0);
    }
  }

  private static void name(String key, String value, Pattern rule, String what, Set<String> seen) {
    if (value == null || value.isEmpty()) {
      ConfigValidator.fail(key, "missing; every app needs one (" + what + ")");
    }
    if (!rule.matcher(value).matches()) {
      ConfigValidator.fail(key, Scalars.quote(value) + " is not valid; use " + what);
    }
    if (!seen.add(value)) {
      ConfigValidator.fail(key, Scalars.quote(value) + " is used by two apps; it must be unique");
    }
  }
}
