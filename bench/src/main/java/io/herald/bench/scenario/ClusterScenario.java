package io.herald.bench.scenario;

import io.herald.bench.client.LoadClient;
import java.util.List;
import java.util.Map;

/**
 * {@code cluster}: the {@code fanout} scenario against a server of several nodes. Subscribers
 * are spread round-robin over the nodes ({@link Target#addresses}), publishes go to the first
 * node, so each publication crosses the nodes' broker to reach most subscribers; server CPU is
 * summed over the nodes. Against a single-process server it is plain {@code fanout}, which makes
 * one node and a cluster comparable in one run.
 */
public final class ClusterScenario implements Scenario {

  private final FanoutScenario fanout;

  public ClusterScenario(FanoutScenario fanout) {
    this.fanout = fanout;
  }

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public Map<String, Object> params() {
    return fanout.params();
  }

  @Override
  public Result run(Target target, LoadClient client) throws Exception {
    return fanout.run(target, client).put("nodes", target.addresses().size());
  }

  @Override
  public List<Column> columns() {
    List<Column> cols = new java.util.ArrayList<>(List.of(new Column("nodes", "nodes")));
    cols.addAll(fanout.columns());
    return cols;
  }

  @Override
  public Map<String, Boolean> ratioKeys() {
    return fanout.ratioKeys();
  }
}
