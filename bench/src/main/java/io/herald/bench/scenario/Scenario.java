package io.herald.bench.scenario;

import io.herald.bench.client.LoadClient;
import java.util.List;
import java.util.Map;

/**
 * One benchmark scenario, run against each server in turn with the same parameters and the same
 * load generator. Implementations are bounded in count and time: every wait has a deadline.
 */
public interface Scenario {

  /** {@code idle}, {@code fanout}, {@code channels} or {@code connect}. */
  String name();

  /** The parameters, for the report header and the JSON. */
  Map<String, Object> params();

  /** Runs against one server, already started, and returns its figures. */
  Result run(Target target, LoadClient client) throws Exception;

  /** Table columns: result key and header, in order. */
  List<Column> columns();

  /**
   * Keys compared as herald / peer in the ratios line, with whether higher is better (for the
   * wording only; the ratio is always herald's value divided by the peer's).
   */
  Map<String, Boolean> ratioKeys();

  /** A table column. */
  record Column(String key, String header) {}

  /** Connections that may be settling at once while a scenario opens its connections. */
  int DEFAULT_IN_FLIGHT = 500;
}
