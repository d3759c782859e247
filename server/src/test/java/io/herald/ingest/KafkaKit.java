package io.herald.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * One in-process KRaft cluster (Kafka's own test kit: one combined broker and controller) shared
 * by every Kafka test of the JVM: started on first use (about 5 s), stopped when the JVM exits.
 * Tests use unique topic and group names.
 */
public final class KafkaKit {

  private static KafkaKit instance;

  static {
    // A test broker that meets a fatal fault (a log dir gone while it shuts down, say) calls
    // Exit.halt or Exit.exit, which would end the whole test JVM with a non-zero code after every
    // test passed. Kafka's own tests stop that the same way.
    Exit.setExitProcedure(KafkaKit::refuseToEnd);
    Exit.setHaltProcedure(KafkaKit::refuseToEnd);
  }

  private static void refuseToEnd(int status, String message) {
    System.err.println("a test Kafka broker asked to end the JVM (" + status + "): " + message);
  }

  private final KafkaClusterTestKit cluster;
  private final Admin admin;
  private final KafkaProducer<String, String> producer;

  private KafkaKit() throws Exception {
    cluster = startCluster(SecurityProtocol.PLAINTEXT);
    admin = cluster.admin();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(p);
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "kafka-kit-stop"));
  }

  /**
   * Starts a one-node KRaft cluster (a combined broker and controller) whose listeners speak
   * {@code protocol}; with SASL the test kit's PLAIN users apply ({@code plain-admin} /
   * {@code plain-admin-secret}). The caller closes it.
   */
  public static KafkaClusterTestKit startCluster(SecurityProtocol protocol) throws Exception {
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
        .setBrokerSecurityProtocol(protocol).setControllerSecurityProtocol(protocol).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    return kit;
  }

  /** The shared cluster, started on the first call. */
  public static synchronized KafkaKit get() throws Exception {
    if (instance == null) {
      instance = new KafkaKit();
    }
    return instance;
  }

  private void stop() {
    try {
      producer.close();
      admin.close();
      cluster.close();
    } catch (Exception e) {
      // the JVM is exiting
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public Admin admin() {
    return admin;
  }

  /** Creates {@code topics} with two partitions each. */
  public void createTopics(String... topics) throws Exception {
    List<NewTopic> list = new ArrayList<>();
    for (String t : topics) {
      list.add(new NewTopic(t, 2, (short) 1));
    }
    admin.createTopics(list).all().get();
  }

  /** Produces one record and waits for its ack. */
  public void produce(String topic, String key, String value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  /** The committed offsets of {@code group}, summed over partitions. */
  public long committed(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
  }
}
