package io.herald.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reflection over the config records, shared by the file mapper, the environment overrides and
 * the template: the key names of a record are its component names, in declaration order.
 */
final class Records {

  /**
   * Keys that exist in a record but are not written in a file or the environment: the default
   * namespace has no name.
   */
  static final Set<String> HIDDEN = Set.of("defaultNamespace.name");

  /** Keys whose values are secrets: never repeated in an error message. */
  static final Set<String> SECRETS = Set.of("token.hmacSecret", "api.key", "admin.password",
      "ingest.daprToken", "pusher.apps.secret", "webhooks.secret");

  /** What a new element of a list of records starts from before its keys are read. */
  private static final Map<Class<?>, Record> ELEMENT_DEFAULTS =
      Map.of(NamespaceConfig.class, NamespaceConfig.defaults(""),
          IngestSource.class, IngestSource.defaults(),
          PusherApp.class, PusherApp.defaults(),
          WebhookEndpoint.class, WebhookEndpoint.defaults());

  private Records() {}

  /** True when the value of {@code key} is a secret; list indexes are ignored. */
  static boolean isSecret(String key) {
    return SECRETS.contains(key.replaceAll("\\[\\d+]", ""));
  }

  static RecordComponent[] components(Class<?> type) {
    return type.getRecordComponents();
  }

  /** The component names of {@code type}, in declaration order. */
  static List<String> names(Class<?> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  static Object get(Record r, RecordComponent c) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c, e);
    }
  }

  /** Builds a {@code type} through its canonical constructor. */
  static <R extends Record> R create(Class<R> type, Object[] values) {
    Class<?>[] types =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class[]::new);
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot create " + type.getSimpleName(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + type.getSimpleName(), e);
    }
  }

  /** A copy of {@code r} whose component at {@code path[from]} (nested below) is {@code value}. */
  @SuppressWarnings("unchecked")
  static <R extends Record> R with(R r, String[] path, int from, Object value) {
    RecordComponent[] cs = components(r.getClass());
    Object[] values = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      values[i] = get(r, cs[i]);
      if (cs[i].getName().equals(path[from])) {
        values[i] =
            from == path.length - 1 ? value : with((Record) values[i], path, from + 1, value);
      }
    }
    return create((Class<R>) r.getClass(), values);
  }

  /** True for a component holding a nested record (a section such as {@code client}). */
  static boolean isRecord(RecordComponent c) {
    return c.getType().isRecord();
  }

  /** The element type of a {@code List<X>} component, or null when {@code c} is not a list. */
  static Class<?> listElement(RecordComponent c) {
    if (c.getType() != List.class) {
      return null;
    }
    Type arg = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
    return (Class<?>) arg;
  }

  /** The starting value of a new element of a list of {@code type} records. */
  static Record elementDefault(Class<?> type) {
    Record r = ELEMENT_DEFAULTS.get(type);
    if (r == null) {
      throw new IllegalStateException("no element default for " + type.getSimpleName());
    }
    return r;
  }

  /** {@code parent.name}, or {@code name} at the top. */
  static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }
}
