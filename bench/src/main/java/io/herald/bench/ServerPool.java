package io.herald.bench;

import io.herald.bench.client.LoadClient;
import io.herald.bench.peer.RunningServer;
import io.herald.bench.peer.ServerLauncher;
import io.herald.bench.scenario.Result;
import io.herald.bench.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers of a sweep or a repeated run, each started once and kept running, so that steps
 * and rounds can interleave them (herald, bare, nats, then the next step): every server then
 * sees the machine in the same state, give or take seconds, instead of one server getting a quiet
 * minute and the next a busy one. A server that is not measured sits idle (no connections).
 * Scenarios whose figure depends on the process's history (idle memory) ask for a fresh process
 * per round.
 */
final class ServerPool implements AutoCloseable {

  private static final PrintStream LOG = System.err;

  private final ServerLauncher launcher;
  private final Map<String, RunningServer> running = new LinkedHashMap<>();

  ServerPool(ServerLauncher launcher) {
    this.launcher = launcher;
  }

  /** {@code servers} rotated left by {@code round}: each server leads every n-th round. */
  static List<String> rotation(List<String> servers, int round) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      out.add(servers.get((i + round) % servers.size()));
    }
    return out;
  }

  /**
   * Runs {@code s} against {@code server}, starting it first when it is not running (or, with
   * {@code fresh}, stopping and restarting it). Never throws for the server's sake: a failure
   * is a result with {@code error}.
   */
  Result run(String server, Scenario s, LoadClient client, boolean fresh) {
    RunningServer rs = running.get(server);
    if (rs != null && fresh) {
      rs.close();
      running.remove(server);
      rs = null;
    }
    try {
      if (rs == null) {
        LOG.println("== " + server + ": starting");
        rs = launcher.start(server);
        running.put(server, rs);
        LOG.println("== " + server + ": pid " + rs.target().pid() + " on " + rs.target().address());
      }
    } catch (IOException | RuntimeException e) {
      return new Result(server).put("error", e.getMessage());
    }
    try {
      return s.run(rs.target(), client);
    } catch (Exception e) {
      e.printStackTrace(LOG);
      LOG.println("server log tail:\n" + rs.tail());
      rs.close();
      running.remove(server);
      return new Result(server).put("error", e.toString());
    }
  }

  /** Stops {@code server} if it runs (it is started again on its next {@link #run}). */
  void stop(String server) {
    RunningServer rs = running.remove(server);
    if (rs != null) {
      rs.close();
    }
  }

  @Override
  public void close() {
    running.values().forEach(RunningServer::close);
    running.clear();
  }
}
