import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../services/platform/config.ts';
import { stackLayout } from '../../../tools/stack/layout.ts';
import { kafkaCluster } from '../../../tools/stack/kafka-server.ts';

const layout = stackLayout('/tmp/cw-cache');
const ports = { kafkaPort: 39092, controllerPort: 39093 };

describe('the local Kafka cluster layout', () => {
  it("given one broker, then the stack's historical files and ports", () => {
    const c = kafkaCluster(layout, ports);
    expect(c.brokers).toEqual(['127.0.0.1:39092']);
    expect(c.nodes).toEqual([
      {
        id: 1,
        port: 39092,
        controllerPort: 39093,
        dataDir: layout.kafkaDataDir,
        propsFile: path.join(layout.kafkaConfigDir, 'server.properties'),
        pidFile: layout.pidFile('kafka'),
        logFile: layout.logFile('kafka'),
      },
    ]);
    expect(c.clusterIdFile).toBe(layout.kafkaClusterIdFile);
  });

  it('given three brokers, then ports 10 apart and a data folder, log and PID file of their own each', () => {
    const c = kafkaCluster(layout, ports, 3);
    expect(c.brokers).toEqual(['127.0.0.1:39092', '127.0.0.1:39102', '127.0.0.1:39112']);
    expect(c.nodes.map((n) => n.controllerPort)).toEqual([39093, 39103, 39113]);
    expect(new Set(c.nodes.map((n) => n.dataDir)).size).toBe(3);
    for (const n of c.nodes) expect(n.dataDir.startsWith(c.dataRoot + path.sep)).toBe(true);
    expect(c.dataRoot).not.toBe(layout.kafkaDataDir); // a one-broker cluster's log is never read by three
    expect(c.nodes.map((n) => path.basename(n.pidFile))).toEqual(['kafka.pid', 'kafka-2.pid', 'kafka-3.pid']);
    expect(c.nodes.map((n) => path.basename(n.logFile))).toEqual(['kafka.log', 'kafka-2.log', 'kafka-3.log']);
    expect(c.nodes[0]!.propsFile).not.toBe(kafkaCluster(layout, ports).nodes[0]!.propsFile);
  });

  it('given a name, then files apart from the stack cluster (a test cluster next to it)', () => {
    const own = kafkaCluster(layout, ports, 3);
    const other = kafkaCluster(layout, { kafkaPort: 39592, controllerPort: 39593 }, 3, 'kafka-failover');
    const files = (c: typeof own) => c.nodes.flatMap((n) => [n.dataDir, n.propsFile, n.pidFile, n.logFile]);
    expect(files(other).filter((f) => files(own).includes(f))).toEqual([]);
  });

  it('refuses ports that would serve two brokers, and sizes outside 1 to 5', () => {
    expect(() => kafkaCluster(layout, { kafkaPort: 9092, controllerPort: 9102 }, 3)).toThrow(
      /port 9102 would serve two brokers/,
    );
    expect(() => kafkaCluster(layout, ports, 0)).toThrow(/1 to 5/);
    expect(() => kafkaCluster(layout, ports, 6)).toThrow(/1 to 5/);
  });

  it('KAFKA_LOCAL_BROKERS lists every local broker as a bootstrap server', () => {
    expect(loadConfig({ KAFKA_PORT: '39092', KAFKA_LOCAL_BROKERS: '3' }).kafka.brokers).toEqual(
      kafkaCluster(layout, ports, 3).brokers,
    );
    expect(loadConfig({}).kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(loadConfig({ KAFKA_LOCAL_BROKERS: '3', KAFKA_BROKERS: 'k:1' }).kafka.brokers).toEqual(['k:1']);
  });
});
