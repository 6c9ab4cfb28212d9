// A small chainable harness for engine tests that reads like the story it tests:
// cluster(3).topic('orders', 3, 3).producer(...).advance(1000).kill(2)
import type { SimulationSetup, TopicSetup, ProducerSetup, GroupSetup } from '../setup';
import type { ClusterConfig } from '../types';
import { Simulation } from '../simulation';

export class ClusterBuilder {
  private setup: SimulationSetup;
  constructor(brokerCount: number) {
    this.setup = {
      brokers: Array.from({ length: brokerCount }, (_, i) => ({ id: i + 1 })),
      topics: [],
      producers: [],
      groups: [],
    };
  }
  config(config: Partial<ClusterConfig>): this {
    this.setup.clusterConfig = { ...this.setup.clusterConfig, ...config };
    return this;
  }
  topic(name: string, partitions: number, replicationFactor: number, extra: Partial<TopicSetup> = {}): this {
    this.setup.topics.push({ name, partitions, replicationFactor, ...extra });
    return this;
  }
  producer(p: ProducerSetup): this {
    this.setup.producers.push(p);
    return this;
  }
  group(g: GroupSetup): this {
    this.setup.groups.push(g);
    return this;
  }
  build(seed = 1): Simulation {
    return Simulation.create(this.setup, seed);
  }
  get definition(): SimulationSetup {
    return this.setup;
  }
}

export const cluster = (brokers: number): ClusterBuilder => new ClusterBuilder(brokers);
